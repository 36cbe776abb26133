import { LIVING_ALLOWANCE_EVENTS } from '@jiuzhu/contracts';
import { ServiceDefinition } from '@jiuzhu/platform';
import { LivingAllowanceModule } from './living-allowance.module';
import { LivingAllowanceSchema1732700000100 } from './migrations/1732700000100-living-allowance-schema';
import { ReassessmentRuns1732700000200 } from './migrations/1732700000200-reassessment-runs';
import { PriceSubsidy1732700000300 } from './migrations/1732700000300-price-subsidy';
import { PeriodicReview1732700000400 } from './migrations/1732700000400-periodic-review';
import { ConflictSignal1732700000500 } from './migrations/1732700000500-conflict-signal';
import { PARAMETER_MIGRATIONS, ParameterVersionRepository } from '@jiuzhu/parameters';
import { LIVING_ALLOWANCE_DEFAULT_PARAMETERS } from './parameters/living-allowance-parameters';
import { announceSeededStandards } from './parameters/reassess-when-standard-published.policy';
import { CaseProcess1732700000600 } from './migrations/1732700000600-case-process';
import { CompactRedecision1732700000700 } from './migrations/1732700000700-compact-redecision';
import { AbilityLevels1732700000800 } from './migrations/1732700000800-ability-levels';
import { ReassessmentRunRecord } from './reassessment/reassessment-run.entity';
import { PriceIndexInForceRecord, PriceIndexRevisionRecord, PriceSubsidyBatchRecord, PriceSubsidyPaymentRecord } from './price-subsidy/price-subsidy.entity';
import { ParkedReassessmentRuns1732700000950 } from './migrations/1732700000950-parked-reassessment-runs';
import { ReviewInsteadOfFlag1732700000960 } from './migrations/1732700000960-review-instead-of-flag';
import { OpenReviews1732700001200 } from './migrations/1732700001200-open-reviews';
import { HardshipConflicts1732700001300 } from './migrations/1732700001300-hardship-conflicts';
import { CaseLists1732700001100 } from './migrations/1732700001100-case-lists';
import { CaseContacts1732700001110 } from './migrations/1732700001110-case-contacts';
import { DropUnusedConflictSignal1732700000900 } from './migrations/1732700000900-drop-unused-conflict-signal';
import { ApplicationRecord, CaseHistoryRecord, HouseholdMembershipRecord } from './applications/application.entity';
import { CaseDecisionRecord } from './applications/case-decision.entity';
import { CaseDecisions1732700001000 } from './migrations/1732700001000-case-decisions';
import { LowIncomeHouseholdRecord } from './low-income/low-income-household.entity';
import { PersonAbilityLevelRecord } from './care-needs/person-ability-level.entity';

/** The living-allowance (最低生活保障, dibao) service as the runtime starts it. */
export function livingAllowanceService(o: { refKey: string; backgroundJobs?: boolean }): ServiceDefinition {
  return {
    name: 'living-allowance',
    title: 'Jiuzhu — living allowance (最低生活保障)',
    description:
      'Dibao eligibility (试算 trial assessment with a line-by-line explanation), applications and decisions, the low-income household database, and the effective-dated parameters (standards, limits, top-ups). Every route but the probes and the documents needs a bearer token: its roles decide what the caller may do, its jurisdiction which cases they see.',
    migrations: [LivingAllowanceSchema1732700000100, ReassessmentRuns1732700000200, PriceSubsidy1732700000300, PeriodicReview1732700000400, ConflictSignal1732700000500, CaseProcess1732700000600, CompactRedecision1732700000700, AbilityLevels1732700000800, DropUnusedConflictSignal1732700000900, ParkedReassessmentRuns1732700000950, ReviewInsteadOfFlag1732700000960, CaseDecisions1732700001000, CaseLists1732700001100, CaseContacts1732700001110, OpenReviews1732700001200, HardshipConflicts1732700001300, ...PARAMETER_MIGRATIONS],
    entities: [ApplicationRecord, CaseHistoryRecord, CaseDecisionRecord, HouseholdMembershipRecord, LowIncomeHouseholdRecord, PersonAbilityLevelRecord, ReassessmentRunRecord, PriceIndexInForceRecord, PriceIndexRevisionRecord, PriceSubsidyBatchRecord, PriceSubsidyPaymentRecord],
    produces: LIVING_ALLOWANCE_EVENTS,
    async prepare({ dataSource, log, clock, outbox }) {
      const seeded = await new ParameterVersionRepository(dataSource).seedMissing(LIVING_ALLOWANCE_DEFAULT_PARAMETERS, clock.now(), (m, versions) => announceSeededStandards(outbox, m, versions));
      if (seeded) log.info({ versions: seeded }, 'seeded the illustrative default parameters (replace them by publishing real ones)');
    },
    module: ({ dataSource, messaging, log, clock, audit }) => LivingAllowanceModule.register({ dataSource, messaging, log, clock, audit, refKey: o.refKey, backgroundJobs: o.backgroundJobs }),
  };
}
