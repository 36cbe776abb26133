import { RecordedRule } from '@jiuzhu/common';
import { divideRoundHalfUp } from '@jiuzhu/common/money';
import { LowIncomeBandArgs } from '../decision';
import { multiple, yuan } from '../labels';

export interface LowIncomeBandInput {
  netIncomeFen: number;
  householdSize: number;
  standardFen: number;
  multiplierBp: number;
  strictBound: boolean;
}

const CODE = 'LOW_INCOME.PER_CAPITA_INCOME_BELOW_BAND';

/**
 * Low-income (dibao-edge) household: per-capita income below 1.5 × the standard (city plan ch. 6;
 * national wording 低于). Whether income exactly at the bound counts is a parameter (`strictBound`,
 * default strict). Compared exactly: net × 10000 against multiplierBp × standard × size.
 */
export const perCapitaIncomeBelowBand: RecordedRule<LowIncomeBandInput, LowIncomeBandArgs, typeof CODE> = {
  code: CODE,
  check({ netIncomeFen, householdSize, standardFen, multiplierBp, strictBound }) {
    const scaledIncome = netIncomeFen * 10000;
    const scaledLimit = multiplierBp * standardFen * householdSize;
    let passed: boolean;
    if (Number.isSafeInteger(scaledIncome) && Number.isSafeInteger(scaledLimit)) {
      // Both products are exact (safe integers); the usual case.
      passed = strictBound ? scaledIncome < scaledLimit : scaledIncome <= scaledLimit;
    } else {
      const income = BigInt(netIncomeFen) * 10000n;
      const limit = BigInt(multiplierBp) * BigInt(standardFen) * BigInt(householdSize);
      passed = strictBound ? income < limit : income <= limit;
    }
    // The bound itself may fall between two fen (1.5 × an odd standard); shown rounded, compared exactly.
    const limitFen = divideRoundHalfUp(scaledLimit, 10000);
    return { code: CODE, passed, args: { netIncomeFen, householdSize, standardFen, multiplierBp, strictBound, limitFen } };
  },
  describe({ passed, args: { netIncomeFen, householdSize, standardFen, multiplierBp, strictBound, limitFen } }) {
    const bound = `${yuan(standardFen)} 元 × ${multiple(multiplierBp)} 倍 × ${householdSize} 人 = ${yuan(limitFen)} 元`;
    const boundEn = `${yuan(standardFen)} × ${multiple(multiplierBp)} × ${householdSize} = ${yuan(limitFen)} yuan`;
    const below = strictBound ? { zh: '低于', en: 'below' } : { zh: '不高于', en: 'at or below' };
    return passed
      ? {
          zh: `家庭月净收入 ${yuan(netIncomeFen)} 元，${below.zh}低收入认定线 ${bound}，收入条件符合低收入家庭认定。`,
          en: `Net household income of ${yuan(netIncomeFen)} yuan a month is ${below.en} the low-income line ${boundEn}: the household meets the low-income income condition.`,
        }
      : {
          zh: `家庭月净收入 ${yuan(netIncomeFen)} 元，未${below.zh}低收入认定线 ${bound}，不符合低收入家庭收入条件。`,
          en: `Net household income of ${yuan(netIncomeFen)} yuan a month is not ${below.en} the low-income line ${boundEn}: the low-income income condition is not met.`,
        };
  },
};
