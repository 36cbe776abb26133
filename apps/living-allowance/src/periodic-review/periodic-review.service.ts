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
import { CaseClaims } from '../applications/case-claims';
import { decideReview, householdTypeOf, nextReviewDue } from './domain/periodic-review';

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
    private readonly claims: CaseClaims,
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

  /** Claims the next due case for the officer (overdue first, then the oldest), through the shared case claims. */
  async claimNext(actor: Actor, districtCode?: string): Promise<ApplicationRow | undefined> {
    const id = await this.claims.claimNext(actor, {
      where: `status = 'approved' AND granted = 'dibao' AND coverage = 'household' AND exiting_until IS NULL
              AND review_due_on <= $1 AND ($2::text IS NULL OR district_code = $2)`,
      params: [this.clock.today(), districtCode ?? null],
      orderBy: 'review_due_on, filed_at, id',
    });
    return id ? this.applications.get(id) : undefined;
  }

  /** The review: updated facts are assessed today, and the outcome continues, adjusts, exits gradually or ends the case. */
  async review(id: string, expectedVersion: number, household: Household, actor: Actor, note?: string): Promise<ApplicationRow> {
    const on = this.clock.today();
    await this.claims.assertHeld(this.ds.manager, id, actor, 'review queue');
    const current = await this.applications.get(id);
    // Today's known elder ability assessments are facts of the reviewed household, as at submission.
    household = await this.applications.careNeeds.attach(household, on);
    const decision = await this.assessments.assess(household, on);
    const params = await this.catalog.resolve(household.districtCode, household.area, on);
    if (!params.ok) throw new InvalidInput([{ field: 'household.districtCode', reason: `parameters do not resolve: ${params.reason}` }]);
    const outcome = decideReview({ monthlyBenefitFen: current.monthlyBenefitFen ?? 0, household: current.household }, { household, decision }, params.value.gradualExit, on);
    const nextDue = nextReviewDue(on, householdTypeOf(household), params.value.reviewInterval);
    const row = await this.applications.change(id, expectedVersion, actor, async (app, m, at) => {
      // The claim is checked again under the row lock: a lease may have lapsed and been taken over meanwhile.
      await this.claims.assertHeld(m, id, actor, 'review queue');
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
}
