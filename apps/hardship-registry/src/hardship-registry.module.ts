import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@jiuzhu/audit';
import { Clock, CLOCK, refOf } from '@jiuzhu/common';
import { Messaging, opsController } from '@jiuzhu/messaging';
import { ParametersModule, ParameterVersionRepository } from '@jiuzhu/parameters';
import { backgroundWork, CaseClaims, PollingWorker } from '@jiuzhu/platform';
import { ElderAbilityResultRepository } from './care/elder-ability-result.repository';
import { RecordSelfCareWhenAssessmentCompleted } from './care/record-self-care-when-assessment-completed.consumer';
import { TakeElderAssessment } from './care/take-elder-assessment.use-case';
import { AnnounceCaseFacts } from './cases/announce-case-facts.policy';
import { ApplyForSupport } from './cases/apply-for-support.use-case';
import { CareRecords } from './cases/care-records.use-case';
import { CaseChange } from './cases/case-change';
import { CaseProcess } from './cases/case-process.use-case';
import { CaseRulesSource } from './cases/case-rules-source';
import { CasesController, CaseStepsController } from './cases/cases.controller';
import { FindCases } from './cases/find-cases.use-case';
import { HardshipCaseRepository } from './cases/hardship-case.repository';
import { HardshipSweep } from './cases/hardship-sweep.use-case';
import { PersonsController, SearchedPerson } from './cases/persons.controller';
import { CaseClaimsController, StepQueuesController } from './cases/step-queues.controller';
import { StepQueues } from './cases/step-queues.use-case';
import { Termination } from './cases/termination.use-case';
import { CareInstitutionRepository } from './institutions/care-institution.repository';
import { CareInstitutions } from './institutions/care-institutions.use-case';
import { CareInstitutionsController } from './institutions/care-institutions.controller';
import { CareSettingController } from './institutions/care-setting.controller';
import { CareSettingHistoryRepository } from './institutions/care-setting-history.repository';
import { ChangeCareSetting } from './institutions/care-setting.use-case';
import { KeepCareSettingRegister } from './institutions/keep-care-setting-register.policy';
import { HardshipParameterCatalog } from './parameters/hardship-parameter-catalog';
import { DistrictReports } from './reports/district-reports.use-case';
import { DistrictReportsRepository } from './reports/district-reports.repository';
import { ReportsController } from './reports/reports.controller';
import { HARDSHIP_PARAMETERS_SPECS, HARDSHIP_PUBLICATION_WINDOW } from './parameters/hardship-parameters';
import { DibaoStandardRepository } from './standards/dibao-standard.repository';
import { RecomputeEntitlements } from './standards/recompute-entitlements.use-case';
import { RecomputeEntitlementsWhenStandardPublished } from './standards/recompute-entitlements-when-standard-published.consumer';
import { StandardsController } from './standards/standards.controller';
import { StandardsInForce } from './standards/standards-in-force';
import { ConflictsController } from './conflicts/conflicts.controller';
import { DibaoConflicts } from './conflicts/dibao-conflicts.use-case';
import { DibaoHouseholdRepository } from './conflicts/dibao-household.repository';
import { EndDibaoHouseholdWhenCaseTerminated } from './conflicts/end-dibao-household-when-case-terminated.consumer';
import { RecordDibaoHouseholdWhenCaseApproved } from './conflicts/record-dibao-household-when-case-approved.consumer';
import { FindVisits } from './visits/find-visits.use-case';
import { RecordVisit } from './visits/record-visit.use-case';
import { KeepVisitPlan } from './visits/visit-plan.policy';
import { VisitSweep } from './visits/visit-sweep.use-case';
import { CaseVisitsController, VisitQueueController } from './visits/visits.controller';
import { VisitsRepository } from './visits/visits.repository';

export interface HardshipRegistryDeps {
  dataSource: DataSource;
  messaging: Messaging;
  clock: Clock;
  refKey: string;
  log: Logger;
  /** The service's audit trail: every change path records into it (libs/audit). */
  audit: AuditTrail;
  /** The sweep (ended notices, 18th-birthday reviews); tests of the sweep itself drive it by hand. */
  backgroundJobs?: boolean;
}

/**
 * Wiring only: the use-case classes are plain and take their collaborators in the constructor, so
 * they can be tested without Nest; this module builds them from the runtime's resources.
 */
