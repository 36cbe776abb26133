import { LocalDate, monthOf, firstDayOfNextMonth } from '@jiuzhu/common';
import { Decision } from '../../assessment/domain/decision';
import { Household } from '../../assessment/domain/household';
import { CaseAction, CaseStatus, nextStatus, RejectionReason } from './case-status';
import { ReviewOutcome } from '../../periodic-review/domain/periodic-review';

export type Coverage = 'household' | 'single_person';

/** A refusal the caller can act on; expected outcomes are values, not exceptions. */
export interface CaseProblem {
  code: string;
  status: 400 | 403 | 409;
  message: { zh: string; en: string };
}

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
  version: number;
  filedBy: string;
  filedAt: string;
}

/** A fact this transition produced, for the service to translate into integration events. */
export type CaseFact =
  | { kind: 'submitted'; on: LocalDate }
  | { kind: 'approved'; granted: 'dibao' | 'low_income'; on: LocalDate }
  | { kind: 'rejected'; reason: RejectionReason; on: LocalDate }
  | { kind: 'withdrawn' }
  | { kind: 'ended'; reason: EndReason; on: LocalDate; stopsFromMonth: string }
  | { kind: 'reviewed'; outcome: ReviewOutcome; on: LocalDate };

/** Why a paying case ends. */
export type EndReason = 'COVERED_BY_HOUSEHOLD_CASE' | 'NO_LONGER_ELIGIBLE' | 'GRADUAL_EXIT_COMPLETED';

type Result = { ok: true; facts: CaseFact[] } | { ok: false; problem: CaseProblem };

const problem = (code: string, status: CaseProblem['status'], zh: string, en: string): { ok: false; problem: CaseProblem } => ({
  ok: false,
  problem: { code, status, message: { zh, en } },
});

/**
 * A dibao case as a state machine. State changes only through the intention methods below, each of
 * which checks its rules and records the history line and the facts to publish.
 */
