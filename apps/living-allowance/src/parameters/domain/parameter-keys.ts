/**
 * The parameters of the dibao assessment: their keys, the shape of each value, and a check that a
 * published value has that shape (a catalog may come from the database or an import file, so the
 * resolver refuses a malformed value instead of letting it reach a decision).
 *
 * Money is integer fen, shares are basis points (10000 bp = 100 %), areas are m².
 *
 * The catalog also carries the price-linkage subsidy's parameters (price-subsidy/domain) and the
 * process time limits (applications/domain), spread in below so that POST /parameters validates
 * them; they are not assessment parameters, so
 * `resolveAssessmentParameters` resolves only ASSESSMENT_PARAMETER_KEYS.
 */
import { isMonthlyFen, isNonNegativeNumber, isNullOr, isRecordOf, isShareBp, isWholeNumber, isWholeNumberList } from '@jiuzhu/common';
import { PRICE_SUBSIDY_PARAMETER_SPECS, PriceSubsidyParameterKey, PriceSubsidyParameterValues } from '../../price-subsidy/domain/price-subsidy-parameters';
import { PROCESS_PARAMETER_SPECS, ProcessParameterKey, ProcessParameterValues } from '../../applications/domain/process-parameters';

/** Income kinds, as the household's income is declared (policy.md §1 "Income counted"/"Excluded"). */
export const INCOME_KINDS = [
  'wage',
  'business',
  'property',
  'transfer',
  'other',
  'special_care_pension',
  'family_planning_reward',
  'scholarship',
  'bravery_award',
  'social_assistance',
  'basic_pension',
] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];

/** 刚性支出扣减 / 就业成本扣减 kinds (glossary: Deduction). */
export const DEDUCTION_KINDS = ['medical', 'education', 'rent', 'employment'] as const;
export type DeductionKind = (typeof DEDUCTION_KINDS)[number];

export const PARAMETER_KEYS = {
  standard: 'dibao.standard',
  incomeExclusions: 'dibao.income.excluded-kinds',
  deductions: 'dibao.deductions',
  assets: 'dibao.assets',
  topUps: 'dibao.top-ups',
  payment: 'dibao.payment',
  lowIncomeBand: 'low-income.band',
  singlePersonInclusion: 'single-person.inclusion',
  gradualExit: 'dibao.gradual-exit',
  reviewInterval: 'dibao.review-interval',
} as const;

/** `dibao.standard` — monthly amount per person, per district × area (低保标准). */
export interface DibaoStandardValue {
  monthlyFen: number;
}

/**
 * `dibao.income.excluded-kinds` — income kinds not counted as household income. Effective-dated
 * because one exclusion is time-limited: the residents' basic pension is excluded during 2021–2025
 * only, so a later version may drop it.
 */
export interface IncomeExclusionsValue {
  kinds: IncomeKind[];
}

/**
 * A claimed unavoidable-spending deduction (medical, education, rent). The household's claims of one
 * kind are added up and the total is deducted up to `monthlyCapFen` per month (`null`: no cap).
 * A kind that is not `allowed` is not deducted at all.
 */
export interface CappedDeductionRule {
  allowed: boolean;
  monthlyCapFen: number | null;
}

/**
 * 就业成本扣减 — working costs money (transport, meals, childcare), and a rule that took every yuan
 * of wages into account would make work pointless for a dibao family. Design:
 * - it is claimed per employed member (a `Deduction` of kind `employment` with `memberIndex`);
 *   several claims for one member are added up;
 * - the deduction for that member is the smallest of: the amount claimed; `wageShareBp` of the
 *   member's counted wage income (no wage income, no deduction); and `capShareOfStandardBp` of the
 *   monthly standard (`null`: no such cap).
 * A caseworker who wants the full percentage simply claims at least that much.
 */
export interface EmploymentDeductionRule {
  allowed: boolean;
  wageShareBp: number;
  capShareOfStandardBp: number | null;
}

/** `dibao.deductions` — which deductions apply and how far. */
export interface DeductionRulesValue {
  medical: CappedDeductionRule;
  education: CappedDeductionRule;
  rent: CappedDeductionRule;
  employment: EmploymentDeductionRule;
}

/**
 * `dibao.assets` — household property limits (家庭财产状况认定):
 * - money assets (cash, deposits, securities…) ≤ `moneyMonthsOfStandard` × standard × household
 *   size, inclusive;
 * - up to `maxHomes` homes without further test; with more homes, the total usable housing area
 *   may not exceed `housingAreaPerPersonSqm` × household size (a second home is tolerated only
 *   while the family is still modestly housed);
 * - at most `nonExemptVehiclesAllowed` vehicles that are not exempt (exempt: needed for living or
 *   work, e.g. a disabled person's mobility vehicle or a farm tractor).
 */
export interface AssetLimitsValue {
  moneyMonthsOfStandard: number;
  maxHomes: number;
  housingAreaPerPersonSqm: number;
  nonExemptVehiclesAllowed: number;
}

