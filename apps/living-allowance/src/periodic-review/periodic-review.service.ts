import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { Clock, Conflict, Forbidden, InvalidInput, LocalDate, monthOf, addMonths } from '@jiuzhu/common';
import { Actor } from '@jiuzhu/common/http';
import { ReviewDue } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { AssessmentService } from '../assessment/assessment.service';
import { Household } from '../assessment/domain/household';
import { ApplicationsService } from '../applications/applications.service';
import { ApplicationRow } from '../applications/application.repository';
import { ParameterCatalog } from '../parameters/parameter-catalog';
import { decideReview, householdTypeOf, nextReviewDue } from './domain/periodic-review';

export interface ClaimSettings {
  /** How long a claim holds when the officer goes quiet; then anyone may claim the case. */
  leaseMinutes: number;
}

/**
 * Periodic review of paying cases: a queue ordered by due date (overdue first), claims with a lease
 * so two officers never work one case, the review itself, and the background sweep that announces
 * due reviews and ends finished gradual exits.
 */
export class PeriodicReviewService {
  constructor(
    private readonly ds: DataSource,
    private readonly applications: ApplicationsService,
    private readonly assessments: AssessmentService,
    private readonly catalog: ParameterCatalog,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly claims: ClaimSettings = { leaseMinutes: 30 },
  ) {}

  /** Cases due on or before `on`, overdue first, then the oldest; claimed ones show who holds them. */
  async queue(f: { districtCode?: string; on?: LocalDate; limit: number }) {
    const on = f.on ?? this.clock.today();
    const rows = await this.ds.query(
      `SELECT id, household_ref, district_code, area, to_char(review_due_on, 'YYYY-MM-DD') AS review_due_on, monthly_benefit_fen, claimed_by, claim_expires_at, version
         FROM applications
        WHERE status = 'approved' AND granted = 'dibao' AND coverage = 'household' AND exiting_until IS NULL
          AND review_due_on <= $1 AND ($2::text IS NULL OR district_code = $2)
        ORDER BY review_due_on, filed_at, id LIMIT $3`,
      [on, f.districtCode ?? null, f.limit],
    );
    const now = this.clock.now();
    return rows.map((r: Record<string, any>) => ({
      id: r.id,
      householdRef: r.household_ref,
      districtCode: r.district_code,
      area: r.area,
      reviewDueOn: r.review_due_on,
      overdue: r.review_due_on < this.clock.today(),
      monthlyBenefitFen: Number(r.monthly_benefit_fen),
      claimedBy: r.claim_expires_at && new Date(r.claim_expires_at) > now ? r.claimed_by : null,
      version: r.version,
    }));
  }

