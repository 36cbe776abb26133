import { GLOBAL_SCOPE, isLocalDate, isPlainObject, isRecordOf, isWholeNumber, LocalDate, ParameterVersion, ValueCheck, versionInForce } from '@jiuzhu/common';
import { ABILITY_LEVELS, AbilityLevel, isAbilityLevel } from './ability-level';
import { ITEM_CODES, ItemCode, isItemCode } from './items';
import { DEFAULT_SELF_CARE_MAPPING, SELF_CARE_ACTIVITIES, SelfCareMapping } from './self-care-ability';

/**
 * Every number of the elder ability assessment is a parameter with an effective date, never a
 * constant in code (policy.md, opening note and §5): item ranges are to be verified against the
 * standard's text, the raise cap and the re-assessment interval are local choices. A change is a new
 * version with a later `validFrom`; old versions stay, so a past assessment can be re-explained with
 * the numbers in force on its date.
 */

/** One published value (libs/common: the same shape in every service). */
export type { ParameterVersion };

export { GLOBAL_SCOPE };

export const ELDER_PARAMETER_KEYS = {
  itemScoreRanges: 'elder.item-score-ranges',
  levelCutOffs: 'elder.level-cut-offs',
  raiseRules: 'elder.raise-rules',
  raiseCap: 'elder.raise-cap',
  reassessmentInterval: 'elder.reassessment-interval',
  selfCareMapping: 'elder.self-care-mapping',
  minimumAge: 'elder.minimum-age',
} as const;
export type ElderParameterKey = (typeof ELDER_PARAMETER_KEYS)[keyof typeof ELDER_PARAMETER_KEYS];

// ---- the values ----------------------------------------------------------------------------------

/** Inclusive range of points an item can score. */
export interface ScoreRange {
  min: number;
  max: number;
}

/** `elder.item-score-ranges` — one range per item, all 26 items. */
export type ItemScoreRanges = Record<ItemCode, ScoreRange>;

/**
 * `elder.level-cut-offs` — the lowest total of each level. A total belongs to the highest-ability
 * level whose lower bound it reaches; `complete` starts at 0 so that every total has a level.
 */
export type LevelCutOffs = Record<AbilityLevel, number>;

/** `elder.raise-rules` — GB/T 42195-2022: special situations change the level given by the total. */
export interface RaiseRules {
  /** A person in a coma is assessed directly at this level (the standard: complete loss of ability). */
  coma: { setsLevel: AbilityLevel };
  /** Diagnosed dementia (ICD-10 F00–F03) or another psychiatric disorder diagnosed by a psychiatrist (F04–F99). */
  dementiaOrPsychiatricDisorder: { raiseLevels: number };
  /** At least `minEvents` care-risk events (fall, choking, self-harm, wandering) within `windowDays` days. */
  careRiskEvents: { minEvents: number; windowDays: number; raiseLevels: number };
}

/**
 * `elder.raise-cap` — how many levels the diagnosis and care-risk raises may add together
 * (policy.md §5: "together one level unless the parameters say otherwise"). Coma is not a raise
 * but a level set directly, so it is not capped.
 */
export interface RaiseCap {
  maxCombinedLevels: number;
}

/** `elder.reassessment-interval` — months from one routine assessment to the next. */
export interface ReassessmentInterval {
  routineMonths: number;
}

/** `elder.minimum-age` — the age in full years (周岁) on the assessment date from which a person is assessed as an elder. */
export interface MinimumAge {
  years: number;
}

export interface ElderParameterValues {
  'elder.item-score-ranges': ItemScoreRanges;
  'elder.level-cut-offs': LevelCutOffs;
  'elder.raise-rules': RaiseRules;
  'elder.raise-cap': RaiseCap;
  'elder.reassessment-interval': ReassessmentInterval;
  'elder.self-care-mapping': SelfCareMapping;
  'elder.minimum-age': MinimumAge;
}

/** Every number an elder assessment needs, as in force on one date. */
export interface ElderAssessmentParameters {
  /** The date the parameters were resolved for: the assessment date. */
  on: LocalDate;
  itemScoreRanges: ItemScoreRanges;
  levelCutOffs: LevelCutOffs;
  raiseRules: RaiseRules;
  raiseCap: RaiseCap;
  reassessmentInterval: ReassessmentInterval;
  selfCareMapping: SelfCareMapping;
  minimumAge: MinimumAge;
  /** key → versionId of each version used, so an assessment names its numbers. */
  versions: Readonly<Record<string, string>>;
}

