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
     WHERE published_at IS NOT NULL AND published_at < now() - make_interval(days => $1)
     ORDER BY seq LIMIT $2
     FOR UPDATE SKIP LOCKED)`;

const PRUNE_INBOX = `
  DELETE FROM inbox WHERE (consumer, event_id) IN (
    SELECT consumer, event_id FROM inbox
     WHERE received_at < now() - make_interval(days => $1)
     LIMIT $2
     FOR UPDATE SKIP LOCKED)`;

/**
 * Deletes published outbox rows and old inbox records past their retention, batch by batch until
 * none is left (or `shouldStop` says the service is stopping). Returns how many rows went.
 */
export async function pruneMessagingTables(
  ds: DataSource,
  policy: RetentionPolicy = DEFAULT_RETENTION,
  shouldStop: () => boolean = () => false,
): Promise<{ outbox: number; inbox: number }> {
  const outbox = await pruneInBatches(ds, PRUNE_OUTBOX, policy.outboxDays, policy.batchSize, shouldStop);
  const inbox = await pruneInBatches(ds, PRUNE_INBOX, policy.inboxDays, policy.batchSize, shouldStop);
  return { outbox, inbox };
}

async function pruneInBatches(ds: DataSource, sql: string, days: number, batchSize: number, shouldStop: () => boolean): Promise<number> {
  let total = 0;
  while (!shouldStop()) {
    // TypeORM returns [rows, affected] for a DELETE on Postgres.
    const [, deleted] = (await ds.query(sql, [days, batchSize])) as [unknown, number];
    total += deleted;
    if (deleted < batchSize) break;
  }
  return total;
}
