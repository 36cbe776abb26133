import { LocalDate, LocalizedText } from '@jiuzhu/common';
import { AbilityLevel } from './ability-level';
import { CareRiskEvent } from './assessment-input';
import { Indicator, ItemCode } from './items';
import { SelfCareAbility, SelfCareActivityResult, SelfCareAssessment } from './self-care-ability';

/**
 * The result of an elder ability assessment, as data: the numbers, the levels, each raise and the
 * explanation with the facts and parameter values behind every line. The words are produced only
 * when someone reads it (`renderAssessment`), so a stored result reads the same years later.
 */
export interface AssessmentResult {
  assessedOn: LocalDate;
  /** One per first-level indicator, in form order, with the item scores that make it up. */
  subtotals: IndicatorSubtotal[];
  total: number;
  /** The highest total the item ranges in force allow (90). */
  maxTotal: number;
  /** The level the total alone gives. */
  preliminaryLevel: AbilityLevel;
  /** Each raise rule whose condition is met, in the order applied, with what it actually changed. */
  raises: Raise[];
  finalLevel: AbilityLevel;
  /** Self-care ability for the special-hardship scheme (policy.md §3), derived from the same scores. */
  selfCare: SelfCareAssessment;
  explanation: ExplanationEntry[];
  /** key → versionId of every parameter used. */
  parameterVersions: Readonly<Record<string, string>>;
}

export interface ItemScore {
  item: ItemCode;
  score: number;
  maxScore: number;
}

export interface IndicatorSubtotal {
  indicator: Indicator;
  score: number;
  maxScore: number;
  items: ItemScore[];
}

// ---- raises --------------------------------------------------------------------------------------

export type RaiseCode = 'ELDER.RAISE.COMA' | 'ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER' | 'ELDER.RAISE.CARE_RISK_EVENTS';

/**
 * Why a raise moved fewer levels than its rule gives: the combined cap was used up (`cap`), the
 * level reached complete loss of ability (`complete`), or coma had already set the level (`coma`).
 */
export type RaiseLimit = 'cap' | 'complete' | 'coma';

/** What a raise did to the level. */
export interface AppliedRaise {
  from: AbilityLevel;
  to: AbilityLevel;
  /** Levels actually moved (0 when limited to nothing). */
  levels: number;
  /** Levels the rule gives on its own. */
  requestedLevels: number;
  limitedBy: RaiseLimit | null;
}

export interface ComaFacts {
  setsLevel: AbilityLevel;
}

export interface DiagnosisFacts {
  dementiaDiagnosed: boolean;
  psychiatricDisorderDiagnosed: boolean;
  /** The cap on the diagnosis and care-risk raises together (`elder.raise-cap`). */
  maxCombinedLevels: number;
}

export interface CareRiskFacts {
  /** The events that count: those within the window. */
  eventsInWindow: CareRiskEvent[];
  /** All events recorded, counted or not. */
  eventsRecorded: number;
  minEvents: number;
  windowDays: number;
  /** First and last day of the window (the last is the assessment date). */
  windowFrom: LocalDate;
  windowTo: LocalDate;
  maxCombinedLevels: number;
}

export type Raise =
  | (AppliedRaise & { code: 'ELDER.RAISE.COMA'; why: ComaFacts })
  | (AppliedRaise & { code: 'ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER'; why: DiagnosisFacts })
  | (AppliedRaise & { code: 'ELDER.RAISE.CARE_RISK_EVENTS'; why: CareRiskFacts });

// ---- the explanation, as data --------------------------------------------------------------------
//
// One entry per line a reader sees, in order: `step` is the stable step id, `code` names the
// sentence, `args` holds the facts and the parameter values it was decided on. Raise lines are
// present whether or not the condition is met (`met`), so the reader sees each rule was considered.

interface Entry<S extends string, C extends string, A> {
  step: S;
  code: C;
  args: A;
}

export interface LevelByTotalArgs {
  total: number;
  level: AbilityLevel;
  /** The level's band of totals under the cut-offs in force. */
  lowestTotal: number;
  highestTotal: number;
}

export interface FinalLevelArgs {
  preliminaryLevel: AbilityLevel;
  level: AbilityLevel;
  levelsRaised: number;
}

export interface SelfCareAbilityArgs {
  ability: SelfCareAbility;
  activitiesLost: number;
  partlyLostFromActivities: number;
  fullyLostFromActivities: number;
}

export type ExplanationEntry =
  | Entry<'subtotal', 'ELDER.SUBTOTAL', IndicatorSubtotal>
  | Entry<'total', 'ELDER.TOTAL', { total: number; maxTotal: number }>
  | Entry<'preliminary_level', 'ELDER.LEVEL_BY_TOTAL', LevelByTotalArgs>
  | Entry<'raise.coma', 'ELDER.RAISE.COMA', ComaFacts & { met: boolean; applied: AppliedRaise | null }>
  | Entry<'raise.diagnosis', 'ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER', DiagnosisFacts & { met: boolean; raiseLevels: number; applied: AppliedRaise | null }>
  | Entry<'raise.care_risk_events', 'ELDER.RAISE.CARE_RISK_EVENTS', CareRiskFacts & { met: boolean; raiseLevels: number; applied: AppliedRaise | null }>
  | Entry<'final_level', 'ELDER.FINAL_LEVEL', FinalLevelArgs>
  | Entry<'self_care.activity', 'ELDER.SELF_CARE.ACTIVITY', SelfCareActivityResult>
  | Entry<'self_care', 'ELDER.SELF_CARE.ABILITY', SelfCareAbilityArgs>;

export type ExplanationCode = ExplanationEntry['code'];

/** One worded line. */
export interface ExplanationLine {
  step: ExplanationEntry['step'];
  code: ExplanationCode;
  text: LocalizedText;
}
