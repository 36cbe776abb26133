import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { Clock, Conflict, InvalidInput, NotFound } from '@jiuzhu/common';
import { jurisdictionFilter, type Actor } from '@jiuzhu/auth';
import { ApplicationRepository, ClaimHolder } from './application.repository';
import { CaseStatus } from './domain/case-status';

/** Statuses in which a case waits in some officer's queue: township review, confirmation, periodic review. */
const QUEUED_STATUSES: readonly CaseStatus[] = ['submitted', 'rechecking', 'confirming', 'approved'];

/** A claim handed to an officer: theirs until `until`; a claim that lapsed before `now` is free. */
export interface Lease {
  by: string;
  until: Date;
  now: Date;
}

/**
 * Claims on cases: an officer takes a case from a queue with a lease, so that two officers never work
 * one case; the lease lapses if the officer goes away, and a supervisor can move it. Every queue
 * (township, confirmation, periodic review) claims through the repository with a lease from here.
 */
export class CaseClaims {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ApplicationRepository,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly leaseMinutes = 30,
  ) {}

  lease(actor: Pick<Actor, 'id'>): Lease {
    const now = this.clock.now();
    return { by: actor.id, until: new Date(now.getTime() + this.leaseMinutes * 60_000), now };
  }

  /**
   * Runs one claim statement (`claim` answers the case it claimed, if any) with its audit row, so
   * the claim and the record of who took it commit together.
   */
  take(actor: Actor, lease: Lease, claim: (m: EntityManager) => Promise<string | undefined>): Promise<string | undefined> {
    return this.audit.transaction(this.ds, async (m) => {
      const id = await claim(m);
      if (id) this.record(m, actor, 'case.claim', id, { claimedBy: lease.by, until: lease.until.toISOString() });
      return id;
    });
  }

  async release(id: string, actor: Actor): Promise<void> {
    await this.audit.transaction(this.ds, async (m) => {
      await this.mustBeWithin(m, id, actor);
      if (!(await this.repo.releaseClaim(m, id, actor.id))) throw new Conflict('CASE.NOT_CLAIMED', 'You do not hold a claim on this case.');
      this.record(m, actor, 'case.release', id, { claimedBy: null });
    });
  }

  /** A supervisor moves a case of their jurisdiction to another officer, who then holds a fresh lease. */
  async reassign(id: string, to: string, actor: Actor): Promise<void> {
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(to)) throw new InvalidInput([{ field: 'to', reason: 'must be a staff id (1-64 letters, digits or ._@-)' }]);
    const until = this.lease({ id: to }).until;
    await this.audit.transaction(this.ds, async (m) => {
      await this.mustBeWithin(m, id, actor);
      if (!(await this.repo.reassignClaim(m, id, to, until, QUEUED_STATUSES))) {
        throw new Conflict('CASE.NOT_IN_A_QUEUE', 'Only a case waiting in a queue (township review, confirmation, periodic review) can be reassigned.');
      }
      this.record(m, actor, 'case.reassign', id, { claimedBy: to, until: until.toISOString() });
    });
  }

  /** A case outside the actor's jurisdiction is not found, whatever its claim: a 404 before any 409. */
  private async mustBeWithin(m: EntityManager, id: string, actor: Actor): Promise<void> {
    if (!(await this.repo.exists(m, id, jurisdictionFilter(actor.jurisdiction)))) throw new NotFound(`Application ${id}`);
  }

  /** A claim's audit row: the digest of who holds the case afterwards (no state before: a claim is not read first). */
  private record(m: EntityManager, actor: Actor, action: string, id: string, claim: object): void {
    this.audit.record(m, { actor, action, target: auditTarget('application', id), after: digestOf(claim) });
  }

  /** Who holds a live claim on the case, read under the caller's row lock. */
  async holder(m: EntityManager, id: string): Promise<ClaimHolder | undefined> {
    const c = await this.repo.claim(m, id);
    return c && c.until > this.clock.now() ? c : undefined;
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
}
