import { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '@jiuzhu/common';
import { EventEnvelope } from '@jiuzhu/contracts';
import { PreparedStatement } from '@jiuzhu/persistence';

/**
 * Prepared: it runs once for every event every consumer receives outside a batch. Like the outbox
 * append, its gain was measured only as part of the hot path it joined in 3befce2, not on its own.
 */
const CLAIM = new PreparedStatement('jz_inbox_claim', `INSERT INTO inbox (consumer, event_id, type, received_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`);
/**
 * A batch's claims in one statement, before its effects. Sorted, so that two replicas claiming
 * overlapping batches take the row locks in one order and wait for each other instead of deadlocking.
 */
const CLAIM_BATCH = new PreparedStatement(
  'jz_inbox_claim_batch',
  `INSERT INTO inbox (consumer, event_id, type, received_at)
   SELECT c, e, t, $4::timestamptz FROM unnest($1::text[], $2::uuid[], $3::text[]) AS u(c, e, t) ORDER BY c, e
   ON CONFLICT DO NOTHING RETURNING consumer, event_id::text AS event_id`,
);

export type InboxResult = 'applied' | 'duplicate';

/** One event for one consumer, and the consumer's effect. */
export interface InboxEntry {
  consumer: string;
  event: Pick<EventEnvelope, 'id' | 'type'>;
  effect: (manager: EntityManager) => Promise<void>;
}

/** An effect of a batch failed: the batch is rolled back, and `index` tells the transport which entry it was. */
export class BatchEffectFailed extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(`effect ${index} of the batch failed; the batch is rolled back`);
  }
}

const keyOf = (consumer: string, eventId: string) => `${consumer}\u0000${eventId}`;

/**
 * Exactly-once effect on top of at-least-once delivery: the `(consumer, event id)` record and the
 * consumer's effect commit in one transaction, so a second delivery finds the record and does nothing.
 * Transports run every handler through here (see dispatcher.ts); a handler cannot skip it.
 *
 * The claim is written before the effect runs (Eventuate Tram's order), alone and in a batch:
 * - a duplicate is known before any work, so it runs nothing — a redelivered batch, or one a second
 *   replica is handling at the same moment, costs one statement and is not rolled back and replayed;
 * - a replica claiming an event another replica has claimed but not committed waits on that row
 *   lock, then skips the event if the other committed or applies it if the other rolled back;
 * - it costs no round trip: a batch still makes one claim statement (we had written the claims
 *   after the effects, which gave the same count but had to roll back and replay a whole batch one
 *   message at a time whenever one of its events turned out to be handled already).
 *
 * A transport may run a whole batch in one transaction (`inBatch`): one WAL flush for hundreds of
 * events instead of one each. If an effect of the batch fails, the whole batch is rolled back and the
 * transport handles the messages one by one (`handleOnce`), with retries and dead-lettering.
 *
 * So an effect must do all its work through the manager it is given: it may run and be rolled back
 * (a failed batch), and only what commits counts. Work outside the transaction (a call to another
 * system) belongs in the outbox, not in an effect.
 */
export class Inbox {
  /** `received_at` is on the service's clock, like everything else it writes; retention measures it with the same clock. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async handleOnce(consumer: string, event: Pick<EventEnvelope, 'id' | 'type'>, effect: (manager: EntityManager) => Promise<void>): Promise<InboxResult> {
    return this.dataSource.transaction(async (m) => {
      const inserted = await CLAIM.run(m, [consumer, event.id, event.type, this.clock.now()]);
      if (inserted.length === 0) return 'duplicate';
      await effect(m);
      return 'applied';
    });
  }

  /**
   * Claims every entry in one statement and runs the effects of those claimed, in order, in one
   * transaction. An entry already recorded (earlier, by another replica, or earlier in this same
   * batch) is a duplicate and runs nothing. Throws `BatchEffectFailed` (nothing committed) when an
   * effect fails.
   */
  async inBatch(entries: readonly InboxEntry[]): Promise<InboxResult[]> {
    if (entries.length === 0) return [];
    return this.dataSource.transaction(async (m) => {
      // The first of an event delivered twice in one batch (a relay that crashed before marking it) is the one applied.
      const first = new Map<string, number>();
      entries.forEach((e, i) => {
        const k = keyOf(e.consumer, e.event.id);
        if (!first.has(k)) first.set(k, i);
      });
      const claims = [...first.values()].map((i) => entries[i]);
      const rows = await CLAIM_BATCH.run<{ consumer: string; event_id: string }>(m, [
        claims.map((e) => e.consumer),
        claims.map((e) => e.event.id),
        claims.map((e) => e.event.type),
        this.clock.now(),
      ]);
      const claimed = new Set(rows.map((r) => keyOf(r.consumer, r.event_id)));
      const results: InboxResult[] = [];
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i];
        const k = keyOf(e.consumer, e.event.id);
        if (first.get(k) !== i || !claimed.has(k)) {
          results.push('duplicate');
          continue;
        }
        try {
          await e.effect(m);
        } catch (cause) {
          throw new BatchEffectFailed(i, cause);
        }
        results.push('applied');
      }
      return results;
    });
  }
}
