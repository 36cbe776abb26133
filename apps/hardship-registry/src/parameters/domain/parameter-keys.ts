import { isMonthlyFen, isRecordOf, isShareBp, isWholeNumber, ValueCheck } from '@jiuzhu/common';
import {
  ABILITY_LEVELS,
  AbilityLevel,
  CARE_SETTINGS,
  CareSetting,
  DISABILITY_KINDS,
  DisabilityKind,
  INCOME_KINDS,
  IncomeKind,
  isSelfCareAbility,
  SELF_CARE_ABILITIES,
  SelfCareAbility,
} from '../../persons/domain/vocabulary';

/**
 * The parameters of special-hardship support: their keys, the shape of each value, and a check
 * that a published value has exactly that shape (libs/common value-shapes). Every number of
 * policy.md §3 is one of these, effective-dated with its legal source, never a constant in code;
 * the dibao standard itself is not among them — it is living-allowance's, received by event
 * (standards/domain).
 *
 * Money is integer fen, shares basis points (10000 bp = 100 %), ages full years (周岁), intervals
 * days or months as named.
 */

export const HARDSHIP_PARAMETER_KEYS = {
  noWorkAbility: 'hardship.no-work-ability',
  incomeExclusions: 'hardship.income.excluded-kinds',
  propertyLimits: 'hardship.property-limits',
  supporterIncapacity: 'hardship.supporter-incapacity',
  selfCareActivities: 'hardship.self-care.activities',
  selfCareAbilityLevels: 'hardship.self-care.ability-levels',
  basicLiving: 'hardship.basic-living',
  careAllowance: 'hardship.care-allowance',
  timeLimits: 'hardship.process.time-limits',
  minorContinuation: 'hardship.minor-continuation',
  visitIntervals: 'hardship.visit-intervals',
  planTargets: 'hardship.plan-targets',
} as const;

/** A case of no ability to work a province adds (省级人民政府民政部门规定的其他情形). */
export interface ProvinceCase {
  /** Stable, upper-case, e.g. `NX.SERIOUS_ILLNESS`. */
  code: string;
  zh: string;
  en: string;
}

/**
 * `hardship.no-work-ability` (无劳动能力): aged `elderFromAge` or over; under `minorBelowAge`;
 * a disability of a kind and grade listed in `disabilityGrades`; or a province case in
 * `provinceCases`.
 */
export interface NoWorkAbilityValue {
  elderFromAge: number;
  minorBelowAge: number;
  disabilityGrades: Record<DisabilityKind, number[]>;
  provinceCases: ProvinceCase[];
}

/** `hardship.income.excluded-kinds` — income kinds not counted (policy.md §3 "No means of living"). */
export interface IncomeExclusionsValue {
  kinds: IncomeKind[];
}

/**
 * `hardship.property-limits` (财产状况符合当地特困人员财产状况规定): money assets at most
 * `moneyMonthsOfStandard` months of the dibao standard (inclusive); at most `maxHomes` homes; at
 * most `nonExemptVehiclesAllowed` vehicles that are not exempt.
 */
export interface PropertyLimitsValue {
  moneyMonthsOfStandard: number;
  maxHomes: number;
  nonExemptVehiclesAllowed: number;
}

/**
 * `hardship.supporter-incapacity` — when a legal supporter cannot meet the duty (policy.md §3
 * "Supporter unable"): a dibao recipient aged `dibaoRecipientFromAge` or over; aged
 * `lowIncomeFromAge` or over with own income below `lowIncomeBelowStandardBp` of the dibao
 * standard; severely disabled (any kind at a grade in `severeDisabilityGrades`, or intellectual or
 * mental at a grade in `intellectualOrMentalGrades`). Being a special-hardship person, legally
 * incapacitated, declared missing or in prison need no number.
 */
export interface SupporterIncapacityValue {
  dibaoRecipientFromAge: number;
  lowIncomeFromAge: number;
  lowIncomeBelowStandardBp: number;
  severeDisabilityGrades: number[];
  intellectualOrMentalGrades: number[];
}

/** `hardship.self-care.activities` — of the six activities, how many lost make self-care partly, and fully, lost. */
export interface SelfCareActivitiesValue {
  partlyLostFromActivities: number;
  fullyLostFromActivities: number;
}

/**
 * `hardship.self-care.ability-levels` — for a person aged `fromAge` or over, the self-care tier is
 * read from the latest elder ability assessment: its level (GB/T 42195-2022) maps to a tier.
 */
export interface SelfCareAbilityLevelsValue {
  fromAge: number;
  tiers: Record<AbilityLevel, SelfCareAbility>;
}

/**
 * How the basic living standard is rounded to a whole amount: `fen_half_up` to the fen, half up
 * (四舍五入); `yuan_up` up to the next whole yuan (a province that publishes standards in whole yuan
 * "不低于" the multiple rounds up, never below it).
 */
