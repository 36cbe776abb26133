import { isFen, LocalizedText, RuleOutcome, shareOfFen } from '@jiuzhu/common';
import { exactYuanOfShare, INDEX_NAMES, percent, PriceSubsidyBasis, yuan } from './labels';
import { assertPriceIndexRecord, PriceIndexRecord } from './price-index';
import { isPriceSubsidyTriggers, PriceSubsidyTriggersValue } from './price-subsidy-parameters';
import { cpiRiseReachesTrigger } from './rules/cpi-rise-reaches-trigger.rule';
import { foodCpiRiseReachesTrigger } from './rules/food-cpi-rise-reaches-trigger.rule';

/** Whether a month's index starts the mechanism, and which rise sets the rate. Independent of any standard. */
export interface PriceSubsidyTrigger {
  triggered: boolean;
  /** The index whose rise sets the rate; null when not triggered. */
  basis: PriceSubsidyBasis | null;
  /** The rise applied to the standard, bp; 0 when not triggered. */
  rateBp: number;
  /** Both trigger rules, passed or not. */
  rules: RuleOutcome[];
  explanation: LocalizedText[];
}

export interface PriceSubsidyAssessment {
  triggered: boolean;
  basis: PriceSubsidyBasis | null;
  rateBp: number;
  /** Subsidy per person covered per month, fen; 0 when not triggered. */
  perPersonFen: number;
  rules: RuleOutcome[];
  explanation: LocalizedText[];
}

export function assertPriceSubsidyTriggers(v: unknown): asserts v is PriceSubsidyTriggersValue {
  if (!isPriceSubsidyTriggers(v)) throw new RangeError(`not a price-subsidy.triggers value: ${JSON.stringify(v)}`);
}

/**
 * Decides the month (发改价格〔2021〕1553号, policy.md §2): the mechanism runs when the CPI rise
 * reaches its trigger OR the food CPI rise reaches its trigger. When both do, the higher rise applies
 * — both multiply the same standard, so the higher rise is the higher amount for every household;
 * on equal rises the CPI is named. When neither does, nothing is paid (a running subsidy stops).
 */
export function priceSubsidyTrigger(index: PriceIndexRecord, triggers: PriceSubsidyTriggersValue): PriceSubsidyTrigger {
  assertPriceIndexRecord(index);
  assertPriceSubsidyTriggers(triggers);
  const { month, cpiRiseBp, foodCpiRiseBp } = index;
  const cpi = cpiRiseReachesTrigger.check({ month, riseBp: cpiRiseBp, triggerBp: triggers.cpiTriggerBp, inclusive: triggers.inclusive });
  const food = foodCpiRiseReachesTrigger.check({
    month,
    riseBp: foodCpiRiseBp,
    triggerBp: triggers.foodCpiTriggerBp,
    inclusive: triggers.inclusive,
  });
  const rules = [cpi, food];
  const explanation: LocalizedText[] = [cpi.message, food.message];

  const candidates: { basis: PriceSubsidyBasis; rateBp: number }[] = [];
  if (cpi.passed) candidates.push({ basis: 'cpi', rateBp: cpiRiseBp });
  if (food.passed) candidates.push({ basis: 'food_cpi', rateBp: foodCpiRiseBp });

  if (candidates.length === 0) {
    explanation.push({
      zh: 'CPI 与食品价格涨幅均未达到启动条件，本月不发放价格临时补贴（已启动的停止发放）。',
      en: 'Neither index met its trigger: no price subsidy for this month (a running subsidy stops).',
    });
    return { triggered: false, basis: null, rateBp: 0, rules, explanation };
  }

  const chosen = candidates.reduce((best, c) => (c.rateBp > best.rateBp ? c : best));
  const name = INDEX_NAMES[chosen.basis];
  explanation.push(
    candidates.length === 2
      ? {
          zh: `两项指数同时达到启动条件，按孰高原则以${name.zh}涨幅 ${percent(chosen.rateBp)} 计发。`,
          en: `Both indices met their triggers; the higher rise applies: ${name.en} ${percent(chosen.rateBp)}.`,
        }
      : {
          zh: `按${name.zh}涨幅 ${percent(chosen.rateBp)} 计发价格临时补贴。`,
          en: `The price subsidy is paid at the ${name.en} rise of ${percent(chosen.rateBp)}.`,
        },
  );
  return { triggered: true, basis: chosen.basis, rateBp: chosen.rateBp, rules, explanation };
}

/**
 * Subsidy per person per month = monthly dibao standard × the applying rise, rounded half up to a
 * whole fen (shareOfFen: exact integers, no float on the way).
 */
export function perPersonSubsidyFen(standardFen: number, rateBp: number): number {
  return rateBp > 0 ? shareOfFen(standardFen, rateBp) : 0;
}

export function perPersonSubsidyLine(standardFen: number, trigger: { basis: PriceSubsidyBasis; rateBp: number }): LocalizedText {
  const amount = perPersonSubsidyFen(standardFen, trigger.rateBp);
  const exact = exactYuanOfShare(standardFen, trigger.rateBp);
  const name = INDEX_NAMES[trigger.basis];
  return {
    zh: `每人每月补贴 = 低保标准 ${yuan(standardFen)} 元 × ${name.zh}涨幅 ${percent(trigger.rateBp)} = ${exact} 元，四舍五入到分为 ${yuan(amount)} 元。`,
    en: `Per person per month = standard ${yuan(standardFen)} × ${name.en} rise ${percent(trigger.rateBp)} = ${exact} yuan, rounded half up to ${yuan(amount)} yuan.`,
  };
}

/** The price subsidy per person for one monthly dibao standard (policy.md §2). */
export function assessPriceSubsidy(
  index: PriceIndexRecord,
  triggers: PriceSubsidyTriggersValue,
  standardFen: number,
): PriceSubsidyAssessment {
  if (!isFen(standardFen) || standardFen === 0) {
    throw new RangeError(`standardFen must be a positive integer number of fen, got ${String(standardFen)}`);
  }
  const t = priceSubsidyTrigger(index, triggers);
  if (!t.triggered || t.basis === null) {
    return { triggered: false, basis: null, rateBp: 0, perPersonFen: 0, rules: t.rules, explanation: t.explanation };
  }
  return {
    triggered: true,
    basis: t.basis,
    rateBp: t.rateBp,
    perPersonFen: perPersonSubsidyFen(standardFen, t.rateBp),
    rules: t.rules,
    explanation: [...t.explanation, perPersonSubsidyLine(standardFen, { basis: t.basis, rateBp: t.rateBp })],
  };
}
