import { DomainRule, ruleOutcome } from '@jiuzhu/common';
import { regionContains } from '../price-index';

export interface HouseholdInIndexRegionInput {
  districtCode: string;
  indexRegionCode: string;
}

/**
 * The subsidy follows the local index (当地CPI): a household is paid only on the index of a region
 * that contains its district, so a file of another province's figures cannot pay Shizuishan families.
 */
export const householdInIndexRegion: DomainRule<HouseholdInIndexRegionInput> = {
  code: 'PRICE_SUBSIDY.HOUSEHOLD_IN_INDEX_REGION',
  check({ districtCode, indexRegionCode }) {
    const passed = regionContains(indexRegionCode, districtCode);
    return ruleOutcome(
      this.code,
      passed,
      passed
        ? {
            zh: `家庭所在区县 ${districtCode} 属于价格指数地区 ${indexRegionCode}。`,
            en: `District ${districtCode} lies within the index region ${indexRegionCode}.`,
          }
        : {
            zh: `家庭所在区县 ${districtCode} 不属于价格指数地区 ${indexRegionCode}，不能按该地区价格指数计发。`,
            en: `District ${districtCode} is not within the index region ${indexRegionCode}; it cannot be paid on that region's index.`,
          },
    );
  },
};
