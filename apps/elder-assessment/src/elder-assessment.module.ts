import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '@jiuzhu/common';
import { Messaging, opsController } from '@jiuzhu/messaging';
import { backgroundWork } from '@jiuzhu/platform';
import { AssessmentRepository } from './assessment/assessment.repository';
import { AssessmentsController } from './assessment/assessments.controller';
import { AssessmentsService } from './assessment/assessments.service';
import { NeedsController } from './needs/needs.controller';
import { NeedsSummary } from './needs/needs-summary';
import { ParameterCatalog } from './parameters/parameter-catalog';
import { ParametersModule, ParameterVersionRepository } from '@jiuzhu/parameters';
import { ELDER_PARAMETER_SPECS, ELDER_SEED_DATE } from './assessment/domain/assessment-parameters';
import { OverdueController } from './reassessment/overdue.controller';
import { OverdueReassessments } from './reassessment/overdue-reassessments';

export interface ElderAssessmentDeps {
  dataSource: DataSource;
  messaging: Messaging;
  clock: Clock;
  refKey: string;
  log: Logger;
  /** The overdue sweep; tests of the sweep itself drive it by hand. */
  backgroundJobs?: boolean;
}

/**
 * Wiring only: the use-case classes are plain and take their collaborators in the constructor, so
 * they can be tested without Nest; this module builds them from the runtime's resources.
 */
@Module({})
export class ElderAssessmentModule {
  static register(d: ElderAssessmentDeps): DynamicModule {
    const parameterRepo = new ParameterVersionRepository(d.dataSource);
    const catalog = new ParameterCatalog(parameterRepo);
    const overdue = new OverdueReassessments(d.dataSource, d.messaging.outbox, d.clock, d.log);
    return {
      module: ElderAssessmentModule,
      // Elder parameters are never back-dated: a number changed behind a completed assessment would
      // silently change the basis of a result other services already act on.
      imports: [ParametersModule.register({ dataSource: d.dataSource, clock: d.clock, catalog, specs: ELDER_PARAMETER_SPECS, window: { earliest: ELDER_SEED_DATE } })],
      controllers: [AssessmentsController, OverdueController, NeedsController, opsController('elder-assessment')],
      providers: [
        { provide: DataSource, useValue: d.dataSource },
        { provide: CLOCK, useValue: d.clock },
        { provide: ParameterCatalog, useValue: catalog },
        { provide: AssessmentsService, useValue: new AssessmentsService(d.dataSource, new AssessmentRepository(), catalog, d.messaging.outbox, d.clock, d.refKey) },
        { provide: OverdueReassessments, useValue: overdue },
        { provide: NeedsSummary, useValue: new NeedsSummary(d.dataSource) },
        // Every minute: re-assessments fallen overdue are announced (rows taken with SKIP LOCKED).
        ...backgroundWork({ log: d.log, sweep: () => overdue.sweep() }, d.backgroundJobs !== false),
      ],
    };
  }
}
