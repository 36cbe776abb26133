import { DataSource } from 'typeorm';
import { Clock, InvalidInput, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { AssessHousehold } from '../assessment/assess-household.use-case';
import { Household } from '../assessment/domain/household';
import { ApplicationRepository, ApplicationRow } from '../applications/application.repository';
import { CaseChange } from '../applications/case-change';
import { CaseClaims } from '@jiuzhu/platform';
import { FindCases } from '../applications/find-cases.use-case';
import { householdPlacedWithin } from '../applications/household-place';
import { CareNeeds } from '../care-needs/care-needs';
import { CoverageExclusions } from '../hardship-conflicts/coverage-exclusions';
import { ParameterCatalog } from '../parameters/parameter-catalog';
import { AdHocReviewTrigger, decideReview, householdTypeOf, nextReviewDue } from './domain/periodic-review';

/**
 * 复核: the updated facts are assessed today, and the outcome continues, adjusts, exits gradually or
 * ends the case — whether the review fell due or was opened because the household reported a change.
 * Both steps are a township reviewer's (乡镇人民政府/街道办事处 carry out the review).
 */
export class ReviewCase {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ApplicationRepository,
    private readonly change: CaseChange,
    private readonly cases: FindCases,
    private readonly claims: CaseClaims,
    private readonly careNeeds: CareNeeds,
    private readonly assessments: AssessHousehold,
    private readonly catalog: ParameterCatalog,
    private readonly clock: Clock,
    private readonly exclusions?: CoverageExclusions,
  ) {}

  /** 临时复核: a change the household reported opens a review now; it then waits in the review queue. */
  async open(id: string, expectedVersion: number, input: { trigger: AdHocReviewTrigger; reportedOn?: string; summary: string }, actor: Actor): Promise<ApplicationRow> {
    const on = this.clock.today();
    const change = { ...input, reportedOn: input.reportedOn ?? on };
    return this.change.run(id, expectedVersion, actor, (app, _m, at) => orThrow(app.openReview(change, actor.id, at, on)));
  }

  async review(id: string, expectedVersion: number, household: Household, actor: Actor, note?: string): Promise<ApplicationRow> {
    const on = this.clock.today();
    // Another jurisdiction's case is not found (404) before anything is said about its claim.
    const current = await this.cases.get(id, actor);
    await this.claims.assertHeld(this.ds.manager, id, actor, 'review queue');
    orThrow(householdPlacedWithin(actor, household));
    // Today's known elder ability assessments are facts of the reviewed household, as at submission.
    household = await this.careNeeds.attach(household, on);
    // A member an officer decided to leave out (supported as 特困) is left out of the reviewed decision;
    // one whose 特困 support ended since is counted again (hardship-conflicts).
    if (this.exclusions) household = await this.exclusions.attach(id, household);
    const decision = await this.assessments.assess(household, on);
    const params = await this.catalog.resolve(household.districtCode, household.area, on);
    if (!params.ok) throw new InvalidInput([{ field: 'household.districtCode', reason: `parameters do not resolve: ${params.reason}` }]);
    const outcome = decideReview({ monthlyBenefitFen: current.monthlyBenefitFen ?? 0, household: current.household }, { household, decision }, params.value.gradualExit, on);
    const nextDue = nextReviewDue(on, householdTypeOf(household), params.value.reviewInterval);
    return this.change.run(id, expectedVersion, actor, async (app, m, at) => {
      // The claim is checked again under the row lock: a lease may have lapsed and been taken over meanwhile.
      await this.claims.assertHeld(m, id, actor, 'review queue');
      if (app.state.household.districtCode !== household.districtCode || app.state.household.area !== household.area) {
        throw new InvalidInput([{ field: 'household.districtCode', reason: 'a review cannot move a case to another district or area; close it and apply there' }]);
      }
      const facts = orThrow(app.review(outcome, household, decision, nextDue, actor.id, at, on, note));
      // The review is done: its claim ends with it.
      await this.repo.endClaim(m, id);
      return facts;
    });
  }
}
