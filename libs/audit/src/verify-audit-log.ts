import { ChainCheck, checkSealedChain, unsealedBreak } from './audit-chain';
import { AuditLogRepository, RunQuery } from './audit-log.repository';

/** The chain's check, plus the rows not sealed yet: each checked by its own hash. */
export type AuditCheck = ChainCheck & {
  unsealed: { rows: number; oldestAt: string | null; broken?: { seq: number; problem: string } };
};

/**
 * Recomputes a service's `audit_log` in Node: the sealed chain row by row in `sealed_seq` order
 * (where it first breaks), then every unsealed row's own hash. It trusts nothing the database
 * computed: every hash is made again here. `ok` is false if either part is broken.
 */
export async function verifyAuditLog(run: RunQuery, pageSize?: number): Promise<AuditCheck> {
  const repo = new AuditLogRepository();
  const chain = await checkSealedChain(repo.sealedChain(run, pageSize));
  let rows = 0;
  let oldestAt: string | null = null;
  let broken: { seq: number; problem: string } | undefined;
  for await (const r of repo.unsealedRows(run, pageSize)) {
    rows++;
    if (oldestAt === null || r.at < oldestAt) oldestAt = r.at;
    const problem = broken ? undefined : unsealedBreak(r);
    if (problem) broken = { seq: r.seq, problem };
  }
  const unsealed = { rows, oldestAt, ...(broken ? { broken } : {}) };
  if (chain.ok && broken) return { ok: false, rows: chain.rows, break: { seq: broken.seq, problem: `unsealed ${broken.problem}` }, unsealed };
  return { ...chain, unsealed };
}

/** The one line `npm run audit:verify` prints. */
export function describeCheck(service: string, c: AuditCheck, now: Date = new Date()): string {
  const pending =
    c.unsealed.rows === 0
      ? ''
      : `; ${c.unsealed.rows} row(s) not sealed yet (oldest ${Math.max(0, Math.round((now.getTime() - new Date(c.unsealed.oldestAt!).getTime()) / 1000))} s old)`;
  if (c.ok) {
    return c.rows === 0 && c.unsealed.rows === 0
      ? `${service}: audit trail empty (nothing recorded yet)`
      : `${service}: audit trail intact — ${c.rows} sealed row(s)${c.rows ? `, sealed_seq 1-${c.lastSeq}, last chain hash ${c.lastHash}` : ''}${pending}`;
  }
  return `${service}: audit trail BROKEN at ${c.break.problem.startsWith('unsealed') ? 'unsealed row id' : 'sealed_seq'} ${c.break.seq} (after ${c.rows} intact sealed row(s)): ${c.break.problem}${pending}`;
}
