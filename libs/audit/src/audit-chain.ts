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

/** The fields a writer records: what the row says, before it has any place in the chain. */
export type AuditContent = Omit<AuditRow, 'seq' | 'prevHash' | 'hash'>;

/**
 * A row as stored since the sealer (migration AuditSeal1733160000000). `rowHash` is the digest of the
 * row's own content, made by the writer; `sealedSeq` and `chainHash` are its place in the chain and
 * H(previous chain hash, row hash), set once by the sealer. Rows chained before the sealer carry
 * `prevHash` and `hash` (the old chain) and `sealedSeq = seq`, `chainHash = hash`.
 */
export interface StoredAuditRow extends AuditContent {
  /** The row's id, in insert order (a sequence): it orders the sealer's work, not the chain. */
  seq: number;
  prevHash: string | null;
  hash: string | null;
  rowHash: string | null;
  sealedSeq: number | null;
  chainHash: string | null;
}

/**
 *   rowHash   = hex(sha256(RFC 8785 canonical JSON of { at, actor, roles, jurisdiction, action, target, count, before, after, requestId }))
 *   chainHash = hex(sha256(RFC 8785 canonical JSON of { sealedSeq, prevChainHash, rowHash }))
 */
export function rowHashOf(c: AuditContent): string {
  const { at, actor, roles, jurisdiction, action, target, count, before, after, requestId } = c;
  return sha256Hex(canonicalize({ at, actor, roles, jurisdiction, action, target, count, before, after, requestId }));
}

export function chainHashOf(sealedSeq: number, prevChainHash: string, rowHash: string): string {
  return sha256Hex(canonicalize({ sealedSeq, prevChainHash, rowHash }));
}

/** The next places in the chain after `head`, for rows in the order they are sealed. */
export function sealNext(head: { sealedSeq: number; chainHash: string } | undefined, rowHashes: readonly string[]): Array<{ sealedSeq: number; chainHash: string }> {
  let sealedSeq = head?.sealedSeq ?? 0;
  let prev = head?.chainHash ?? GENESIS;
  return rowHashes.map((h) => {
    sealedSeq++;
    prev = chainHashOf(sealedSeq, prev, h);
    return { sealedSeq, chainHash: prev };
  });
}

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

/**
 * Walks the sealed rows in `sealedSeq` order and stops at the first that does not follow from the one
 * before. A row chained before the sealer is checked as the old chain was (its `prevHash`, its
 * `hash` over its fields and seq); a sealed row by its own content (`rowHash`) and its `chainHash`.
 */
export async function checkSealedChain(rows: AsyncIterable<StoredAuditRow>): Promise<ChainCheck> {
  let count = 0;
  let prev = { seq: 0, hash: GENESIS };
  for await (const row of rows) {
    const problem = sealedBreakAt(prev, row);
    if (problem) return { ok: false, rows: count, break: { seq: row.sealedSeq ?? row.seq, problem } };
    count++;
    prev = { seq: row.sealedSeq!, hash: row.chainHash! };
  }
  return { ok: true, rows: count, lastSeq: prev.seq, lastHash: prev.hash };
}

function sealedBreakAt(prev: { seq: number; hash: string }, row: StoredAuditRow): string | undefined {
  if (row.sealedSeq === null || row.chainHash === null) return `row id ${row.seq} is in the chain without its place`;
  if (row.sealedSeq !== prev.seq + 1) {
    return row.sealedSeq > prev.seq + 1
      ? `sealed_seq ${prev.seq + 1}${row.sealedSeq > prev.seq + 2 ? `-${row.sealedSeq - 1}` : ''} missing: the row after ${prev.seq} is ${row.sealedSeq} (a row was deleted)`
      : `sealed_seq ${row.sealedSeq} follows ${prev.seq} (rows out of order or duplicated)`;
  }
  if (row.prevHash !== null || row.hash !== null) {
    // A row of the chain before the sealer: seq was its place, hash its chain hash.
    if (row.prevHash === null || row.hash === null || row.seq !== row.sealedSeq || row.chainHash !== row.hash) return `row id ${row.seq} mixes the old chain's columns with the sealer's`;
    return breakAt(prev, { ...row, prevHash: row.prevHash, hash: row.hash });
  }
  const own = unsealedBreak(row);
  if (own) return own;
  const expected = chainHashOf(row.sealedSeq, prev.hash, row.rowHash!);
  if (expected !== row.chainHash) return `chain_hash ${row.chainHash} does not follow from the row before (${prev.hash}) and this row's hash (expected ${expected}): a row was altered, removed or inserted`;
  return undefined;
}

/** What is wrong with a row's own hash (sealed or not), if anything. */
export function unsealedBreak(row: StoredAuditRow): string | undefined {
  if (row.rowHash === null) return `row id ${row.seq} has no row hash`;
  const recomputed = rowHashOf(row);
  return recomputed === row.rowHash ? undefined : `row id ${row.seq}: stored row hash ${row.rowHash} does not match its fields (recomputed ${recomputed}): the row was altered`;
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
