import { LocalDate } from '@jiuzhu/common';
import { Decision, Outcome } from '../../assessment/domain/decision';
import { Household } from '../../assessment/domain/household';
import { ReviewOutcome } from '../../periodic-review/domain/periodic-review';
import { ConfirmationLevel } from './process';

/**
 * What made a decision of a case, with the facts of that kind of decision. Open by design: another
 * way of deciding a case adds its trigger and facts here; the table stores the trigger as text and
 * the facts as a document.
 */
export type DecisionFacts =
  /** 申请: the application confirmed (approved) or refused, on the assessment fixed at submission. */
  | { trigger: 'application'; level: ConfirmationLevel }
  /** 复核: a periodic review's outcome (continue, adjust, gradual exit, end). */
  | { trigger: 'periodic_review'; outcome: ReviewOutcome }
  /** 变更申报/临时复核: a review opened on a change the household reported, and its outcome. */
  | { trigger: 'change_review'; reportedOn: LocalDate; openedOn: LocalDate; outcome: ReviewOutcome }
  /** 标准调整: a reassessment run re-decided the paying case under a new dibao standard. */
  | { trigger: 'new_standard'; runId: string; standardVersionId: string; previousMonthlyFen: number };

export type DecisionTrigger = DecisionFacts['trigger'];

/**
 * One decision of a case, as it is kept: every decision stays (the table is append-only), and the
 * case points to its current one. A dispute asks which decision was in force on a day: the latest
 * one made on or before it (`decidedOn`); a later decision, even one that applies to earlier months
 * (a standard published after its effective date), was not in force yet.
 */
export interface CaseDecision {
  facts: DecisionFacts;
  /** The day the decision was made (Asia/Shanghai). */
  decidedOn: LocalDate;
  /** The legal date it was decided for: the decision's own day, or a new standard's effective date. */
  effectiveOn: LocalDate;
  /**
   * The first month paid under it (its amount, or nothing after an end); null when it changes nothing
   * paid (a refusal, a review that continues the amount, the start of a gradual exit).
   */
  fromMonth: string | null;
  /** What the assessment found for the household. */
  outcome: Outcome;
  /** What the decision grants the case; null for a refusal or an end. */
  granted: 'dibao' | 'low_income' | null;
  monthlyBenefitFen: number | null;
  /** The refusal reason, the review outcome (`REVIEW.ADJUST`…), `NEW_STANDARD`; as the history line names it. */
  reasonCode: string | null;
  parameterVersions: Readonly<Record<string, string>>;
  /** The assessment decided on, with its explanation. */
  assessment: Decision;
  /** The facts assessed (a compact re-decision refers to the decision whose facts it re-decided). */
  household: Household;
  decidedBy: string;
  /** When it was recorded (an instant). */
  at: string;
}
