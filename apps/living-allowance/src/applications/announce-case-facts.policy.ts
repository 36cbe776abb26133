import { ApplicationReviewedV2, ApplicationSubmittedV2, BenefitAdjusted, CaseApproved, CaseExiting, CaseRefused, CaseTerminated, NoticeObjectedV2, NoticeStartedV2 } from '@jiuzhu/contracts';
import { EntityManager } from 'typeorm';
import { Outbox } from '@jiuzhu/messaging';
import { Decision } from '../assessment/domain/decision';
import { ApplicationRepository } from './application.repository';
import { ApplicationState, CaseFact } from './domain/application';
import { CasePolicy, FactContext } from './case-change';
import { PersonRefs } from './person-refs';

/**
 * Every fact other services need becomes its integration event, written to the outbox in the
 * change's transaction. Events carry references only: no names, ID numbers, addresses or phone
 * numbers (the case's contact is not even in the domain state these read). The process events
 * are v2 (the case is `caseId`, as in every other event of this service).
 */
export class AnnounceCaseFacts implements CasePolicy {
  constructor(
    private readonly outbox: Outbox,
    private readonly repo: ApplicationRepository,
    private readonly refs: PersonRefs,
  ) {}

  async react(fact: CaseFact, { m, app }: FactContext): Promise<void> {
    await this.announce(fact, m, app.state);
  }

  /** The outbox append for the fact (its event id), or nothing for a fact no other service needs. */
  private async announce(fact: CaseFact, m: EntityManager, s: Readonly<ApplicationState>): Promise<string | undefined> {
    const d = s.assessment as Decision;
    const h = s.household;
    switch (fact.kind) {
      case 'submitted':
        return this.outbox.append(m, ApplicationSubmittedV2, {
          caseId: s.id,
          householdRef: s.householdRef,
          districtCode: h.districtCode,
          area: h.area,
          // A single-person inclusion is a household of one.
          householdSize: s.coverage === 'single_person' ? 1 : h.members.length,
          submittedOn: fact.on,
        });
      case 'township_reviewed':
        return this.outbox.append(m, ApplicationReviewedV2, {
          caseId: s.id,
          householdRef: s.householdRef,
          districtCode: h.districtCode,
          ...(h.townshipCode ? { townshipCode: h.townshipCode } : {}),
          round: fact.round,
          opinion: fact.opinion,
          ...(fact.reasonCode ? { reasonCode: fact.reasonCode } : {}),
          reviewedOn: fact.on,
        });
      case 'notice_started':
        return this.outbox.append(m, NoticeStartedV2, {
          caseId: s.id,
          householdRef: s.householdRef,
          districtCode: h.districtCode,
          round: fact.round,
          startedOn: fact.startedOn,
          endsOn: fact.endsOn,
        });
      case 'objected':
        return this.outbox.append(m, NoticeObjectedV2, { caseId: s.id, householdRef: s.householdRef, districtCode: h.districtCode, round: fact.round, receivedOn: fact.receivedOn });
      case 'approved':
        // Entry in the low-income database is announced by the register (KeepLowIncomeRegister).
        if (fact.granted !== 'dibao') return;
        return this.outbox.append(m, CaseApproved, {
          caseId: s.id,
          householdRef: s.householdRef,
          coverage: s.coverage,
          districtCode: h.districtCode,
          area: h.area,
          peopleCovered: s.coverage === 'household' ? d.peopleCovered : 1,
          // The people covered: a member left out as a special-hardship person (特困) is not.
          personRefs: s.coverage === 'household' ? (await this.repo.personRefs(m, s.id)).filter((_, i) => !h.members[i]?.coverageExclusion) : [this.refs.ofMember(h, s.memberIndex!)],
          monthlyBenefitFen: s.monthlyBenefitFen!,
          standardFen: d.standardFen,
          effectiveMonth: s.effectiveMonth!,
          approvedOn: fact.on,
        });
      case 'refused':
        return this.outbox.append(m, CaseRefused, {
          caseId: s.id,
          householdRef: s.householdRef,
          coverage: s.coverage,
          districtCode: h.districtCode,
          reasonCode: fact.reason,
          confirmedBy: fact.level,
          refusedOn: fact.on,
          writtenNoticeDueOn: fact.deliverBy,
        });
      case 'reviewed': {
        const o = fact.outcome;
        if (o.kind === 'adjust') {
          const standardRef = `dibao.standard/${h.districtCode}/${h.area}`;
          return this.outbox.append(m, BenefitAdjusted, {
            caseId: s.id,
            reason: 'PERIODIC_REVIEW',
            householdRef: s.householdRef,
            coverage: s.coverage,
            districtCode: h.districtCode,
            area: h.area,
            oldMonthlyBenefitFen: o.oldMonthlyFen,
            newMonthlyBenefitFen: o.newMonthlyFen,
            adjustedFromMonth: o.fromMonth,
            monthsPaidAtOldAmount: 0,
            settlementFen: 0,
            standardVersionId: d.parameterVersions[standardRef] ?? standardRef,
            adjustedOn: fact.on,
          });
        }
        if (o.kind === 'gradual_exit') {
          return this.outbox.append(m, CaseExiting, {
            caseId: s.id,
            householdRef: s.householdRef,
            coverage: s.coverage,
            districtCode: h.districtCode,
            months: o.months,
            lastPaidMonth: o.lastPaidMonth,
            monthlyBenefitFen: o.monthlyBenefitFen,
            decidedOn: fact.on,
          });
        }
        return;
      }
      case 'ended':
        return this.outbox.append(m, CaseTerminated, {
          caseId: s.id,
          householdRef: s.householdRef,
          coverage: s.coverage,
          districtCode: h.districtCode,
          reasonCode: fact.reason,
          stopsFromMonth: fact.stopsFromMonth,
          terminatedOn: fact.on,
        });
      case 'withdrawn':
        return;
    }
  }
}
