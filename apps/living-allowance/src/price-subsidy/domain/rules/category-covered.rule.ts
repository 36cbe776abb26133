import { DomainRule, ruleOutcome } from '@jiuzhu/common';
import { AssistanceCategory, CATEGORY_NAMES } from '../labels';
import { PriceSubsidyCoverage } from '../price-subsidy-parameters';

export interface CategoryCoveredInput {
  category: AssistanceCategory;
  covers: PriceSubsidyCoverage;
}

const COVERAGE_FLAG: Record<AssistanceCategory, keyof PriceSubsidyCoverage> = {
  dibao: 'dibao',
  special_hardship: 'specialHardship',
  low_income: 'lowIncome',
};

/**
 * 发改价格〔2021〕1553号 covers dibao and special-hardship persons; low-income (dibao-edge) households
 * only where the province or city decides so (they were added nationally only for 2022–23), so
 * coverage is read from the parameter, never assumed.
 */
export const categoryCovered: DomainRule<CategoryCoveredInput> = {
  code: 'PRICE_SUBSIDY.CATEGORY_COVERED',
  check({ category, covers }) {
    const passed = covers[COVERAGE_FLAG[category]] === true;
    const name = CATEGORY_NAMES[category];
    return ruleOutcome(
      this.code,
      passed,
      passed
        ? { zh: `${name.zh}属于价格临时补贴保障范围。`, en: `A ${name.en} is covered by the price subsidy.` }
        : {
            zh: `${name.zh}不在本地价格临时补贴保障范围内（保障范围由现行参数确定）。`,
            en: `A ${name.en} is not covered by the local price subsidy (coverage is set by the parameters in force).`,
          },
    );
  },
};
