import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Clock } from '@jiuzhu/common';
import { deadLetterTopicOf, EventContract } from '@jiuzhu/contracts';
import { ConsumerStatus, ReportsConsumerStatus } from './consumer-status';
import { DEFAULT_RETRY_POLICY, RetryPolicy } from './dispatcher';
import { Inbox } from './inbox';
import { Outbox } from './outbox';
import { EventPublisher } from './publisher';
import { DEFAULT_RELAY_OPTIONS, OutboxRelay, RelayOptions } from './relay';
import { ConsumerCounters } from './transports/consumer-report';
import { InProcessBus, sharedInProcessBus } from './transports/in-process-bus';
import { InProcessEventServer } from './transports/in-process-event-server';
import { brokerTopic, createKafka, ensureTopics, KafkaSettings } from './transports/kafka-config';
import { KafkaEventServer } from './transports/kafka-event-server';
import { KafkaPublisher } from './transports/kafka-publisher';
import { OutboundMessage } from './outbox';

export type TransportSettings = { kind: 'kafka'; kafka: KafkaSettings } | { kind: 'in-process'; bus?: InProcessBus };

export interface MessagingOptions {
  /** Service name: CloudEvents `source`, consumer group `jiuzhu.<service>`. */
  service: string;
  /** Overrides the consumer group (tests run a second group to watch the topics). */
  consumerGroup?: string;
  dataSource: DataSource;
  /**
   * The service's clock: the outbox's occurred_at and published_at and the inbox's received_at are
   * written with it, and the backlog's age and retention are measured with it. The transports'
   * connection states, dead-letter headers and failure times stay on the machine's time: they
   * describe the process and the broker, which the demo clock does not move.
   */
  clock: Clock;
  /** Connection string for the relay's LISTEN connection (the service's own database). */
  databaseUrl: string;
  transport: TransportSettings;
  /** Contracts this service publishes; their topics are created on start. */
  produces: readonly EventContract<any>[];
  log: Logger;
  relay?: Partial<RelayOptions>;
  retry?: RetryPolicy;
  /** Start the relay (default true); tests of the relay itself drive it by hand. */
  runRelay?: boolean;
  /** Called with every batch the transport accepted (metrics count events by type here, so no use case needs metrics code). */
  onPublished?: (batch: readonly OutboundMessage[]) => void;
  /** Pause between connection attempts to the broker, doubled up to `maxMs`. */
  reconnect?: { initialMs: number; maxMs: number };
}

/** How a connection the service keeps trying in the background is doing (readiness reads it). */
export interface LinkStatus {
  state: 'connecting' | 'up' | 'stopped';
  /** When it entered this state (ISO instant). */
  since: string;
  /** Failed attempts since it was last up. */
  failedAttempts: number;
  /** Why the last attempt failed, without personal data. */
  lastError?: string;
}

/** The relay's side of readiness: is it running, and did its last hand-over to the transport work. */
export interface RelayStatus extends LinkStatus {
  lastPublishError?: { at: string; error: string };
}

/** Everything a service needs to publish and consume events, wired for the chosen transport. */
export class Messaging {
  readonly outbox: Outbox;
  readonly inbox: Inbox;
  readonly relay: OutboxRelay;
  readonly publisher: EventPublisher;
  readonly consumerGroup: string;
  readonly clock: Clock;
  private server?: Server & CustomTransportStrategy;
  private readonly observed: ObservedPublisher;
  private readonly publishing: Reconnecting;
  private consuming?: Reconnecting;

