import { Area, LocalDate, LocalizedText, RuleOutcome } from '@jiuzhu/common';

/**
 * A named rule of the three conditions: a stable code, a verdict, the message a caseworker reads
 * (libs/common `ruleOutcome`), and the numbers it was decided on — amounts in fen, ages, grades and
 * the parameter values compared against — so that an appeal can see exactly what was compared.
 */
export interface CriteriaCheck<A extends object = object> extends RuleOutcome {
  args: A;
}

/** A rule over some input; implementations are pure functions of it. */
export interface CriteriaRule<I, A extends object> {
  readonly code: string;
  check(input: I): CriteriaCheck<A>;
}

/** Glossary: `criteria.noWorkAbility`, `criteria.noMeansOfLiving`, `criteria.noAbleSupporter` (三无). */
export const CONDITIONS = ['noWorkAbility', 'noMeansOfLiving', 'noAbleSupporter'] as const;
export type Condition = (typeof CONDITIONS)[number];

export const CONDITION_NAMES: Readonly<Record<Condition, LocalizedText>> = {
  noWorkAbility: { zh: '无劳动能力', en: 'no ability to work' },
  noMeansOfLiving: { zh: '无生活来源', en: 'no means of living' },
  noAbleSupporter: { zh: '无法定赡养、抚养、扶养义务人，或者其法定义务人无履行义务能力', en: 'no able supporter' },
};

/** One of the three conditions, met or not, and why. */
export interface ConditionResult {
  condition: Condition;
  met: boolean;
  /** "无劳动能力：符合" / "no ability to work: met". */
  message: LocalizedText;
  /** Every rule applied, passed or not, in order. */
  rules: CriteriaCheck[];
  /**
   * The rules that decided the condition: those that make it met (any one ground of no ability
   * to work; every test of the other two), or, when not met, those that fail it.
   */
  reasons: CriteriaCheck[];
  /** The parameter versions this condition used (`key` → versionId), the dibao standard's included where compared against. */
  parameterVersions: Record<string, string>;
}

/** The version of the dibao standard a decision was measured against, as received from living-allowance. */
export interface StandardUsed {
  districtCode: string;
  area: Area;
  monthlyFen: number;
  versionId: string;
}

/** The answer a caseworker reads on applying: each condition, and whether all three are met. */
export interface CriteriaDecision {
  assessedOn: LocalDate;
  /** Full years (周岁) on `assessedOn`. */
  age: number;
  /** Under the minor age limit on `assessedOn`: the case is never publicly posted. */
  minor: boolean;
  /** All three conditions met. */
  eligible: boolean;
  conditions: Record<Condition, ConditionResult>;
  dibaoStandard: StandardUsed;
  /** Every version used by any condition. */
  parameterVersions: Record<string, string>;
}
