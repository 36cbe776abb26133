import { divideRoundHalfUp, DomainRule, ruleOutcome } from '@jiuzhu/common';
import { multiple, yuan } from '../labels';

export interface LowIncomeBandInput {
  netIncomeFen: number;
  householdSize: number;
  standardFen: number;
  multiplierBp: number;
  strictBound: boolean;
}

/**
 * Low-income (dibao-edge) household: per-capita income below 1.5 × the standard (city plan ch. 6;
 * national wording 低于). Whether income exactly at the bound counts is a parameter (`strictBound`,
 * default strict). Compared exactly: net × 10000 against multiplierBp × standard × size.
 */
export const perCapitaIncomeBelowBand: DomainRule<LowIncomeBandInput> = {
  code: 'LOW_INCOME.PER_CAPITA_INCOME_BELOW_BAND',
  check({ netIncomeFen, householdSize, standardFen, multiplierBp, strictBound }) {
    const scaledIncome = BigInt(netIncomeFen) * 10000n;
    const scaledLimit = BigInt(multiplierBp) * BigInt(standardFen) * BigInt(householdSize);
    const passed = strictBound ? scaledIncome < scaledLimit : scaledIncome <= scaledLimit;
    // The bound itself may fall between two fen (1.5 × an odd standard); shown rounded, compared exactly.
    const limitFen = divideRoundHalfUp(multiplierBp * standardFen * householdSize, 10000);
    const bound = `${yuan(standardFen)} 元 × ${multiple(multiplierBp)} 倍 × ${householdSize} 人 = ${yuan(limitFen)} 元`;
    const boundEn = `${yuan(standardFen)} × ${multiple(multiplierBp)} × ${householdSize} = ${yuan(limitFen)} yuan`;
    const below = strictBound ? { zh: '低于', en: 'below' } : { zh: '不高于', en: 'at or below' };
    return ruleOutcome(
      this.code,
      passed,
      passed
        ? {
            zh: `家庭月净收入 ${yuan(netIncomeFen)} 元，${below.zh}低收入认定线 ${bound}，收入条件符合低收入家庭认定。`,
            en: `Net household income of ${yuan(netIncomeFen)} yuan a month is ${below.en} the low-income line ${boundEn}: the household meets the low-income income condition.`,
          }
        : {
            zh: `家庭月净收入 ${yuan(netIncomeFen)} 元，未${below.zh}低收入认定线 ${bound}，不符合低收入家庭收入条件。`,
            en: `Net household income of ${yuan(netIncomeFen)} yuan a month is not ${below.en} the low-income line ${boundEn}: the low-income income condition is not met.`,
          },
    );
  },
};
