import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@jiuzhu/contracts';
import { PreparedStatement } from '@jiuzhu/persistence';

/** Prepared: it runs once for every event every consumer receives outside a batch. */
const CLAIM = new PreparedStatement('jz_inbox_claim', `INSERT INTO inbox (consumer, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`);
/** A batch's claims in one statement, when the batch's effects are done (see `inBatch`). */
const CLAIM_MANY = new PreparedStatement(
  'jz_inbox_claim_many',
  `INSERT INTO inbox (consumer, event_id, type) SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[]) ON CONFLICT DO NOTHING RETURNING 1`,
);

export type InboxResult = 'applied' | 'duplicate';

/** Thrown inside a batch whose event turned out to be handled already: the batch is replayed one by one. */
export class BatchClaimConflict extends Error {
  constructor(readonly claimed: number, readonly inserted: number) {
    super(`${claimed - inserted} of ${claimed} events of this batch were handled meanwhile; the batch is rolled back and replayed one by one`);
  }
}

/** The open batch transaction and the claims its handlers made so far. */
class BatchScope {
  private readonly claimed = new Set<string>();
  private readonly consumers: string[] = [];
  private readonly ids: string[] = [];
  private readonly types: string[] = [];

  constructor(readonly m: EntityManager) {}

  /** False when this batch already applied this consumer's effect for the event (an event delivered twice in one batch). */
  claim(consumer: string, event: Pick<EventEnvelope, 'id' | 'type'>): boolean {
    const key = `${consumer}\u0000${event.id}`;
    if (this.claimed.has(key)) return false;
    this.claimed.add(key);
    this.consumers.push(consumer);
    this.ids.push(event.id);
    this.types.push(event.type);
    return true;
  }

  async commitClaims(): Promise<void> {
    if (this.ids.length === 0) return;
    const inserted = await CLAIM_MANY.run(this.m, [this.consumers, this.ids, this.types]);
    if (inserted.length !== this.ids.length) throw new BatchClaimConflict(this.ids.length, inserted.length);
  }
}
/**
 * Exactly-once effect on top of at-least-once delivery: the `(consumer, event id)` record and the
 * consumer's effect commit in one transaction, so a second delivery finds the record and does nothing.
 *
 * A transport may run a whole batch of messages in one transaction (`inBatch`): every `handleOnce`
 * inside then joins it, and the batch commits once — one WAL flush for hundreds of events instead
 * of one each. If any message of the batch fails, the transport rolls the batch back and handles the
 * messages one by one, each in its own transaction, with retries and dead-lettering.
 *
 * Inside a batch the records are written together, in one statement, after the last effect and
 * before the commit: one round trip per batch instead of one per event. They still commit with the
 * effects or not at all. An event whose record turns out to exist already (delivered earlier, or
 * handled meanwhile by another replica, whose commit the statement waits for) fails the batch,
 * which is then rolled back — its effects included — and replayed one by one, where each record is
 * written first and a duplicate changes nothing.
 *
 * So an effect must do all its work through the manager it is given: it may run and be rolled back
 * (a failed or conflicting batch), and only what commits counts. Work outside the transaction (a
 * call to another system) belongs in the outbox, not in an effect.
 */
export class Inbox {
  private readonly batch = new AsyncLocalStorage<BatchScope>();

  constructor(private readonly dataSource: DataSource) {}

  async handleOnce(
    consumer: string,
    event: Pick<EventEnvelope, 'id' | 'type'>,
    effect: (manager: EntityManager) => Promise<void>,
  ): Promise<InboxResult> {
    const scope = this.batch.getStore();
    if (scope) {
      if (!scope.claim(consumer, event)) return 'duplicate';
      await effect(scope.m);
      return 'applied';
    }
    return this.dataSource.transaction((m) => this.apply(m, consumer, event, effect));
  }

  /**
   * Runs `work` with one transaction shared by every `handleOnce` it makes; writes their records and
   * commits when it resolves. Throws `BatchClaimConflict` (nothing committed) when an event of the
   * batch had been handled already.
   */
  async inBatch<T>(work: () => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      const scope = new BatchScope(m);
      const result = await this.batch.run(scope, work);
      await scope.commitClaims();
      return result;
    });
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
