import { ChainCheck, checkChain } from './audit-chain';
import { AuditLogRepository, RunQuery } from './audit-log.repository';

/**
 * Recomputes the chain of a service's `audit_log` in Node, row by row in `seq` order, and says
 * where it first breaks. It trusts nothing the database computed: every hash is made again here.
 */
export function verifyAuditLog(run: RunQuery, pageSize?: number): Promise<ChainCheck> {
  return checkChain(new AuditLogRepository().chain(run, pageSize));
}

/** The one line `npm run audit:verify` prints. */
export function describeCheck(service: string, c: ChainCheck): string {
  if (c.ok) {
    return c.rows === 0
      ? `${service}: audit trail empty (nothing recorded yet)`
      : `${service}: audit trail intact — ${c.rows} row(s), seq 1-${c.lastSeq}, last hash ${c.lastHash}`;
  }
  return `${service}: audit trail BROKEN at seq ${c.break.seq} (after ${c.rows} intact row(s)): ${c.break.problem}`;
}
