import { LocalDate, LocalizedText, RuleCheck, RuleOutcome } from '@jiuzhu/common';
import { Area } from '../../parameters/domain/parameter';
import { TopUpCondition } from '../../parameters/domain/parameter-keys';
import { DeductionKind, DisabilityKind, IncomeKind, Relation } from './household';

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

// ---- the rules' verdicts, as data ----------------------------------------------------------------
//
// Each verdict keeps the numbers it was decided on, including the parameter values compared
// against, so that its wording (rules/*.rule.ts `describe`) needs nothing but the verdict itself:
// a decision stored today reads the same after the parameters have moved on.

export interface PerCapitaIncomeArgs {
  netIncomeFen: number;
  householdSize: number;
  standardFen: number;
  /** standard × household size: the household total compared against. */
  limitFen: number;
  /** Rounded half up, for display only. */
  perCapitaIncomeFen: number;
}

export interface MoneyAssetsArgs {
  moneyFen: number;
  moneyMonthsOfStandard: number;
  standardFen: number;
  householdSize: number;
  /** months × standard × household size, inclusive. */
  limitFen: number;
}

/** Areas in hundredths of m². The area fields are null when the household has no more than `maxHomes` homes (not measured). */
export interface HousingArgs {
  homes: number;
  maxHomes: number;
  householdSize: number;
  areaHundredths: number | null;
  areaPerPersonHundredths: number | null;
  limitHundredths: number | null;
}

export interface VehiclesArgs {
  vehicles: number;
  exempt: number;
  nonExempt: number;
  nonExemptVehiclesAllowed: number;
}

export interface LowIncomeBandArgs {
  netIncomeFen: number;
  householdSize: number;
  standardFen: number;
  multiplierBp: number;
  strictBound: boolean;
  /** multiplier × standard × size rounded half up, for display; the comparison is exact. */
  limitFen: number;
}

export interface SinglePersonArgs {
  member: number;
  relation: Relation;
  reason: SinglePersonInclusionReason | null;
  disabilityGrade: number | null;
  disabilityKind: DisabilityKind | null;
  /** The conditions in force (parameter `single-person.inclusion`), named in a refusal. */
  disabilityGrades: readonly number[];
  intellectualOrMentalGrades: readonly number[];
  seriousIllness: boolean;
}

export type PerCapitaIncomeCheck = RuleCheck<PerCapitaIncomeArgs, 'DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD'>;
export type MoneyAssetsCheck = RuleCheck<MoneyAssetsArgs, 'DIBAO.ASSETS_MONEY_WITHIN_LIMIT'>;
export type HousingCheck = RuleCheck<HousingArgs, 'DIBAO.HOUSING_WITHIN_LIMIT'>;
export type VehiclesCheck = RuleCheck<VehiclesArgs, 'DIBAO.VEHICLES_WITHIN_LIMIT'>;
export type LowIncomeBandCheck = RuleCheck<LowIncomeBandArgs, 'LOW_INCOME.PER_CAPITA_INCOME_BELOW_BAND'>;
export type SinglePersonCheck = RuleCheck<SinglePersonArgs, 'SINGLE_PERSON.QUALIFIES'>;

/** Every rule a dibao assessment applies, told apart by `code`. */
export type AssessmentRuleCheck = PerCapitaIncomeCheck | MoneyAssetsCheck | HousingCheck | VehiclesCheck | LowIncomeBandCheck | SinglePersonCheck;

// ---- the worked calculation, as data -------------------------------------------------------------
//
// One entry per line a caseworker reads back to the family, in order: `step` is the stable step id
// (`income.counted`, `benefit.floor`…), `code` names the sentence (a step may have several, e.g. the
// floor paid or not), `args` holds the numbers: amounts in fen, member positions (0-based) and
// relation codes — never a name or an ID number — and the parameter values used. `amountFen`, where
// present, is the amount the line arrives at. The words are produced by `renderDecision`.

interface Entry<S extends string, C extends string, A> {
  step: S;
  code: C;
  args: A;
}

/** A member as a reader knows them: position and relation. */
export interface MemberArgs {
  member: number;
  relation: Relation;
}

export interface AmountArgs {
  amountFen: number;
}

