import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Clock, CLOCK, refOf } from '@jiuzhu/common';
import { Messaging, opsController } from '@jiuzhu/messaging';
import { backgroundWork } from '@jiuzhu/platform';
import { ApplicationRepository } from './applications/application.repository';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsService } from './applications/applications.service';
import { CaseClaims } from './applications/case-claims';
import { CaseClaimsController } from './applications/case-claims.controller';
import { CaseProcessService } from './applications/case-process.service';
import { ProcessQueuesController } from './applications/process-queues.controller';
import { AssessmentService } from './assessment/assessment.service';
import { TrialAssessmentController } from './assessment/trial-assessment.controller';
import { LowIncomeController } from './low-income/low-income.controller';
import { LowIncomeRepository } from './low-income/low-income.repository';
import { ParameterCatalog } from './parameters/parameter-catalog';
import { ParameterVersionRepository } from '@jiuzhu/persistence';
import { ParametersController } from './parameters/parameters.controller';
import { PublishParameter } from './parameters/publish-parameter';
import { PriceIndices } from './price-subsidy/price-indices';
import { PriceSubsidyBatches } from './price-subsidy/price-subsidy-batches';
import { PriceIndicesController, PriceSubsidiesController } from './price-subsidy/price-subsidy.controller';
import { ReassessmentController } from './reassessment/reassessment.controller';
import { ReassessmentRunner } from './reassessment/reassessment-runner';
import { WhatIf } from './reassessment/what-if';
import { ReassessmentRunRepository } from './reassessment/reassessment-run.repository';
import { RetryOrCancelRun } from './reassessment/retry-or-cancel-run.use-case';
import { PeriodicReviewController } from './periodic-review/periodic-review.controller';
import { PeriodicReviewService } from './periodic-review/periodic-review.service';
import { AbilityLevels, CareNeeds } from './care-needs/ability-levels';
import { AbilityLevelsConsumer, INBOX } from './care-needs/ability-levels.consumer';

export interface LivingAllowanceDeps {
  dataSource: DataSource;
  messaging: Messaging;
  clock: Clock;
  refKey: string;
  log: Logger;
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
    const assessments = new AssessmentService(catalog, d.clock);
    const lowIncome = new LowIncomeRepository();
    const runner = new ReassessmentRunner(d.dataSource, catalog, d.messaging.outbox, d.clock, d.log);
    const abilityLevels = new AbilityLevels();
    const careNeeds = new CareNeeds(d.dataSource, abilityLevels, (idNumber) => refOf(idNumber, d.refKey));
    const applications = new ApplicationsService(d.dataSource, new ApplicationRepository(), lowIncome, assessments, d.messaging.outbox, d.clock, d.refKey, catalog, careNeeds);
    const claims = new CaseClaims(d.dataSource, d.clock);
    const reviews = new PeriodicReviewService(d.dataSource, applications, assessments, catalog, d.messaging.outbox, d.clock, d.log, claims);
    const caseProcess = new CaseProcessService(d.dataSource, applications, catalog, d.clock, d.log, claims);
    return {
      module: LivingAllowanceModule,
      controllers: [TrialAssessmentController, ApplicationsController, ProcessQueuesController, CaseClaimsController, AbilityLevelsConsumer, ParametersController, LowIncomeController, ReassessmentController, PeriodicReviewController, PriceIndicesController, PriceSubsidiesController, opsController('living-allowance')],
      providers: [
        { provide: DataSource, useValue: d.dataSource },
        { provide: CLOCK, useValue: d.clock },
        { provide: ParameterCatalog, useValue: catalog },
        { provide: PublishParameter, useValue: new PublishParameter(d.dataSource, parameterRepo, catalog, d.messaging.outbox, d.clock, () => runner.nudge()) },
        { provide: ReassessmentRunner, useValue: runner },
        { provide: WhatIf, useValue: new WhatIf(d.dataSource, catalog, d.clock) },
        { provide: RetryOrCancelRun, useValue: new RetryOrCancelRun(d.dataSource, new ReassessmentRunRepository(d.dataSource), d.clock, () => runner.nudge()) },
        { provide: PeriodicReviewService, useValue: reviews },
        // In the background: open reassessment runs; every minute, due reviews announced, finished
        // gradual exits ended, and notices that have run their days sent to confirmation.
        ...backgroundWork(
          {
            log: d.log,
            start: () => runner.start(),
            stop: () => runner.stop(),
            sweep: () => Promise.all([reviews.sweep(), caseProcess.closeEndedNotices()]),
          },
          d.backgroundJobs !== false,
        ),
        { provide: AssessmentService, useValue: assessments },
        { provide: ApplicationsService, useValue: applications },
        { provide: CaseProcessService, useValue: caseProcess },
        { provide: CaseClaims, useValue: claims },
        { provide: AbilityLevels, useValue: abilityLevels },
        { provide: CareNeeds, useValue: careNeeds },
        { provide: INBOX, useValue: d.messaging.inbox },
        { provide: LowIncomeRepository, useValue: lowIncome },
        { provide: PriceIndices, useValue: new PriceIndices(d.dataSource, d.clock) },
        { provide: PriceSubsidyBatches, useValue: new PriceSubsidyBatches(d.dataSource, catalog, d.messaging.outbox, d.clock) },
      ],
    };
  }
}
