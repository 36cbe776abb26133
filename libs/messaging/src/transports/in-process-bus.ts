import { EventEnvelope } from '@jiuzhu/contracts';
import { OutboundMessage } from '../outbox';
import { EventPublisher } from '../publisher';
import { toEnvelope } from './envelope-mapping';

export interface DeadLetter {
  group: string;
  topic: string;
  key: string;
  envelope: EventEnvelope;
  reason: string;
  error: string;
  at: string;
}

type Delivery = { topic: string; key: string; envelope: EventEnvelope };
type Subscriber = { group: string; topics: Set<string>; deliver: (batch: Delivery[]) => Promise<void> };

/**
 * The embedded default's event backbone: one per process, every service's consumer group subscribes.
 * `publish` resolves only after every subscribed group has handled (or dead-lettered) the batch, so
 * the relay marks a row sent only once its effects are committed — a crash re-delivers, never loses.
 */
export class InProcessBus {
  private readonly subscribers = new Map<string, Subscriber>();
  readonly deadLetters: DeadLetter[] = [];
  private chain: Promise<void> = Promise.resolve();

  subscribe(s: Subscriber): void {
    this.subscribers.set(s.group, s);
  }

  unsubscribe(group: string): void {
    this.subscribers.delete(group);
  }

  deadLetter(d: DeadLetter): void {
    this.deadLetters.push(d);
  }

  /** Delivery is serialised across publishers so each group sees one key's events in order. */
  deliver(batch: OutboundMessage[]): Promise<void> {
    const run = this.chain.then(async () => {
      const deliveries = batch.map((m) => ({ topic: m.topic, key: m.key, envelope: toEnvelope(m) }));
      for (const s of this.subscribers.values()) {
        const mine = deliveries.filter((d) => s.topics.has(d.topic));
        if (mine.length) await s.deliver(mine);
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  publisher(): EventPublisher {
    return {
      start: async () => undefined,
      publish: (batch) => this.deliver(batch),
      stop: async () => undefined,
    };
  }
}

/** One bus per process: the launcher's services share it. */
export const sharedInProcessBus = new InProcessBus();