// ---- checks that a published value has its shape -------------------------------------------------
//
// A catalog may come from the database or an import file: a malformed value is refused by the
// resolver instead of reaching an assessment.

// Exactly the shape: every field named and no other (libs/common value-shapes), each number within
// what the standard could ever mean (points of a 90-point form, levels of five, months, years of age).

const isCount = (v: unknown, min = 0, max = 1000): v is number => isWholeNumber(v, min, max);
const isLevels = (v: unknown): v is number => isWholeNumber(v, 0, ABILITY_LEVELS.length - 1);
const only = (fields: Record<string, ValueCheck>) => (v: unknown) => isRecordOf(v, fields);

function isItemScoreRanges(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  if (keys.length !== ITEM_CODES.length || !keys.every(isItemCode)) return false;
  return ITEM_CODES.every((code) => {
    const r = v[code];
    return isRecordOf(r, { min: isCount, max: isCount }) && (r.min as number) <= (r.max as number);
  });
}

function isLevelCutOffs(v: unknown): boolean {
  if (!isRecordOf(v, Object.fromEntries(ABILITY_LEVELS.map((l) => [l, (x: unknown) => isCount(x)])))) return false;
  if (v.complete !== 0) return false;
  // Strictly falling from intact to complete, or some level would have no totals at all.
  return ABILITY_LEVELS.every((l, i) => i === 0 || (v[ABILITY_LEVELS[i - 1]] as number) > (v[l] as number));
}

const isRaiseRules = only({
  coma: only({ setsLevel: isAbilityLevel }),
  dementiaOrPsychiatricDisorder: only({ raiseLevels: isLevels }),
  careRiskEvents: only({ minEvents: (x) => isCount(x, 1), windowDays: (x) => isCount(x, 1, 3660), raiseLevels: isLevels }),
});

const isRaiseCap = only({ maxCombinedLevels: isLevels });

const isReassessmentInterval = only({ routineMonths: (x) => isCount(x, 1, 120) });

const isMinimumAge = only({ years: (x) => isCount(x, 1, 150) });

function isSelfCareMapping(v: unknown): boolean {
  const isRule = only({ items: (x) => Array.isArray(x) && x.length > 0 && x.every(isItemCode), cannotDoAtOrBelow: (x) => isCount(x) });
  const isActivities = only(Object.fromEntries(SELF_CARE_ACTIVITIES.map((a) => [a, isRule])));
  if (!isRecordOf(v, { activities: isActivities, partlyLostFromActivities: (x) => isCount(x, 1), fullyLostFromActivities: (x) => isCount(x, 1) })) return false;
  return (v.partlyLostFromActivities as number) < (v.fullyLostFromActivities as number) && (v.fullyLostFromActivities as number) <= SELF_CARE_ACTIVITIES.length;
}

export const ELDER_PARAMETER_SPECS: Readonly<Record<ElderParameterKey, { unit: string; isValid(value: unknown): boolean }>> = {
  'elder.item-score-ranges': { unit: 'points per item', isValid: isItemScoreRanges },
  'elder.level-cut-offs': { unit: 'points (lowest total of each level)', isValid: isLevelCutOffs },
  'elder.raise-rules': { unit: 'levels / events / days', isValid: isRaiseRules },
  'elder.raise-cap': { unit: 'levels', isValid: isRaiseCap },
  'elder.reassessment-interval': { unit: 'months', isValid: isReassessmentInterval },
  'elder.self-care-mapping': { unit: 'points / activities', isValid: isSelfCareMapping },
  'elder.minimum-age': { unit: 'full years of age', isValid: isMinimumAge },
};

const ALL_KEYS = Object.keys(ELDER_PARAMETER_SPECS) as ElderParameterKey[];

// ---- the default catalog -------------------------------------------------------------------------

/** Seeded into the embedded demo (the same seed date as the living-allowance catalog). */
export const ELDER_SEED_DATE: LocalDate = '2025-01-01';

const STANDARD = 'GB/T 42195-2022《老年人能力评估规范》';
const ILLUSTRATIVE = '示例默认值 illustrative default, not a published rule';