export class Application {
  readonly history: HistoryEntry[] = [];

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
      version: 1,
      filedBy: init.by,
      filedAt: init.at,
    });
    a.history.push({ action: 'file', from: null, to: 'draft', actor: init.by, at: init.at });
    return a;
  }

  static restore(state: ApplicationState): Application {
    return new Application({ ...state });
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
    return { ok: true, facts: [] };
  }

  /** Submission fixes the facts and the assessment the deciding officer will see. */
  submit(assessment: Decision, by: string, at: string, on: LocalDate): Result {
    const t = this.transition('submit', by, at);
    if (!t.ok) return t;
    this.s.assessment = assessment;
    return { ok: true, facts: [{ kind: 'submitted', on }] };
  }

  /**
   * Approval grants what the assessment found: dibao (paid from the month after approval,
   * 民发〔2021〕57号 第二十四条) or entry into the low-income database. An ineligible household cannot be
   * approved — the officer rejects it with a reason instead.
   */
  approve(by: string, at: string, on: LocalDate, note?: string): Result {
    const guard = this.decidingGuard('approve', by);
    if (guard) return guard;
    const d = this.s.assessment!;
    const granted = this.s.coverage === 'single_person' ? 'dibao' : d.outcome;
    if (granted === 'ineligible') {
      return problem('CASE.ASSESSED_INELIGIBLE', 409, '评估结果为不符合条件，不能批准；请说明理由后不予批准', 'The assessment found the household ineligible; reject it with a reason instead.');
    }
    const t = this.transition('approve', by, at, undefined, note);
    if (!t.ok) return t;
    this.s.granted = granted;
    this.s.decidedOn = on;
    if (granted === 'dibao') {
      this.s.monthlyBenefitFen = this.s.coverage === 'single_person' ? this.singlePersonBenefit() : d.monthlyBenefitFen;
      this.s.effectiveMonth = monthOf(firstDayOfNextMonth(on));
    }
    return { ok: true, facts: [{ kind: 'approved', granted, on }] };
  }

  reject(by: string, at: string, on: LocalDate, reason: RejectionReason, note?: string): Result {
    const guard = this.decidingGuard('reject', by);
    if (guard) return guard;
    if (reason === 'OTHER' && !note?.trim()) {
      return problem('CASE.NOTE_REQUIRED', 400, '选择“其他原因”时必须填写说明', 'A note is required when the reason is OTHER.');
    }
    const t = this.transition('reject', by, at, reason, note);
    if (!t.ok) return t;
    this.s.rejectionReason = reason;
    this.s.decidedOn = on;
    return { ok: true, facts: [{ kind: 'rejected', reason, on }] };
  }

  /**
   * A single-person inclusion ends when its household becomes a dibao case itself: the person is then
   * paid as a household member, from the household's first month — never twice. An inclusion not yet
   * decided is withdrawn instead.
   */
  endBecauseHouseholdCovered(householdCaseId: string, stopsFromMonth: string, by: string, at: string, on: LocalDate): Result {
    if (this.s.coverage !== 'single_person') {
      return problem('CASE.NOT_SINGLE_PERSON', 409, '只有单人户救助可因家庭纳入低保而终止', 'Only a single-person inclusion ends because its household is covered.');
    }
    const note = `household case ${householdCaseId} approved`;
    if (this.s.status === 'submitted') return this.withdraw(by, at, note);
    const t = this.transition('end', by, at, 'COVERED_BY_HOUSEHOLD_CASE', note);
    if (!t.ok) return t;
    return { ok: true, facts: [{ kind: 'ended', reason: 'COVERED_BY_HOUSEHOLD_CASE', on, stopsFromMonth }] };
  }

  /** The first review falls due one interval after approval. */
  scheduleReview(dueOn: LocalDate): void {
    this.s.reviewDueOn = dueOn;
  }

  /**
   * Records a periodic review: the updated facts and their assessment replace the old ones, and the
   * outcome continues, adjusts, starts a gradual exit or ends the case.
   */
  review(outcome: ReviewOutcome, household: Household, decision: Decision, nextDueOn: LocalDate, by: string, at: string, on: LocalDate, note?: string): Result {
    if (this.s.coverage !== 'household') {
      return problem('CASE.REVIEW_HOUSEHOLD_ONLY', 409, '单人户随所在家庭一并复核', "A single-person inclusion is reviewed with its household's case.");
    }
    if (this.s.status === 'approved' && this.s.exitingUntil) {
      return problem('CASE.EXITING', 409, '该户处于渐退期，期满自动停发', 'The case is in its gradual exit period and ends by itself when it is over.');
    }
    if (outcome.kind === 'end') {
      const t = this.transition('end', by, at, outcome.reason, note);
      if (!t.ok) return t;
      this.s.household = household;
      this.s.assessment = decision;
      this.s.reviewDueOn = null;
      return { ok: true, facts: [{ kind: 'ended', reason: outcome.reason, on, stopsFromMonth: outcome.stopsFromMonth }] };
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
    return { ok: true, facts: [{ kind: 'reviewed', outcome, on }] };
  }

  /** The gradual exit period is over: the case ends from the month after the last one paid. */
  completeGradualExit(by: string, at: string, on: LocalDate, stopsFromMonth: string): Result {
    if (!this.s.exitingUntil) return problem('CASE.NOT_EXITING', 409, '该户不在渐退期', 'The case is not in a gradual exit period.');
    const t = this.transition('end', by, at, 'GRADUAL_EXIT_COMPLETED');
    if (!t.ok) return t;
    return { ok: true, facts: [{ kind: 'ended', reason: 'GRADUAL_EXIT_COMPLETED', on, stopsFromMonth }] };
  }

  withdraw(by: string, at: string, note?: string): Result {
    const t = this.transition('withdraw', by, at, undefined, note);
    if (!t.ok) return t;
    return { ok: true, facts: [{ kind: 'withdrawn' }] };
  }

  /** The single-person benefit was worked out in the household's assessment; it is not recomputed here. */
  private singlePersonBenefit(): number {
    const inclusion = this.s.assessment?.singlePersonInclusions.find((i) => i.memberIndex === this.s.memberIndex);
    return inclusion?.monthlyBenefitFen ?? 0;
  }

  private decidingGuard(action: CaseAction, by: string): { ok: false; problem: CaseProblem } | undefined {
    // The status decides first: a draft or a closed case has nothing to decide, whoever asks.
    if (!nextStatus(this.s.status, action)) return this.illegal(action);
    // Four-eyes: the person who filed the case may not decide it (审核确认分离).
    if (by === this.s.filedBy) {
      return problem('CASE.FOUR_EYES', 403, '经办人不能审批自己受理的申请', 'The officer who filed the case cannot decide it.');
    }
    return undefined;
  }

  private illegal(action: CaseAction): { ok: false; problem: CaseProblem } {
    const verb: Record<CaseAction, string> = { edit: 'edited', submit: 'submitted', approve: 'approved', reject: 'rejected', withdraw: 'withdrawn', review: 'reviewed', end: 'ended' };
    return problem('CASE.ILLEGAL_TRANSITION', 409, `当前状态（${this.s.status}）不能执行此操作（${action}）`, `A case in status '${this.s.status}' cannot be ${verb[action]}.`);
  }

  private transition(action: CaseAction, by: string, at: string, reasonCode?: string, note?: string): Result {
    const to = nextStatus(this.s.status, action);
    if (!to) return this.illegal(action);
    this.history.push({ action, from: this.s.status, to, actor: by, at, reasonCode, note });
    this.s.status = to;
    return { ok: true, facts: [] };
  }
}
