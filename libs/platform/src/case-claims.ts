import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { Actor, jurisdictionFilter, JurisdictionFilter, PERSON_STAFF_ID } from '@jiuzhu/auth';
import { Clock, Conflict, InvalidInput, NotFound } from '@jiuzhu/common';

/** Who holds a claim on a case, and until when (a claim that lapsed is nobody's). */
export interface ClaimHolder {
  by: string;
  until: Date;
}

/** A claim handed to an officer: theirs until `until`; a claim that lapsed before `now` is free. */
export interface Lease extends ClaimHolder {
  now: Date;
}

/** The statements on a service's case table that claims need; its repository has them. */
export interface ClaimStore {
  /** Whether the case exists within the jurisdiction (in SQL). */
  exists(m: EntityManager, id: string, within: JurisdictionFilter): Promise<boolean>;
  /** Gives back the claim `by` holds; false when they hold none. */
  releaseClaim(m: EntityManager, id: string, by: string): Promise<boolean>;
  /** Gives a queued case's claim to `to` until `until`; false when the case waits in no queue. */
  reassignClaim(m: EntityManager, id: string, to: string, until: Date): Promise<boolean>;
  /** The claim on the case, live or lapsed, read under the caller's row lock inside a change. */
  claim(m: EntityManager, id: string): Promise<ClaimHolder | undefined>;
}

/** What a service's claims are called: in its audit trail, its problem codes and its messages. */
export interface ClaimNaming {
  /** The audit target type of a case (`application`, `hardship_case`); its actions are `<type or prefix>.claim` etc. */
  target: string;
  /** The prefix of the audit actions: `case` → `case.claim`, `case.release`, `case.reassign`. */
  actions: string;
  /** The prefix of the problem codes: `CASE` → `CASE.NOT_CLAIMED`, `CASE.CLAIMED_BY_OTHER`, `CASE.NOT_IN_A_QUEUE`. */
  codes: string;
  /** How a missing case is named in a 404 (`Application`, `Case`). */
  noun: string;
  /** The queues a case can be reassigned in, for the 409 that says it waits in none. */
  queues: string;
}

/**
 * Claims on cases, one way for every service with work queues: an officer takes a case from a queue
 * with a lease, so that two officers never work one case; the lease lapses if the officer goes away,
 * and a supervisor can move it. Each queue claims through its repository with a lease from here;
 * the claim and the audit row of who took it commit together.
 */
export class CaseClaims {
  constructor(
    private readonly ds: DataSource,
    private readonly store: ClaimStore,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly naming: ClaimNaming,
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
      if (id) this.record(m, actor, 'claim', id, { claimedBy: lease.by, until: lease.until.toISOString() });
      return id;
    });
  }

  async release(id: string, actor: Actor): Promise<void> {
    await this.audit.transaction(this.ds, async (m) => {
      await this.mustBeWithin(m, id, actor);
      if (!(await this.store.releaseClaim(m, id, actor.id))) throw new Conflict(`${this.naming.codes}.NOT_CLAIMED`, 'You do not hold a claim on this case.');
      this.record(m, actor, 'release', id, { claimedBy: null });
    });
  }

  /** A supervisor moves a queued case of their jurisdiction to another officer, who then holds a fresh lease. */
  async reassign(id: string, to: string, actor: Actor): Promise<void> {
    if (!PERSON_STAFF_ID.test(to)) throw new InvalidInput([{ field: 'to', reason: 'must be a staff id (1-64 letters, digits or ._@-)' }]);
    const until = this.lease({ id: to }).until;
    await this.audit.transaction(this.ds, async (m) => {
      await this.mustBeWithin(m, id, actor);
      if (!(await this.store.reassignClaim(m, id, to, until))) {
        throw new Conflict(`${this.naming.codes}.NOT_IN_A_QUEUE`, `Only a case waiting in a queue (${this.naming.queues}) can be reassigned.`);
      }
      this.record(m, actor, 'reassign', id, { claimedBy: to, until: until.toISOString() });
    });
  }

  /** Who holds a live claim on the case, read under the caller's row lock. */
  async holder(m: EntityManager, id: string): Promise<ClaimHolder | undefined> {
    const c = await this.store.claim(m, id);
    return c && c.until > this.clock.now() ? c : undefined;
  }

  /** Someone else's live claim keeps others off the case; an unclaimed case may be worked directly. */
  async assertNotClaimedByOther(m: EntityManager, id: string, actor: Actor): Promise<void> {
    const h = await this.holder(m, id);
    if (h && h.by !== actor.id) {
      throw new Conflict(`${this.naming.codes}.CLAIMED_BY_OTHER`, `Another officer (${h.by}) holds this case until ${h.until.toISOString()}; ask a supervisor to reassign it.`);
    }
  }

  /** Work that must be claimed first (periodic review): the actor must hold a live claim. */
  async assertHeld(m: EntityManager, id: string, actor: Actor, queue: string): Promise<void> {
    if ((await this.holder(m, id))?.by !== actor.id) throw new Conflict(`${this.naming.codes}.NOT_CLAIMED`, `Claim the case from the ${queue} first (or your claim has lapsed).`);
  }

  /** A case outside the actor's jurisdiction is not found, whatever its claim: a 404 before any 409. */
  private async mustBeWithin(m: EntityManager, id: string, actor: Actor): Promise<void> {
    if (!(await this.store.exists(m, id, jurisdictionFilter(actor.jurisdiction)))) throw new NotFound(`${this.naming.noun} ${id}`);
  }

  /** A claim's audit row: the digest of who holds the case afterwards (no state before: a claim is not read first). */
  private record(m: EntityManager, actor: Actor, action: 'claim' | 'release' | 'reassign', id: string, claim: object): void {
    this.audit.record(m, { actor, action: `${this.naming.actions}.${action}`, target: auditTarget(this.naming.target, id), after: digestOf(claim) });
  }
}