export interface IncomeLineArgs extends MemberArgs {
  kind: IncomeKind;
  amountFen: number;
}

/** `member` and `relation` are null for a claim of the whole household. */
export interface DeductionClaimArgs {
  member: number | null;
  relation: Relation | null;
  kind: DeductionKind;
  amountFen: number;
}

export interface DeductionKindArgs {
  kind: DeductionKind;
  amountFen: number;
}

export interface DeductionCappedArgs {
  kind: DeductionKind;
  claimedFen: number;
  capFen: number;
  /** The cap, deducted. */
  amountFen: number;
}

/** The smallest of the claim, a share of the member's wages and (unless null) a share of the standard. */
export interface EmploymentDeductionArgs extends MemberArgs {
  claimedFen: number;
  wageFen: number;
  wageShareBp: number;
  wageShareFen: number;
  capShareOfStandardBp: number | null;
  capFen: number | null;
  amountFen: number;
}

export interface NetIncomeArgs {
  countedIncomeFen: number;
  deductionsFen: number;
  amountFen: number;
}

export interface HouseholdSizeArgs {
  size: number;
}

export interface PerCapitaLineArgs {
  netIncomeFen: number;
  size: number;
  amountFen: number;
}

/** A line that states a rule's verdict: `rule` is its position in `Decision.rules`. */
export interface RuleRefArgs {
  rule: number;
}

export interface MoneyRuleRefArgs extends RuleRefArgs {
  /** The household's money assets. */
  amountFen: number;
}

export interface GapArgs {
  standardFen: number;
  size: number;
  netIncomeFen: number;
  /** standard × size − net income. */
  amountFen: number;
}

/** The gap for the people covered when some members are not: (standard × size − net income) × covered ÷ size. */
export interface CoveredGapArgs extends GapArgs {
  peopleCovered: number;
}

export interface FloorArgs {
  floorShareBp: number;
  peopleCovered: number;
  /** The floor for all the people covered. */
  amountFen: number;
}

export interface TopUpLineArgs extends MemberArgs {
  /** Full years on the assessment date. */
  age: number;
  /** The top-up's code and its conditions, as published. */
  code: string;
  when: Readonly<TopUpCondition>;
  shareBp: number;
  standardFen: number;
  amountFen: number;
}

export interface BenefitTotalArgs {
  baseBenefitFen: number;
  topUpsFen: number;
  amountFen: number;
}

export interface SinglePersonBenefitArgs extends MemberArgs {
  standardFen: number;
  benefitShareBp: number;
  baseBenefitFen: number;
  topUpsFen: number;
  amountFen: number;
}

