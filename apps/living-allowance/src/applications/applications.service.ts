import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, RuleViolated, CHINA_CALENDAR_2025_2026, Clock, Conflict, Forbidden, LocalDate, NotFound, refOf } from '@jiuzhu/common';
import { Actor } from '@jiuzhu/common/http';
import {
  ApplicationReviewed,
  ApplicationSubmitted,
  BenefitAdjusted,
  CaseApproved,
  CaseExiting,
  CaseRefused,
  CaseTerminated,
  LowIncomeRegistered,
  LowIncomeRemoved,
  NoticeObjected,
  NoticeStarted,
} from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { AssessmentService } from '../assessment/assessment.service';
import { Decision } from '../assessment/domain/decision';
import { Household } from '../assessment/domain/household';
import { LowIncomeRepository } from '../low-income/low-income.repository';
import { Application, CaseFact, CaseProblem } from './domain/application';
import { CaseStatus } from './domain/case-status';
import { processDeadlines, ProcessRules, queueDueOn } from './domain/process';
import { ProcessParameters, resolveProcessParameters } from './domain/process-parameters';
import { CareNeeds } from '../care-needs/ability-levels';
import { ApplicationRepository, ApplicationRow } from './application.repository';
import { ParameterCatalog } from '../parameters/parameter-catalog';

/**
 * The use cases of a dibao case. Each runs in one transaction: the case row (locked), its history,
 * memberships, the low-income database and the outgoing events commit together or not at all.
 */
