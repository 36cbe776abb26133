import { addDays, isLocalDate, LocalDate, monthOf, firstDayOfNextMonth, Outcome, RuleViolation, ruleViolation, succeed, violate, ViolationKind } from '@jiuzhu/common';
import { Decision } from '../../assessment/domain/decision';
import { Household } from '../../assessment/domain/household';
import { CaseDecision, DecisionFacts } from './case-decision';
import { CaseAction, CaseStatus, nextStatus, RejectionReason } from './case-status';
import { CaseProcess, ConfirmationLevel, DeliveryMethod, EconomicCheck, EMPTY_PROCESS, isPending, processDeadlines, ProcessRules, REMEDIES, TownshipOpinion } from './process';
import { AdHocReviewTrigger, OpenReview, ReviewOutcome, ReviewTrigger } from '../../periodic-review/domain/periodic-review';

export type Coverage = 'household' | 'single_person';

/** A refusal the caller can act on; expected outcomes are values (named rule violations), not exceptions. */
export type CaseProblem = RuleViolation;

export interface HistoryEntry {
  action: CaseAction | 'file';
  from: CaseStatus | null;
  to: CaseStatus;
  actor: string;
  at: string;
  reasonCode?: string;
  note?: string;
}

export interface ApplicationState {
  id: string;
  coverage: Coverage;
  /** For a single-person inclusion: the low-income household case it came from and the member. */
  parentId: string | null;
  memberIndex: number | null;
  householdRef: string;
  household: Household;
  status: CaseStatus;
  assessment: Decision | null;
  /** What was granted on approval: dibao for the household or person, or entry in the low-income database. */
  granted: 'dibao' | 'low_income' | null;
  monthlyBenefitFen: number | null;
  effectiveMonth: string | null;
  decidedOn: LocalDate | null;
  rejectionReason: RejectionReason | null;
  /** Next periodic review (复核) of a paying case. */
  reviewDueOn: LocalDate | null;
  /** Last month paid in a gradual exit (渐退期); null when not exiting. */
  exitingUntil: string | null;
  /** A review opened out of turn (变更申报/临时复核) and not yet decided; null otherwise. */
  openReview: OpenReview | null;
  /** Township review, notices, objections, extension, confirmation, refusal notice. */
  process: CaseProcess;
  version: number;
  filedBy: string;
  filedAt: string;
}

/** A fact this transition produced, for the service to translate into integration events. */
export type CaseFact =
  | { kind: 'submitted'; on: LocalDate }
  | { kind: 'township_reviewed'; round: number; opinion: TownshipOpinion; reasonCode?: RejectionReason; on: LocalDate }
  | { kind: 'notice_started'; round: number; startedOn: LocalDate; endsOn: LocalDate }
  | { kind: 'objected'; round: number; receivedOn: LocalDate; on: LocalDate }
  | { kind: 'approved'; granted: 'dibao' | 'low_income'; on: LocalDate; level: ConfirmationLevel }
  | { kind: 'refused'; reason: RejectionReason; on: LocalDate; deliverBy: LocalDate; level: ConfirmationLevel }
  | { kind: 'withdrawn' }
  | { kind: 'ended'; reason: EndReason; on: LocalDate; stopsFromMonth: string; review?: ReviewTrigger }
  | { kind: 'reviewed'; outcome: ReviewOutcome; on: LocalDate; trigger: ReviewTrigger };

/** Why a paying case ends. */
export type EndReason = 'COVERED_BY_HOUSEHOLD_CASE' | 'NO_LONGER_ELIGIBLE' | 'GRADUAL_EXIT_COMPLETED';

/** What an intention returns: the facts it produced, or the rule it would break. */
export type Result = Outcome<CaseFact[]>;
type Refusal = { ok: false; violation: CaseProblem };

const problem = (code: string, kind: ViolationKind, zh: string, en: string): Refusal => violate(ruleViolation(code, kind, { zh, en }));
/** Bad input in one field of the request: a 400 naming it. */
const invalidField = (code: string, field: string, zh: string, reason: string): Refusal =>
  violate(ruleViolation(code, 'invalid', { zh, en: `${field} ${reason}.` }, [{ field, reason }]));

