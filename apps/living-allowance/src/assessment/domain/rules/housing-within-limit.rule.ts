import { RecordedRule } from '@jiuzhu/common';
import { HousingArgs } from '../decision';
import { squareMetres } from '../labels';

export interface HousingInput {
  homes: number;
  housingAreaSqm: number;
  householdSize: number;
  maxHomes: number;
  housingAreaPerPersonSqm: number;
}

/** Areas are certified to 0.01 m²; comparing in whole hundredths avoids 33.3 × 3 = 99.89999… */
function hundredths(sqm: number): number {
  return Math.round(sqm * 100);
}

const CODE = 'DIBAO.HOUSING_WITHIN_LIMIT';

/**
 * policy.md §1 Property: "no second home beyond a usable area per person". A household with at most
 * `maxHomes` homes passes; with more, the total usable area may not exceed the per-person area
 * × household size (equal passes).
 */
export const housingWithinLimit: RecordedRule<HousingInput, HousingArgs, typeof CODE> = {
  code: CODE,
  check({ homes, housingAreaSqm, householdSize, maxHomes, housingAreaPerPersonSqm }) {
    if (homes <= maxHomes) {
      // Not measured: the area fields stay null (same shape either way).
      return { code: CODE, passed: true, args: { homes, maxHomes, householdSize, areaHundredths: null, areaPerPersonHundredths: null, limitHundredths: null } };
    }
    const areaHundredths = hundredths(housingAreaSqm);
    const areaPerPersonHundredths = hundredths(housingAreaPerPersonSqm);
    const limitHundredths = areaPerPersonHundredths * householdSize;
    return {
      code: CODE,
      passed: areaHundredths <= limitHundredths,
      args: { homes, maxHomes, householdSize, areaHundredths, areaPerPersonHundredths, limitHundredths },
    };
  },
  describe({ passed, args: { homes, maxHomes, householdSize, areaHundredths, areaPerPersonHundredths, limitHundredths } }) {
    if (areaHundredths === null || areaPerPersonHundredths === null || limitHundredths === null) {
      return {
        zh: `家庭住房 ${homes} 套，未超过 ${maxHomes} 套。`,
        en: `The household owns ${homes} home(s), not more than ${maxHomes}.`,
      };
    }
    const area = squareMetres(areaHundredths);
    const limitZh = `人均 ${squareMetres(areaPerPersonHundredths)} ㎡ × ${householdSize} 人 = ${squareMetres(limitHundredths)} ㎡`;
    const limitEn = `${squareMetres(areaPerPersonHundredths)} m² per person × ${householdSize} = ${squareMetres(limitHundredths)} m²`;
    return passed
      ? {
          zh: `家庭住房 ${homes} 套，多于 ${maxHomes} 套，但总使用面积 ${area} ㎡ 未超过${limitZh}。`,
          en: `The household owns ${homes} homes, more than ${maxHomes}, but their usable area of ${area} m² does not exceed ${limitEn}.`,
        }
      : {
          zh: `家庭住房 ${homes} 套，总使用面积 ${area} ㎡ 超过${limitZh}，财产条件不符合。`,
          en: `The household owns ${homes} homes with a usable area of ${area} m², more than ${limitEn}: the property condition is not met.`,
        };
  },
};
