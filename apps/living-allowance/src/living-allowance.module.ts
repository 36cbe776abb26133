import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditTrail } from '@jiuzhu/audit';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '@jiuzhu/common';
import { Messaging, opsController } from '@jiuzhu/messaging';
import { backgroundWork, CaseClaims } from '@jiuzhu/platform';
import { ApplicationRepository } from './applications/application.repository';
import { AnnounceCaseFacts } from './applications/announce-case-facts.policy';
import { ApplicationsController, CaseProcessController } from './applications/applications.controller';
import { CaseChange } from './applications/case-change';
import { CaseClaimsController } from './applications/case-claims.controller';
import { CaseListsController, SearchedPersonOrTownship } from './applications/case-lists.controller';
import { CaseLists } from './applications/case-lists.use-case';
import { CaseDecisions } from './applications/case-decisions.use-case';
import { CaseDecisionsController } from './applications/case-decisions.controller';
import { ConfirmCase } from './applications/confirm-case.use-case';
import { EditHousehold } from './applications/edit-household.use-case';
import { ExtendTimeLimit } from './applications/extend-time-limit.use-case';
import { FileApplication } from './applications/file-application.use-case';
import { FindCases } from './applications/find-cases.use-case';
import { FreeMembersWhenCaseCloses } from './applications/free-members-when-case-closes.policy';
import { PersonRefs } from './applications/person-refs';
import { ProcessQueues } from './applications/process-queues.use-case';
import { ProcessQueuesController } from './applications/process-queues.controller';
import { ProcessRulesSource } from './applications/process-rules';
import { PublicNotice } from './applications/public-notice.use-case';
import { RecordNoticeDelivery } from './applications/record-notice-delivery.use-case';
import { RefusalNoticeController } from './applications/refusal-notice.controller';
import { SinglePersonInclusions } from './applications/single-person-inclusions.policy';
import { SubmitApplication } from './applications/submit-application.use-case';
import { TownshipReview } from './applications/township-review.use-case';
import { WithdrawApplication } from './applications/withdraw-application.use-case';
import { AssessHousehold } from './assessment/assess-household.use-case';
import { TrialAssessmentController } from './assessment/trial-assessment.controller';
import { LowIncomeController } from './low-income/low-income.controller';
import { KeepLowIncomeRegister } from './low-income/keep-low-income-register.policy';
import { LowIncomeRepository } from './low-income/low-income.repository';
import { ParameterCatalog } from './parameters/parameter-catalog';
import { ParametersModule, ParameterVersionRepository } from '@jiuzhu/parameters';
import { LIVING_ALLOWANCE_PUBLICATION_WINDOW } from './parameters/living-allowance-parameters';
import { PARAMETER_SPECS } from './parameters/domain/parameter-keys';
import { ReassessWhenStandardPublished } from './parameters/reassess-when-standard-published.policy';
import { StandardsController } from './parameters/standards.controller';
import { GrantPriceSubsidy } from './price-subsidy/grant-price-subsidy.use-case';
import { PriceIndexRepository } from './price-subsidy/price-index.repository';
import { PriceSubsidyBatchRepository } from './price-subsidy/price-subsidy-batch.repository';
import { RecordPriceIndex } from './price-subsidy/record-price-index.use-case';
import { PriceIndicesController, PriceSubsidiesController } from './price-subsidy/price-subsidy.controller';
import { ReassessmentController } from './reassessment/reassessment.controller';
import { ReassessmentRunner } from './reassessment/reassessment-runner';
import { WhatIf } from './reassessment/what-if';
import { ReassessmentRunRepository } from './reassessment/reassessment-run.repository';
import { RetryOrCancelRun } from './reassessment/retry-or-cancel-run.use-case';
import { PeriodicReviewController } from './periodic-review/periodic-review.controller';
import { PeriodicReviewSweep } from './periodic-review/periodic-review-sweep.use-case';
import { ReviewCase } from './periodic-review/review-case.use-case';
import { ReviewQueue } from './periodic-review/review-queue.use-case';
import { AbilityLevelRepository } from './care-needs/ability-level.repository';
import { CareNeeds } from './care-needs/care-needs';
import { AbilityLevelsController } from './care-needs/ability-levels.controller';
import { MarkAbilityLevelSupersededWhenAssessmentSuperseded } from './care-needs/mark-ability-level-superseded-when-assessment-superseded.consumer';
import { RecordAbilityLevelWhenAssessmentCompleted } from './care-needs/record-ability-level-when-assessment-completed.consumer';
import { CoverageExclusions } from './hardship-conflicts/coverage-exclusions';
import { FlagDibaoCasesWhenPersonRegistered } from './hardship-conflicts/flag-dibao-cases-when-person-registered.consumer';
import { FlagSupportedMembersOnSubmission } from './hardship-conflicts/flag-supported-members-on-submission.policy';
import { HardshipConflictRepository } from './hardship-conflicts/hardship-conflict.repository';
import { HardshipConflicts } from './hardship-conflicts/hardship-conflicts.use-case';
import { HardshipConflictsController } from './hardship-conflicts/hardship-conflicts.controller';
import { MarkConflictsWhenPersonTerminated } from './hardship-conflicts/mark-conflicts-when-person-terminated.consumer';
import { RecordReferralWhenReferralRequested } from './referrals/record-referral-when-referral-requested.consumer';
import { ReferralRepository } from './referrals/referral.repository';
import { Referrals } from './referrals/referrals.use-case';
import { ReferralsController } from './referrals/referrals.controller';

