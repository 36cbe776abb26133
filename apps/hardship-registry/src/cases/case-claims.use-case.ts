import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { Clock, Conflict, InvalidInput, NotFound } from '@jiuzhu/common';
import { jurisdictionFilter, type Actor } from '@jiuzhu/auth';
import { HardshipCaseRepository, Lease } from './hardship-case.repository';

/**
 * Claims on cases: an officer takes a case from a queue with a lease, so that two officers never work
 * one case; the lease lapses if the officer goes away, and a supervisor can move it (as in
 * living-allowance's queues). An unclaimed case may still be worked directly; someone else's live
 * claim keeps others off it.
 */
export class CaseClaims {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: HardshipCaseRepository,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly leaseMinutes = 30,
  ) {}

  lease(actor: Pick<Actor, 'id'>): Lease {
    const now = this.clock.now();
    return { by: actor.id, until: new Date(now.getTime() + this.leaseMinutes * 60_000), now };
  }

  /** Runs one claim statement (`claim` answers the case it claimed, if any) with its audit row. */
  take(actor: Actor, lease: Lease, claim: (m: EntityManager) => Promise<string | undefined>): Promise<string | undefined> {
    return this.audit.transaction(this.ds, async (m) => {
      const id = await claim(m);
      if (id) this.record(m, actor, 'hardship_case.claim', id, { claimedBy: lease.by, until: lease.until.toISOString() });
      return id;
    });
  }

  async release(id: string, actor: Actor): Promise<void> {
    await this.audit.transaction(this.ds, async (m) => {
      await this.mustBeWithin(m, id, actor);
      if (!(await this.repo.releaseClaim(m, id, actor.id))) throw new Conflict('HARDSHIP.NOT_CLAIMED', 'You do not hold a claim on this case.');
      this.record(m, actor, 'hardship_case.release', id, { claimedBy: null });
    });
  }

  /** A supervisor moves a queued case of their jurisdiction to another officer, who then holds a fresh lease. */
  async reassign(id: string, to: string, actor: Actor): Promise<void> {
    if (!/^[A-Za-z0-9._@:|-]{1,64}$/.test(to)) throw new InvalidInput([{ field: 'to', reason: 'must be a staff id (1-64 letters, digits or ._@:|-)' }]);
    const until = this.lease({ id: to }).until;
    await this.audit.transaction(this.ds, async (m) => {
      await this.mustBeWithin(m, id, actor);
      if (!(await this.repo.reassignClaim(m, id, to, until))) {
        throw new Conflict('HARDSHIP.NOT_IN_A_QUEUE', 'Only a case waiting in a queue (investigation, confirmation) can be reassigned.');
      }
      this.record(m, actor, 'hardship_case.reassign', id, { claimedBy: to, until: until.toISOString() });
    });
  }

  /** Someone else's live claim keeps others off the case; read under the change's row lock. */
  async assertNotClaimedByOther(m: EntityManager, id: string, actor: Actor): Promise<void> {
    const c = await this.repo.claim(m, id);
    if (c && c.until > this.clock.now() && c.by !== actor.id) {
      throw new Conflict('HARDSHIP.CLAIMED_BY_OTHER', `Another officer (${c.by}) holds this case until ${c.until.toISOString()}; ask a supervisor to reassign it.`);
    }
  }

  /** A case outside the actor's jurisdiction is not found, whatever its claim: a 404 before any 409. */
  private async mustBeWithin(m: EntityManager, id: string, actor: Actor): Promise<void> {
    if (!(await this.repo.exists(m, id, jurisdictionFilter(actor.jurisdiction)))) throw new NotFound(`Case ${id}`);
  }

  private record(m: EntityManager, actor: Actor, action: string, id: string, claim: object): void {
    this.audit.record(m, { actor, action, target: auditTarget('hardship_case', id), after: digestOf(claim) });
  }
}
