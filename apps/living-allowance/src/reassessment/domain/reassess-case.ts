import { LocalDate, monthOf } from '@jiuzhu/common';
import { AssessmentParameters } from '../../parameters/domain/resolve-parameters';
import { assessHousehold } from '../../assessment/domain/assess-household';
import { Decision } from '../../assessment/domain/decision';
import { Household } from '../../assessment/domain/household';

/** A paying case as the reassessment sees it. */
export interface PayingCase {
  id: string;
  coverage: 'household' | 'single_person';
  memberIndex: number | null;
  household: Household;
  monthlyBenefitFen: number;
  /** First month paid ('YYYY-MM'). */
  effectiveMonth: string;
}

export interface CaseReassessment {
  caseId: string;
  decision: Decision;
  oldMonthlyFen: number;
  newMonthlyFen: number;
  /** The household would no longer qualify for dibao under the new standard: left for a caseworker's review, not ended here. */
  leavesDibao: boolean;
  /** First month paid at the new amount. */
  adjustedFromMonth: string;
  /** Months already paid at the old amount that the new standard covers (a standard published after its effective date). */
  monthsPaidAtOldAmount: number;
  /** (new − old) × those months: positive = underpaid, owed to the household; negative = overpaid. */
  settlementFen: number;
}

/**
 * Re-decides one paying case when a new dibao standard takes effect (民发〔2021〕57号: the standard
 * is adjusted and benefits follow it). The same pure assessment decides it, with the parameters in
 * force on the standard's effective date. A case that would leave dibao keeps its current benefit and
 * is flagged: ending a case needs a review with the household, not a batch job.
 */
export function reassessCase(c: PayingCase, params: AssessmentParameters, validFrom: LocalDate, currentMonth: string): CaseReassessment | { error: string } {
  const r = assessHousehold(c.household, params, validFrom);
  if (!r.ok) return { error: r.errors.map((e) => e.code).join(',') };
  const d = r.decision;
  let newMonthlyFen: number;
  let leavesDibao: boolean;
  if (c.coverage === 'single_person') {
    const inclusion = d.singlePersonInclusions.find((i) => i.memberIndex === c.memberIndex);
    // A single-person inclusion exists only while the household is low-income; if it is now dibao
    // as a whole, the household must apply — the person keeps the current amount meanwhile.
    leavesDibao = !inclusion;
    newMonthlyFen = inclusion ? inclusion.monthlyBenefitFen : c.monthlyBenefitFen;
  } else {
    leavesDibao = d.outcome !== 'dibao';
    newMonthlyFen = leavesDibao ? c.monthlyBenefitFen : d.monthlyBenefitFen;
  }
  const standardMonth = monthOf(validFrom);
  const adjustedFromMonth = standardMonth > c.effectiveMonth ? standardMonth : c.effectiveMonth;
  const monthsPaidAtOldAmount = monthsBetweenInclusive(adjustedFromMonth, currentMonth);
  return {
    caseId: c.id,
    decision: d,
    oldMonthlyFen: c.monthlyBenefitFen,
    newMonthlyFen,
    leavesDibao,
    adjustedFromMonth,
    monthsPaidAtOldAmount,
    settlementFen: (newMonthlyFen - c.monthlyBenefitFen) * monthsPaidAtOldAmount,
  };
}

/**
 * Months from `from` to `to` inclusive, 0 when `from` is later. Benefits are paid for the current
 * month at its start, so the current month counts as already paid.
 */
export function monthsBetweenInclusive(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return Math.max(0, (ty - fy) * 12 + (tm - fm) + 1);
}

/** What a run (or a what-if) adds up, per district. */
export interface ReassessmentTotals {
  examined: number;
  changed: number;
  increased: number;
  decreased: number;
  leavingDibao: number;
  monthlyBudgetDeltaFen: number;
  settlementFen: number;
}

export const emptyTotals = (): ReassessmentTotals => ({ examined: 0, changed: 0, increased: 0, decreased: 0, leavingDibao: 0, monthlyBudgetDeltaFen: 0, settlementFen: 0 });

export function addToTotals(t: ReassessmentTotals, r: CaseReassessment): void {
  t.examined++;
  if (r.leavesDibao) t.leavingDibao++;
  const delta = r.newMonthlyFen - r.oldMonthlyFen;
  if (delta !== 0) {
    t.changed++;
    if (delta > 0) t.increased++;
    else t.decreased++;
    t.monthlyBudgetDeltaFen += delta;
    t.settlementFen += r.settlementFen;
  }
}

/** What one batch of a run decided, case by case. */
export interface BatchReassessment {
  /** Cases whose monthly benefit changes, with their re-decision. */
  changed: CaseReassessment[];
  /** Cases that would leave dibao: flagged for a caseworker's review, their benefit unchanged. */
  leavingDibao: string[];
  /** Cases the assessment could not decide (their household document breaks a rule of form), left as they are. */
  undecided: Array<{ caseId: string; codes: string }>;
  totals: ReassessmentTotals;
}

/** Re-decides a batch of paying cases under the same parameters (see `reassessCase`). */
export function reassessBatch(cases: readonly PayingCase[], params: AssessmentParameters, validFrom: LocalDate, currentMonth: string): BatchReassessment {
  const batch: BatchReassessment = { changed: [], leavingDibao: [], undecided: [], totals: emptyTotals() };
  for (const c of cases) {
    const r = reassessCase(c, params, validFrom, currentMonth);
    if ('error' in r) {
      batch.undecided.push({ caseId: c.id, codes: r.error });
      continue;
    }
    addToTotals(batch.totals, r);
    if (r.leavesDibao) batch.leavingDibao.push(c.id);
    if (r.newMonthlyFen !== r.oldMonthlyFen) batch.changed.push(r);
  }
  return batch;
}
