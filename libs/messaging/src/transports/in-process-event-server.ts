import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { contractForPattern, EventEnvelope } from '@jiuzhu/contracts';
import type { Logger } from 'pino';
import { DEFAULT_RETRY_POLICY, dispatchBatch, RetryPolicy } from '../dispatcher';
import { InProcessBus } from './in-process-bus';
import { invokeNestHandler } from './nest-handler';

/** The in-process transport: the same `@EventPattern` handlers as on Kafka, fed by the process's bus. */
export class InProcessEventServer extends Server implements CustomTransportStrategy {
  constructor(
    private readonly bus: InProcessBus,
    private readonly group: string,
    private readonly log: Logger,
    private readonly runInBatch: <T>(work: () => Promise<T>) => Promise<T>,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {
    super();
  }

  listen(callback: () => void): void {
    const topics = new Set<string>();
    for (const pattern of this.messageHandlers.keys()) {
      const c = contractForPattern(pattern);
      if (!c) throw new Error(`@EventPattern('${pattern}') names no known event contract`);
      topics.add(c.topic);
    }
    this.bus.subscribe({ group: this.group, topics, deliver: (batch) => this.onBatch(batch) });
    callback();
  }

  private async onBatch(batch: { topic: string; key: string; envelope: EventEnvelope }[]): Promise<void> {
    const outcomes = await dispatchBatch(
      batch.map((b) => b.envelope),
      (p) => this.messageHandlers.has(p),
      (p, e) => invokeNestHandler(this, p, e, { transport: 'in-process' }),
      this.retry,
      this.runInBatch,
    );
    outcomes.forEach((outcome, i) => {
      if (outcome.kind !== 'dead-letter') return;
      const { topic, key, envelope } = batch[i];
      this.log.error({ group: this.group, topic, eventId: envelope.id, type: envelope.type, reason: outcome.reason, error: outcome.error }, 'event dead-lettered');
      this.bus.deadLetter({ group: this.group, topic, key, envelope, reason: outcome.reason, error: outcome.error, at: new Date().toISOString() });
    });
  }

  close(): void {
    this.bus.unsubscribe(this.group);
  }

  on(): never {
    throw new Error('InProcessEventServer has no events');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }
}