export const BASIC_LIVING_ROUNDINGS = ['fen_half_up', 'yuan_up'] as const;
export type BasicLivingRounding = (typeof BASIC_LIVING_ROUNDINGS)[number];

/** `hardship.basic-living` — 基本生活标准 = `ratioOfDibaoStandardBp` × the dibao standard, rounded by `rounding`. */
export interface BasicLivingValue {
  ratioOfDibaoStandardBp: number;
  rounding: BasicLivingRounding;
}

/** `hardship.care-allowance` — 照料护理标准, monthly, by care setting and self-care tier. */
export type CareAllowanceValue = Record<CareSetting, Record<SelfCareAbility, number>>;

/**
 * `hardship.process.time-limits` — working days are counted on the published holiday calendar
 * from the day after the event (自次日起算); notices run in calendar days.
 */
export interface TimeLimitsValue {
  /** 乡镇调查核实, from the application. */
  investigationWorkingDays: number;
  /** 公示 of the township's opinion (never for minors). */
  noticeCalendarDays: number;
  /** 县级确认, from the end of the notice (or the investigation, when there is none). */
  confirmationWorkingDays: number;
  /** 不予认定的书面告知, from the refusal. */
  refusalNoticeWorkingDays: number;
  /** 终止救助供养的公示, before the termination is decided. */
  terminationNoticeCalendarDays: number;
}

/**
 * `hardship.minor-continuation` — a person supported as a minor is reviewed on reaching the minor
 * age limit; support continues while still in school, re-checked every `inSchoolRecheckMonths`.
 */
export interface MinorContinuationValue {
  inSchoolRecheckMonths: number;
}

/** `hardship.visit-intervals` — days between visits (巡视探访) to a person cared for at home, by tier. */
export type VisitIntervalsValue = Record<SelfCareAbility, number>;

/**
 * `hardship.plan-targets` — the city plan's goals the reports are measured against: concentrated
 * care among those who partly or fully lost self-care, and the share of nursing-type beds.
 */
export interface PlanTargetsValue {
  concentratedCareMinBp: number;
  nursingBedRatioMinBp: number;
}

export interface HardshipParameterValues {
  'hardship.no-work-ability': NoWorkAbilityValue;
  'hardship.income.excluded-kinds': IncomeExclusionsValue;
  'hardship.property-limits': PropertyLimitsValue;
  'hardship.supporter-incapacity': SupporterIncapacityValue;
  'hardship.self-care.activities': SelfCareActivitiesValue;
  'hardship.self-care.ability-levels': SelfCareAbilityLevelsValue;
  'hardship.basic-living': BasicLivingValue;
  'hardship.care-allowance': CareAllowanceValue;
  'hardship.process.time-limits': TimeLimitsValue;
  'hardship.minor-continuation': MinorContinuationValue;
  'hardship.visit-intervals': VisitIntervalsValue;
  'hardship.plan-targets': PlanTargetsValue;
}

export type HardshipParameterKey = keyof HardshipParameterValues;

// ---- shape checks -------------------------------------------------------------------------------
//
// Exactly the shape: every field named, no other. Each number within what it could ever mean
// (ages of a lifetime, grades 1–4, six activities, days within a year).

const isAge = (v: unknown): v is number => isWholeNumber(v, 1, 150);
const isGradeList = (v: unknown): v is number[] => Array.isArray(v) && v.every((g) => isWholeNumber(g, 1, 4)) && new Set(v).size === v.length;
const isActivityCount = (v: unknown): v is number => isWholeNumber(v, 1, 6);
const isDays = (v: unknown): v is number => isWholeNumber(v, 1, 365);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= 200;
const isCode = (v: unknown): v is string => typeof v === 'string' && /^[A-Z][A-Z0-9_.]{1,63}$/.test(v);
const recordOver = (keys: readonly string[], check: ValueCheck) => (v: unknown) => isRecordOf(v, Object.fromEntries(keys.map((k) => [k, check])));
const isListOf = (items: readonly string[]) => (v: unknown) => Array.isArray(v) && v.every((x) => items.includes(x)) && new Set(v).size === v.length;

function isProvinceCases(v: unknown): boolean {
  if (!Array.isArray(v) || !v.every((c) => isRecordOf(c, { code: isCode, zh: isText, en: isText }))) return false;
  return new Set(v.map((c) => c.code)).size === v.length;
}

function isSelfCareActivities(v: unknown): boolean {
  if (!isRecordOf(v, { partlyLostFromActivities: isActivityCount, fullyLostFromActivities: isActivityCount })) return false;
  // Strictly rising, or a tier would cover no count of activities at all.
  return (v.partlyLostFromActivities as number) < (v.fullyLostFromActivities as number);
}