export class ApplicationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ApplicationRepository,
    private readonly lowIncome: LowIncomeRepository,
    private readonly assessments: AssessmentService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly refKey: string,
    private readonly catalog: ParameterCatalog,
    readonly careNeeds: CareNeeds,
  ) {}

  async file(household: Household, actor: Actor): Promise<ApplicationRow> {
    // A trial assessment refuses an inconsistent document (no applicant, duplicate members…) before anything is written.
    await this.assessments.assess(household);
    const at = this.clock.now().toISOString();
    const refs = this.personRefs(household);
    const app = Application.file({ id: randomUUID(), coverage: 'household', householdRef: this.householdRef(household, refs), household, by: actor.id, at });
    // One statement, atomic by itself: no transaction round trips on the busiest write path.
    await this.repo.insert(this.ds.manager, app, refs, at);
    // The new case is exactly what was written; no need to read it back.
    return { ...app.state, updatedBy: actor.id, updatedAt: at, claimedBy: null, claimExpiresAt: null, dueOn: null };
  }

  async editHousehold(id: string, expectedVersion: number, household: Household, actor: Actor): Promise<ApplicationRow> {
    await this.assessments.assess(household);
    const refs = this.personRefs(household);
    return this.change(id, expectedVersion, actor, async (app, m, at) => {
      check(app.editHousehold(household, this.householdRef(household, refs), actor.id, at));
      if (app.state.coverage === 'household') await this.repo.replaceMemberships(m, id, refs);
      return [];
    });
  }

  async submit(id: string, expectedVersion: number, actor: Actor): Promise<ApplicationRow> {
    const on = this.clock.today();
    // Assess before taking the row lock: no second pool connection is needed while a transaction
    // holds one (that starves the pool under load). The version check under the lock guarantees the
    // household assessed is the one submitted, since every edit bumps the version.
    const current = await this.get(id);
    // The members' elder ability assessments known today become facts of the submitted document.
    const household = current.version === expectedVersion ? await this.careNeeds.attach(current.household, on) : undefined;
    const decision = household ? await this.assessments.assess(household, on) : undefined;
    return this.change(id, expectedVersion, actor, async (app, _m, at) => {
      if (!decision) throw new Conflict('CASE.VERSION_CONFLICT', 'The case changed while it was being submitted; reload it and try again.');
      return check(app.submit(decision, actor.id, at, on, household));
    });
  }

  async withdraw(id: string, expectedVersion: number, actor: Actor, note?: string): Promise<ApplicationRow> {
    return this.change(id, expectedVersion, actor, async (app, _m, at) => check(app.withdraw(actor.id, at, note)));
  }

  async get(id: string): Promise<ApplicationRow> {
    const row = await this.repo.findById(this.ds.manager, id);
    if (!row) throw new NotFound(`Application ${id}`);
    const today = this.clock.today();
    // A re-decided case shows the re-decision in full: the pure assessment re-run on the parameter versions it used.
    const assessment = row.redecision ? await this.assessments.assessPinned(row.household, row.redecision.decidedFor, row.redecision.parameterVersions) : row.assessment;
    return { ...row, assessment, deadlines: processDeadlines(row.status, row.process, await this.processRules(today), today) };
  }

  async history(id: string) {
    await this.get(id);
    return this.repo.history(this.ds.manager, id);
  }

  async queue(status: CaseStatus, districtCode: string | undefined, limit: number, offset: number) {
    return this.repo.queue(this.ds.manager, { status, districtCode, limit, offset });
  }

  /**
   * Lock, apply one intention, persist, then turn the facts it produced into state and events — the
   * one path every change of a case takes (other use cases, like periodic review, go through it too).
   */
  async change(
    id: string,
    expectedVersion: number,
    actor: Actor,
    act: (app: Application, m: EntityManager, at: string) => Promise<CaseFact[]>,
  ): Promise<ApplicationRow> {
    const today = this.clock.today();
    // Resolved before the transaction: no second pool connection while it holds one.
    const rules = await this.processRules(today);
    await this.ds.transaction(async (m) => {
      const app = await this.repo.lockForChange(m, id, expectedVersion);
      const before = app.state.status;
      const at = this.clock.now().toISOString();
      const facts = await act(app, m, at);
      const dueOn = queueDueOn(processDeadlines(app.state.status, app.state.process, rules, today));
      await this.repo.save(m, app, actor.id, at, dueOn, before);
      for (const f of facts) await this.onFact(m, app, f, actor, rules);
    });
    return this.get(id);
  }

  /** The time limits in force today, counted on the published working-day calendar. */
  async processRules(on: LocalDate): Promise<ProcessRules & { params: ProcessParameters }> {
    const r = resolveProcessParameters(await this.catalog.versions(), on);
    // Without published time limits no deadline can be shown; that is an operator's problem, not the caller's.
    if (!r.ok) throw new AppError('unavailable', 'PARAMETERS.PROCESS_MISSING', `The process time limits do not resolve (${r.reason}: ${r.key}); publish them.`);
    return { limits: r.value.timeLimits, calendar: CHINA_CALENDAR_2025_2026, params: r.value };
  }

  private async onFact(m: EntityManager, app: Application, fact: CaseFact, actor: Actor, rules: ProcessRules): Promise<void> {
    const s = app.state;
    const d = s.assessment as Decision;
    switch (fact.kind) {
      case 'submitted':
        await this.outbox.append(m, ApplicationSubmitted, {
          applicationId: s.id,
          householdRef: s.householdRef,
          districtCode: s.household.districtCode,
          area: s.household.area,
          householdSize: s.household.members.length,
          submittedOn: fact.on,
        });
        return;
      case 'township_reviewed':
        await this.outbox.append(m, ApplicationReviewed, {
          applicationId: s.id,
          householdRef: s.householdRef,
          districtCode: s.household.districtCode,
          ...(s.household.townshipCode ? { townshipCode: s.household.townshipCode } : {}),
          round: fact.round,
          opinion: fact.opinion,
          ...(fact.reasonCode ? { reasonCode: fact.reasonCode } : {}),
          reviewedOn: fact.on,
        });
        return;
      case 'notice_started':
        await this.outbox.append(m, NoticeStarted, {
          applicationId: s.id,
          householdRef: s.householdRef,
          districtCode: s.household.districtCode,
          round: fact.round,
          startedOn: fact.startedOn,
          endsOn: fact.endsOn,
        });
        return;
      case 'objected':
        await this.outbox.append(m, NoticeObjected, { applicationId: s.id, householdRef: s.householdRef, districtCode: s.household.districtCode, round: fact.round, receivedOn: fact.receivedOn });
        return;
      case 'approved':
        if (fact.granted === 'dibao') {
          const refs = s.coverage === 'household' ? await this.repo.personRefs(m, s.id) : [this.personRefs(s.household)[s.memberIndex!]];
          await this.outbox.append(m, CaseApproved, {
            caseId: s.id,
            householdRef: s.householdRef,
            coverage: s.coverage,
            districtCode: s.household.districtCode,
            area: s.household.area,
            peopleCovered: s.coverage === 'household' ? d.peopleCovered : 1,
            personRefs: refs,
            monthlyBenefitFen: s.monthlyBenefitFen!,
            standardFen: d.standardFen,
            effectiveMonth: s.effectiveMonth!,
            approvedOn: fact.on,
          });
          if (s.coverage === 'household') {
            // A household that now receives dibao leaves the low-income database (it is no longer "edge")…
            if (await this.lowIncome.remove(m, s.householdRef, fact.on, 'now_dibao', actor.id)) {
              await this.outbox.append(m, LowIncomeRemoved, { householdRef: s.householdRef, caseId: s.id, districtCode: s.household.districtCode, reason: 'now_dibao', removedOn: fact.on });
            }
            // …and its members' single-person inclusions end: they are now paid as household members.
            await this.endInclusionsCoveredBy(m, app, actor, rules);
          }
        } else {
          // Entry in the low-income database is a registration, not a paying case: the household stays
          // free to apply again when its situation changes.
          await this.repo.releaseMemberships(m, s.id);
          await this.lowIncome.register(
            m,
            { householdRef: s.householdRef, applicationId: s.id, districtCode: s.household.districtCode, area: s.household.area, householdSize: d.householdSize, perCapitaIncomeFen: d.perCapitaIncomeFen, registeredOn: fact.on },
            actor.id,
          );
          await this.outbox.append(m, LowIncomeRegistered, {
            householdRef: s.householdRef,
            caseId: s.id,
            districtCode: s.household.districtCode,
            area: s.household.area,
            householdSize: d.householdSize,
            perCapitaIncomeFen: d.perCapitaIncomeFen,
            registeredOn: fact.on,
          });
          await this.openSinglePersonInclusions(m, app, actor, fact.on, rules);
        }
        return;
      case 'refused': {
        await this.repo.releaseMemberships(m, s.id);
        await this.outbox.append(m, CaseRefused, {
          caseId: s.id,
          householdRef: s.householdRef,
          coverage: s.coverage,
          districtCode: s.household.districtCode,
          reasonCode: fact.reason,
          confirmedBy: fact.level,
          refusedOn: fact.on,
          writtenNoticeDueOn: fact.deliverBy,
        });
        // A household found above the band (or over the property limits) also leaves the low-income database.
        if (s.coverage === 'household' && d?.outcome === 'ineligible') {
          const reason: 'property_over_limit' | 'above_band' = d.reasons.some((r) => r.code.startsWith('DIBAO.ASSETS') || r.code.includes('HOUSING') || r.code.includes('VEHICLE')) ? 'property_over_limit' : 'above_band';
          if (await this.lowIncome.remove(m, s.householdRef, fact.on, reason, actor.id)) {
            await this.outbox.append(m, LowIncomeRemoved, { householdRef: s.householdRef, caseId: s.id, districtCode: s.household.districtCode, reason, removedOn: fact.on });
          }
        }
        return;
      }
      case 'withdrawn':
        await this.repo.releaseMemberships(m, s.id);
        return;
      case 'reviewed': {
        const o = fact.outcome;
        if (o.kind === 'adjust') {
          const standardRef = `dibao.standard/${s.household.districtCode}/${s.household.area}`;
          await this.outbox.append(m, BenefitAdjusted, {
            caseId: s.id,
            reason: 'PERIODIC_REVIEW',
            householdRef: s.householdRef,
            coverage: s.coverage,
            districtCode: s.household.districtCode,
            area: s.household.area,
            oldMonthlyBenefitFen: o.oldMonthlyFen,
            newMonthlyBenefitFen: o.newMonthlyFen,
            adjustedFromMonth: o.fromMonth,
            monthsPaidAtOldAmount: 0,
            settlementFen: 0,
            standardVersionId: d.parameterVersions[standardRef] ?? standardRef,
            adjustedOn: fact.on,
          });
        } else if (o.kind === 'gradual_exit') {
          await this.outbox.append(m, CaseExiting, {
            caseId: s.id,
            householdRef: s.householdRef,
            coverage: s.coverage,
            districtCode: s.household.districtCode,
            months: o.months,
            lastPaidMonth: o.lastPaidMonth,
            monthlyBenefitFen: o.monthlyBenefitFen,
            decidedOn: fact.on,
          });
        }
        return;
      }
      case 'ended':
        await this.repo.releaseMemberships(m, s.id);
        await this.outbox.append(m, CaseTerminated, {
          caseId: s.id,
          householdRef: s.householdRef,
          coverage: s.coverage,
          districtCode: s.household.districtCode,
          reasonCode: fact.reason,
          stopsFromMonth: fact.stopsFromMonth,
          terminatedOn: fact.on,
        });
        return;
    }
  }

  private async endInclusionsCoveredBy(m: EntityManager, household: Application, actor: Actor, rules: ProcessRules): Promise<void> {
    const h = household.state;
    for (const id of await this.repo.openInclusionIds(m, h.householdRef)) {
      const inclusion = await this.repo.lockForChange(m, id);
      const before = inclusion.state.status;
      const at = this.clock.now().toISOString();
      const facts = check(inclusion.endBecauseHouseholdCovered(h.id, h.effectiveMonth!, actor.id, at, this.clock.today()));
      await this.repo.save(m, inclusion, actor.id, at, null, before);
      for (const f of facts) await this.onFact(m, inclusion, f, actor, rules);
    }
  }

  /**
   * 单人户: each qualifying member of a low-income household becomes a case of its own, submitted
   * with the household's assessment, to be decided like any other case.
   */
  private async openSinglePersonInclusions(m: EntityManager, parent: Application, actor: Actor, on: string, rules: ProcessRules): Promise<void> {
    const p = parent.state;
    const alreadyIncluded = new Set(
      (await this.repo.openInclusions(m, p.householdRef)).map((o) => refOf(o.household.members[o.memberIndex!].idNumber, this.refKey)),
    );
    const refs = this.personRefs(p.household);
    for (const inclusion of (p.assessment as Decision).singlePersonInclusions) {
      // One open inclusion per person: a renewed low-income registration must not open a second one.
      if (alreadyIncluded.has(refs[inclusion.memberIndex])) continue;
      const at = this.clock.now().toISOString();
      const child = Application.file({
        id: randomUUID(),
        coverage: 'single_person',
        parentId: p.id,
        memberIndex: inclusion.memberIndex,
        householdRef: p.householdRef,
        household: p.household,
        // Opened by the officer whose approval created it; four-eyes then needs someone else to decide it.
        by: actor.id,
        at,
      });
      check(child.submit(p.assessment as Decision, actor.id, at, on));
      await this.repo.insert(m, child, [], at, queueDueOn(processDeadlines(child.state.status, child.state.process, rules, on)));
      await this.outbox.append(m, ApplicationSubmitted, {
        applicationId: child.state.id,
        householdRef: p.householdRef,
        districtCode: p.household.districtCode,
        area: p.household.area,
        householdSize: 1,
        submittedOn: on,
      });
    }
  }

  private personRefs(h: Household): string[] {
    return h.members.map((mb) => refOf(mb.idNumber, this.refKey));
  }

  /** The household is referred to by its applicant's keyed ID hash. */
  private householdRef(h: Household, refs: string[]): string {
    return refs[h.members.findIndex((mb) => mb.relation === 'applicant')];
  }
}

export function check(r: { ok: true; facts: CaseFact[] } | { ok: false; problem: CaseProblem }): CaseFact[] {
  if (r.ok) return r.facts;
  throw new RuleViolated(r.problem);
}