/** `elder.level-cut-offs@2025-01-01`. */
export function elderVersionId(key: ElderParameterKey, validFrom: LocalDate): string {
  return `${key}@${validFrom}`;
}

/** A city-wide version of an elder-assessment parameter. */
export function elderParameterVersion<K extends ElderParameterKey>(
  key: K,
  value: ElderParameterValues[K],
  validFrom: LocalDate,
  legalSource: string,
  note?: string,
): ParameterVersion<ElderParameterValues[K]> {
  const v: ParameterVersion<ElderParameterValues[K]> = {
    key,
    scope: GLOBAL_SCOPE,
    versionId: elderVersionId(key, validFrom),
    validFrom,
    value,
    unit: ELDER_PARAMETER_SPECS[key].unit,
    legalSource,
  };
  return note === undefined ? v : { ...v, note };
}

const r = (max: number): ScoreRange => ({ min: 0, max });

/**
 * GB/T 42195-2022 item ranges as restated in policy.md §5 (to be verified against the standard's
 * text; a correction is a new version). Totals: self-care 32, basic mobility 15, mental state 28,
 * perception and social participation 15 — 90 in all.
 */
export const DEFAULT_ITEM_SCORE_RANGES: ItemScoreRanges = {
  'SELF_CARE.EATING': r(4),
  'SELF_CARE.GROOMING': r(4),
  'SELF_CARE.BATHING': r(4),
  'SELF_CARE.UPPER_DRESSING': r(4),
  'SELF_CARE.LOWER_DRESSING': r(4),
  'SELF_CARE.URINE_CONTROL': r(4),
  'SELF_CARE.BOWEL_CONTROL': r(4),
  'SELF_CARE.TOILETING': r(4),
  'BASIC_MOBILITY.BED_TRANSFER': r(4),
  'BASIC_MOBILITY.BED_CHAIR_TRANSFER': r(4),
  'BASIC_MOBILITY.LEVEL_WALKING': r(4),
  'BASIC_MOBILITY.STAIRS': r(3),
  'MENTAL_STATE.TIME_ORIENTATION': r(4),
  'MENTAL_STATE.PLACE_ORIENTATION': r(4),
  'MENTAL_STATE.PERSON_ORIENTATION': r(4),
  'MENTAL_STATE.MEMORY': r(4),
  'MENTAL_STATE.UNDERSTANDING': r(4),
  'MENTAL_STATE.EXPRESSION': r(4),
  'MENTAL_STATE.AGGRESSION': r(1),
  'MENTAL_STATE.DEPRESSION': r(1),
  'MENTAL_STATE.CONSCIOUSNESS': r(2),
  'PERCEPTION_SOCIAL.VISION': r(2),
  'PERCEPTION_SOCIAL.HEARING': r(2),
  'PERCEPTION_SOCIAL.DAILY_AFFAIRS': r(4),
  'PERCEPTION_SOCIAL.TRANSPORT': r(3),
  'PERCEPTION_SOCIAL.SOCIAL_CONTACT': r(4),
};

/** GB/T 42195-2022: 90 intact; 66–89 mild; 46–65 moderate; 30–45 severe; 0–29 complete. */
export const DEFAULT_LEVEL_CUT_OFFS: LevelCutOffs = { intact: 90, mild: 66, moderate: 46, severe: 30, complete: 0 };

/** GB/T 42195-2022 (policy.md §5): coma → complete; diagnosis → one level up; ≥ 2 care-risk events in 30 days → one level up. */
export const DEFAULT_RAISE_RULES: RaiseRules = {
  coma: { setsLevel: 'complete' },
  dementiaOrPsychiatricDisorder: { raiseLevels: 1 },
  careRiskEvents: { minEvents: 2, windowDays: 30, raiseLevels: 1 },
};