  /**
   * Hands the next due case to the officer. `SKIP LOCKED` lets concurrent claimers pass over a row
   * another is taking, so no two get the same case; a lapsed lease makes a case claimable again.
   */
  async claimNext(actor: Actor, districtCode?: string): Promise<ApplicationRow | undefined> {
    const now = this.clock.now();
    const expires = new Date(now.getTime() + this.claims.leaseMinutes * 60_000);
    const [rows] = await this.ds.query(
      `UPDATE applications SET claimed_by = $1, claim_expires_at = $2
        WHERE id = (
          SELECT id FROM applications
           WHERE status = 'approved' AND granted = 'dibao' AND coverage = 'household' AND exiting_until IS NULL
             AND review_due_on <= $3 AND ($4::text IS NULL OR district_code = $4)
             AND (claimed_by IS NULL OR claim_expires_at <= $5)
           ORDER BY review_due_on, filed_at, id
           LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [actor.id, expires.toISOString(), this.clock.today(), districtCode ?? null, now.toISOString()],
    );
    return rows.length ? this.applications.get(rows[0].id) : undefined;
  }

  async release(id: string, actor: Actor): Promise<void> {
    const [, n] = await this.ds.query(`UPDATE applications SET claimed_by = NULL, claim_expires_at = NULL WHERE id = $1 AND claimed_by = $2`, [id, actor.id]);
    if (n === 0) throw new Conflict('CASE.NOT_CLAIMED', 'You do not hold a claim on this case.');
  }

  /** A supervisor moves a claimed case to another officer (who then holds a fresh lease). */
  async reassign(id: string, to: string, actor: Actor): Promise<void> {
    if (actor.role !== 'supervisor') throw new Forbidden('ROLE.SUPERVISOR_REQUIRED', 'Only a supervisor (X-Actor-Role: supervisor) may reassign a case.');
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(to)) throw new InvalidInput([{ field: 'to', reason: 'must be a staff id (1-64 letters, digits or ._@-)' }]);
    const expires = new Date(this.clock.now().getTime() + this.claims.leaseMinutes * 60_000);
    // Any case someone works from a queue: township review, confirmation, or periodic review.
    const [, n] = await this.ds.query(
      `UPDATE applications SET claimed_by = $2, claim_expires_at = $3 WHERE id = $1 AND status IN ('submitted', 'rechecking', 'confirming', 'approved')`,
      [id, to, expires.toISOString()],
    );
    if (n === 0) throw new Conflict('CASE.NOT_IN_A_QUEUE', 'Only a case waiting in a queue (township review, confirmation, periodic review) can be reassigned.');
  }

  /** The review: updated facts are assessed today, and the outcome continues, adjusts, exits gradually or ends the case. */
  async review(id: string, expectedVersion: number, household: Household, actor: Actor, note?: string): Promise<ApplicationRow> {
    const on = this.clock.today();
    const current = await this.applications.get(id);
    this.assertClaimHeld(current, actor);
    // Today's known elder ability assessments are facts of the reviewed household, as at submission.
    household = await this.applications.careNeeds.attach(household, on);
    const decision = await this.assessments.assess(household, on);
    const params = await this.catalog.resolve(household.districtCode, household.area, on);
    if (!params.ok) throw new InvalidInput([{ field: 'household.districtCode', reason: `parameters do not resolve: ${params.reason}` }]);
    const outcome = decideReview({ monthlyBenefitFen: current.monthlyBenefitFen ?? 0, household: current.household }, { household, decision }, params.value.gradualExit, on);
    const nextDue = nextReviewDue(on, householdTypeOf(household), params.value.reviewInterval);
    const row = await this.applications.change(id, expectedVersion, actor, async (app, m, at) => {
      // The claim is checked again under the row lock: a lease may have lapsed and been taken over meanwhile.
      const [held] = await m.query(`SELECT claimed_by, claim_expires_at FROM applications WHERE id = $1`, [id]);
      this.assertClaimHeld({ claimedBy: held.claimed_by, claimExpiresAt: held.claim_expires_at ? new Date(held.claim_expires_at).toISOString() : null }, actor);
      if (app.state.household.districtCode !== household.districtCode || app.state.household.area !== household.area) {
        throw new InvalidInput([{ field: 'household.districtCode', reason: 'a review cannot move a case to another district or area; close it and apply there' }]);
      }
      const facts = app.review(outcome, household, decision, nextDue, actor.id, at, on, note);
      if (!facts.ok) throw new Conflict(facts.problem.code, facts.problem.message.en);
      await m.query(`UPDATE applications SET claimed_by = NULL, claim_expires_at = NULL WHERE id = $1`, [id]);
      return facts.facts;
    });
    return row;
  }

  /**
   * Announces reviews that have fallen due (once per due date) and ends cases whose gradual exit is
   * over. Safe to run on every replica at once: each row is updated under its lock with a guard.
   */
  async sweep(): Promise<{ announced: number; exitsCompleted: number }> {
    const today = this.clock.today();
    const announced = await this.ds.transaction(async (m) => {
      const due = await m.query(
        `SELECT id, household_ref, district_code, household, to_char(review_due_on, 'YYYY-MM-DD') AS review_due_on FROM applications
          WHERE status = 'approved' AND granted = 'dibao' AND coverage = 'household' AND exiting_until IS NULL
            AND review_due_on <= $1 AND (review_announced_on IS NULL OR review_announced_on < review_due_on)
          ORDER BY review_due_on LIMIT 1000 FOR UPDATE SKIP LOCKED`,
        [today],
      );
      if (!due.length) return 0;
      await m.query(`UPDATE applications SET review_announced_on = review_due_on WHERE id = ANY($1::uuid[])`, [due.map((r: { id: string }) => r.id)]);
      await this.outbox.appendMany(
        m,
        ReviewDue,
        due.map((r: Record<string, any>) => ({ caseId: r.id, householdRef: r.household_ref, districtCode: r.district_code, householdType: householdTypeOf(r.household), dueOn: r.review_due_on })),
      );
      return due.length;
    });

    const thisMonth = monthOf(today);
    const finished: Array<{ id: string; version: number; exiting_until: string }> = await this.ds.query(
      `SELECT id, version, exiting_until FROM applications WHERE status = 'approved' AND exiting_until IS NOT NULL AND exiting_until < $1`,
      [thisMonth],
    );
    let exitsCompleted = 0;
    for (const f of finished) {
      try {
        const stopsFromMonth = monthOf(addMonths(`${f.exiting_until}-01`, 1));
        await this.applications.change(f.id, f.version, { id: 'system:gradual-exit' }, async (app, _m, at) => {
          const r = app.completeGradualExit('system:gradual-exit', at, today, stopsFromMonth);
          if (!r.ok) throw new Conflict(r.problem.code, r.problem.message.en);
          return r.facts;
        });
        exitsCompleted++;
      } catch (e) {
        // Another replica ended it first (version conflict): nothing to do.
        if (!(e instanceof Conflict)) throw e;
      }
    }
    if (announced || exitsCompleted) this.log.info({ announced, exitsCompleted }, 'periodic review sweep');
    return { announced, exitsCompleted };
  }

  private assertClaimHeld(c: { claimedBy: string | null; claimExpiresAt: string | null }, actor: Actor): void {
    const held = c.claimedBy === actor.id && c.claimExpiresAt !== null && new Date(c.claimExpiresAt) > this.clock.now();
    if (!held) throw new Conflict('CASE.NOT_CLAIMED', 'Claim the case from the review queue first (or your claim has lapsed).');
  }
}
