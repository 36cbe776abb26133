import { compareLocalDate, isLocalDate, LocalizedText } from '@jiuzhu/common';
import { CARE_RISK_EVENT_KINDS, ElderAssessmentInput } from './assessment-input';
import { ElderAssessmentParameters } from './assessment-parameters';
import { ITEM_CODES, isItemCode, itemNamed } from './items';

export type ValidationReason =
  | 'missing'
  | 'not_integer'
  | 'out_of_range'
  | 'unknown_item'
  | 'not_boolean'
  | 'not_a_list'
  | 'unknown_kind'
  | 'invalid_date'
  | 'after_assessment';

/** One thing wrong with the input, named by its path (`scores.SELF_CARE.EATING`). */
export interface ValidationProblem {
  field: string;
  reason: ValidationReason;
  message: LocalizedText;
}

const CONDITION_FLAGS = ['coma', 'dementiaDiagnosed', 'psychiatricDisorderDiagnosed'] as const;

/**
 * Checks an assessment against the parameters in force on its date (resolve them for `assessedOn`):
 * a level may only be computed from a complete form, so every one of the 26 items must be scored, as
 * a whole number within the item's published range, and nothing else may be scored. An empty list
 * means the input can be scored.
 *
 * The input usually arrives as JSON, so values are checked at run time whatever their declared type.
 */
export function validateAssessment(input: ElderAssessmentInput, params: Pick<ElderAssessmentParameters, 'itemScoreRanges'>): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const add = (field: string, reason: ValidationReason, zh: string, en: string) => problems.push({ field, reason, message: { zh, en } });

  const assessedOn: unknown = input.assessedOn;
  const dateOk = isLocalDate(assessedOn);
  if (!dateOk) add('assessedOn', 'invalid_date', '评估日期应为 YYYY-MM-DD 格式的有效日期。', 'The assessment date must be a real date, YYYY-MM-DD.');

  const scores: unknown = input.scores;
  if (typeof scores !== 'object' || scores === null || Array.isArray(scores)) {
    add('scores', 'missing', '缺少各项评分。', 'The item scores are missing.');
  } else {
    const given = scores as Record<string, unknown>;
    for (const code of ITEM_CODES) {
      const field = `scores.${code}`;
      const name = itemNamed(code).name;
      const { min, max } = params.itemScoreRanges[code];
      if (!Object.prototype.hasOwnProperty.call(given, code) || given[code] === undefined || given[code] === null) {
        add(field, 'missing', `「${name.zh}」未评分：26 项均须评分。`, `"${name.en}" is not scored: all 26 items must be.`);
        continue;
      }
      const score = given[code];
      if (typeof score !== 'number' || !Number.isInteger(score)) {
        add(field, 'not_integer', `「${name.zh}」的评分应为整数，收到 ${String(score)}。`, `"${name.en}" must be scored in whole points, got ${String(score)}.`);
      } else if (score < min || score > max) {
        add(field, 'out_of_range', `「${name.zh}」的评分应在 ${min}–${max} 分之间，收到 ${score}。`, `"${name.en}" must score ${min}–${max}, got ${score}.`);
      }
    }
    for (const key of Object.keys(given)) {
      if (!isItemCode(key)) add(`scores.${key}`, 'unknown_item', `评估表中没有「${key}」这一项。`, `There is no item "${key}" on the assessment form.`);
    }
  }

  const conditions: unknown = input.conditions;
  if (typeof conditions !== 'object' || conditions === null) {
    add('conditions', 'missing', '缺少特殊情况（昏迷、诊断、照护风险事件）。', 'The conditions (coma, diagnoses, care-risk events) are missing.');
    return problems;
  }
  const c = conditions as Record<string, unknown>;
  for (const flag of CONDITION_FLAGS) {
    if (typeof c[flag] !== 'boolean') add(`conditions.${flag}`, 'not_boolean', `「${flag}」应为是或否。`, `"${flag}" must be true or false.`);
  }
  const events = c.careRiskEvents;
  if (!Array.isArray(events)) {
    add('conditions.careRiskEvents', 'not_a_list', '照护风险事件应为列表（无事件时为空列表）。', 'Care-risk events must be a list (empty when there are none).');
    return problems;
  }
  events.forEach((e: unknown, i) => {
    const field = `conditions.careRiskEvents[${i}]`;
    const event = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    if (!(CARE_RISK_EVENT_KINDS as readonly unknown[]).includes(event.kind)) {
      add(`${field}.kind`, 'unknown_kind', `第 ${i + 1} 个照护风险事件的类型应为跌倒、噎食、自杀/自伤或走失。`, `Care-risk event ${i + 1} must be a fall, choking, self-harm or wandering.`);
    }
    if (!isLocalDate(event.on)) {
      add(`${field}.on`, 'invalid_date', `第 ${i + 1} 个照护风险事件的日期无效。`, `Care-risk event ${i + 1} has no valid date.`);
    } else if (dateOk && compareLocalDate(event.on, assessedOn) > 0) {
      // An event dated after the assessment cannot have been known to the assessors: almost always
      // a mistyped date, which would otherwise silently leave a raise out.
      add(`${field}.on`, 'after_assessment', `第 ${i + 1} 个照护风险事件的日期晚于评估日期。`, `Care-risk event ${i + 1} is dated after the assessment.`);
    }
  });
  return problems;
}