/**
 * Conditions of a top-up; all those given must hold. An empty condition applies to everyone.
 * Ages are in full years on the assessment date.
 */
export interface TopUpCondition {
  minAge?: number;
  maxAgeExclusive?: number;
  disabilityGrades?: number[];
  seriousIllness?: boolean;
  /**
   * Levels of the member's latest elder ability assessment (老年人能力评估, GB/T 42195-2022) that
   * qualify, e.g. severe and complete loss of ability: the assessment is how care needs are proven.
   */
  abilityLevels?: AbilityLevel[];
}

export const ABILITY_LEVELS = ['intact', 'mild', 'moderate', 'severe', 'complete'] as const;
export type AbilityLevel = (typeof ABILITY_LEVELS)[number];

/**
 * A top-up (提档/增发) as a share of the monthly standard for one covered member. Within one `group`
 * only the highest applying share counts (70+ replaces 60+, it does not add to it); shares of
 * different groups add up (an 80-year-old with grade-1 disability gets the age and the health
 * top-up). A share of 0 bp never applies.
 */
export interface TopUpRule {
  code: string;
  group: string;
  when: TopUpCondition;
  shareBp: number;
}

/** `dibao.top-ups`. */
export interface TopUpsValue {
  rules: TopUpRule[];
}

/**
 * `dibao.payment` — gap payment (补差): standard × people covered − net household income, but not
 * less than `floorShareBp` of the standard per person covered, so that a family just under the line
 * still receives a payment worth the paperwork and the obligations that come with it.
 * Tiered payment (分档) is not implemented.
 */
export interface PaymentValue {
  mode: 'gap';
  floorShareBp: number;
}

/**
 * `low-income.band` — low-income (dibao-edge) households have per-capita income below
 * `multiplierBp` × standard. National wording is 低于 (below); `strictBound: false` lets a province
 * also include income exactly at the bound.
 */
export interface LowIncomeBandValue {
  multiplierBp: number;
  strictBound: boolean;
}

/**
 * `single-person.inclusion` — single-person inclusion (单人户): in a low-income household, a member
 * with a disability grade in `disabilityGrades`, an intellectual or mental disability with a grade
 * in `intellectualOrMentalGrades`, or (when `seriousIllness`) a recognised serious illness may be
 * covered alone. That person's monthly benefit is `benefitShareBp` of the standard plus the
 * top-ups that apply to them. The 100 % default is illustrative; provinces compute this
 * differently and publish their own share.
 */
export interface SinglePersonInclusionValue {
  disabilityGrades: number[];
  intellectualOrMentalGrades: number[];
  seriousIllness: boolean;
  benefitShareBp: number;
}

/** `dibao.gradual-exit` — months a household keeps receiving after work lifts it over the line. */
export interface GradualExitValue {
  months: number;
}

/** `dibao.review-interval` — periodic review: stable households, and those with irregular income or members able to work. */
export interface ReviewIntervalValue {
  stableMonths: number;
  irregularMonths: number;
}

export interface ParameterValues extends PriceSubsidyParameterValues, ProcessParameterValues {
  'dibao.standard': DibaoStandardValue;
  'dibao.income.excluded-kinds': IncomeExclusionsValue;
  'dibao.deductions': DeductionRulesValue;
  'dibao.assets': AssetLimitsValue;
  'dibao.top-ups': TopUpsValue;
  'dibao.payment': PaymentValue;
  'low-income.band': LowIncomeBandValue;
  'single-person.inclusion': SinglePersonInclusionValue;
  'dibao.gradual-exit': GradualExitValue;
  'dibao.review-interval': ReviewIntervalValue;
}

export type ParameterKey = keyof ParameterValues;

// ---- shape checks -------------------------------------------------------------------------------
//
// Exactly the shape: every field named, no other (libs/common value-shapes). Amounts are whole fen
// within MAX_MONTHLY_AMOUNT_FEN, shares whole basis points within MAX_BASIS_POINTS.

const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isIntList = isWholeNumberList;
const isNonEmptyText = (v: unknown): v is string => typeof v === 'string' && v !== '' && v.length <= 100;
const isMonths = (v: unknown): v is number => isWholeNumber(v, 0, 120);
const isGrades = (v: unknown): v is number[] => Array.isArray(v) && v.every((g) => isWholeNumber(g, 1, 4));

function isCappedDeduction(v: unknown): v is CappedDeductionRule {
  return isRecordOf(v, { allowed: isBool, monthlyCapFen: (x) => isNullOr(x, isMonthlyFen) });
}

function isTopUpCondition(v: unknown): v is TopUpCondition {
  return isRecordOf(
    v,
    {},
    {
      minAge: (x) => isWholeNumber(x, 0, 150),
      maxAgeExclusive: (x) => isWholeNumber(x, 0, 150),
      disabilityGrades: isGrades,
      seriousIllness: isBool,
      abilityLevels: (x) => Array.isArray(x) && x.every((l) => (ABILITY_LEVELS as readonly unknown[]).includes(l)),
    },
  );
}

