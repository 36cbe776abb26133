import { RecordedRule } from '@jiuzhu/common';
import { divideRoundHalfUp } from '@jiuzhu/common/money';
import { PerCapitaIncomeArgs } from '../decision';
import { yuan } from '../labels';

export interface PerCapitaIncomeInput {
  netIncomeFen: number;
  householdSize: number;
  standardFen: number;
}

const CODE = 'DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD';

/**
 * 民发〔2021〕57号: a household qualifies when its per-capita monthly income is 低于 (below) the local
 * standard — equal is not enough. Compared as household totals (net < standard × size) so that no
 * rounding of the per-capita figure can move a family across the line.
 */
export const perCapitaIncomeBelowStandard: RecordedRule<PerCapitaIncomeInput, PerCapitaIncomeArgs, typeof CODE> = {
  code: CODE,
  check({ netIncomeFen, householdSize, standardFen }) {
    const limitFen = standardFen * householdSize;
    // A product of safe integers is exact whenever it is itself a safe integer (any real standard);
    // beyond that the comparison falls back to BigInt rather than to a rounded float.
    const passed = Number.isSafeInteger(limitFen) ? netIncomeFen < limitFen : BigInt(netIncomeFen) < BigInt(standardFen) * BigInt(householdSize);
    return {
      code: CODE,
      passed,
      args: { netIncomeFen, householdSize, standardFen, limitFen, perCapitaIncomeFen: divideRoundHalfUp(netIncomeFen, householdSize) },
    };
  },
  describe({ passed, args: { netIncomeFen, householdSize, standardFen, limitFen, perCapitaIncomeFen } }) {
    const perCapita = yuan(perCapitaIncomeFen);
    const sum = `${yuan(standardFen)} 元 × ${householdSize} 人 = ${yuan(limitFen)} 元`;
    const sumEn = `${yuan(standardFen)} × ${householdSize} = ${yuan(limitFen)} yuan`;
    return passed
      ? {
          zh: `家庭月净收入 ${yuan(netIncomeFen)} 元，低于低保标准 ${sum}（人均约 ${perCapita} 元），收入条件符合。`,
          en: `Net household income of ${yuan(netIncomeFen)} yuan a month is below the standard ${sumEn} (about ${perCapita} per person): the income condition is met.`,
        }
      : {
          zh: `家庭月净收入 ${yuan(netIncomeFen)} 元，不低于低保标准 ${sum}（人均约 ${perCapita} 元）；人均收入须低于标准，收入条件不符合。`,
          en: `Net household income of ${yuan(netIncomeFen)} yuan a month is not below the standard ${sumEn} (about ${perCapita} per person); per-capita income must be below the standard, so the income condition is not met.`,
        };
  },
};
