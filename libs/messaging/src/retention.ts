import { DataSource } from 'typeorm';

export interface RetentionPolicy {
  /** Published outbox rows older than this (by their publication) are deleted. */
  outboxDays: number;
  /**
   * Inbox records older than this are deleted. Must outlast any redelivery: an event delivered again
   * after its record is gone would be applied a second time (Kafka keeps a topic 7 days by default).
   */
  inboxDays: number;
  /** Rows per statement: short transactions, no long lock on either table. */
  batchSize: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { outboxDays: 7, inboxDays: 30, batchSize: 5000 };

// Oldest first by the primary key; a row still unpublished is never taken. SKIP LOCKED: the relay
// (which marks rows published) and a second replica pruning at the same time are not waited for.
const PRUNE_OUTBOX = `
  DELETE FROM outbox WHERE seq IN (
    SELECT seq FROM outbox
     WHERE published_at IS NOT NULL AND published_at < $3::timestamptz - make_interval(days => $1)
     ORDER BY seq LIMIT $2
     FOR UPDATE SKIP LOCKED)`;

const PRUNE_INBOX = `
  DELETE FROM inbox WHERE (consumer, event_id) IN (
    SELECT consumer, event_id FROM inbox
     WHERE received_at < $3::timestamptz - make_interval(days => $1)
     LIMIT $2
     FOR UPDATE SKIP LOCKED)`;

/**
 * Deletes published outbox rows and old inbox records past their retention, batch by batch until
 * none is left (or `shouldStop` says the service is stopping). Returns how many rows went.
 *
 * `now` is the service's clock: published_at and received_at are written with it, so the cut-off is
 * measured with it too (against the database's now(), a demo running 8 days ahead would keep every row 8 days longer).
 */
export async function pruneMessagingTables(
  ds: DataSource,
  now: Date,
  policy: RetentionPolicy = DEFAULT_RETENTION,
  shouldStop: () => boolean = () => false,
): Promise<{ outbox: number; inbox: number }> {
  const outbox = await pruneInBatches(ds, PRUNE_OUTBOX, now, policy.outboxDays, policy.batchSize, shouldStop);
  const inbox = await pruneInBatches(ds, PRUNE_INBOX, now, policy.inboxDays, policy.batchSize, shouldStop);
  return { outbox, inbox };
}

async function pruneInBatches(ds: DataSource, sql: string, now: Date, days: number, batchSize: number, shouldStop: () => boolean): Promise<number> {
  let total = 0;
  while (!shouldStop()) {
    // TypeORM returns [rows, affected] for a DELETE on Postgres.
    const [, deleted] = (await ds.query(sql, [days, batchSize, now])) as [unknown, number];
    total += deleted;
    if (deleted < batchSize) break;
  }
  return total;
}
