import { DynamicModule, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '@jiuzhu/common';
import { Messaging, opsController } from '@jiuzhu/messaging';
import { ApplicationRepository } from './applications/application.repository';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsService } from './applications/applications.service';
import { AssessmentService } from './assessment/assessment.service';
import { TrialAssessmentController } from './assessment/trial-assessment.controller';
import { LowIncomeController } from './low-income/low-income.controller';
import { LowIncomeRepository } from './low-income/low-income.repository';
import { ParameterCatalog } from './parameters/parameter-catalog';
import { ParameterRepository } from './parameters/parameter.repository';
import { ParametersController } from './parameters/parameters.controller';
import { PublishParameter } from './parameters/publish-parameter';
import { ReassessmentController } from './reassessment/reassessment.controller';
import { ReassessmentRunner } from './reassessment/reassessment-runner';
import { WhatIf } from './reassessment/what-if';

export interface LivingAllowanceDeps {
  dataSource: DataSource;
  messaging: Messaging;
  clock: Clock;
  refKey: string;
  log: Logger;
  /** Background jobs (reassessment runs); tests of the jobs themselves drive them by hand. */
  backgroundJobs?: boolean;
}

/** Runs open reassessments in the background while the service is up. */
class ReassessmentWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(ReassessmentRunner) private readonly runner: ReassessmentRunner) {}
  onApplicationBootstrap() {
    this.runner.start();
  }
  async onApplicationShutdown() {
    await this.runner.stop();
  }
}

/**
 * Wiring only: the use-case classes are plain and take their collaborators in the constructor, so
 * they can be tested without Nest; this module builds them from the runtime's resources.
 */
@Module({})
export class LivingAllowanceModule {
  static register(d: LivingAllowanceDeps): DynamicModule {
    const parameterRepo = new ParameterRepository(d.dataSource);
    const catalog = new ParameterCatalog(parameterRepo);
    const assessments = new AssessmentService(catalog, d.clock);
    const lowIncome = new LowIncomeRepository();
    const runner = new ReassessmentRunner(d.dataSource, catalog, d.messaging.outbox, d.clock, d.log);
    const applications = new ApplicationsService(d.dataSource, new ApplicationRepository(), lowIncome, assessments, d.messaging.outbox, d.clock, d.refKey);
    return {
      module: LivingAllowanceModule,
      controllers: [TrialAssessmentController, ApplicationsController, ParametersController, LowIncomeController, ReassessmentController, opsController('living-allowance')],
      providers: [
        { provide: DataSource, useValue: d.dataSource },
        { provide: CLOCK, useValue: d.clock },
        { provide: ParameterCatalog, useValue: catalog },
        { provide: PublishParameter, useValue: new PublishParameter(d.dataSource, parameterRepo, catalog, d.messaging.outbox, d.clock, () => runner.nudge()) },
        { provide: ReassessmentRunner, useValue: runner },
        { provide: WhatIf, useValue: new WhatIf(d.dataSource, catalog, d.clock) },
        ...(d.backgroundJobs === false ? [] : [ReassessmentWorker]),
        { provide: AssessmentService, useValue: assessments },
        { provide: ApplicationsService, useValue: applications },
        { provide: LowIncomeRepository, useValue: lowIncome },
      ],
    };
  }
}