function isTopUpRule(v: unknown): v is TopUpRule {
  return isRecordOf(v, { code: isNonEmptyText, group: isNonEmptyText, when: isTopUpCondition, shareBp: isShareBp });
}

export interface ParameterSpec<K extends ParameterKey> {
  /** Whether the value is set per district × area (`'district-area'`) or once for the city. */
  scope: 'global' | 'district-area';
  unit: string;
  isValid(value: unknown): value is ParameterValues[K];
  /** `allowed` for a value that may take effect before the day it is published (libs/parameters). */
  backDating?: 'allowed';
}

export const PARAMETER_SPECS: { [K in ParameterKey]: ParameterSpec<K> } = {
  'dibao.standard': {
    scope: 'district-area',
    unit: 'fen per person per month',
    // Governments often publish a standard after its effective date; the reassessment it opens
    // settles the months already paid.
    backDating: 'allowed',
    isValid: (v): v is DibaoStandardValue => isRecordOf(v, { monthlyFen: (x) => isMonthlyFen(x, 1) }),
  },
  'dibao.income.excluded-kinds': {
    scope: 'global',
    unit: 'income kinds',
    isValid: (v): v is IncomeExclusionsValue =>
      isRecordOf(v, { kinds: (x) => Array.isArray(x) && x.every((k) => (INCOME_KINDS as readonly unknown[]).includes(k)) }),
  },
  'dibao.deductions': {
    scope: 'global',
    unit: 'fen per month / bp',
    isValid: (v): v is DeductionRulesValue =>
      isRecordOf(v, {
        medical: isCappedDeduction,
        education: isCappedDeduction,
        rent: isCappedDeduction,
        employment: (e) => isRecordOf(e, { allowed: isBool, wageShareBp: isShareBp, capShareOfStandardBp: (x) => isNullOr(x, isShareBp) }),
      }),
  },
  'dibao.assets': {
    scope: 'global',
    unit: 'months of standard / homes / m² per person / vehicles',
    isValid: (v): v is AssetLimitsValue =>
      isRecordOf(v, {
        moneyMonthsOfStandard: (x) => isWholeNumber(x, 0, 1200),
        maxHomes: (x) => isWholeNumber(x, 0, 100),
        housingAreaPerPersonSqm: (x) => isNonNegativeNumber(x) && x <= 10_000,
        nonExemptVehiclesAllowed: (x) => isWholeNumber(x, 0, 100),
      }),
  },
  'dibao.top-ups': {
    scope: 'global',
    unit: 'bp of the standard',
    isValid: (v): v is TopUpsValue => isRecordOf(v, { rules: (x) => Array.isArray(x) && x.every(isTopUpRule) }),
  },
  'dibao.payment': {
    scope: 'global',
    unit: 'bp of the standard',
    isValid: (v): v is PaymentValue => isRecordOf(v, { mode: (x) => x === 'gap', floorShareBp: isShareBp }),
  },
  'low-income.band': {
    scope: 'global',
    unit: 'bp of the standard',
    isValid: (v): v is LowIncomeBandValue => isRecordOf(v, { multiplierBp: isShareBp, strictBound: isBool }),
  },
  'single-person.inclusion': {
    scope: 'global',
    unit: 'disability grades / bp of the standard',
    isValid: (v): v is SinglePersonInclusionValue =>
      isRecordOf(v, { disabilityGrades: isIntList, intellectualOrMentalGrades: isIntList, seriousIllness: isBool, benefitShareBp: isShareBp }),
  },
  'dibao.gradual-exit': {
    scope: 'global',
    unit: 'months',
    isValid: (v): v is GradualExitValue => isRecordOf(v, { months: isMonths }),
  },
  'dibao.review-interval': {
    scope: 'global',
    unit: 'months',
    isValid: (v): v is ReviewIntervalValue => isRecordOf(v, { stableMonths: (x) => isMonths(x) && x >= 1, irregularMonths: (x) => isMonths(x) && x >= 1 }),
  },
  ...PRICE_SUBSIDY_PARAMETER_SPECS,
  ...PROCESS_PARAMETER_SPECS,
};

export const ALL_PARAMETER_KEYS = Object.keys(PARAMETER_SPECS) as ParameterKey[];

/** The keys a dibao assessment resolves: every catalog key except those of other mechanisms (price subsidy, process time limits). */
export type AssessmentParameterKey = Exclude<ParameterKey, PriceSubsidyParameterKey | ProcessParameterKey>;
export const ASSESSMENT_PARAMETER_KEYS = ALL_PARAMETER_KEYS.filter((k) => !(k in PRICE_SUBSIDY_PARAMETER_SPECS) && !(k in PROCESS_PARAMETER_SPECS)) as AssessmentParameterKey[];
