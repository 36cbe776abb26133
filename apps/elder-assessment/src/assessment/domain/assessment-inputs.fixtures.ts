import { addDays, LocalDate } from '@jiuzhu/common';
import { AssessmentConditions, CareRiskEvent, ElderAssessmentInput } from './assessment-input';
import { DEFAULT_ELDER_PARAMETERS, DEFAULT_ITEM_SCORE_RANGES, ElderAssessmentParameters, ItemScoreRanges, resolveElderParameters } from './assessment-parameters';
import { ITEM_CODES, ItemCode } from './items';

/** Builders for synthetic assessments in tests and demos. */

export const ASSESSED_ON: LocalDate = '2025-06-15';

/** The default parameters in force on `on`, optionally changed (a copy: the catalog is untouched). */
export function defaultParams(on: LocalDate = ASSESSED_ON, change?: (p: ElderAssessmentParameters) => void): ElderAssessmentParameters {
  const r = resolveElderParameters(DEFAULT_ELDER_PARAMETERS, on);
  if (!r.ok) throw new Error(`default parameters do not resolve on ${on}: missing ${r.missing.join(', ')}; invalid ${r.invalid.join(', ')}`);
  change?.(r.value);
  return r.value;
}

/** Every item at its maximum: a total of 90 with the standard's ranges. */
export function fullScores(ranges: ItemScoreRanges = DEFAULT_ITEM_SCORE_RANGES): Record<ItemCode, number> {
  return Object.fromEntries(ITEM_CODES.map((code) => [code, ranges[code].max])) as Record<ItemCode, number>;
}

/**
 * A valid score set with the given total: every item starts at its maximum and points are taken off
 * from the last item of the form backwards (social participation first, self-care last), so totals
 * down to 47 leave the self-care and mobility items — and so the derived self-care ability — intact.
 * `overrides` are applied first and not changed afterwards.
 */
export function scoresWithTotal(
  total: number,
  overrides: Partial<Record<ItemCode, number>> = {},
  ranges: ItemScoreRanges = DEFAULT_ITEM_SCORE_RANGES,
): Record<ItemCode, number> {
  const scores = { ...fullScores(ranges), ...overrides };
  let excess = ITEM_CODES.reduce((s, c) => s + scores[c], 0) - total;
  for (const code of [...ITEM_CODES].reverse()) {
    if (excess <= 0) break;
    if (code in overrides) continue;
    const take = Math.min(excess, scores[code] - ranges[code].min);
    scores[code] -= take;
    excess -= take;
  }
  if (excess !== 0) throw new Error(`scoresWithTotal: cannot reach a total of ${total} with ${JSON.stringify(overrides)}`);
  return scores;
}

export const NO_CONDITIONS: AssessmentConditions = Object.freeze({
  coma: false,
  dementiaDiagnosed: false,
  psychiatricDisorderDiagnosed: false,
  careRiskEvents: [],
}) as AssessmentConditions;

/** An assessment on ASSESSED_ON with no special conditions, unless told otherwise. */
export function assessmentWith(opts: {
  total?: number;
  scores?: Record<string, number>;
  conditions?: Partial<AssessmentConditions>;
  assessedOn?: LocalDate;
} = {}): ElderAssessmentInput {
  return {
    scores: opts.scores ?? scoresWithTotal(opts.total ?? 90),
    conditions: { ...NO_CONDITIONS, careRiskEvents: [], ...opts.conditions },
    assessedOn: opts.assessedOn ?? ASSESSED_ON,
  };
}

/** One fall on each of the given numbers of days before `on` (0 = the day itself). */
export function eventsDaysBefore(on: LocalDate, ...daysBefore: number[]): CareRiskEvent[] {
  return daysBefore.map((d) => ({ kind: 'fall', on: addDays(on, -d) }));
}
