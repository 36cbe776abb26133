import { DomainRule, ruleOutcome } from '@jiuzhu/common';
import { yuan } from '../labels';

export interface MoneyAssetsInput {
  moneyFen: number;
  standardFen: number;
  householdSize: number;
  moneyMonthsOfStandard: number;
}

/**
 * 家庭财产状况认定 (民发〔2021〕57号; policy.md §1 Property): money assets per person may not exceed
 * N months of the standard (default 36). "Not exceed" — an amount exactly at the limit passes.
 */
export const assetsMoneyWithinLimit: DomainRule<MoneyAssetsInput> = {
  code: 'DIBAO.ASSETS_MONEY_WITHIN_LIMIT',
  check({ moneyFen, standardFen, householdSize, moneyMonthsOfStandard }) {
    const limit = BigInt(moneyMonthsOfStandard) * BigInt(standardFen) * BigInt(householdSize);
    const passed = BigInt(moneyFen) <= limit;
    const limitText = `${moneyMonthsOfStandard} 个月 × 标准 ${yuan(standardFen)} 元 × ${householdSize} 人 = ${yuan(Number(limit))} 元`;
    const limitEn = `${moneyMonthsOfStandard} months × standard ${yuan(standardFen)} × ${householdSize} people = ${yuan(Number(limit))} yuan`;
    return ruleOutcome(
      this.code,
      passed,
      passed
        ? {
            zh: `家庭货币财产 ${yuan(moneyFen)} 元，未超过 ${limitText}。`,
            en: `Money assets of ${yuan(moneyFen)} yuan do not exceed ${limitEn}.`,
          }
        : {
            zh: `家庭货币财产 ${yuan(moneyFen)} 元，超过 ${limitText}，财产条件不符合。`,
            en: `Money assets of ${yuan(moneyFen)} yuan exceed ${limitEn}: the property condition is not met.`,
          },
    );
  },
};
