import { RecordedRule } from '@jiuzhu/common';
import { MoneyAssetsArgs } from '../decision';
import { yuan } from '../labels';

export interface MoneyAssetsInput {
  moneyFen: number;
  standardFen: number;
  householdSize: number;
  moneyMonthsOfStandard: number;
}

const CODE = 'DIBAO.ASSETS_MONEY_WITHIN_LIMIT';

/**
 * 家庭财产状况认定 (民发〔2021〕57号; policy.md §1 Property): money assets per person may not exceed
 * N months of the standard (default 36). "Not exceed" — an amount exactly at the limit passes.
 */
export const assetsMoneyWithinLimit: RecordedRule<MoneyAssetsInput, MoneyAssetsArgs, typeof CODE> = {
  code: CODE,
  check({ moneyFen, standardFen, householdSize, moneyMonthsOfStandard }) {
    const limitFen = moneyMonthsOfStandard * standardFen * householdSize;
    // Exact while the product is a safe integer (any real standard); BigInt beyond, never a rounded float.
    const passed = Number.isSafeInteger(limitFen)
      ? moneyFen <= limitFen
      : BigInt(moneyFen) <= BigInt(moneyMonthsOfStandard) * BigInt(standardFen) * BigInt(householdSize);
    return { code: CODE, passed, args: { moneyFen, moneyMonthsOfStandard, standardFen, householdSize, limitFen } };
  },
  describe({ passed, args: { moneyFen, moneyMonthsOfStandard, standardFen, householdSize, limitFen } }) {
    const limitText = `${moneyMonthsOfStandard} 个月 × 标准 ${yuan(standardFen)} 元 × ${householdSize} 人 = ${yuan(limitFen)} 元`;
    const limitEn = `${moneyMonthsOfStandard} months × standard ${yuan(standardFen)} × ${householdSize} people = ${yuan(limitFen)} yuan`;
    return passed
      ? {
          zh: `家庭货币财产 ${yuan(moneyFen)} 元，未超过 ${limitText}。`,
          en: `Money assets of ${yuan(moneyFen)} yuan do not exceed ${limitEn}.`,
        }
      : {
          zh: `家庭货币财产 ${yuan(moneyFen)} 元，超过 ${limitText}，财产条件不符合。`,
          en: `Money assets of ${yuan(moneyFen)} yuan exceed ${limitEn}: the property condition is not met.`,
        };
  },
};
