import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
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

export type TransportSettings = { kind: 'kafka'; kafka: KafkaSettings } | { kind: 'in-process'; bus?: InProcessBus };

export interface MessagingOptions {
  /** Service name: CloudEvents `source`, consumer group `jiuzhu.<service>`. */
  service: string;
  /** Overrides the consumer group (tests run a second group to watch the topics). */
  consumerGroup?: string;
  dataSource: DataSource;
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
}

/** Everything a service needs to publish and consume events, wired for the chosen transport. */
export class Messaging {
  readonly outbox: Outbox;
  readonly inbox: Inbox;
  readonly relay: OutboxRelay;
  readonly publisher: EventPublisher;
  readonly consumerGroup: string;
  private server?: Server & CustomTransportStrategy;

  constructor(private readonly o: MessagingOptions) {
    this.outbox = new Outbox(o.service);
    this.inbox = new Inbox(o.dataSource);
    this.consumerGroup = o.consumerGroup ?? `jiuzhu.${o.service}`;
    this.publisher =
      o.transport.kind === 'kafka'
        ? new KafkaPublisher(createKafka({ ...o.transport.kafka, clientId: `${o.transport.kafka.clientId}-producer` }, o.log), o.transport.kafka.topicPrefix)
        : (o.transport.bus ?? sharedInProcessBus).publisher();
    this.relay = new OutboxRelay(o.databaseUrl, this.publisher, o.log, { ...DEFAULT_RELAY_OPTIONS, ...o.relay });
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

  async start(): Promise<void> {
    if (this.o.transport.kind === 'kafka') {
      const kafka = this.o.transport.kafka;
      const topics = [...new Set(this.o.produces.map((c) => brokerTopic(kafka, c.topic)))];
      await ensureTopics(createKafka(kafka, this.o.log), [...topics, ...topics.map(deadLetterTopicOf)], kafka);
    }
    await this.publisher.start();
    if (this.o.runRelay !== false) await this.relay.start();
  }

  async stop(): Promise<void> {
    await this.relay.stop();
    await this.publisher.stop();
  }
}