/**
 * A dibao case as a state machine. State changes only through the intention methods below, each of
 * which checks its rules and records the history line and the facts to publish.
 */
export class Application {
  readonly history: HistoryEntry[] = [];
  /** Decisions made since the case was loaded, to be kept beside the earlier ones (never replacing them). */
  readonly decisions: CaseDecision[] = [];

  private constructor(private s: ApplicationState) {}

  static file(init: {
    id: string;
    coverage: Coverage;
    parentId?: string;
    memberIndex?: number;
    householdRef: string;
    household: Household;
    by: string;
    at: string;
  }): Application {
    const a = new Application({
      id: init.id,
      coverage: init.coverage,
      parentId: init.parentId ?? null,
      memberIndex: init.memberIndex ?? null,
      householdRef: init.householdRef,
      household: init.household,
      status: 'draft',
      assessment: null,
      granted: null,
      monthlyBenefitFen: null,
      effectiveMonth: null,
      decidedOn: null,
      rejectionReason: null,
      reviewDueOn: null,
      exitingUntil: null,
      openReview: null,
      process: { ...EMPTY_PROCESS, reviews: [], notices: [] },
      version: 1,
      filedBy: init.by,
      filedAt: init.at,
    });
    a.history.push({ action: 'file', from: null, to: 'draft', actor: init.by, at: init.at });
    return a;
  }

  static restore(state: ApplicationState): Application {
    return new Application({ ...state, process: structuredClone(state.process ?? EMPTY_PROCESS) });
  }

  get state(): Readonly<ApplicationState> {
    return this.s;
  }

  /** A correction of the document; the household is re-referenced in case the applicant changed. */
  editHousehold(household: Household, householdRef: string, by: string, at: string): Result {
    const t = this.transition('edit', by, at);
    if (!t.ok) return t;
    this.s.household = household;
    this.s.householdRef = householdRef;
    return succeed([]);
  }

  /**
   * Submission fixes the facts and the assessment the deciding officer will see; `household`, when
   * given, is the document with the facts the service attached (members' ability assessments).
   */
  submit(assessment: Decision, by: string, at: string, on: LocalDate, household?: Household): Result {
    const t = this.transition('submit', by, at);
    if (!t.ok) return t;
    this.s.assessment = assessment;
    if (household) this.s.household = household;
    this.s.process.submittedOn = on;
    return succeed([{ kind: 'submitted', on }]);
  }

