import { addMonths, LocalDate, monthOf } from '@jiuzhu/common';
import { Decision } from '../../assessment/domain/decision';
import { Household } from '../../assessment/domain/household';
import { GradualExitValue, ReviewIntervalValue } from '../../parameters/domain/parameter-keys';

/**
 * 复核 / 动态管理 (民发〔2021〕57号 第二十九条): stable households are reviewed yearly; those with
 * irregular income, or with members able to work, every six months (intervals are parameters).
 */
export type HouseholdType = 'stable' | 'irregular';

/** Business and "other" income vary month to month; a member able to work may find (or lose) work. */
export function householdTypeOf(h: Household): HouseholdType {
  const irregularIncome = h.incomes.some((i) => i.kind === 'business' || i.kind === 'other');
  const ableToWork = h.members.some((m) => m.ableToWork === true);
  return irregularIncome || ableToWork ? 'irregular' : 'stable';
}

export function nextReviewDue(from: LocalDate, type: HouseholdType, interval: ReviewIntervalValue): LocalDate {
  return addMonths(from, type === 'stable' ? interval.stableMonths : interval.irregularMonths);
}

/**
 * Why a review is held: it fell due (periodic), or the household reported a change of its members,
 * income or property (变更申报: 社会救助暂行办法 第十三条 obliges a dibao household to tell the township
 * of such changes), which an officer opens as a review at once (临时复核) instead of waiting for the due
 * date. Either way the same review step decides the outcome.
 */
export const AD_HOC_REVIEW_TRIGGERS = ['change_reported'] as const;
export type AdHocReviewTrigger = (typeof AD_HOC_REVIEW_TRIGGERS)[number];
export type ReviewTrigger = 'periodic' | AdHocReviewTrigger;

/** A review opened out of turn and not yet decided; the review queue offers it with the due ones. */
export interface OpenReview {
  trigger: AdHocReviewTrigger;
  /** The day the household reported the change. */
  reportedOn: LocalDate;
  /** What changed, in the officer's words (kept on the case, never in events). */
  summary: string;
  openedBy: string;
  openedOn: LocalDate;
}

export type ReviewOutcome =
  | { kind: 'continue'; monthlyBenefitFen: number }
  | { kind: 'adjust'; oldMonthlyFen: number; newMonthlyFen: number; fromMonth: string }
  | { kind: 'gradual_exit'; months: number; lastPaidMonth: string; monthlyBenefitFen: number }
  | { kind: 'end'; reason: 'NO_LONGER_ELIGIBLE'; stopsFromMonth: string };

const wageOf = (h: Household) => h.incomes.reduce((sum, i) => (i.kind === 'wage' ? sum + i.monthlyFen : sum), 0);

/**
 * What a review decides, given the case's current benefit and household, the updated household and
 * its new assessment:
 * - still dibao: continue at the same amount, or adjust to the new one from next month;
 * - no longer dibao because wages rose while property stays within limits: gradual exit (渐退期) —
 *   the benefit continues for the parameter's months, so that taking up work is never punished at once;
 * - otherwise the case ends from next month (the current month is already paid).
 */
export function decideReview(
  current: { monthlyBenefitFen: number; household: Household },
  updated: { household: Household; decision: Decision },
  gradualExit: GradualExitValue,
  today: LocalDate,
): ReviewOutcome {
  const nextMonth = monthOf(addMonths(`${monthOf(today)}-01`, 1));
  const d = updated.decision;
  if (d.outcome === 'dibao') {
    if (d.monthlyBenefitFen === current.monthlyBenefitFen) return { kind: 'continue', monthlyBenefitFen: current.monthlyBenefitFen };
    return { kind: 'adjust', oldMonthlyFen: current.monthlyBenefitFen, newMonthlyFen: d.monthlyBenefitFen, fromMonth: nextMonth };
  }
  const propertyFails = d.rules.some((r) => !r.passed && r.code.startsWith('DIBAO.') && r.code !== 'DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD');
  const throughWork = wageOf(updated.household) > wageOf(current.household);
  if (throughWork && !propertyFails && gradualExit.months > 0) {
    return {
      kind: 'gradual_exit',
      months: gradualExit.months,
      lastPaidMonth: monthOf(addMonths(`${monthOf(today)}-01`, gradualExit.months)),
      monthlyBenefitFen: current.monthlyBenefitFen,
    };
  }
  return { kind: 'end', reason: 'NO_LONGER_ELIGIBLE', stopsFromMonth: nextMonth };
}