  constructor(private readonly o: MessagingOptions) {
    this.clock = o.clock;
    this.outbox = new Outbox(o.service, o.clock);
    this.inbox = new Inbox(o.dataSource, o.clock);
    this.consumerGroup = o.consumerGroup ?? `jiuzhu.${o.service}`;
    const transportPublisher =
      o.transport.kind === 'kafka'
        ? new KafkaPublisher(createKafka({ ...o.transport.kafka, clientId: `${o.transport.kafka.clientId}-producer` }, o.log), o.transport.kafka.topicPrefix)
        : (o.transport.bus ?? sharedInProcessBus).publisher();
    this.observed = new ObservedPublisher(transportPublisher, o.onPublished);
    this.publisher = this.observed;
    this.relay = new OutboxRelay(o.databaseUrl, this.publisher, o.log, o.clock, { ...DEFAULT_RELAY_OPTIONS, ...o.relay });
    this.publishing = new Reconnecting('event publisher', o.log, o.reconnect, () => this.startPublishing(), () => this.stopPublishing());
  }

  /** The Nest transport strategy that feeds this service's `@EventPattern` handlers. */
  eventServer(): Server & CustomTransportStrategy {
    if (!this.server) {
      const retry = this.o.retry ?? DEFAULT_RETRY_POLICY;
      this.server =
        this.o.transport.kind === 'kafka'
          ? new KafkaEventServer(createKafka(this.o.transport.kafka, this.o.log), this.consumerGroup, this.o.transport.kafka, this.o.log, this.inbox, retry)
          : new InProcessEventServer(this.o.transport.bus ?? sharedInProcessBus, this.consumerGroup, this.o.log, this.inbox, retry);
    }
    return this.server;
  }

  /** How the consumer is doing (readiness reads it); `idle` before the transport reports anything. */
  consumerStatus(): ConsumerStatus {
    const reporter = this.server as Partial<ReportsConsumerStatus> | undefined;
    return reporter?.consumerStatus?.() ?? { state: 'idle', since: new Date(0).toISOString(), topics: [] };
  }

  /** What the consumer has done since it started (handled, duplicates, dead letters, ignored, unknown types, crashes). */
  counters(): ConsumerCounters {
    const server = this.server as { counters?: () => ConsumerCounters } | undefined;
    return server?.counters?.() ?? { handled: 0, duplicates: 0, deadLettered: 0, ignored: 0, unknownTypes: 0, crashes: 0 };
  }

  /** The publisher and the outbox relay (the relay starts once the publisher is connected). */
  relayStatus(): RelayStatus {
    return { ...this.publishing.status(), ...(this.observed.lastFailure ? { lastPublishError: this.observed.lastFailure } : {}) };
  }

  /** Whether the consumer has been started on its transport (what it does since: `consumerStatus`). */
  consumerStartStatus(): LinkStatus | undefined {
    return this.consuming?.status();
  }

  /**
   * Starts publishing (topics, producer, relay) and, through `startConsumer`, consuming. On Kafka
   * both keep trying in the background with backoff and this returns at once: a service answers
   * HTTP (and tells on /health/ready what is down) while the broker is away or its consumer group is
   * still joining, instead of exiting or waiting. In-process there is nothing to wait for, and the
   * consumer is subscribed before the relay publishes, so no event goes by unseen.
   */
  async start(o: { startConsumer?: () => Promise<void> } = {}): Promise<void> {
    if (o.startConsumer) {
      const startConsumer = o.startConsumer;
      this.consuming = new Reconnecting('event consumer', this.o.log, this.o.reconnect, startConsumer, async () => {
        await this.server?.close();
      });
    }
    if (this.o.transport.kind === 'in-process') {
      await this.consuming?.once();
      await this.publishing.once();
      return;
    }
    this.consuming?.keepTrying();
    this.publishing.keepTrying();
  }

  /** Resolves once the publisher (and the consumer, when started) are connected; never rejects. */
  whenConnected(): Promise<void> {
    return Promise.all([this.publishing.up, this.consuming?.up]).then(() => undefined);
  }

  async stop(): Promise<void> {
    await this.consuming?.stop();
    await this.publishing.stop();
  }