function isSelfCareAbilityLevels(v: unknown): boolean {
  if (!isRecordOf(v, { fromAge: isAge, tiers: recordOver(ABILITY_LEVELS, isSelfCareAbility) })) return false;
  // A greater loss of ability never maps to a lighter tier.
  const tiers = v.tiers as Record<AbilityLevel, SelfCareAbility>;
  const rank = (t: SelfCareAbility) => SELF_CARE_ABILITIES.indexOf(t);
  return ABILITY_LEVELS.every((l, i) => i === 0 || rank(tiers[ABILITY_LEVELS[i - 1]]) <= rank(tiers[l]));
}

export interface HardshipParameterSpec<K extends HardshipParameterKey> {
  /** Every hardship parameter is set once for the city; the dibao standard, which varies by district and area, comes by event. */
  scope: 'global';
  unit: string;
  isValid(value: unknown): value is HardshipParameterValues[K];
}

export const HARDSHIP_PARAMETER_SPECS: { [K in HardshipParameterKey]: HardshipParameterSpec<K> } = {
  'hardship.no-work-ability': {
    scope: 'global',
    unit: 'full years of age / disability grades / case codes',
    isValid: (v): v is NoWorkAbilityValue =>
      isRecordOf(v, { elderFromAge: isAge, minorBelowAge: isAge, disabilityGrades: recordOver(DISABILITY_KINDS, isGradeList), provinceCases: isProvinceCases }) &&
      (v.minorBelowAge as number) < (v.elderFromAge as number),
  },
  'hardship.income.excluded-kinds': {
    scope: 'global',
    unit: 'income kinds',
    isValid: (v): v is IncomeExclusionsValue => isRecordOf(v, { kinds: isListOf(INCOME_KINDS) }),
  },
  'hardship.property-limits': {
    scope: 'global',
    unit: 'months of the dibao standard / homes / vehicles',
    isValid: (v): v is PropertyLimitsValue =>
      isRecordOf(v, { moneyMonthsOfStandard: (x) => isWholeNumber(x, 0, 1200), maxHomes: (x) => isWholeNumber(x, 0, 100), nonExemptVehiclesAllowed: (x) => isWholeNumber(x, 0, 100) }),
  },
  'hardship.supporter-incapacity': {
    scope: 'global',
    unit: 'full years of age / bp of the dibao standard / disability grades',
    isValid: (v): v is SupporterIncapacityValue =>
      isRecordOf(v, { dibaoRecipientFromAge: isAge, lowIncomeFromAge: isAge, lowIncomeBelowStandardBp: isShareBp, severeDisabilityGrades: isGradeList, intellectualOrMentalGrades: isGradeList }),
  },
  'hardship.self-care.activities': { scope: 'global', unit: 'activities (of six)', isValid: (v): v is SelfCareActivitiesValue => isSelfCareActivities(v) },
  'hardship.self-care.ability-levels': { scope: 'global', unit: 'full years of age / tier per ability level', isValid: (v): v is SelfCareAbilityLevelsValue => isSelfCareAbilityLevels(v) },
  'hardship.basic-living': {
    scope: 'global',
    unit: 'bp of the dibao standard',
    // Policy.md §3: at least 1.3 × — but a lower published ratio is a local decision to be shown, not a shape error; 1× is the floor of sense.
    isValid: (v): v is BasicLivingValue => isRecordOf(v, { ratioOfDibaoStandardBp: (x) => isShareBp(x) && (x as number) >= 10000, rounding: (x) => (BASIC_LIVING_ROUNDINGS as readonly unknown[]).includes(x) }),
  },
  'hardship.care-allowance': {
    scope: 'global',
    unit: 'fen per person per month',
    isValid: (v): v is CareAllowanceValue => recordOver(CARE_SETTINGS, recordOver(SELF_CARE_ABILITIES, (x) => isMonthlyFen(x)))(v),
  },
  'hardship.process.time-limits': {
    scope: 'global',
    unit: 'working days / calendar days',
    isValid: (v): v is TimeLimitsValue =>
      isRecordOf(v, {
        investigationWorkingDays: isDays,
        noticeCalendarDays: isDays,
        confirmationWorkingDays: isDays,
        refusalNoticeWorkingDays: isDays,
        terminationNoticeCalendarDays: isDays,
      }),
  },
  'hardship.minor-continuation': {
    scope: 'global',
    unit: 'months',
    isValid: (v): v is MinorContinuationValue => isRecordOf(v, { inSchoolRecheckMonths: (x) => isWholeNumber(x, 1, 60) }),
  },
  'hardship.visit-intervals': { scope: 'global', unit: 'calendar days', isValid: (v): v is VisitIntervalsValue => recordOver(SELF_CARE_ABILITIES, isDays)(v) },
  'hardship.plan-targets': {
    scope: 'global',
    unit: 'bp',
    isValid: (v): v is PlanTargetsValue => isRecordOf(v, { concentratedCareMinBp: (x) => isWholeNumber(x, 0, 10000), nursingBedRatioMinBp: (x) => isWholeNumber(x, 0, 10000) }),
  },
};

export const ALL_HARDSHIP_PARAMETER_KEYS = Object.keys(HARDSHIP_PARAMETER_SPECS) as HardshipParameterKey[];