  /**
   * 乡镇审核: the township records its economic check and its opinion, and posts the opinion for public
   * notice. The filer may not review their own filing (审核与受理分离). An opinion to approve a
   * household the assessment found ineligible is refused: the check would have to correct the facts
   * first (withdraw and re-file with the verified figures).
   */
  townshipReview(
    input: { check: EconomicCheck; opinion: TownshipOpinion; reasonCode?: RejectionReason; note?: string },
    rules: ProcessRules,
    by: string,
    at: string,
    on: LocalDate,
  ): Result {
    if (!nextStatus(this.s.status, 'township_review')) return this.illegal('township_review');
    if (by === this.s.filedBy) {
      return problem('CASE.FOUR_EYES', 'forbidden', '受理人不能审核自己受理的申请', 'The officer who filed the case cannot review it.');
    }
    const c = input.check;
    // A date that is not a real calendar day would be stored and break every deadline counted from it.
    if (!isLocalDate(c.homeVisitOn) || !isLocalDate(c.dataMatchedOn)) {
      return problem('CASE.CHECK_DATE_INVALID', 'invalid', '入户调查和信息核对日期必须是有效日期', 'The home visit and the data match must be real calendar dates.');
    }
    if (c.homeVisitOn > on || c.dataMatchedOn > on) {
      return problem('CASE.CHECK_IN_FUTURE', 'invalid', '入户调查和信息核对日期不能晚于今天', 'The home visit and the data match cannot be dated after today.');
    }
    if (this.s.process.submittedOn && (c.homeVisitOn < this.s.process.submittedOn || c.dataMatchedOn < this.s.process.submittedOn)) {
      return problem('CASE.CHECK_BEFORE_SUBMISSION', 'invalid', '入户调查和信息核对日期不能早于提交日期', 'The home visit and the data match cannot be dated before the submission.');
    }
    if (input.opinion === 'refuse' && !input.reasonCode) {
      return problem('CASE.REASON_REQUIRED', 'invalid', '建议不予批准时必须选择理由', 'An opinion to refuse needs a reason code.');
    }
    if (input.reasonCode === 'OTHER' && !input.note?.trim()) {
      return problem('CASE.NOTE_REQUIRED', 'invalid', '选择“其他原因”时必须填写说明', 'A note is required when the reason is OTHER.');
    }
    if (input.opinion === 'approve' && this.s.coverage === 'household' && this.s.assessment?.outcome === 'ineligible') {
      return problem('CASE.OPINION_CONTRADICTS_ASSESSMENT', 'conflict', '评估结果为不符合条件，不能提出批准意见', 'The assessment found the household ineligible; the township cannot recommend approval.');
    }
    const round = this.s.process.reviews.length + 1;
    const t = this.transition('township_review', by, at, input.opinion === 'approve' ? 'OPINION.APPROVE' : `OPINION.REFUSE.${input.reasonCode}`, input.note);
    if (!t.ok) return t;
    const endsOn = addDays(on, rules.limits.noticeCalendarDays);
    this.s.process.reviews.push({ round, by, on, check: { ...c }, opinion: input.opinion, ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}), ...(input.note ? { note: input.note } : {}) });
    this.s.process.notices.push({ round, startedOn: on, endsOn });
    return succeed([
      { kind: 'township_reviewed', round, opinion: input.opinion, ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}), on },
      { kind: 'notice_started', round, startedOn: on, endsOn },
    ]);
  }

  /** 公示有异议: an objection received during the notice sends the case back for a re-check (复查). */
  object(receivedOn: LocalDate, summary: string, by: string, at: string, on: LocalDate): Result {
    if (!nextStatus(this.s.status, 'object')) return this.illegal('object');
    const notice = this.s.process.notices[this.s.process.notices.length - 1];
    if (!isLocalDate(receivedOn)) return problem('CASE.OBJECTION_DATE_INVALID', 'invalid', '异议收到日期必须是有效日期', 'The day the objection was received must be a real calendar date.');
    if (receivedOn > on) return problem('CASE.OBJECTION_IN_FUTURE', 'invalid', '异议收到日期不能晚于今天', 'An objection cannot be received after today.');
    if (receivedOn < notice.startedOn || receivedOn > notice.endsOn) {
      return problem('CASE.OBJECTION_OUTSIDE_NOTICE', 'conflict', `异议须在公示期内（${notice.startedOn}至${notice.endsOn}）提出`, `An objection must be received during the notice (${notice.startedOn} to ${notice.endsOn}).`);
    }
    const t = this.transition('object', by, at, 'NOTICE.OBJECTION', summary);
    if (!t.ok) return t;
    notice.objection = { receivedOn, recordedBy: by, summary };
    notice.closedOn = receivedOn;
    return succeed([{ kind: 'objected', round: notice.round, receivedOn, on }]);
  }

  /** The notice has run its days without objection: the case goes to confirmation. */
  closeNotice(by: string, at: string, on: LocalDate): Result {
    if (!nextStatus(this.s.status, 'close_notice')) return this.illegal('close_notice');
    const notice = this.s.process.notices[this.s.process.notices.length - 1];
    if (on <= notice.endsOn) {
      return problem('CASE.NOTICE_RUNNING', 'conflict', `公示期至${notice.endsOn}，期满后方可报送确认`, `The notice runs until ${notice.endsOn}; it can be closed from the day after.`);
    }
    const t = this.transition('close_notice', by, at, 'NOTICE.COMPLETED');
    if (!t.ok) return t;
    notice.closedOn = on;
    return succeed([]);
  }

  /** 特殊情况延长: the whole-process limit is extended once, by the parameter's working days, with a reason. */
  extend(reason: string, rules: ProcessRules, by: string, at: string, on: LocalDate): Result {
    if (!nextStatus(this.s.status, 'extend')) return this.illegal('extend');
    if (this.s.process.extension) {
      return problem('CASE.ALREADY_EXTENDED', 'conflict', `已于${this.s.process.extension.on}延长过办理期限，不能再次延长`, `The time limit was already extended on ${this.s.process.extension.on}.`);
    }
    if (!reason.trim()) return problem('CASE.NOTE_REQUIRED', 'invalid', '延长办理期限必须说明理由', 'An extension needs a reason.');
    const t = this.transition('extend', by, at, 'PROCESS.EXTENDED', reason);
    if (!t.ok) return t;
    this.s.process.extension = { by, on, reason, workingDays: rules.limits.extensionWorkingDays };
    return succeed([]);
  }

  /**
   * Approval grants what the assessment found: dibao (paid from the month after approval,
   * 民发〔2021〕57号 第二十四条) or entry into the low-income database. An ineligible household cannot be
   * approved — the officer refuses it with a reason instead.
   */
  approve(by: string, at: string, on: LocalDate, level: ConfirmationLevel, note?: string): Result {
    const guard = this.decidingGuard('approve', by);
    if (guard) return guard;
    const d = this.s.assessment!;
    const granted = this.s.coverage === 'single_person' ? 'dibao' : d.outcome;
    if (granted === 'ineligible') {
      return problem('CASE.ASSESSED_INELIGIBLE', 'conflict', '评估结果为不符合条件，不能批准；请说明理由后不予批准', 'The assessment found the household ineligible; refuse it with a reason instead.');
    }
    const t = this.transition('approve', by, at, undefined, note);
    if (!t.ok) return t;
    this.s.granted = granted;
    this.s.decidedOn = on;
    this.s.process.confirmation = { by, on, level };
    if (granted === 'dibao') {
      this.s.monthlyBenefitFen = this.s.coverage === 'single_person' ? this.singlePersonBenefit() : d.monthlyBenefitFen;
      this.s.effectiveMonth = monthOf(firstDayOfNextMonth(on));
    }
    this.decide({ trigger: 'application', level }, by, at, on, { fromMonth: this.s.effectiveMonth, granted, monthlyBenefitFen: this.s.monthlyBenefitFen, reasonCode: null });
    return succeed([{ kind: 'approved', granted, on, level }]);
  }

  /** 不予批准: the refusal carries what the written notice must say and the day it must be delivered by. */
  refuse(by: string, at: string, on: LocalDate, reason: RejectionReason, rules: ProcessRules, level: ConfirmationLevel, note?: string): Result {
    const guard = this.decidingGuard('refuse', by);
    if (guard) return guard;
    if (reason === 'OTHER' && !note?.trim()) {
      return problem('CASE.NOTE_REQUIRED', 'invalid', '选择“其他原因”时必须填写说明', 'A note is required when the reason is OTHER.');
    }
    const t = this.transition('refuse', by, at, reason, note);
    if (!t.ok) return t;
    this.s.rejectionReason = reason;
    this.s.decidedOn = on;
    this.s.process.confirmation = { by, on, level };
    this.s.process.refusalNotice = { reasonCode: reason, ...(note ? { note } : {}), refusedOn: on, deliverBy: on, remedies: REMEDIES };
    const deliverBy = processDeadlines('refused', this.s.process, rules, on).stage!.dueOn;
    this.s.process.refusalNotice.deliverBy = deliverBy;
    this.decide({ trigger: 'application', level }, by, at, on, { fromMonth: null, granted: null, monthlyBenefitFen: null, reasonCode: reason });
    return succeed([{ kind: 'refused', reason, on, deliverBy, level }]);
  }

  /**
   * 送达: the written refusal reached the household on `deliveredOn`. It cannot have reached it before
   * the refusal, nor on a day still to come; a delivery after the 3-working-day limit is recorded as
   * late, never refused (the household must get the notice either way).
   */
  recordRefusalNoticeDelivery(input: { deliveredOn: LocalDate; method: DeliveryMethod }, by: string, at: string, on: LocalDate): Result {
    if (!nextStatus(this.s.status, 'record_delivery')) return this.illegal('record_delivery');
    const notice = this.s.process.refusalNotice;
    if (!notice) return problem('CASE.NO_REFUSAL_NOTICE', 'conflict', '该案件没有书面告知', 'The case has no written refusal notice to deliver.');
    if (notice.delivery) {
      return problem('CASE.NOTICE_ALREADY_DELIVERED', 'conflict', `书面告知已于${notice.delivery.deliveredOn}送达`, `The written notice was already delivered on ${notice.delivery.deliveredOn}.`);
    }
    const d = input.deliveredOn;
    if (!isLocalDate(d)) return invalidField('CASE.DELIVERY_DATE_INVALID', 'deliveredOn', '送达日期必须是有效日期', 'must be a real calendar date');
    if (d < notice.refusedOn) {
      return invalidField('CASE.DELIVERED_BEFORE_REFUSAL', 'deliveredOn', `送达日期不能早于不予批准日期（${notice.refusedOn}）`, `cannot be before the refusal on ${notice.refusedOn}`);
    }
    if (d > on) return invalidField('CASE.DELIVERY_IN_FUTURE', 'deliveredOn', '送达日期不能晚于今天', 'cannot be after today');
    const t = this.transition('record_delivery', by, at, `DELIVERY.${input.method.toUpperCase()}`, `delivered on ${d}`);
    if (!t.ok) return t;
    notice.delivery = { deliveredOn: d, method: input.method, recordedBy: by, recordedOn: on, late: d > notice.deliverBy };
    return succeed([]);
  }

  /**
   * A single-person inclusion ends when its household becomes a dibao case itself: the person is then
   * paid as a household member, from the household's first month — never twice. An inclusion not yet
   * decided is withdrawn instead.
   */
  endBecauseHouseholdCovered(householdCaseId: string, stopsFromMonth: string, by: string, at: string, on: LocalDate): Result {
    if (this.s.coverage !== 'single_person') {
      return problem('CASE.NOT_SINGLE_PERSON', 'conflict', '只有单人户救助可因家庭纳入低保而终止', 'Only a single-person inclusion ends because its household is covered.');
    }
    const note = `household case ${householdCaseId} approved`;
    if (isPending(this.s.status)) return this.withdraw(by, at, note);
    const t = this.transition('end', by, at, 'COVERED_BY_HOUSEHOLD_CASE', note);
    if (!t.ok) return t;
    return succeed([{ kind: 'ended', reason: 'COVERED_BY_HOUSEHOLD_CASE', on, stopsFromMonth }]);
  }

  /** The first review falls due one interval after approval. */
  scheduleReview(dueOn: LocalDate): void {
    this.s.reviewDueOn = dueOn;
  }

  /**
   * 临时复核: a change the household reported (变更申报) opens a review of the paying case at once. The
   * review is then claimed from the review queue and decided like a periodic one.
   */
  openReview(input: { trigger: AdHocReviewTrigger; reportedOn: LocalDate; summary: string }, by: string, at: string, on: LocalDate): Result {
    if (!nextStatus(this.s.status, 'open_review')) return this.illegal('open_review');
    const notReviewable = this.notReviewable();
    if (notReviewable) return notReviewable;
    if (this.s.granted !== 'dibao') {
      return problem('CASE.NOT_PAYING', 'conflict', '只有享受低保的案件才进行复核', 'Only a case paying dibao is reviewed.');
    }
    if (this.s.openReview) {
      return problem('CASE.REVIEW_ALREADY_OPEN', 'conflict', `已于${this.s.openReview.openedOn}开启复核，尚未完成`, `A review opened on ${this.s.openReview.openedOn} is not decided yet; record the change there.`);
    }
    const r = input.reportedOn;
    if (!isLocalDate(r)) return invalidField('CASE.REPORT_DATE_INVALID', 'reportedOn', '申报日期必须是有效日期', 'must be a real calendar date');
    if (r > on) return invalidField('CASE.REPORTED_IN_FUTURE', 'reportedOn', '申报日期不能晚于今天', 'cannot be after today');
    if (this.s.decidedOn && r < this.s.decidedOn) {
      return invalidField('CASE.REPORTED_BEFORE_DECISION', 'reportedOn', `申报日期不能早于批准日期（${this.s.decidedOn}）`, `cannot be before the approval on ${this.s.decidedOn}: the decision already took it into account`);
    }
    if (!input.summary.trim()) return invalidField('CASE.SUMMARY_REQUIRED', 'summary', '必须说明申报的变化', 'must say what changed');
    const t = this.transition('open_review', by, at, `REVIEW.${input.trigger.toUpperCase()}`, input.summary);
    if (!t.ok) return t;
    this.s.openReview = { trigger: input.trigger, reportedOn: r, summary: input.summary, openedBy: by, openedOn: on };
    return succeed([]);
  }

  /**
   * Records a review (periodic, or opened on a reported change): the updated facts and their
   * assessment become the case's, and the outcome continues, adjusts, starts a gradual exit or ends
   * the case — a decision kept beside the earlier ones, whatever the outcome.
   */
  review(outcome: ReviewOutcome, household: Household, decision: Decision, nextDueOn: LocalDate, by: string, at: string, on: LocalDate, note?: string): Result {
    const notReviewable = this.notReviewable();
    if (notReviewable) return notReviewable;
    // The review decides whatever opened it: the change reported, or the due date.
    const opened = this.s.openReview;
    const trigger: ReviewTrigger = opened?.trigger ?? 'periodic';
    if (outcome.kind === 'end') {
      const t = this.transition('end', by, at, outcome.reason, note);
      if (!t.ok) return t;
      this.s.household = household;
      this.s.assessment = decision;
      this.s.reviewDueOn = null;
      this.s.openReview = null;
      this.decide(reviewFacts(opened, outcome), by, at, on, { fromMonth: outcome.stopsFromMonth, granted: null, monthlyBenefitFen: null, reasonCode: outcome.reason });
      return succeed([{ kind: 'ended', reason: outcome.reason, on, stopsFromMonth: outcome.stopsFromMonth, review: trigger }]);
    }
    const t = this.transition('review', by, at, `REVIEW.${outcome.kind.toUpperCase()}`, note);
    if (!t.ok) return t;
    this.s.household = household;
    this.s.assessment = decision;
    if (outcome.kind === 'adjust') this.s.monthlyBenefitFen = outcome.newMonthlyFen;
    if (outcome.kind === 'gradual_exit') {
      this.s.exitingUntil = outcome.lastPaidMonth;
      this.s.reviewDueOn = null;
    } else {
      this.s.reviewDueOn = nextDueOn;
    }
    this.s.openReview = null;
    const fromMonth = outcome.kind === 'adjust' ? outcome.fromMonth : null;
    this.decide(reviewFacts(opened, outcome), by, at, on, { fromMonth, granted: this.s.granted, monthlyBenefitFen: this.s.monthlyBenefitFen, reasonCode: `REVIEW.${outcome.kind.toUpperCase()}` });
    return succeed([{ kind: 'reviewed', outcome, on, trigger }]);
  }

  /** The gradual exit period is over: the case ends from the month after the last one paid. */
  completeGradualExit(by: string, at: string, on: LocalDate, stopsFromMonth: string): Result {
    if (!this.s.exitingUntil) return problem('CASE.NOT_EXITING', 'conflict', '该户不在渐退期', 'The case is not in a gradual exit period.');
    const t = this.transition('end', by, at, 'GRADUAL_EXIT_COMPLETED');
    if (!t.ok) return t;
    return succeed([{ kind: 'ended', reason: 'GRADUAL_EXIT_COMPLETED', on, stopsFromMonth }]);
  }

  withdraw(by: string, at: string, note?: string): Result {
    const t = this.transition('withdraw', by, at, undefined, note);
    if (!t.ok) return t;
    return succeed([{ kind: 'withdrawn' }]);
  }

  private notReviewable(): Refusal | undefined {
    if (this.s.coverage !== 'household') {
      return problem('CASE.REVIEW_HOUSEHOLD_ONLY', 'conflict', '单人户随所在家庭一并复核', "A single-person inclusion is reviewed with its household's case.");
    }
    if (this.s.status === 'approved' && this.s.exitingUntil) {
      return problem('CASE.EXITING', 'conflict', '该户处于渐退期，期满自动停发', 'The case is in its gradual exit period and ends by itself when it is over.');
    }
    return undefined;
  }

  /** A decision made today on the case's assessment and facts as they now stand. */
  private decide(
    facts: DecisionFacts,
    by: string,
    at: string,
    on: LocalDate,
    d: Pick<CaseDecision, 'fromMonth' | 'granted' | 'monthlyBenefitFen' | 'reasonCode'>,
  ): void {
    const assessment = this.s.assessment!;
    this.decisions.push({
      facts,
      decidedOn: on,
      effectiveOn: on,
      ...d,
      outcome: assessment.outcome,
      parameterVersions: assessment.parameterVersions,
      assessment,
      household: this.s.household,
      decidedBy: by,
      at,
    });
  }

  /** The single-person benefit was worked out in the household's assessment; it is not recomputed here. */
  private singlePersonBenefit(): number {
    const inclusion = this.s.assessment?.singlePersonInclusions.find((i) => i.memberIndex === this.s.memberIndex);
    return inclusion?.monthlyBenefitFen ?? 0;
  }

  private decidingGuard(action: CaseAction, by: string): Refusal | undefined {
    // The status decides first: a draft or a closed case has nothing to decide, whoever asks.
    if (!nextStatus(this.s.status, action)) return this.illegal(action);
    // Four-eyes: the person who filed the case may not decide it, nor may whoever reviewed it at the
    // township (审核与确认分离): confirmation is the second pair of eyes on the township's opinion.
    if (by === this.s.filedBy) {
      return problem('CASE.FOUR_EYES', 'forbidden', '经办人不能审批自己受理的申请', 'The officer who filed the case cannot decide it.');
    }
    if (this.s.process.reviews.some((r) => r.by === by)) {
      return problem('CASE.REVIEWER_CANNOT_CONFIRM', 'forbidden', '审核人不能确认自己审核过的申请', 'The officer who reviewed the case at the township cannot confirm it.');
    }
    return undefined;
  }

  private illegal(action: CaseAction): Refusal {
    const verb: Record<CaseAction, string> = {
      edit: 'edited',
      submit: 'submitted',
      township_review: 'reviewed by the township',
      object: 'objected to',
      close_notice: 'sent to confirmation',
      approve: 'approved',
      refuse: 'refused',
      record_delivery: 'given a refusal notice delivery',
      withdraw: 'withdrawn',
      extend: 'extended',
      open_review: 'opened for review',
      review: 'reviewed',
      end: 'ended',
    };
    return problem('CASE.ILLEGAL_TRANSITION', 'conflict', `当前状态（${this.s.status}）不能执行此操作（${action}）`, `A case in status '${this.s.status}' cannot be ${verb[action]}.`);
  }

  private transition(action: CaseAction, by: string, at: string, reasonCode?: string, note?: string): Result {
    const to = nextStatus(this.s.status, action);
    if (!to) return this.illegal(action);
    this.history.push({ action, from: this.s.status, to, actor: by, at, reasonCode, note });
    this.s.status = to;
    return succeed([]);
  }
}

/** A review's decision names what opened it: the due date (复核), or a change the household reported (变更申报/临时复核). */
function reviewFacts(opened: OpenReview | null, outcome: ReviewOutcome): DecisionFacts {
  return opened ? { trigger: 'change_review', reportedOn: opened.reportedOn, openedOn: opened.openedOn, outcome } : { trigger: 'periodic_review', outcome };
}
