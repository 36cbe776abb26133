import { Admin, Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Partitions for topics this service creates on start; consumers in a group scale up to this. */
  topicPartitions: number;
  replicationFactor: number;
  /**
   * Put before every topic name on the broker (default none); the names in contracts and in the
   * outbox stay as they are. Test suites running in parallel on one broker each use their own, so
   * one suite's services never consume another suite's events.
   */
  topicPrefix?: string;
}

/** The name `topic` has on the broker. */
export function brokerTopic(s: Pick<KafkaSettings, 'topicPrefix'>, topic: string): string {
  return `${s.topicPrefix ?? ''}${topic}`;
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
    try {
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((topic) => ({ topic, numPartitions: s.topicPartitions, replicationFactor: s.replicationFactor })),
      });
    } catch (e) {
      // Two services starting together may race to create the same topic.
      if (!/already exists/i.test(String((e as Error).message))) throw e;
    }
    await untilLed(admin, missing);
  } finally {
    await admin.disconnect();
  }
}

const LEADERS_TIMEOUT_MS = 30_000;

/**
 * Waits until every partition of `topics` has a leader. kafkajs's own `waitForLeaders` retries only
 * LEADER_NOT_AVAILABLE, but a KRaft broker answers UNKNOWN_TOPIC_OR_PARTITION ("This server does not
 * host this topic-partition") until a topic just created reaches its metadata cache, and the
 * service then failed to start when several created topics at once (tulios/kafkajs#815).
 */
async function untilLed(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      if (found.length === topics.length && found.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (e) {
      if (!['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE'].includes((e as { type?: string }).type ?? '')) throw e;
    }
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no partition leaders after ${LEADERS_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
