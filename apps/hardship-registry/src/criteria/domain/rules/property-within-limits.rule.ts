import { ruleOutcome } from '@jiuzhu/common';
import { PropertyLimitsValue } from '../../../parameters/domain/parameter-keys';
import { Property } from '../../../persons/domain/person-facts';
import { yuan } from '../../../persons/domain/vocabulary';
import { CriteriaRule } from '../criteria-decision';

export interface PropertyInput {
  property: Property;
  limits: PropertyLimitsValue;
  standardFen: number;
}

export interface PropertyArgs {
  moneyFen: number;
  moneyMonthsOfStandard: number;
  standardFen: number;
  /** months × standard, inclusive. */
  moneyLimitFen: number;
  homes: number;
  maxHomes: number;
  nonExemptVehicles: number;
  nonExemptVehiclesAllowed: number;
  /** Which limits were exceeded. */
  exceeded: ('money' | 'homes' | 'vehicles')[];
}

const CODE = 'HARDSHIP.NO_MEANS.PROPERTY_WITHIN_LIMITS';

/**
 * 民发〔2021〕43号 (无生活来源: 财产状况符合当地特困人员财产状况规定). The limits are the parameter
 * `hardship.property-limits`; each is "not more than", so property exactly at a limit passes.
 */
export const propertyWithinLimits: CriteriaRule<PropertyInput, PropertyArgs> = {
  code: CODE,
  check({ property, limits, standardFen }) {
    const moneyLimitFen = limits.moneyMonthsOfStandard * standardFen;
    const nonExemptVehicles = property.vehicles.filter((v) => !v.exempt).length;
    const exceeded: PropertyArgs['exceeded'] = [];
    if (property.moneyFen > moneyLimitFen) exceeded.push('money');
    if (property.homes > limits.maxHomes) exceeded.push('homes');
    if (nonExemptVehicles > limits.nonExemptVehiclesAllowed) exceeded.push('vehicles');
    const args: PropertyArgs = {
      moneyFen: property.moneyFen,
      moneyMonthsOfStandard: limits.moneyMonthsOfStandard,
      standardFen,
      moneyLimitFen,
      homes: property.homes,
      maxHomes: limits.maxHomes,
      nonExemptVehicles,
      nonExemptVehiclesAllowed: limits.nonExemptVehiclesAllowed,
      exceeded,
    };
    const moneyZh = `货币财产 ${yuan(property.moneyFen)} 元（上限 ${limits.moneyMonthsOfStandard} 个月 × 低保标准 ${yuan(standardFen)} 元 = ${yuan(moneyLimitFen)} 元）`;
    const moneyEn = `money assets ${yuan(property.moneyFen)} yuan (limit ${limits.moneyMonthsOfStandard} months × standard ${yuan(standardFen)} = ${yuan(moneyLimitFen)} yuan)`;
    const homesZh = `住房 ${property.homes} 套（上限 ${limits.maxHomes} 套）`;
    const homesEn = `${property.homes} home(s) (limit ${limits.maxHomes})`;
    const vehiclesZh = `非豁免车辆 ${nonExemptVehicles} 辆（上限 ${limits.nonExemptVehiclesAllowed} 辆）`;
    const vehiclesEn = `${nonExemptVehicles} non-exempt vehicle(s) (limit ${limits.nonExemptVehiclesAllowed})`;
    const passed = exceeded.length === 0;
    const message = passed
      ? { zh: `${moneyZh}、${homesZh}、${vehiclesZh}，均未超过规定。`, en: `Property within limits: ${moneyEn}, ${homesEn}, ${vehiclesEn}.` }
      : {
          zh: `财产超过规定：${[exceeded.includes('money') && moneyZh, exceeded.includes('homes') && homesZh, exceeded.includes('vehicles') && vehiclesZh].filter(Boolean).join('、')}。`,
          en: `Property over the limits: ${[exceeded.includes('money') && moneyEn, exceeded.includes('homes') && homesEn, exceeded.includes('vehicles') && vehiclesEn].filter(Boolean).join('; ')}.`,
        };
    return { ...ruleOutcome(CODE, passed, message), args };
  },
};
