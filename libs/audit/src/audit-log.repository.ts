import { EntityManager } from 'typeorm';
import { AuditRow } from './audit-chain';

/** Anything that runs a statement and answers rows: an EntityManager, or a pg client wrapped by the verify CLI. */
export type RunQuery = (sql: string, params: unknown[]) => Promise<unknown[]>;

/**
 * One key for the whole table (advisory locks are per database, and each service has its own):
 * every append of the service's instances queues on it, so the chain never forks.
 */
const APPEND_LOCK = `SELECT pg_advisory_xact_lock(hashtext('jiuzhu.audit_log'))`;

interface StoredRow {
  seq: string;
  at: Date;
  actor: string;
  roles: string[];
  jurisdiction: string | null;
  action: string;
  target: string;
  count: number;
  before_digest: string | null;
  after_digest: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/** Every statement on `audit_log`; it has no UPDATE or DELETE to offer (the trigger would refuse them anyway). */
export class AuditLogRepository {
  /**
   * Waits for the table's append lock, held until the caller's transaction ends. Taken in a
   * statement of its own: under READ COMMITTED the next statement's snapshot is taken after the lock
   * is granted, so it sees the row the previous holder committed. Reading the head in the same
   * statement as the lock would read a snapshot from before the wait, and two appends would both
   * follow the same row (a fork).
   */
  async lockForAppend(m: EntityManager): Promise<void> {
    await m.query(APPEND_LOCK);
  }

  /** The last row, read after `lockForAppend`. */
  async head(m: EntityManager): Promise<{ seq: number; hash: string } | undefined> {
    const rows: Array<{ seq: string; hash: string }> = await m.query(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);
    return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : undefined;
  }

  /** The sealed rows in one statement (a batch of entries costs one round trip). */
  async insert(m: EntityManager, rows: readonly AuditRow[]): Promise<void> {
    if (rows.length === 0) return;
    const col = <K extends keyof AuditRow>(k: K) => rows.map((r) => r[k]);
    // Roles travel as one comma-joined text per row (unnest would flatten a text[][]); they are role
    // names of [a-z_] only (the trail drops anything else).
    await m.query(
      `INSERT INTO audit_log (seq, at, actor, roles, jurisdiction, action, target, count, before_digest, after_digest, request_id, prev_hash, hash)
       SELECT seq, at, actor, string_to_array(roles, ','), jurisdiction, action, target, count, before_digest, after_digest, request_id, prev_hash, hash
         FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
              AS t(seq, at, actor, roles, jurisdiction, action, target, count, before_digest, after_digest, request_id, prev_hash, hash)`,
      [
        col('seq'),
        col('at'),
        col('actor'),
        rows.map((r) => r.roles.join(',')),
        col('jurisdiction'),
        col('action'),
        col('target'),
        col('count'),
        col('before'),
        col('after'),
        col('requestId'),
        col('prevHash'),
        col('hash'),
      ],
    );
  }

  /** The rows of one target, newest first (who touched this case, this person). */
  async ofTarget(m: EntityManager, target: string, limit = 100): Promise<AuditRow[]> {
    const rows: StoredRow[] = await m.query(`${SELECT_ROWS} WHERE target = $1 ORDER BY seq DESC LIMIT $2`, [target, limit]);
    return rows.map(toRow);
  }

  /** The whole chain in `seq` order, read in pages by key (a table of millions never sits in memory at once). */
  async *chain(run: RunQuery, pageSize = 5000): AsyncGenerator<AuditRow> {
    let after = 0;
    for (;;) {
      const rows = (await run(`${SELECT_ROWS} WHERE seq > $1 ORDER BY seq LIMIT $2`, [after, pageSize])) as StoredRow[];
      for (const r of rows) yield toRow(r);
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1].seq);
    }
  }
}

const SELECT_ROWS = `SELECT seq, at, actor, roles, jurisdiction, action, target, count, before_digest, after_digest, request_id, prev_hash, hash FROM audit_log`;

function toRow(r: StoredRow): AuditRow {
  return {
    seq: Number(r.seq),
    at: r.at.toISOString(),
    actor: r.actor,
    roles: r.roles,
    jurisdiction: r.jurisdiction,
    action: r.action,
    target: r.target,
    count: r.count,
    before: r.before_digest,
    after: r.after_digest,
    requestId: r.request_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** A pg client (the verify CLI's own connection) as a `RunQuery`. */
export function runOnClient(client: { query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }> }): RunQuery {
  return async (sql, params) => (await client.query(sql, params)).rows;
}
