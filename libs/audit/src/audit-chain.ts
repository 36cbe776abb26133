import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

/**
 * The audit chain, as plain functions: what a row says, how its hash is made, and how a sequence of
 * rows is checked. The append path and `npm run audit:verify` both use these, and nothing here
 * touches the database, so an auditor can re-implement the check from this page alone:
 *
 *   hash = hex(sha256(RFC 8785 canonical JSON of { seq, at, actor, roles, jurisdiction, action,
 *                                                  target, count, before, after, requestId, prevHash }))
 *
 * `prevHash` of the first row is GENESIS (64 zeros); every later row's is the hash of the row before.
 * Changing any field of a row changes its hash; deleting or inserting a row breaks the next row's
 * `prevHash` (and leaves a gap in `seq`, which is assigned without gaps under the append lock).
 */
export const GENESIS = '0'.repeat(64);

/** A row of `audit_log` as the chain sees it. Digests, never the state: no personal data is copied here. */
export interface AuditRow {
  seq: number;
  /** ISO 8601 instant (the service's clock). */
  at: string;
  /** A staff id or a system actor (`system:reassessment`), never a name. */
  actor: string;
  roles: string[];
  /** 640200 (city), a district or a township; null until tokens carry it. */
  jurisdiction: string | null;
  /** What was done: `case.submit`, `assessment.complete`, `application.read`, … */
  action: string;
  /** `<type>:<id>`: `application:<uuid>`, `person:<personRef>`, `reassessment_run:<uuid>` — never a name or an ID number. */
  target: string;
  /** How many records the row stands for: 1, or the size of a set-based batch. */
  count: number;
  /** sha256 of the canonical JSON of the state before / after (null: no such state, e.g. a read has no before). */
  before: string | null;
  after: string | null;
  /** The request's x-request-id; null for background work. */
  requestId: string | null;
  prevHash: string;
  hash: string;
}

export type UnsealedRow = Omit<AuditRow, 'hash'>;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** sha256 of the RFC 8785 canonical JSON of a value: the same state always gives the same digest. */
export function digestOf(state: unknown): string {
  return sha256Hex(canonicalize(state));
}

export function hashOf(row: UnsealedRow): string {
  const { seq, at, actor, roles, jurisdiction, action, target, count, before, after, requestId, prevHash } = row;
  return sha256Hex(canonicalize({ seq, at, actor, roles, jurisdiction, action, target, count, before, after, requestId, prevHash }));
}

/** Rows following `head` (the last row in the table, or none), sealed into the chain in order. */
export function sealAfter(head: { seq: number; hash: string } | undefined, rows: Omit<UnsealedRow, 'seq' | 'prevHash'>[]): AuditRow[] {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS;
  return rows.map((r) => {
    const unsealed: UnsealedRow = { ...r, seq: ++seq, prevHash };
    const sealed = { ...unsealed, hash: hashOf(unsealed) };
    prevHash = sealed.hash;
    return sealed;
  });
}

/** The first row where the chain breaks, and what differs there. */
export interface ChainBreak {
  seq: number;
  problem: string;
}

export type ChainCheck = { ok: true; rows: number; lastSeq: number; lastHash: string } | { ok: false; rows: number; break: ChainBreak };

/**
 * Walks the rows in `seq` order and stops at the first that does not follow from the one before:
 * its stored hash is not the hash of its fields (the row was altered), its `prevHash` is not the
 * previous row's hash, or its `seq` is not the next number (a row was removed or inserted).
 */
export async function checkChain(rows: AsyncIterable<AuditRow>): Promise<ChainCheck> {
  let count = 0;
  let prev: { seq: number; hash: string } = { seq: 0, hash: GENESIS };
  for await (const row of rows) {
    const problem = breakAt(prev, row);
    if (problem) return { ok: false, rows: count, break: { seq: row.seq, problem } };
    count++;
    prev = row;
  }
  return { ok: true, rows: count, lastSeq: prev.seq, lastHash: prev.hash };
}

function breakAt(prev: { seq: number; hash: string }, row: AuditRow): string | undefined {
  if (row.seq !== prev.seq + 1) {
    return row.seq > prev.seq + 1
      ? `seq ${prev.seq + 1}${row.seq > prev.seq + 2 ? `-${row.seq - 1}` : ''} missing: the row after seq ${prev.seq} is seq ${row.seq} (a row was deleted)`
      : `seq ${row.seq} follows seq ${prev.seq} (rows out of order or duplicated)`;
  }
  if (row.prevHash !== prev.hash) {
    return `prev_hash ${row.prevHash} is not the hash of the row before (${prev.hash}): a row before it was altered, removed or inserted`;
  }
  const recomputed = hashOf(row);
  if (recomputed !== row.hash) return `stored hash ${row.hash} does not match its fields (recomputed ${recomputed}): the row was altered`;
  return undefined;
}
