import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@jiuzhu/contracts';
import { PreparedStatement } from '@jiuzhu/persistence';

/** Prepared: it runs once for every event every consumer receives. */
const CLAIM = new PreparedStatement('jz_inbox_claim', `INSERT INTO inbox (consumer, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`);

export type InboxResult = 'applied' | 'duplicate';

/**
 * Exactly-once effect on top of at-least-once delivery: the `(consumer, event id)` record and the
 * consumer's effect commit in one transaction, so a second delivery finds the record and does nothing.
 *
 * A transport may run a whole batch of messages in one transaction (`inBatch`): every `handleOnce`
 * inside then joins it, and the batch commits once — one WAL flush for hundreds of events instead
 * of one each. If any message of the batch fails, the transport rolls the batch back and handles the
 * messages one by one, each in its own transaction, with retries and dead-lettering.
 */
export class Inbox {
  private readonly batch = new AsyncLocalStorage<EntityManager>();

  constructor(private readonly dataSource: DataSource) {}

  async handleOnce(
    consumer: string,
    event: Pick<EventEnvelope, 'id' | 'type'>,
    effect: (manager: EntityManager) => Promise<void>,
  ): Promise<InboxResult> {
    const shared = this.batch.getStore();
    if (shared) return this.apply(shared, consumer, event, effect);
    return this.dataSource.transaction((m) => this.apply(m, consumer, event, effect));
  }

  /** Runs `work` with one transaction shared by every `handleOnce` it makes; commits when it resolves. */
  async inBatch<T>(work: () => Promise<T>): Promise<T> {
    return this.dataSource.transaction((m) => this.batch.run(m, work));
  }

  private async apply(
    m: EntityManager,
    consumer: string,
    event: Pick<EventEnvelope, 'id' | 'type'>,
    effect: (manager: EntityManager) => Promise<void>,
  ): Promise<InboxResult> {
    const inserted = await CLAIM.run(m, [consumer, event.id, event.type]);
    if (inserted.length === 0) return 'duplicate';
    await effect(m);
    return 'applied';
  }
}
