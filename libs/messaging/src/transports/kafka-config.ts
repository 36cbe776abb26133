import { Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Partitions for topics this service creates on start; consumers in a group scale up to this. */
  topicPartitions: number;
  replicationFactor: number;
}

export function createKafka(s: KafkaSettings, log: Logger): Kafka {
  return new Kafka({
    clientId: s.clientId,
    brokers: s.brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8 },
    logCreator:
      () =>
      ({ level, log: entry }) => {
        const { message, ...rest } = entry;
        if (level <= logLevel.ERROR) log.error({ kafka: rest }, message);
        else if (level === logLevel.WARN) log.warn({ kafka: rest }, message);
      },
  });
}

/** Creates topics (and their dead-letter topics) that do not exist yet; existing ones are left alone. */
export async function ensureTopics(kafka: Kafka, topics: string[], s: KafkaSettings): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: s.topicPartitions, replicationFactor: s.replicationFactor })),
    });
  } catch (e) {
    // Two services starting together may race to create the same topic.
    if (!/already exists/i.test(String((e as Error).message))) throw e;
  } finally {
    await admin.disconnect();
  }
}
