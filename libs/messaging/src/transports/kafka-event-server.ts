import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { contractForPattern, deadLetterTopicOf, envelopeFromMessage, EventEnvelope } from '@jiuzhu/contracts';
import type { Logger } from 'pino';
import { DEFAULT_RETRY_POLICY, dispatchBatch, RetryPolicy } from '../dispatcher';
import { ensureTopics, KafkaSettings } from './kafka-config';
import { invokeNestHandler } from './nest-handler';

/**
 * Kafka receiving side as a Nest transport strategy: the service's `@EventPattern('<type>.v<n>')`
 * handlers are looked up by the event's CloudEvents type and version. One consumer group per
 * service, so replicas share partitions and scale out. Partitions are consumed concurrently, each
 * in order, in batches that share one database transaction (see `dispatchBatch`). A message that
 * keeps failing is copied to `<topic>.dlt` with the error and the offset is committed, so one poison
 * message cannot stall a partition.
 */

/** Messages applied per transaction: large enough to amortise the commit, small enough to keep latency low. */
const CHUNK = 200;
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private dltProducer?: Producer;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly settings: KafkaSettings,
    private readonly log: Logger,
    private readonly runInBatch: <T>(work: () => Promise<T>) => Promise<T>,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {
    super();
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      const topics = this.subscribedTopics();
      if (topics.length === 0) return callback();
      await ensureTopics(this.kafka, [...topics, ...topics.map(deadLetterTopicOf)], this.settings);
      this.dltProducer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await this.dltProducer.connect();
      this.consumer = this.kafka.consumer({ groupId: this.groupId, sessionTimeout: 30_000, heartbeatInterval: 3_000, allowAutoTopicCreation: false });
      await this.consumer.connect();
      await this.consumer.subscribe({ topics, fromBeginning: true });
      await this.consumer.run({
        partitionsConsumedConcurrently: this.settings.topicPartitions,
        eachBatchAutoResolve: false,
        eachBatch: (p) => this.onBatch(p),
      });
      callback();
    } catch (e) {
      callback(e);
    }
  }

  private subscribedTopics(): string[] {
    const topics = new Set<string>();
    for (const pattern of this.messageHandlers.keys()) {
      const c = contractForPattern(pattern);
      if (!c) throw new Error(`@EventPattern('${pattern}') names no known event contract`);
      topics.add(c.topic);
    }
    return [...topics];
  }

  private async onBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    for (let i = 0; i < batch.messages.length; i += CHUNK) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(i, i + CHUNK);
      const events: { message: KafkaMessage; envelope: EventEnvelope }[] = [];
      for (const message of chunk) {
        const parsed = envelopeFromMessage(stringHeaders(message.headers), message.value?.toString('utf8') ?? null);
        if (parsed.ok) events.push({ message, envelope: parsed.envelope });
        else await this.deadLetter(topic, partition, message.offset, message.key, message.value, message.headers, 'not-an-event', parsed.reason, 0);
      }
      const outcomes = await dispatchBatch(
        events.map((e) => e.envelope),
        (p) => this.messageHandlers.has(p),
        (p, e) => invokeNestHandler(this, p, e, { topic, partition, transport: 'kafka' }),
        this.retry,
        this.runInBatch,
      );
      for (let k = 0; k < outcomes.length; k++) {
        const o = outcomes[k];
        const { message } = events[k];
        if (o.kind === 'dead-letter') await this.deadLetter(topic, partition, message.offset, message.key, message.value, message.headers, o.reason, o.error, o.attempts);
      }
      resolveOffset(chunk[chunk.length - 1].offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    offset: string,
    key: Buffer | null,
    value: Buffer | null,
    headers: IHeaders | undefined,
    reason: string,
    error: string,
    attempts: number,
  ): Promise<void> {
    this.log.error({ group: this.groupId, topic, partition, offset, reason, error }, 'event dead-lettered');
    await this.dltProducer!.send({
      topic: deadLetterTopicOf(topic),
      acks: -1,
      messages: [
        {
          key,
          value,
          headers: {
            ...(headers ?? {}),
            'dlt-reason': reason,
            'dlt-error': error.slice(0, 2000),
            'dlt-attempts': String(attempts),
            'dlt-consumer-group': this.groupId,
            'dlt-original-topic': topic,
            'dlt-original-partition': String(partition),
            'dlt-original-offset': offset,
          },
        },
      ],
    });
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    await this.dltProducer?.disconnect();
    this.consumer = undefined;
    this.dltProducer = undefined;
  }

  on(): never {
    throw new Error('KafkaEventServer has no events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}

function stringHeaders(h: IHeaders | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(h ?? {})) {
    const first = Array.isArray(v) ? v[0] : v;
    out[k] = first === undefined ? undefined : Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return out;
}
