import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { EventEnvelope } from '@jiuzhu/contracts';
import type { Logger } from 'pino';
import { ConsumerStatus, ReportsConsumerStatus } from '../consumer-status';
import { ConsumerLookup, DEFAULT_RETRY_POLICY, dispatchBatch, RetryPolicy } from '../dispatcher';
import { Inbox } from '../inbox';
import { registeredConsumers } from './consume-event';
import { ConsumerCounters, ConsumerReport } from './consumer-report';
import { InProcessBus } from './in-process-bus';

/** The in-process transport: the same `@ConsumeEvent` handlers as on Kafka, fed by the process's bus. */
export class InProcessEventServer extends Server implements CustomTransportStrategy, ReportsConsumerStatus {
  private readonly report = new ConsumerReport();
  private lookup?: ConsumerLookup;

  constructor(
    private readonly bus: InProcessBus,
    private readonly group: string,
    private readonly log: Logger,
    private readonly inbox: Inbox,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {
    super();
  }

  listen(callback: (err?: unknown) => void): void {
    try {
      const registered = registeredConsumers(this);
      this.lookup = registered;
      if (registered.topics.length === 0) return callback();
      this.bus.subscribe({ group: this.group, topics: new Set(registered.topics), deliver: (batch) => this.onBatch(batch) });
      this.report.enter('running', registered.topics);
      callback();
    } catch (e) {
      callback(e);
    }
  }

  private async onBatch(batch: { topic: string; key: string; envelope: EventEnvelope }[]): Promise<void> {
    const outcomes = await dispatchBatch(
      batch.map((b) => b.envelope),
      this.lookup!,
      this.inbox,
      this.retry,
    );
    outcomes.forEach((outcome, i) => {
      this.report.count(outcome);
      const { topic, key, envelope } = batch[i];
      if (outcome.kind === 'ignored' && outcome.unknownType) this.log.warn({ group: this.group, topic, eventId: envelope.id, type: envelope.type }, 'event of an unknown type ignored');
      if (outcome.kind !== 'dead-letter') return;
      this.log.error({ group: this.group, topic, eventId: envelope.id, type: envelope.type, reason: outcome.reason, error: outcome.error }, 'event dead-lettered');
      this.bus.deadLetter({ group: this.group, topic, key, envelope, reason: outcome.reason, error: outcome.error, at: new Date().toISOString() });
    });
  }

  consumerStatus(): ConsumerStatus {
    return this.report.consumerStatus();
  }

  counters(): ConsumerCounters {
    return this.report.counters();
  }

  close(): void {
    this.bus.unsubscribe(this.group);
    if (this.report.consumerStatus().state !== 'idle') this.report.enter('stopped');
  }

  on(): never {
    throw new Error('InProcessEventServer has no events');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }
}
