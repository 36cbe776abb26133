import { LocalizedText } from '@jiuzhu/common';

/**
 * The five ability levels of GB/T 42195-2022, ordered by loss of ability: a raise moves a level
 * towards `complete` and never beyond it. The glossary numbers them 0–4 in this order.
 */
export const ABILITY_LEVELS = ['intact', 'mild', 'moderate', 'severe', 'complete'] as const;
export type AbilityLevel = (typeof ABILITY_LEVELS)[number];

export const ABILITY_LEVEL_NAMES: Readonly<Record<AbilityLevel, LocalizedText>> = {
  intact: { zh: '能力完好', en: 'ability intact' },
  mild: { zh: '能力轻度受损（轻度失能）', en: 'mild loss of ability' },
  moderate: { zh: '能力中度受损（中度失能）', en: 'moderate loss of ability' },
  severe: { zh: '能力重度受损（重度失能）', en: 'severe loss of ability' },
  complete: { zh: '能力完全丧失（完全失能）', en: 'complete loss of ability' },
};

export function isAbilityLevel(x: unknown): x is AbilityLevel {
  return typeof x === 'string' && (ABILITY_LEVELS as readonly string[]).includes(x);
}

/** 0 for intact … 4 for complete. */
export function levelIndex(level: AbilityLevel): number {
  return ABILITY_LEVELS.indexOf(level);
}

/** How many levels a raise can still move `level` before it reaches complete. */
export function levelsBelowComplete(level: AbilityLevel): number {
  return ABILITY_LEVELS.length - 1 - levelIndex(level);
}

/** `levels` steps towards complete, stopping there. */
export function raiseLevel(level: AbilityLevel, levels: number): AbilityLevel {
  return ABILITY_LEVELS[Math.min(levelIndex(level) + levels, ABILITY_LEVELS.length - 1)];
}
