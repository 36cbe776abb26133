import { LocalDate, LocalizedText, RuleOutcome } from '@jiuzhu/common';
import { Area } from '../../parameters/domain/parameter';

export type Outcome = 'dibao' | 'low_income' | 'ineligible';

/** A top-up (提档/增发) granted to one covered member. */
export interface TopUp {
  memberIndex: number;
  code: string;
  amountFen: number;
}

export type SinglePersonInclusionReason =
  | 'SINGLE_PERSON.SEVERE_DISABILITY'
  | 'SINGLE_PERSON.INTELLECTUAL_OR_MENTAL_DISABILITY'
  | 'SINGLE_PERSON.SERIOUS_ILLNESS';

/** A member of a low-income household who may be covered alone (单人户). */
export interface SinglePersonInclusion {
  memberIndex: number;
  reason: SinglePersonInclusionReason;
  /** The share of the standard the included person receives, before top-ups. */
  baseBenefitFen: number;
  topUps: { code: string; amountFen: number }[];
  monthlyBenefitFen: number;
}

/** One line of the worked calculation a caseworker reads back to the family. */
export interface ExplanationLine {
  /** Stable step id, e.g. `income.counted`, `deduction.capped`, `benefit.floor`. */
  step: string;
  text: LocalizedText;
  amountFen?: number;
}

/**
 * The result of a dibao assessment. Totals are exact integers; `perCapitaIncomeFen` and `gapFen`
 * are rounded half up for display only — the eligibility comparisons and the benefit use exact
 * household totals, so rounding can never move a family across the line.
 */
export interface Decision {
  outcome: Outcome;
  assessedOn: LocalDate;
  districtCode: string;
  area: Area;
  householdSize: number;
  countedIncomeFen: number;
  excludedIncomeFen: number;
  /** Deductions allowed after caps. */
  deductionsFen: number;
  /** Counted income minus deductions, never below 0. */
  netIncomeFen: number;
  perCapitaIncomeFen: number;
  standardFen: number;
  /** Per person, for display; 0 unless dibao. */
  gapFen: number;
  /** 0 unless dibao; then every household member. */
  peopleCovered: number;
  /** Gap payment after the floor; 0 unless dibao. */
  baseBenefitFen: number;
  topUps: TopUp[];
  /** Base benefit plus top-ups; 0 unless dibao. */
  monthlyBenefitFen: number;
  /** Only for low_income households. */
  singlePersonInclusions: SinglePersonInclusion[];
  /** Every rule applied, passed or not. */
  rules: RuleOutcome[];
  /** The rules that decided the outcome. */
  reasons: RuleOutcome[];
  explanation: ExplanationLine[];
  /** `key` or `key/scope` → versionId of every parameter version used. */
  parameterVersions: Record<string, string>;
}

/** Input that cannot describe a real household; nothing is decided. */
export interface AssessmentError {
  code: string;
  /** Path of the offending input, e.g. `members[2].idNumber`. Never the value itself. */
  field?: string;
  message: LocalizedText;
}

export type AssessmentResult = { ok: true; decision: Decision } | { ok: false; errors: AssessmentError[] };
