import { divideRoundHalfUp, DomainRule, ruleOutcome } from '@jiuzhu/common';
import { yuan } from '../labels';

export interface PerCapitaIncomeInput {
  netIncomeFen: number;
  householdSize: number;
  standardFen: number;
}

/**
 * 民发〔2021〕57号: a household qualifies when its per-capita monthly income is 低于 (below) the local
 * standard — equal is not enough. Compared as household totals (net < standard × size) so that no
 * rounding of the per-capita figure can move a family across the line.
 */
export const perCapitaIncomeBelowStandard: DomainRule<PerCapitaIncomeInput> = {
  code: 'DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD',
  check({ netIncomeFen, householdSize, standardFen }) {
    const limitFen = standardFen * householdSize;
    const passed = BigInt(netIncomeFen) < BigInt(standardFen) * BigInt(householdSize);
    const perCapita = yuan(divideRoundHalfUp(netIncomeFen, householdSize));
    const sum = `${yuan(standardFen)} 元 × ${householdSize} 人 = ${yuan(limitFen)} 元`;
    const sumEn = `${yuan(standardFen)} × ${householdSize} = ${yuan(limitFen)} yuan`;
    return ruleOutcome(
      this.code,
      passed,
      passed
        ? {
            zh: `家庭月净收入 ${yuan(netIncomeFen)} 元，低于低保标准 ${sum}（人均约 ${perCapita} 元），收入条件符合。`,
            en: `Net household income of ${yuan(netIncomeFen)} yuan a month is below the standard ${sumEn} (about ${perCapita} per person): the income condition is met.`,
          }
        : {
            zh: `家庭月净收入 ${yuan(netIncomeFen)} 元，不低于低保标准 ${sum}（人均约 ${perCapita} 元）；人均收入须低于标准，收入条件不符合。`,
            en: `Net household income of ${yuan(netIncomeFen)} yuan a month is not below the standard ${sumEn} (about ${perCapita} per person); per-capita income must be below the standard, so the income condition is not met.`,
          },
    );
  },
};
