import { DomainRule, ruleOutcome } from '@jiuzhu/common';
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

/**
 * policy.md §1 Property: "no second home beyond a usable area per person". A household with at most
 * `maxHomes` homes passes; with more, the total usable area may not exceed the per-person area
 * × household size (equal passes).
 */
export const housingWithinLimit: DomainRule<HousingInput> = {
  code: 'DIBAO.HOUSING_WITHIN_LIMIT',
  check({ homes, housingAreaSqm, householdSize, maxHomes, housingAreaPerPersonSqm }) {
    if (homes <= maxHomes) {
      return ruleOutcome(this.code, true, {
        zh: `家庭住房 ${homes} 套，未超过 ${maxHomes} 套。`,
        en: `The household owns ${homes} home(s), not more than ${maxHomes}.`,
      });
    }
    const area = hundredths(housingAreaSqm);
    const limit = hundredths(housingAreaPerPersonSqm) * householdSize;
    const passed = area <= limit;
    const limitZh = `人均 ${squareMetres(hundredths(housingAreaPerPersonSqm))} ㎡ × ${householdSize} 人 = ${squareMetres(limit)} ㎡`;
    const limitEn = `${squareMetres(hundredths(housingAreaPerPersonSqm))} m² per person × ${householdSize} = ${squareMetres(limit)} m²`;
    return ruleOutcome(
      this.code,
      passed,
      passed
        ? {
            zh: `家庭住房 ${homes} 套，多于 ${maxHomes} 套，但总使用面积 ${squareMetres(area)} ㎡ 未超过${limitZh}。`,
            en: `The household owns ${homes} homes, more than ${maxHomes}, but their usable area of ${squareMetres(area)} m² does not exceed ${limitEn}.`,
          }
        : {
            zh: `家庭住房 ${homes} 套，总使用面积 ${squareMetres(area)} ㎡ 超过${limitZh}，财产条件不符合。`,
            en: `The household owns ${homes} homes with a usable area of ${squareMetres(area)} m², more than ${limitEn}: the property condition is not met.`,
          },
    );
  },
};