  private async startPublishing(): Promise<void> {
    if (this.o.transport.kind === 'kafka') {
      const kafka = this.o.transport.kafka;
      const topics = [...new Set(this.o.produces.map((c) => brokerTopic(kafka, c.topic)))];
      await ensureTopics(createKafka(kafka, this.o.log), [...topics, ...topics.map(deadLetterTopicOf)], kafka);
    }
    await this.observed.start();
    if (this.o.runRelay !== false) await this.relay.start();
  }

  private async stopPublishing(): Promise<void> {
    await this.relay.stop();
    await this.observed.stop();
  }
}

/** The transport's publisher, remembering how its last hand-over went and telling `onPublished` what it accepted. */
class ObservedPublisher implements EventPublisher {
  lastFailure?: { at: string; error: string };

  constructor(
    private readonly inner: EventPublisher,
    private readonly onPublished?: (batch: readonly OutboundMessage[]) => void,
  ) {}

  start(): Promise<void> {
    return this.inner.start();
  }

  async publish(batch: OutboundMessage[]): Promise<void> {
    try {
      await this.inner.publish(batch);
    } catch (e) {
      this.lastFailure = { at: new Date().toISOString(), error: describe(e) };
      throw e;
    }
    this.lastFailure = undefined;
    this.onPublished?.(batch);
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }
}

const DEFAULT_RECONNECT = { initialMs: 1000, maxMs: 30_000 };

/**
 * A connection that is retried in the background until it is up: kafkajs gives up on a broker after
 * its own retries (about 36 s with our settings) with a non-retriable error, which used to end the
 * process. Written here rather than taken from a library because it must also undo a half-made
 * attempt, stop promptly, and report its state to readiness.
 */
class Reconnecting {
  private state: LinkStatus;
  private stopped = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private cameUp!: () => void;
  /** Resolves the first time the connection is up. */
  readonly up = new Promise<void>((resolve) => (this.cameUp = resolve));

  constructor(
    private readonly what: string,
    private readonly log: Logger,
    private readonly backoff = DEFAULT_RECONNECT,
    private readonly attempt: () => Promise<void>,
    private readonly undo: () => Promise<void>,
  ) {
    this.state = { state: 'connecting', since: new Date().toISOString(), failedAttempts: 0 };
  }

  status(): LinkStatus {
    return { ...this.state };
  }

  /** One attempt; its failure is the caller's (the in-process transport cannot be "down"). */
  async once(): Promise<void> {
    await this.attempt();
    this.set({ state: 'up', failedAttempts: 0 });
  }

  keepTrying(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.set({ state: 'stopped', failedAttempts: this.state.failedAttempts });
    // An attempt still under way finishes on its own and is undone by the loop; what is up is undone now.
    await this.undo().catch((e: unknown) => this.log.warn({ err: describe(e) }, `${this.what}: stopping failed`));
  }

  private async run(): Promise<void> {
    let pause = this.backoff.initialMs;
    while (!this.stopped) {
      try {
        await this.attempt();
        if (this.stopped) {
          await this.undo().catch(() => undefined);
          return;
        }
        if (this.state.failedAttempts > 0) this.log.info({ failedAttempts: this.state.failedAttempts }, `${this.what}: connected`);
        this.set({ state: 'up', failedAttempts: 0 });
        return;
      } catch (e) {
        if (this.stopped) return;
        const error = describe(e);
        this.set({ state: 'connecting', failedAttempts: this.state.failedAttempts + 1, lastError: error });
        this.log.warn({ err: error, retryInMs: pause, failedAttempts: this.state.failedAttempts }, `${this.what}: cannot connect, will retry`);
        await this.undo().catch(() => undefined);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, pause);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        pause = Math.min(pause * 2, this.backoff.maxMs);
      }
    }
  }

  private set(next: Omit<LinkStatus, 'since'>): void {
    if (next.state === 'up') this.cameUp();
    const since = next.state === this.state.state ? this.state.since : new Date().toISOString();
    this.state = { ...next, since };
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
