import { DynamicModule, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '@jiuzhu/common';
import { Messaging, opsController } from '@jiuzhu/messaging';
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

const LOGGER = Symbol('logger');

/**
 * Background work while the service is up: a periodic sweep that announces re-assessments that have
 * fallen overdue. Every replica may run it; the rows are taken with SKIP LOCKED and marked with the
 * event, so replicas share the work rather than repeat it.
 */
class BackgroundJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;
  constructor(
    @Inject(OverdueReassessments) private readonly overdue: OverdueReassessments,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}
  onApplicationBootstrap() {
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.overdue
        .sweep()
        .catch((e: unknown) => this.log.error({ err: e instanceof Error ? e.message : String(e) }, 'overdue sweep failed'))
        .finally(() => (this.sweeping = undefined));
    }, 60_000);
  }
  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.sweeping;
  }
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
    return {
      module: ElderAssessmentModule,
      controllers: [AssessmentsController, OverdueController, NeedsController, ParametersController, opsController('elder-assessment')],
      providers: [
        { provide: DataSource, useValue: d.dataSource },
        { provide: CLOCK, useValue: d.clock },
        { provide: LOGGER, useValue: d.log },
        { provide: ParameterCatalog, useValue: catalog },
        { provide: PublishParameter, useValue: new PublishParameter(d.dataSource, parameterRepo, catalog, d.clock) },
        { provide: AssessmentsService, useValue: new AssessmentsService(d.dataSource, new AssessmentRepository(), catalog, d.messaging.outbox, d.clock, d.refKey) },
        { provide: OverdueReassessments, useValue: new OverdueReassessments(d.dataSource, d.messaging.outbox, d.clock, d.log) },
        { provide: NeedsSummary, useValue: new NeedsSummary(d.dataSource) },
        ...(d.backgroundJobs === false ? [] : [BackgroundJobs]),
      ],
    };
  }
}
