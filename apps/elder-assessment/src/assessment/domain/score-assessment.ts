import { addDays, compareLocalDate, LocalDate } from '@jiuzhu/common';
import { ABILITY_LEVELS, AbilityLevel, levelIndex, levelsBelowComplete, raiseLevel } from './ability-level';
import { CareRiskEvent, ElderAssessmentInput } from './assessment-input';
import { ElderAssessmentParameters, LevelCutOffs, maxTotalOf } from './assessment-parameters';
import { AppliedRaise, AssessmentResult, ExplanationEntry, IndicatorSubtotal, Raise } from './assessment-result';
import { INDICATORS, ItemCode, itemsOf } from './items';
import { deriveSelfCareAbility } from './self-care-ability';
import { validateAssessment } from './validate-assessment';

/**
 * Elder ability assessment (GB/T 42195-2022; policy.md §5):
 *
 *   sub-total    per first-level indicator = sum of its item scores
 *   total        = sum of the four sub-totals (0–90; higher is more ability)
 *   preliminary  level = the band of the total (90 intact, 66–89 mild, 46–65 moderate, 30–45 severe,
 *                0–29 complete — the cut-offs in force)
 *   raises       coma → complete directly; a diagnosed dementia or psychiatric disorder → one level
 *                up; two or more care-risk events within 30 days → one level up; the last two
 *                together by no more than the cap (default one level); never beyond complete
 *   self-care    the special-hardship tier derived from the same scores (self-care-ability.ts)
 *
 * Pure and deterministic: the same input and parameters give a deep-equal result, so a disputed
 * assessment can be re-run exactly. `params` must be those in force on the assessment date, and the
 * input must have passed `validateAssessment`; anything else is a programming error and throws.
 */
export function scoreAssessment(input: ElderAssessmentInput, params: ElderAssessmentParameters): AssessmentResult {
  if (input.assessedOn !== params.on) {
    throw new RangeError(`scoreAssessment: parameters resolved for ${params.on}, assessment made on ${input.assessedOn}`);
  }
  const problems = validateAssessment(input, params);
  if (problems.length > 0) {
    throw new RangeError(`scoreAssessment: validate first — ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`);
  }
  const scores = input.scores as Readonly<Record<ItemCode, number>>;
  const explanation: ExplanationEntry[] = [];

  const subtotals = INDICATORS.map((indicator): IndicatorSubtotal => {
    const items = itemsOf(indicator).map((i) => ({ item: i.code, score: scores[i.code], maxScore: params.itemScoreRanges[i.code].max }));
    return { indicator, score: sum(items.map((i) => i.score)), maxScore: sum(items.map((i) => i.maxScore)), items };
  });
  for (const s of subtotals) explanation.push({ step: 'subtotal', code: 'ELDER.SUBTOTAL', args: s });

  const total = sum(subtotals.map((s) => s.score));
  const maxTotal = maxTotalOf(params.itemScoreRanges);
  explanation.push({ step: 'total', code: 'ELDER.TOTAL', args: { total, maxTotal } });

  const preliminaryLevel = levelForTotal(total, params.levelCutOffs);
  explanation.push({
    step: 'preliminary_level',
    code: 'ELDER.LEVEL_BY_TOTAL',
    args: { total, level: preliminaryLevel, ...levelBand(preliminaryLevel, params.levelCutOffs, maxTotal) },
  });

  const { raises, finalLevel } = applyRaises(preliminaryLevel, input, params, explanation);
  explanation.push({
    step: 'final_level',
    code: 'ELDER.FINAL_LEVEL',
    args: { preliminaryLevel, level: finalLevel, levelsRaised: levelIndex(finalLevel) - levelIndex(preliminaryLevel) },
  });

  const selfCare = deriveSelfCareAbility(scores, params.selfCareMapping);
  for (const a of selfCare.activities) explanation.push({ step: 'self_care.activity', code: 'ELDER.SELF_CARE.ACTIVITY', args: a });
  explanation.push({
    step: 'self_care',
    code: 'ELDER.SELF_CARE.ABILITY',
    args: {
      ability: selfCare.ability,
      activitiesLost: selfCare.activitiesLost,
      partlyLostFromActivities: selfCare.partlyLostFromActivities,
      fullyLostFromActivities: selfCare.fullyLostFromActivities,
    },
  });

  return {
    assessedOn: input.assessedOn,
    subtotals,
    total,
    maxTotal,
    preliminaryLevel,
    raises,
    finalLevel,
    selfCare,
    explanation,
    parameterVersions: params.versions,
  };
}

/** The level a total falls in: the highest-ability level whose lowest total it reaches. */
export function levelForTotal(total: number, cutOffs: LevelCutOffs): AbilityLevel {
  for (const level of ABILITY_LEVELS) if (total >= cutOffs[level]) return level;
  // Cut-offs are validated to start `complete` at 0, and totals are never negative.
  throw new RangeError(`levelForTotal: no level for a total of ${total}`);
}