export const DEFAULT_ELDER_PARAMETERS: ParameterVersion[] = [
  elderParameterVersion('elder.item-score-ranges', DEFAULT_ITEM_SCORE_RANGES, ELDER_SEED_DATE, `${STANDARD} 老年人能力评估表：26 项二级指标评分`),
  elderParameterVersion('elder.level-cut-offs', DEFAULT_LEVEL_CUT_OFFS, ELDER_SEED_DATE, `${STANDARD} 老年人能力等级划分（总分 0–90）`),
  elderParameterVersion(
    'elder.raise-rules',
    DEFAULT_RAISE_RULES,
    ELDER_SEED_DATE,
    `${STANDARD} 能力等级的变更：昏迷者直接评定为完全失能；确诊痴呆（F00–F03）或精神科专科医生诊断的其他精神和行为障碍（F04–F99）、近30天内发生2次及以上照护风险事件，各提高一个等级`,
  ),
  elderParameterVersion(
    'elder.raise-cap',
    { maxCombinedLevels: 1 },
    ELDER_SEED_DATE,
    `${ILLUSTRATIVE} (policy.md §5: the diagnosis and care-risk raises together add one level unless the parameters say otherwise)`,
  ),
  elderParameterVersion(
    'elder.reassessment-interval',
    { routineMonths: 12 },
    ELDER_SEED_DATE,
    `${ILLUSTRATIVE} (policy.md §5: routine interval 12 months; MZ/T 039-2013 used 6)`,
  ),
  elderParameterVersion(
    'elder.self-care-mapping',
    DEFAULT_SELF_CARE_MAPPING,
    ELDER_SEED_DATE,
    `民发〔2021〕43号《特困人员认定办法》六项指标（0 项不能为全自理，1–3 项为部分丧失，4 项及以上为完全丧失）; item mapping and "cannot do" threshold: ${ILLUSTRATIVE}`,
    'Each activity cannot be done when its item scores 1 or 0 of 4 (mainly or fully relies on others); dressing takes the worse of upper and lower dressing.',
  ),
  elderParameterVersion(
    'elder.minimum-age',
    { years: 60 },
    ELDER_SEED_DATE,
    `《中华人民共和国老年人权益保障法》第二条（老年人是指六十周岁以上的公民）; ${STANDARD} 适用于60周岁及以上老年人`,
  ),
];

// ---- resolving the numbers in force on a date ----------------------------------------------------

export type ResolveElderParametersResult =
  | { ok: true; value: ElderAssessmentParameters; versions: Record<string, string> }
  | { ok: false; missing: string[]; invalid: string[] };

/** The city-wide version of `key` in force on `on` (libs/common: one rule for every catalog). */
export function elderVersionInForce(versions: readonly ParameterVersion[], key: string, on: LocalDate): ParameterVersion | undefined {
  return versionInForce(versions, key, GLOBAL_SCOPE, on);
}

/**
 * The parameters of an assessment made on `on`. A parameter not yet published for that date, or
 * published with a malformed value, is an expected outcome and is returned (every such key named),
 * so the caller can show it instead of assessing with a guessed number.
 */
export function resolveElderParameters(versions: readonly ParameterVersion[], on: LocalDate): ResolveElderParametersResult {
  if (!isLocalDate(on)) throw new RangeError(`resolveElderParameters: not a calendar date: ${JSON.stringify(on)}`);
  const missing: string[] = [];
  const invalid: string[] = [];
  const used: Record<string, string> = {};
  const values: Partial<Record<ElderParameterKey, unknown>> = {};
  for (const key of ALL_KEYS) {
    const found = elderVersionInForce(versions, key, on);
    if (found === undefined) missing.push(key);
    else if (!ELDER_PARAMETER_SPECS[key].isValid(found.value)) invalid.push(key);
    else {
      // A copy: nothing done with an assessment's parameters may alter the catalog.
      values[key] = structuredClone(found.value);
      used[key] = found.versionId;
    }
  }
  if (missing.length > 0 || invalid.length > 0) return { ok: false, missing, invalid };
  const v = values as ElderParameterValues;
  return {
    ok: true,
    value: {
      on,
      itemScoreRanges: v['elder.item-score-ranges'],
      levelCutOffs: v['elder.level-cut-offs'],
      raiseRules: v['elder.raise-rules'],
      raiseCap: v['elder.raise-cap'],
      reassessmentInterval: v['elder.reassessment-interval'],
      selfCareMapping: v['elder.self-care-mapping'],
      minimumAge: v['elder.minimum-age'],
      versions: used,
    },
    versions: { ...used },
  };
}

/** The highest total the ranges allow (90 with the standard's ranges). */
export function maxTotalOf(ranges: ItemScoreRanges): number {
  return ITEM_CODES.reduce((sum, code) => sum + ranges[code].max, 0);
}
