import { Clock, Conflict, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { AssessHousehold } from '../assessment/assess-household.use-case';
import { CareNeeds } from '../care-needs/care-needs';
import { CoverageExclusions } from '../hardship-conflicts/coverage-exclusions';
import { ApplicationRow } from './application.repository';
import { CaseChange } from './case-change';
import { FindCases } from './find-cases.use-case';

/** Submission: the household is assessed today and the decision is fixed on the case. */
export class SubmitApplication {
  constructor(
    private readonly change: CaseChange,
    private readonly cases: FindCases,
    private readonly careNeeds: CareNeeds,
    private readonly assessments: AssessHousehold,
    private readonly clock: Clock,
    private readonly exclusions?: CoverageExclusions,
  ) {}

  async submit(id: string, expectedVersion: number, actor: Actor): Promise<ApplicationRow> {
    const on = this.clock.today();
    // Assess before taking the row lock: no second pool connection is needed while a transaction
    // holds one (that starves the pool under load). The version check under the lock guarantees the
    // household assessed is the one submitted, since every edit bumps the version.
    const current = await this.cases.get(id, actor);
    // The members' elder ability assessments known today become facts of the submitted document.
    // So do the exclusions officers decided for members supported as 特困 (hardship-conflicts).
    const withCare = current.version === expectedVersion ? await this.careNeeds.attach(current.household, on) : undefined;
    const household = withCare && this.exclusions ? await this.exclusions.attach(id, withCare) : withCare;
    const decision = household ? await this.assessments.assess(household, on) : undefined;
    return this.change.run(id, expectedVersion, actor, (app, _m, at) => {
      if (!decision) throw new Conflict('CASE.VERSION_CONFLICT', 'The case changed while it was being submitted; reload it and try again.');
      return orThrow(app.submit(decision, actor.id, at, on, household));
    });
  }
}
