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
import { ParameterVersionRepository } from '@jiuzhu/persistence';
import { ParametersController } from './parameters/parameters.controller';
import { PublishParameter } from './parameters/publish-parameter';
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
      controllers: [AssessmentsController, OverdueController, NeedsController, ParametersController, opsController('elder-assessment')],
      providers: [
        { provide: DataSource, useValue: d.dataSource },
        { provide: CLOCK, useValue: d.clock },
        { provide: ParameterCatalog, useValue: catalog },
        { provide: PublishParameter, useValue: new PublishParameter(d.dataSource, parameterRepo, catalog, d.clock) },
        { provide: AssessmentsService, useValue: new AssessmentsService(d.dataSource, new AssessmentRepository(), catalog, d.messaging.outbox, d.clock, d.refKey) },
        { provide: OverdueReassessments, useValue: overdue },
        { provide: NeedsSummary, useValue: new NeedsSummary(d.dataSource) },
        // Every minute: re-assessments fallen overdue are announced (rows taken with SKIP LOCKED).
        ...backgroundWork({ log: d.log, sweep: () => overdue.sweep() }, d.backgroundJobs !== false),
      ],
    };
  }
}
