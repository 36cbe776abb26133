import { DataSource, EntityManager } from 'typeorm';
import { Clock, Conflict, Forbidden, InvalidInput } from '@jiuzhu/common';
import { Actor } from '@jiuzhu/common/http';
import { CaseStatus } from './domain/case-status';

/** Statuses in which a case waits in some officer's queue: township review, confirmation, periodic review. */
const QUEUED_STATUSES: readonly CaseStatus[] = ['submitted', 'rechecking', 'confirming', 'approved'];

/**
 * Claims on cases: an officer takes a case from a queue with a lease, so that two officers never work
 * one case; the lease lapses if the officer goes away, and a supervisor can move it. Every queue
 * (township, confirmation, periodic review) claims through here.
 */
export class CaseClaims {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly leaseMinutes = 30,
  ) {}

  /**
   * Hands the officer the first unclaimed case among `candidates` (SQL over `applications`, its
   * parameters numbered from $1) in `orderBy` order. `SKIP LOCKED` lets concurrent claimers pass over
   * a row another is taking, so no two get the same case; a lapsed lease makes a case claimable again.
   */
  async claimNext(actor: Actor, candidates: { where: string; params: unknown[]; orderBy: string }): Promise<string | undefined> {
    const now = this.clock.now();
    const n = candidates.params.length;
    const [rows] = await this.ds.query(
      `UPDATE applications SET claimed_by = $${n + 1}, claim_expires_at = $${n + 2}
        WHERE id = (
          SELECT id FROM applications
           WHERE ${candidates.where} AND (claimed_by IS NULL OR claim_expires_at <= $${n + 3})
           ORDER BY ${candidates.orderBy}
           LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [...candidates.params, actor.id, this.expiry().toISOString(), now.toISOString()],
    );
    return rows.length ? rows[0].id : undefined;
  }

  async release(id: string, actor: Actor): Promise<void> {
    const [, n] = await this.ds.query(`UPDATE applications SET claimed_by = NULL, claim_expires_at = NULL WHERE id = $1 AND claimed_by = $2`, [id, actor.id]);
    if (n === 0) throw new Conflict('CASE.NOT_CLAIMED', 'You do not hold a claim on this case.');
  }

  /** A supervisor moves a case to another officer, who then holds a fresh lease. */
  async reassign(id: string, to: string, actor: Actor): Promise<void> {
    if (actor.role !== 'supervisor') throw new Forbidden('ROLE.SUPERVISOR_REQUIRED', 'Only a supervisor (X-Actor-Role: supervisor) may reassign a case.');
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(to)) throw new InvalidInput([{ field: 'to', reason: 'must be a staff id (1-64 letters, digits or ._@-)' }]);
    const [, n] = await this.ds.query(`UPDATE applications SET claimed_by = $2, claim_expires_at = $3 WHERE id = $1 AND status = ANY($4::text[])`, [
      id,
      to,
      this.expiry().toISOString(),
      QUEUED_STATUSES,
    ]);
    if (n === 0) throw new Conflict('CASE.NOT_IN_A_QUEUE', 'Only a case waiting in a queue (township review, confirmation, periodic review) can be reassigned.');
  }

  /** Who holds a live claim on the case, read under the caller's row lock. */
  async holder(m: EntityManager, id: string): Promise<{ by: string; until: Date } | undefined> {
    const [c] = await m.query(`SELECT claimed_by, claim_expires_at FROM applications WHERE id = $1`, [id]);
    if (!c?.claimed_by || !c.claim_expires_at) return undefined;
    const until = new Date(c.claim_expires_at);
    return until > this.clock.now() ? { by: c.claimed_by, until } : undefined;
  }

  /** Someone else's live claim keeps others off the case; an unclaimed case may be worked directly. */
  async assertNotClaimedByOther(m: EntityManager, id: string, actor: Actor): Promise<void> {
    const h = await this.holder(m, id);
    if (h && h.by !== actor.id) {
      throw new Conflict('CASE.CLAIMED_BY_OTHER', `Another officer (${h.by}) holds this case until ${h.until.toISOString()}; ask a supervisor to reassign it.`);
    }
  }

  /** Work that must be claimed first (periodic review): the actor must hold a live claim. */
  async assertHeld(m: EntityManager, id: string, actor: Actor, queue: string): Promise<void> {
    if ((await this.holder(m, id))?.by !== actor.id) throw new Conflict('CASE.NOT_CLAIMED', `Claim the case from the ${queue} first (or your claim has lapsed).`);
  }

  private expiry(): Date {
    return new Date(this.clock.now().getTime() + this.leaseMinutes * 60_000);
  }
}
