import { randomUUID } from 'node:crypto';
import { IHeaders, Kafka, logLevel } from 'kafkajs';
import { deadLetterTopicOf } from '@jiuzhu/contracts';
import { kafkaClientSecurity, KafkaSettings } from '../transports/kafka-config';

export interface ReplayOptions extends Pick<KafkaSettings, 'sasl' | 'ssl'> {
  brokers: string[];
  /** The original topic: its dead letters are read from `<topic>.dlt` and republished to it. */
  topic: string;
  /** Only messages dead-lettered at or after this instant. */
  since?: Date;
  /** Only what this consumer group dead-lettered (several services' dead letters of one topic share its `.dlt`). */
  consumerGroup?: string;
  progress?: (line: string) => void;
}

export interface ReplayResult {
  /** Messages put back on the topic. */
  republished: number;
  /** Dead letters in the range left alone (another consumer group's). */
  skipped: number;
}

/**
 * Puts dead letters back on their topic, key, value and headers as they were, without the
 * `dlt-*` headers: once the consumer knows the version, or the fault is fixed, they are consumed
 * like any message. Safe to run twice: each event keeps its id, and the inbox of a consumer that
 * handled it already does nothing. What is dead-lettered while it runs (a message that fails
 * again) is left for the next run: the range ends where the dead-letter topic ended at the start.
 */
export async function replayDeadLetters(o: ReplayOptions): Promise<ReplayResult> {
  const progress = o.progress ?? (() => undefined);
  const dlt = deadLetterTopicOf(o.topic);
  const kafka = new Kafka({ clientId: 'jiuzhu-dlt-replay', brokers: o.brokers, ...kafkaClientSecurity(o), logLevel: logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map((await admin.fetchTopicOffsets(dlt)).map((p) => [p.partition, { low: BigInt(p.low), high: BigInt(p.high) }]));
    const fromTime = o.since ? new Map((await admin.fetchTopicOffsetsByTimestamp(dlt, o.since.getTime())).map((p) => [p.partition, BigInt(p.offset)])) : undefined;
    const ranges = new Map<number, { from: bigint; to: bigint }>();
    for (const [partition, { low, high }] of ends) {
      const t = fromTime?.get(partition);
      const from = t === undefined ? low : t < 0n ? high : t > low ? t : low;
      if (from < high) ranges.set(partition, { from, to: high });
    }
    const total = [...ranges.values()].reduce((n, r) => n + Number(r.to - r.from), 0);
    progress(`${dlt}: ${total} dead letter(s) in range${o.since ? ` since ${o.since.toISOString()}` : ''}${o.consumerGroup ? ` (group ${o.consumerGroup} only)` : ''}`);
    if (total === 0) return { republished: 0, skipped: 0 };
    return await copyBack(kafka, dlt, o, ranges, progress, total);
  } finally {
    await admin.disconnect();
  }
}

async function copyBack(
  kafka: Kafka,
  dlt: string,
  o: ReplayOptions,
  ranges: Map<number, { from: bigint; to: bigint }>,
  progress: (line: string) => void,
  total: number,
): Promise<ReplayResult> {
  const groupId = `jiuzhu.dlt-replay.${randomUUID()}`;
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await producer.connect();
  await consumer.connect();
  const result: ReplayResult = { republished: 0, skipped: 0 };
  const open = new Set(ranges.keys());
  try {
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
      consumer
        .subscribe({ topics: [dlt], fromBeginning: true })
        .then(() =>
          consumer.run({
            eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
              const range = ranges.get(batch.partition);
              if (!range || !open.has(batch.partition)) return;
              const mine = batch.messages.filter((m) => BigInt(m.offset) >= range.from && BigInt(m.offset) < range.to);
              const wanted = mine.filter((m) => !o.consumerGroup || header(m.headers, 'dlt-consumer-group') === o.consumerGroup);
              if (wanted.length) {
                await producer.send({
                  topic: o.topic,
                  acks: -1,
                  messages: wanted.map((m) => ({ key: m.key, value: m.value, headers: withoutDeadLetterHeaders(m.headers) })),
                });
              }
              result.republished += wanted.length;
              result.skipped += mine.length - wanted.length;
              for (const m of batch.messages) resolveOffset(m.offset);
              await heartbeat();
              progress(`${o.topic}: ${result.republished + result.skipped}/${total} done (${result.republished} republished)`);
              const last = batch.messages.length ? BigInt(batch.messages[batch.messages.length - 1].offset) : -1n;
              if (last >= range.to - 1n) open.delete(batch.partition);
              if (open.size === 0) resolve();
            },
          }),
        )
        .then(() => {
          for (const [partition, r] of ranges) consumer.seek({ topic: dlt, partition, offset: String(r.from) });
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  progress(`${o.topic}: ${result.republished} republished${result.skipped ? `, ${result.skipped} of other groups left alone` : ''}`);
  return result;
}

function header(h: IHeaders | undefined, key: string): string | undefined {
  const v = h?.[key];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.toString();
}

function withoutDeadLetterHeaders(h: IHeaders | undefined): IHeaders {
  return Object.fromEntries(Object.entries(h ?? {}).filter(([k]) => !k.startsWith('dlt-')));
}
