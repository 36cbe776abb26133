import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopicOf, envelopeFromMessage, EventEnvelope } from '@jiuzhu/contracts';
import type { Logger } from 'pino';
import { ConsumerStatus, ReportsConsumerStatus } from '../consumer-status';
import { ConsumerLookup, DEFAULT_RETRY_POLICY, describeFailure, dispatchBatch, RetryPolicy } from '../dispatcher';
import { Inbox } from '../inbox';
import { registeredConsumers } from './consume-event';
import { ConsumerCounters, ConsumerReport } from './consumer-report';
import { brokerTopic, ensureTopics, KafkaSettings } from './kafka-config';

/**
 * Kafka receiving side as a Nest transport strategy: the service's `@ConsumeEvent` handlers are
 * looked up by the event's CloudEvents type and version and run inside the inbox. One consumer
 * group per service, so replicas share partitions and scale out. Partitions are consumed
 * concurrently, each in order, in batches that share one database transaction (see
 * `dispatchBatch`). A message that cannot be handled — not an event, too large, too deep, breaking
 * its contract, of a version this consumer does not know, or failing its handler after the retries —
 * is copied to `<topic>.dlt` with the reason and the offset is committed, so one poison message
 * cannot stall a partition. Should the consumer stop anyway, it is started again.
 */

/** Messages applied per transaction: large enough to amortise the commit, small enough to keep latency low. */
const CHUNK = 200;
/** Pause before starting a consumer again that kafkajs gave up on, doubled up to the maximum. */
const RESTART_BACKOFF = { initialMs: 500, maxMs: 30_000 };

export class KafkaEventServer extends Server implements CustomTransportStrategy, ReportsConsumerStatus {
  private consumer?: Consumer;
  private dltProducer?: Producer;
  private lookup?: ConsumerLookup;
  private topics: string[] = [];
  private readonly report = new ConsumerReport();
  private closing = false;
  private restartTimer?: NodeJS.Timeout;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly settings: KafkaSettings,
    private readonly log: Logger,
    private readonly inbox: Inbox,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {
    super();
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      const registered = registeredConsumers(this);
      this.lookup = registered;
      this.topics = registered.topics;
      if (this.topics.length === 0) return callback();
      this.report.enter('starting', this.topics);
      const onBroker = this.onBroker();
      await ensureTopics(this.kafka, [...onBroker, ...onBroker.map(deadLetterTopicOf)], this.settings);
      this.dltProducer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await this.dltProducer.connect();
      await this.startConsumer();
      callback();
    } catch (e) {
      this.report.enter('crashed', this.topics, describeFailure(e));
      callback(e);
    }
  }

  /** The subscribed topics' names on the broker (the status reports their contract names). */
  private onBroker(): string[] {
    return this.topics.map((t) => brokerTopic(this.settings, t));
  }

  private async startConsumer(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.groupId, sessionTimeout: 30_000, heartbeatInterval: 3_000, allowAutoTopicCreation: false });
    this.consumer = consumer;
    const current = () => this.consumer === consumer && !this.closing;
    consumer.on(consumer.events.GROUP_JOIN, () => current() && this.report.enter('running'));
    consumer.on(consumer.events.REBALANCING, () => current() && this.report.enter('rebalancing'));
    consumer.on(consumer.events.CRASH, ({ payload }) => current() && this.onCrash(consumer, payload.error, payload.restart));
    this.report.enter('starting');
    await consumer.connect();
    await consumer.subscribe({ topics: this.onBroker(), fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: this.settings.topicPartitions,
      eachBatchAutoResolve: false,
      eachBatch: (p) => this.onBatch(p),
    });
  }

  /**
   * kafkajs restarts a consumer after errors it deems retriable and leaves the group for good after
   * any other; a consumer that stopped consumes nothing while the pod looks healthy, so it is started
   * again here, with backoff, and readiness sees `crashed` until it has joined its group again.
   */
  private onCrash(consumer: Consumer, error: Error, kafkajsRestarts: boolean, backoffMs = RESTART_BACKOFF.initialMs): void {
    const reason = describeFailure(error);
    this.report.enter('crashed', this.topics, reason);
    this.log.error({ group: this.groupId, error: reason, kafkajsRestarts }, 'event consumer crashed');
    if (kafkajsRestarts) return;
    this.restartTimer = setTimeout(async () => {
      if (this.consumer !== consumer || this.closing) return;
      await consumer.disconnect().catch(() => undefined);
      try {
        await this.startConsumer();
      } catch (e) {
        if (!this.closing) this.onCrash(this.consumer ?? consumer, e as Error, false, Math.min(backoffMs * 2, RESTART_BACKOFF.maxMs));
      }
    }, backoffMs);
  }

  private async onBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    for (let i = 0; i < batch.messages.length; i += CHUNK) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(i, i + CHUNK);
      const events: { message: KafkaMessage; envelope: EventEnvelope }[] = [];
      for (const message of chunk) {
        const parsed = readEnvelope(message);
        if (parsed.ok) events.push({ message, envelope: parsed.envelope });
        else await this.deadLetter(topic, partition, message, 'not-an-event', parsed.reason, 0);
      }
      const outcomes = await dispatchBatch(
        events.map((e) => e.envelope),
        this.lookup!,
        this.inbox,
        this.retry,
      );
      for (let k = 0; k < outcomes.length; k++) {
        const o = outcomes[k];
        const { message, envelope } = events[k];
        this.report.count(o);
        if (o.kind === 'ignored' && o.unknownType) this.log.warn({ group: this.groupId, topic, partition, offset: message.offset, type: envelope.type }, 'event of an unknown type ignored');
        if (o.kind === 'dead-letter') await this.deadLetter(topic, partition, message, o.reason, o.error, o.attempts);
      }
      resolveOffset(chunk[chunk.length - 1].offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, reason: string, error: string, attempts: number): Promise<void> {
    this.log.error({ group: this.groupId, topic, partition, offset: message.offset, reason, error }, 'event dead-lettered');
    await this.dltProducer!.send({
      topic: deadLetterTopicOf(topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...(message.headers ?? {}),
            'dlt-reason': reason,
            'dlt-error': error.slice(0, 2000),
            'dlt-attempts': String(attempts),
            'dlt-consumer-group': this.groupId,
            'dlt-original-topic': topic,
            'dlt-original-partition': String(partition),
            'dlt-original-offset': message.offset,
            'dlt-at': new Date().toISOString(),
          },
        },
      ],
    });
    if (reason === 'not-an-event') this.report.deadLettered();
  }

  consumerStatus(): ConsumerStatus {
    return this.report.consumerStatus();
  }

  counters(): ConsumerCounters {
    return this.report.counters();
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restartTimer);
    await this.consumer?.disconnect();
    await this.dltProducer?.disconnect();
    this.consumer = undefined;
    this.dltProducer = undefined;
    if (this.topics.length) this.report.enter('stopped');
  }

  on(): never {
    throw new Error('KafkaEventServer has no events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}

/** Headers and value to an envelope; whatever the bytes are, a reason instead of an exception. */
function readEnvelope(message: KafkaMessage): ReturnType<typeof envelopeFromMessage> {
  try {
    return envelopeFromMessage(stringHeaders(message.headers), message.value);
  } catch (e) {
    return { ok: false, reason: describeFailure(e) };
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
