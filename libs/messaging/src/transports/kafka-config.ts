import { Admin, Kafka, KafkaConfig, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { ConfigError } from '@jiuzhu/common';

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
  /** How the service proves who it is to the broker; ACLs then decide what it may do (docs/security.md). */
  sasl?: KafkaSasl;
  /** TLS to the brokers (certificates checked against Node's CAs, plus NODE_EXTRA_CA_CERTS). */
  ssl?: boolean;
}

export const KAFKA_SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;

type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** A username/password login by one of the mechanisms (one member per mechanism, as kafkajs types it). */
export type KafkaSasl = { [M in KafkaSaslMechanism]: { mechanism: M; username: string; password: string } }[KafkaSaslMechanism];

/**
 * The broker login from the environment: `KAFKA_SASL_MECHANISM` with `KAFKA_USERNAME` and
 * `KAFKA_PASSWORD`, and `KAFKA_SSL=true` for TLS; none of them means an open PLAINTEXT broker.
 * `read` is how the caller looks a name up (a service tries `<PREFIX>_<NAME>` first). Half a login is
 * refused at start, one line per problem, instead of failing later as an authentication error.
 */
export function kafkaSecurityFromEnv(read: (name: string) => string | undefined): Pick<KafkaSettings, 'sasl' | 'ssl'> {
  const get = (name: string) => read(name)?.trim() || undefined;
  const [mechanism, username, password, ssl] = ['KAFKA_SASL_MECHANISM', 'KAFKA_USERNAME', 'KAFKA_PASSWORD', 'KAFKA_SSL'].map(get);
  const problems: string[] = [];
  if (ssl !== undefined && ssl !== 'true' && ssl !== 'false') problems.push(`KAFKA_SSL=${JSON.stringify(ssl)} is invalid: must be true or false (TLS to the brokers)`);
  const known = (KAFKA_SASL_MECHANISMS as readonly string[]).includes(mechanism ?? '');
  if (mechanism === undefined) {
    if (username !== undefined || password !== undefined) problems.push(`KAFKA_USERNAME/KAFKA_PASSWORD are set but KAFKA_SASL_MECHANISM is not (one of ${KAFKA_SASL_MECHANISMS.join(', ')})`);
  } else if (!known) {
    problems.push(`KAFKA_SASL_MECHANISM=${JSON.stringify(mechanism)} is invalid: must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}`);
  } else {
    if (username === undefined) problems.push(`KAFKA_USERNAME is required with KAFKA_SASL_MECHANISM=${mechanism} (the service's principal on the broker)`);
    if (password === undefined) problems.push(`KAFKA_PASSWORD is required with KAFKA_SASL_MECHANISM=${mechanism}`);
    // PLAIN hands the password itself to the broker; only over TLS.
    if (mechanism === 'plain' && ssl !== 'true') problems.push('KAFKA_SASL_MECHANISM=plain sends the password in clear: set KAFKA_SSL=true, or use scram-sha-512');
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    ...(mechanism ? { sasl: { mechanism, username: username!, password: password! } as KafkaSasl } : {}),
    ssl: ssl === 'true',
  };
}

/** The login and TLS part of a kafkajs client's configuration. */
export function kafkaClientSecurity(s: Pick<KafkaSettings, 'sasl' | 'ssl'>): Pick<KafkaConfig, 'sasl' | 'ssl'> {
  return { ...(s.sasl ? { sasl: { ...s.sasl } } : {}), ...(s.ssl ? { ssl: true } : {}) };
}

/** The name `topic` has on the broker. */
export function brokerTopic(s: Pick<KafkaSettings, 'topicPrefix'>, topic: string): string {
  return `${s.topicPrefix ?? ''}${topic}`;
}

export function createKafka(s: KafkaSettings, log: Logger): Kafka {
  return new Kafka({
    clientId: s.clientId,
    brokers: s.brokers,
    ...kafkaClientSecurity(s),
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
