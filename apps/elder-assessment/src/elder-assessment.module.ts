import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditTrail } from '@jiuzhu/audit';
import { DataSource } from 'typeorm';
import { Clock, CLOCK, refOf } from '@jiuzhu/common';
import { Messaging, opsController } from '@jiuzhu/messaging';
import { backgroundWork } from '@jiuzhu/platform';
import { AnnounceAssessmentFacts } from './assessment/announce-assessment-facts.policy';
import { AssessmentChange } from './assessment/assessment-change';
import { AssessmentRepository } from './assessment/assessment.repository';
import { AssessmentsController } from './assessment/assessments.controller';
import { CompleteAssessment } from './assessment/complete-assessment.use-case';
import { DisputeAssessment } from './assessment/dispute-assessment.use-case';
import { DraftAssessment } from './assessment/draft-assessment.use-case';
import { EditDraft } from './assessment/edit-draft.use-case';
import { FindAssessments } from './assessment/find-assessments.use-case';
import { SearchedPerson } from './assessment/search-assessments.dto';
import { ParametersInForce } from './assessment/parameters-in-force';
import { NeedsController } from './needs/needs.controller';
import { SummarizeNeeds } from './needs/summarize-needs.use-case';
import { ParameterCatalog } from './parameters/parameter-catalog';
import { ParametersModule, ParameterVersionRepository } from '@jiuzhu/parameters';
import { ELDER_PARAMETER_SPECS, ELDER_SEED_DATE } from './assessment/domain/assessment-parameters';
import { OverdueController } from './reassessment/overdue.controller';
import { AnnounceOverdueReassessments } from './reassessment/announce-overdue-reassessments.use-case';
import { OverdueQueue } from './reassessment/overdue-queue.use-case';

export interface ElderAssessmentDeps {
  dataSource: DataSource;
  messaging: Messaging;
  clock: Clock;
  refKey: string;
  log: Logger;
  /** The service's audit trail: every change path records into it (libs/audit). */
  audit: AuditTrail;
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
    const assessments = new AssessmentRepository();
    const personRefOf = (idNumber: string) => refOf(idNumber, d.refKey);
    const find = new FindAssessments(d.dataSource, assessments, personRefOf);
    const parameters = new ParametersInForce(catalog);
    const change = new AssessmentChange(d.dataSource, assessments, new AnnounceAssessmentFacts(d.messaging.outbox), d.clock, d.audit);
    const overdue = new AnnounceOverdueReassessments(d.dataSource, assessments, d.messaging.outbox, d.clock, d.log, d.audit);
    return {
      module: ElderAssessmentModule,
      // Elder parameters are never back-dated: a number changed behind a completed assessment would
      // silently change the basis of a result other services already act on.
      imports: [ParametersModule.register({ dataSource: d.dataSource, clock: d.clock, audit: d.audit, catalog, specs: ELDER_PARAMETER_SPECS, window: { earliest: ELDER_SEED_DATE } })],
      controllers: [AssessmentsController, OverdueController, NeedsController, opsController('elder-assessment')],
      providers: [
        { provide: DataSource, useValue: d.dataSource },
        { provide: CLOCK, useValue: d.clock },
        { provide: ParameterCatalog, useValue: catalog },
        { provide: DraftAssessment, useValue: new DraftAssessment(change, find, parameters, d.clock, personRefOf) },
        { provide: EditDraft, useValue: new EditDraft(change, find, parameters, d.clock) },
        { provide: CompleteAssessment, useValue: new CompleteAssessment(assessments, change, find, parameters, d.clock) },
        { provide: DisputeAssessment, useValue: new DisputeAssessment(change, find, d.clock) },
        { provide: FindAssessments, useValue: find },
        { provide: SearchedPerson, useValue: new SearchedPerson(personRefOf) },
        { provide: OverdueQueue, useValue: new OverdueQueue(d.dataSource, assessments, d.clock) },
        { provide: AnnounceOverdueReassessments, useValue: overdue },
        { provide: SummarizeNeeds, useValue: new SummarizeNeeds(d.dataSource, assessments) },
        // Every minute: re-assessments fallen overdue are announced (rows taken with SKIP LOCKED).
        ...backgroundWork({ log: d.log, sweep: () => overdue.sweep() }, d.backgroundJobs !== false),
      ],
    };
  }
}