export type ExplanationEntry =
  | Entry<'income.counted', 'INCOME.COUNTED', IncomeLineArgs>
  | Entry<'income.excluded', 'INCOME.EXCLUDED', IncomeLineArgs>
  | Entry<'income.total', 'INCOME.TOTAL', AmountArgs>
  | Entry<'income.excluded_total', 'INCOME.EXCLUDED_TOTAL', AmountArgs>
  | Entry<'deduction.claimed', 'DEDUCTION.CLAIMED', DeductionClaimArgs>
  | Entry<'deduction.not_allowed', 'DEDUCTION.NOT_ALLOWED', DeductionKindArgs>
  | Entry<'deduction.capped', 'DEDUCTION.CAPPED', DeductionCappedArgs>
  | Entry<'deduction.allowed', 'DEDUCTION.ALLOWED', DeductionKindArgs>
  | Entry<'deduction.employment', 'DEDUCTION.EMPLOYMENT', EmploymentDeductionArgs>
  | Entry<'deduction.total', 'DEDUCTION.TOTAL', AmountArgs>
  | Entry<'net_income', 'NET_INCOME', NetIncomeArgs>
  | Entry<'net_income', 'NET_INCOME.DEDUCTIONS_EXCEED_INCOME', AmountArgs>
  | Entry<'household_size', 'HOUSEHOLD_SIZE', HouseholdSizeArgs>
  | Entry<'per_capita_income', 'PER_CAPITA_INCOME', PerCapitaLineArgs>
  | Entry<'standard', 'STANDARD', AmountArgs>
  | Entry<'comparison.standard', 'DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD', RuleRefArgs>
  | Entry<'assets.money', 'DIBAO.ASSETS_MONEY_WITHIN_LIMIT', MoneyRuleRefArgs>
  | Entry<'assets.housing', 'DIBAO.HOUSING_WITHIN_LIMIT', RuleRefArgs>
  | Entry<'assets.vehicles', 'DIBAO.VEHICLES_WITHIN_LIMIT', RuleRefArgs>
  | Entry<'comparison.low_income_band', 'LOW_INCOME.PER_CAPITA_INCOME_BELOW_BAND', RuleRefArgs>
  | Entry<'outcome', 'OUTCOME.DIBAO' | 'OUTCOME.LOW_INCOME' | 'OUTCOME.INELIGIBLE', Record<string, never>>
  | Entry<'coverage.excluded', 'COVERAGE.EXCLUDED_SPECIAL_HARDSHIP', MemberArgs>
  | Entry<'benefit.gap', 'BENEFIT.GAP', GapArgs>
  | Entry<'benefit.gap', 'BENEFIT.GAP_FOR_PEOPLE_COVERED', CoveredGapArgs>
  | Entry<'benefit.floor', 'BENEFIT.FLOOR_PAID' | 'BENEFIT.GAP_PAID', FloorArgs>
  | Entry<'benefit.base', 'BENEFIT.BASE', AmountArgs>
  | Entry<'benefit.top_up', 'BENEFIT.TOP_UP', TopUpLineArgs>
  | Entry<'benefit.total', 'BENEFIT.TOTAL', BenefitTotalArgs>
  | Entry<'single_person.check', 'SINGLE_PERSON.QUALIFIES', RuleRefArgs>
  | Entry<'single_person.benefit', 'SINGLE_PERSON.BENEFIT', SinglePersonBenefitArgs>;

export type ExplanationStep = ExplanationEntry['step'];
export type ExplanationCode = ExplanationEntry['code'];

/**
 * The result of a dibao assessment. Totals are exact integers; `perCapitaIncomeFen` and
 * `gapPerPersonFen` are rounded half up for display only — the eligibility comparisons and the
 * benefit use exact household totals, so rounding can never move a family across the line.
 *
 * The rules and the explanation are recorded as data; `renderDecision` words them (DecisionView).
 * A decision is a value, never modified after it is made: the same frozen `args` may appear in many
 * decisions, and parameter values (version ids, top-up conditions, single-person criteria) are
 * referred to, not copied, from the resolved parameters — which are values too, possibly cached and
 * shared by the catalog.
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
  /**
   * The household's gap (补差) ÷ household size, rounded half up, for display; 0 unless dibao. Not
   * what is paid: the benefit is worked out on the household's gap.
   */
  gapPerPersonFen: number;
  /** standard × household size − net income: the gap the explanation's "Gap =" line shows and the benefit starts from; 0 unless dibao. */
  householdGapFen: number;
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
  rules: AssessmentRuleCheck[];
  /** The rules that decided the outcome. */
  reasons: AssessmentRuleCheck[];
  explanation: ExplanationEntry[];
  /**
   * `key` or `key/scope` → versionId of every parameter version used. The resolved parameters' own
   * record, shared rather than copied (read-only, like every parameter value a decision refers to).
   */
  parameterVersions: Readonly<Record<string, string>>;
}

/** One line of the worked calculation as a caseworker reads it back to the family. */
export interface ExplanationLine {
  /** Stable step id, e.g. `income.counted`, `deduction.capped`, `benefit.floor`. */
  step: string;
  text: LocalizedText;
  amountFen?: number;
}

/** A decision in words (the API's answer): the same figures, with rules and explanation worded. */
export type DecisionView = Omit<Decision, 'rules' | 'reasons' | 'explanation'> & {
  rules: RuleOutcome[];
  reasons: RuleOutcome[];
  explanation: ExplanationLine[];
};

/** Input that cannot describe a real household; nothing is decided. */
export interface AssessmentError {
  code: string;
  /** Path of the offending input, e.g. `members[2].idNumber`. Never the value itself. */
  field?: string;
  message: LocalizedText;
}

export type AssessmentResult = { ok: true; decision: Decision } | { ok: false; errors: AssessmentError[] };