export interface LivingAllowanceDeps {
  dataSource: DataSource;
  messaging: Messaging;
  clock: Clock;
  refKey: string;
  log: Logger;
  /** The service's audit trail: every change path records into it (libs/audit). */
  audit: AuditTrail;
  /** Background jobs (reassessment runs); tests of the jobs themselves drive them by hand. */
  backgroundJobs?: boolean;
}

/**
 * Wiring only: the use-case classes are plain and take their collaborators in the constructor, so
 * they can be tested without Nest; this module builds them from the runtime's resources.
 */
@Module({})
export class LivingAllowanceModule {
  static register(d: LivingAllowanceDeps): DynamicModule {
    const parameterRepo = new ParameterVersionRepository(d.dataSource);
    const catalog = new ParameterCatalog(parameterRepo);
    const assessments = new AssessHousehold(catalog, d.clock);
    const lowIncome = new LowIncomeRepository();
    const runner = new ReassessmentRunner(d.dataSource, catalog, d.messaging.outbox, d.clock, d.log, undefined, undefined, d.audit);
    const priceIndices = new PriceIndexRepository(d.dataSource);
    const subsidyBatches = new PriceSubsidyBatchRepository(d.dataSource);
    const abilityLevels = new AbilityLevelRepository();
    const refs = new PersonRefs(d.refKey);
    const careNeeds = new CareNeeds(d.dataSource, abilityLevels, (idNumber) => refs.ofIdNumber(idNumber));
    // A case: one path for every change (CaseChange), and a named policy for each reaction to its facts, in this order.
    const cases = new ApplicationRepository();
    const processRules = new ProcessRulesSource(catalog);
    // Special-hardship (特困) members of dibao cases: flagged from hardship-registry's events, resolved by officers.
    const conflictRepo = new HardshipConflictRepository();
    const conflicts = new HardshipConflicts(d.dataSource, conflictRepo, d.clock, d.audit);
    const exclusions = new CoverageExclusions(d.dataSource, conflictRepo, (idNumber) => refs.ofIdNumber(idNumber));
    const findCases = new FindCases(d.dataSource, cases, assessments, processRules, d.clock, conflicts);
    const change = new CaseChange(d.dataSource, cases, processRules, findCases, d.clock, [
      new FreeMembersWhenCaseCloses(cases),
      new AnnounceCaseFacts(d.messaging.outbox, cases, refs),
      new KeepLowIncomeRegister(lowIncome, d.messaging.outbox),
      new SinglePersonInclusions(cases, refs, d.clock),
      new FlagSupportedMembersOnSubmission(conflicts, refs),
    ], d.audit);
    const claims = new CaseClaims(d.dataSource, cases, d.clock, d.audit, {
      target: 'application',
      actions: 'case',
      codes: 'CASE',
      noun: 'Application',
      queues: 'township review, confirmation, periodic review',
    });
    const reviews = new PeriodicReviewSweep(d.dataSource, cases, change, d.messaging.outbox, d.clock, d.log, d.audit);
    const notices = new PublicNotice(d.dataSource, cases, change, d.clock, d.log);
    return {
      module: LivingAllowanceModule,
      imports: [
        ParametersModule.register({
          dataSource: d.dataSource,
          clock: d.clock,
          audit: d.audit,
          catalog,
          specs: PARAMETER_SPECS,
          window: LIVING_ALLOWANCE_PUBLICATION_WINDOW,
          hook: new ReassessWhenStandardPublished(d.messaging.outbox, () => runner.nudge()),
        }),
      ],
      controllers: [TrialAssessmentController, CaseListsController, ApplicationsController, CaseProcessController, RefusalNoticeController, CaseDecisionsController, ProcessQueuesController, CaseClaimsController, AbilityLevelsController, RecordAbilityLevelWhenAssessmentCompleted, MarkAbilityLevelSupersededWhenAssessmentSuperseded, StandardsController, LowIncomeController, ReassessmentController, PeriodicReviewController, PriceIndicesController, PriceSubsidiesController, HardshipConflictsController, FlagDibaoCasesWhenPersonRegistered, MarkConflictsWhenPersonTerminated, ReferralsController, RecordReferralWhenReferralRequested, opsController('living-allowance')],
      providers: [
        { provide: DataSource, useValue: d.dataSource },
        { provide: CLOCK, useValue: d.clock },
        { provide: ParameterCatalog, useValue: catalog },
        { provide: ReassessmentRunner, useValue: runner },
        { provide: WhatIf, useValue: new WhatIf(d.dataSource, catalog, d.clock) },
        { provide: RetryOrCancelRun, useValue: new RetryOrCancelRun(d.dataSource, new ReassessmentRunRepository(d.dataSource), d.clock, d.audit, () => runner.nudge()) },
        { provide: PeriodicReviewSweep, useValue: reviews },
        { provide: ReviewQueue, useValue: new ReviewQueue(d.dataSource, cases, claims, findCases, d.clock) },
        { provide: ReviewCase, useValue: new ReviewCase(d.dataSource, cases, change, findCases, claims, careNeeds, assessments, catalog, d.clock, exclusions) },
        // In the background: open reassessment runs; every minute, due reviews announced, finished
        // gradual exits ended, and notices that have run their days sent to confirmation.
        ...backgroundWork(
          {
            log: d.log,
            start: () => runner.start(),
            stop: () => runner.stop(),
            sweep: () => Promise.all([reviews.sweep(), notices.closeEnded()]),
          },
          d.backgroundJobs !== false,
        ),
        { provide: AssessHousehold, useValue: assessments },
        { provide: FindCases, useValue: findCases },
        { provide: CaseLists, useValue: new CaseLists(d.dataSource, cases, refs, d.clock) },
        { provide: CaseDecisions, useValue: new CaseDecisions(d.dataSource, assessments) },
        { provide: SearchedPersonOrTownship, useValue: new SearchedPersonOrTownship(refs) },
        { provide: FileApplication, useValue: new FileApplication(d.dataSource, cases, assessments, refs, d.clock, d.audit) },
        { provide: EditHousehold, useValue: new EditHousehold(change, cases, assessments, refs) },
        { provide: SubmitApplication, useValue: new SubmitApplication(change, findCases, careNeeds, assessments, d.clock, exclusions) },
        { provide: WithdrawApplication, useValue: new WithdrawApplication(change) },
        { provide: TownshipReview, useValue: new TownshipReview(change, processRules, claims, d.clock) },
        { provide: PublicNotice, useValue: notices },
        { provide: ExtendTimeLimit, useValue: new ExtendTimeLimit(change, processRules, d.clock) },
        { provide: ConfirmCase, useValue: new ConfirmCase(change, findCases, processRules, catalog, claims, d.clock) },
        { provide: RecordNoticeDelivery, useValue: new RecordNoticeDelivery(change, d.clock) },
        { provide: ProcessQueues, useValue: new ProcessQueues(d.dataSource, cases, processRules, claims, findCases, d.clock) },
        { provide: CaseClaims, useValue: claims },
        { provide: AbilityLevelRepository, useValue: abilityLevels },
        { provide: CareNeeds, useValue: careNeeds },
        { provide: HardshipConflicts, useValue: conflicts },
        { provide: Referrals, useValue: new Referrals(d.dataSource, new ReferralRepository(), d.clock, d.audit) },
        { provide: LowIncomeRepository, useValue: lowIncome },
        { provide: PriceIndexRepository, useValue: priceIndices },
        { provide: PriceSubsidyBatchRepository, useValue: subsidyBatches },
        { provide: RecordPriceIndex, useValue: new RecordPriceIndex(d.dataSource, priceIndices, d.clock, d.audit) },
        { provide: GrantPriceSubsidy, useValue: new GrantPriceSubsidy(d.dataSource, subsidyBatches, priceIndices, new ApplicationRepository(), catalog, d.messaging.outbox, d.clock, d.audit) },
      ],
    };
  }
}
