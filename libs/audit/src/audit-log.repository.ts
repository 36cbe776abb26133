import { EntityManager } from 'typeorm';
import { AuditContent, StoredAuditRow } from './audit-chain';

/** Anything that runs a statement and answers rows: an EntityManager, or a pg client wrapped by the verify CLI. */
export type RunQuery = (sql: string, params: unknown[]) => Promise<unknown[]>;

/**
 * Taken only by sealers (advisory locks are per database, and each service has its own): the
 * replicas' sealers take turns, so two never give the same place in the chain. Writers never take it.
 * A sealer that finds it taken skips its pass (another replica is sealing).
 */
const SEAL_LOCK = `SELECT pg_try_advisory_xact_lock(hashtext('jiuzhu.audit_log.seal')) AS got`;

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
  prev_hash: string | null;
  hash: string | null;
  row_hash: string | null;
  sealed_seq: string | null;
  chain_hash: string | null;
}

/** Every statement on `audit_log`; it has no UPDATE or DELETE to offer (the trigger would refuse them anyway). */
export class AuditLogRepository {
  /** Unchained rows with their own hashes, in one statement (a batch of entries costs one round trip); no lock. */
  async insert(m: EntityManager, rows: ReadonlyArray<AuditContent & { rowHash: string }>): Promise<void> {
    if (rows.length === 0) return;
    const col = <K extends keyof (AuditContent & { rowHash: string })>(k: K) => rows.map((r) => r[k]);
    // Roles travel as one comma-joined text per row (unnest would flatten a text[][]); they are role
    // names of [a-z_] only (the trail drops anything else).
    await m.query(
      `INSERT INTO audit_log (at, actor, roles, jurisdiction, action, target, count, before_digest, after_digest, request_id, row_hash)
       SELECT at, actor, string_to_array(roles, ','), jurisdiction, action, target, count, before_digest, after_digest, request_id, row_hash
         FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[], $11::text[])
              AS t(at, actor, roles, jurisdiction, action, target, count, before_digest, after_digest, request_id, row_hash)`,
      [
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
        col('rowHash'),
      ],
    );
  }

  /** The sealers' lock, until the caller's transaction ends; false: another sealer holds it. */
  async tryLockForSealing(m: EntityManager): Promise<boolean> {
    const rows: Array<{ got: boolean }> = await m.query(SEAL_LOCK);
    return rows[0]?.got === true;
  }

  /**
   * The chain's last place, read after the lock in a statement of its own (under READ COMMITTED it
   * sees what the previous sealer committed).
   */
  async sealedHead(m: EntityManager): Promise<{ sealedSeq: number; chainHash: string } | undefined> {
    const rows: Array<{ sealed_seq: string; chain_hash: string }> = await m.query(`SELECT sealed_seq, chain_hash FROM audit_log WHERE sealed_seq IS NOT NULL ORDER BY sealed_seq DESC LIMIT 1`);
    return rows[0] ? { sealedSeq: Number(rows[0].sealed_seq), chainHash: rows[0].chain_hash } : undefined;
  }

  /** Committed unsealed rows in id order (a row still in its writer's transaction is not visible: it waits for a later pass). */
  async unsealed(m: EntityManager, limit: number): Promise<StoredAuditRow[]> {
    const rows: StoredRow[] = await m.query(`${SELECT_ROWS} WHERE sealed_seq IS NULL ORDER BY seq LIMIT $1`, [limit]);
    return rows.map(toStored);
  }

  /** Gives rows their places, in one statement. */
  async seal(m: EntityManager, places: ReadonlyArray<{ seq: number; sealedSeq: number; chainHash: string }>): Promise<void> {
    if (places.length === 0) return;
    await m.query(
      `UPDATE audit_log SET sealed_seq = p.sealed_seq, chain_hash = p.chain_hash
         FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS p(seq, sealed_seq, chain_hash)
        WHERE audit_log.seq = p.seq AND audit_log.sealed_seq IS NULL`,
      [places.map((p) => p.seq), places.map((p) => p.sealedSeq), places.map((p) => p.chainHash)],
    );
  }

  /** The sealed chain in `sealed_seq` order, read in pages by key. */
  async *sealedChain(run: RunQuery, pageSize = 5000): AsyncGenerator<StoredAuditRow> {
    let after = 0;
    for (;;) {
      const rows = (await run(`${SELECT_ROWS} WHERE sealed_seq > $1 ORDER BY sealed_seq LIMIT $2`, [after, pageSize])) as StoredRow[];
      for (const r of rows) yield toStored(r);
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1].sealed_seq);
    }
  }

  /** The rows not sealed yet, in id order, read in pages by key. */
  async *unsealedRows(run: RunQuery, pageSize = 5000): AsyncGenerator<StoredAuditRow> {
    let after = 0;
    for (;;) {
      const rows = (await run(`${SELECT_ROWS} WHERE sealed_seq IS NULL AND seq > $1 ORDER BY seq LIMIT $2`, [after, pageSize])) as StoredRow[];
      for (const r of rows) yield toStored(r);
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1].seq);
    }
  }

  /** The rows of one target, newest first (who touched this case, this person). */
  async ofTarget(m: EntityManager, target: string, limit = 100): Promise<StoredAuditRow[]> {
    const rows: StoredRow[] = await m.query(`${SELECT_ROWS} WHERE target = $1 ORDER BY seq DESC LIMIT $2`, [target, limit]);
    return rows.map(toStored);
  }
}

const SELECT_ROWS = `SELECT seq, at, actor, roles, jurisdiction, action, target, count, before_digest, after_digest, request_id, prev_hash, hash, row_hash, sealed_seq, chain_hash FROM audit_log`;

function toStored(r: StoredRow): StoredAuditRow {
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
    rowHash: r.row_hash,
    sealedSeq: r.sealed_seq === null ? null : Number(r.sealed_seq),
    chainHash: r.chain_hash,
  };
}

/** A pg client (the verify CLI's own connection) as a `RunQuery`. */
export function runOnClient(client: { query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }> }): RunQuery {
  return async (sql, params) => (await client.query(sql, params)).rows;
}