@Module({})
export class HardshipRegistryModule {
  static register(d: HardshipRegistryDeps): DynamicModule {
    const catalog = new HardshipParameterCatalog(new ParameterVersionRepository(d.dataSource));
    const personRefOf = (idNumber: string) => refOf(idNumber, d.refKey);
    const cases = new HardshipCaseRepository();
    const standardsRepo = new DibaoStandardRepository();
    const elderResults = new ElderAbilityResultRepository();
    const standards = new StandardsInForce(d.dataSource, standardsRepo);
    const rules = new CaseRulesSource(catalog);
    const announce = new AnnounceCaseFacts(d.messaging.outbox);
    const visits = new VisitsRepository();
    // The visit plan reacts to the case's facts in each change's transaction (confirmed at home, placed, back home, new tier, ended).
    const visitPlan = new KeepVisitPlan(visits, catalog, d.clock);
    const institutions = new CareInstitutionRepository();
    const careSettings = new CareSettingHistoryRepository();
    const change = new CaseChange(d.dataSource, cases, announce, rules, d.clock, d.audit, [new KeepCareSettingRegister(careSettings), visitPlan]);
    const find = new FindCases(d.dataSource, cases, elderResults, rules, d.clock, personRefOf);
    const claims = new CaseClaims(d.dataSource, cases, d.clock, d.audit, {
      target: 'hardship_case',
      actions: 'hardship_case',
      codes: 'HARDSHIP',
      noun: 'Case',
      queues: 'investigation, confirmation',
    });
    // A new standard is kept by its consumer and worked through here, batch by batch (RecomputeEntitlements).
    const recompute: RecomputeEntitlements = new RecomputeEntitlements(d.dataSource, standardsRepo, cases, announce, catalog, d.clock, d.audit, d.log, () => recomputation.nudge());
    const recomputation = new PollingWorker({ log: d.log, what: 'entitlement recomputation', pass: () => recompute.pass(), idleMs: 1000 });
    const sweep = new HardshipSweep(d.dataSource, cases, change, find, catalog, standards, rules, d.clock, d.log);
    const visitSweep = new VisitSweep(d.dataSource, visits, d.messaging.outbox, catalog, d.clock, d.audit, d.log);
    return {
      module: HardshipRegistryModule,
      imports: [ParametersModule.register({ dataSource: d.dataSource, clock: d.clock, audit: d.audit, catalog, specs: HARDSHIP_PARAMETERS_SPECS, window: HARDSHIP_PUBLICATION_WINDOW })],
      controllers: [
        CasesController,
        CaseStepsController,
        StepQueuesController,
        CaseClaimsController,
        PersonsController,
        StandardsController,
        CareInstitutionsController,
        CareSettingController,
        ReportsController,
        CaseVisitsController,
        VisitQueueController,
        RecomputeEntitlementsWhenStandardPublished,
        RecordSelfCareWhenAssessmentCompleted,
        // Persons also counted in a dibao household (living-allowance's case events).
        ConflictsController,
        RecordDibaoHouseholdWhenCaseApproved,
        EndDibaoHouseholdWhenCaseTerminated,
        opsController('hardship-registry'),
      ],
      providers: [
        { provide: DataSource, useValue: d.dataSource },
        { provide: CLOCK, useValue: d.clock },
        { provide: HardshipParameterCatalog, useValue: catalog },
        { provide: DibaoStandardRepository, useValue: standardsRepo },
        { provide: FindCases, useValue: find },
        { provide: CaseClaims, useValue: claims },
        { provide: SearchedPerson, useValue: new SearchedPerson(personRefOf) },
        { provide: ApplyForSupport, useValue: new ApplyForSupport(change, cases, find, catalog, standards, rules, d.clock, personRefOf) },
        { provide: CaseProcess, useValue: new CaseProcess(change, find, claims, catalog, standards, rules, d.clock) },
        { provide: CareRecords, useValue: new CareRecords(change, find, catalog, standards, d.clock) },
        { provide: Termination, useValue: new Termination(change, find, standards, rules, d.clock) },
        { provide: StepQueues, useValue: new StepQueues(d.dataSource, cases, claims, find, d.clock) },
        { provide: RecomputeEntitlements, useValue: recompute },
        { provide: TakeElderAssessment, useValue: new TakeElderAssessment(elderResults, cases, change, catalog, standards, rules, d.clock, d.audit) },
        { provide: HardshipSweep, useValue: sweep },
        { provide: CareInstitutions, useValue: new CareInstitutions(d.dataSource, institutions, d.clock, d.audit) },
        { provide: DistrictReports, useValue: new DistrictReports(d.dataSource, new DistrictReportsRepository(), catalog, d.clock) },
        { provide: ChangeCareSetting, useValue: new ChangeCareSetting(d.dataSource, change, find, institutions, careSettings, catalog, standards, d.clock) },
        { provide: DibaoConflicts, useValue: new DibaoConflicts(d.dataSource, new DibaoHouseholdRepository(), d.clock, d.audit) },
        // Every minute: notices that have run their days go to the county; 18th-birthday reviews fall due.
        ...backgroundWork({ log: d.log, sweep: () => sweep.sweep(), start: () => recomputation.start(), stop: () => recomputation.stop() }, d.backgroundJobs !== false),
        { provide: KeepVisitPlan, useValue: visitPlan },
        { provide: RecordVisit, useValue: new RecordVisit(change, visits, d.messaging.outbox, catalog, d.clock, d.audit) },
        { provide: FindVisits, useValue: new FindVisits(d.dataSource, visits, cases, d.clock) },
        { provide: VisitSweep, useValue: visitSweep },
        // Daily at 00:10 in Asia/Shanghai (the zone of legal dates): visits that fell overdue yesterday are announced once.
        ...backgroundWork({ log: d.log, sweep: () => visitSweep.sweep(), schedule: '0 10 0 * * *', timeZone: 'Asia/Shanghai' }, d.backgroundJobs !== false),
      ],
    };
  }
}