/** The totals a level covers under the cut-offs (intact reaches up to the maximum total). */
export function levelBand(level: AbilityLevel, cutOffs: LevelCutOffs, maxTotal: number): { lowestTotal: number; highestTotal: number } {
  const i = levelIndex(level);
  return { lowestTotal: cutOffs[level], highestTotal: i === 0 ? maxTotal : cutOffs[ABILITY_LEVELS[i - 1]] - 1 };
}

/**
 * The care-risk events that count: those in the `windowDays` calendar days ending on (and
 * including) the assessment date — GB/T 42195-2022 "近30天内". With 30 days, an assessment on
 * 31 March counts events from 2 March; one on 1 March is 30 days old and no longer counts. Listed
 * oldest first, as a reader would tell them.
 */
export function careRiskEventsInWindow(
  events: readonly CareRiskEvent[],
  assessedOn: LocalDate,
  windowDays: number,
): { eventsInWindow: CareRiskEvent[]; windowFrom: LocalDate; windowTo: LocalDate } {
  const windowFrom = addDays(assessedOn, -(windowDays - 1));
  const eventsInWindow = events
    .filter((e) => compareLocalDate(e.on, windowFrom) >= 0 && compareLocalDate(e.on, assessedOn) <= 0)
    .map((e) => ({ kind: e.kind, on: e.on }))
    .sort((a, b) => compareLocalDate(a.on, b.on));
  return { eventsInWindow, windowFrom, windowTo: assessedOn };
}

function applyRaises(
  preliminary: AbilityLevel,
  input: ElderAssessmentInput,
  params: ElderAssessmentParameters,
  explanation: ExplanationEntry[],
): { raises: Raise[]; finalLevel: AbilityLevel } {
  const c = input.conditions;
  const rules = params.raiseRules;
  const maxCombinedLevels = params.raiseCap.maxCombinedLevels;
  const raises: Raise[] = [];
  let level = preliminary;

  // Coma: the standard assesses a person in a coma directly as completely unable — a level set, not
  // a step up, so it is not subject to the cap. It never lowers a level the total already gives.
  const setsLevel = rules.coma.setsLevel;
  let comaApplied: AppliedRaise | null = null;
  if (c.coma) {
    const to = levelIndex(setsLevel) > levelIndex(level) ? setsLevel : level;
    const levels = levelIndex(to) - levelIndex(level);
    comaApplied = { from: level, to, levels, requestedLevels: levels, limitedBy: null };
    raises.push({ code: 'ELDER.RAISE.COMA', ...comaApplied, why: { setsLevel } });
    level = to;
  }
  explanation.push({ step: 'raise.coma', code: 'ELDER.RAISE.COMA', args: { met: c.coma, setsLevel, applied: comaApplied } });

  // The diagnosis and care-risk raises share one allowance of levels (policy.md §5: "together one
  // level unless the parameters say otherwise").
  let allowance = maxCombinedLevels;
  const step = (requestedLevels: number): AppliedRaise => {
    const from = level;
    if (c.coma) return { from, to: from, levels: 0, requestedLevels, limitedBy: 'coma' };
    const byCap = Math.min(requestedLevels, allowance);
    const levels = Math.min(byCap, levelsBelowComplete(from));
    const limitedBy = levels < byCap ? 'complete' : byCap < requestedLevels ? 'cap' : null;
    allowance -= levels;
    level = raiseLevel(from, levels);
    return { from, to: level, levels, requestedLevels, limitedBy };
  };

  const diagnosisMet = c.dementiaDiagnosed || c.psychiatricDisorderDiagnosed;
  const diagnosis = { dementiaDiagnosed: c.dementiaDiagnosed, psychiatricDisorderDiagnosed: c.psychiatricDisorderDiagnosed, maxCombinedLevels };
  const diagnosisRaiseLevels = rules.dementiaOrPsychiatricDisorder.raiseLevels;
  let diagnosisApplied: AppliedRaise | null = null;
  if (diagnosisMet) {
    diagnosisApplied = step(diagnosisRaiseLevels);
    raises.push({ code: 'ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER', ...diagnosisApplied, why: diagnosis });
  }
  explanation.push({
    step: 'raise.diagnosis',
    code: 'ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER',
    args: { met: diagnosisMet, ...diagnosis, raiseLevels: diagnosisRaiseLevels, applied: diagnosisApplied },
  });

  const risk = rules.careRiskEvents;
  const window = careRiskEventsInWindow(c.careRiskEvents, input.assessedOn, risk.windowDays);
  const riskFacts = { ...window, eventsRecorded: c.careRiskEvents.length, minEvents: risk.minEvents, windowDays: risk.windowDays, maxCombinedLevels };
  const riskMet = window.eventsInWindow.length >= risk.minEvents;
  let riskApplied: AppliedRaise | null = null;
  if (riskMet) {
    riskApplied = step(risk.raiseLevels);
    raises.push({ code: 'ELDER.RAISE.CARE_RISK_EVENTS', ...riskApplied, why: riskFacts });
  }
  explanation.push({
    step: 'raise.care_risk_events',
    code: 'ELDER.RAISE.CARE_RISK_EVENTS',
    args: { met: riskMet, ...riskFacts, raiseLevels: risk.raiseLevels, applied: riskApplied },
  });

  return { raises, finalLevel: level };
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
