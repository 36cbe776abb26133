import { categoryCovered } from './category-covered.rule';
import { cpiRiseReachesTrigger } from './cpi-rise-reaches-trigger.rule';
import { foodCpiRiseReachesTrigger } from './food-cpi-rise-reaches-trigger.rule';
import { householdInIndexRegion } from './household-in-index-region.rule';

describe('price-subsidy rules: stable codes and messages a caseworker understands', () => {
  describe('PRICE_SUBSIDY.CPI_RISE_REACHES_TRIGGER', () => {
    it.each([
      [350, 350, true, true, '达到启动条件（≥ 3.5%）'],
      [349, 350, true, false, '未达到启动条件（≥ 3.5%）'],
      [351, 350, true, true, '达到启动条件（≥ 3.5%）'],
      [350, 350, false, false, '未超过启动条件（> 3.5%）'],
      [351, 350, false, true, '超过启动条件（> 3.5%）'],
      [-80, 350, true, false, '同比下降 0.8%，未达到'],
      [0, 350, true, false, '同比持平，未达到'],
    ])('a CPI rise of %i bp against a trigger of %i bp (inclusive %p) → passed %p: "%s"', (riseBp, triggerBp, inclusive, passed, text) => {
      const o = cpiRiseReachesTrigger.check({ month: '2025-03', riseBp, triggerBp, inclusive });
      expect(o.code).toBe('PRICE_SUBSIDY.CPI_RISE_REACHES_TRIGGER');
      expect(o.passed).toBe(passed);
      expect(o.message.zh).toContain(text);
    });

    it('names the month, the index and the rise in both languages', () => {
      const o = cpiRiseReachesTrigger.check({ month: '2025-03', riseBp: 370, triggerBp: 350, inclusive: true });
      expect(o.message).toEqual({
        zh: '2025-03 居民消费价格指数（CPI）同比上涨 3.7%，达到启动条件（≥ 3.5%）。',
        en: 'In 2025-03 the CPI rose 3.7% year on year, meeting the trigger (≥ 3.5%).',
      });
    });
  });

  describe('PRICE_SUBSIDY.FOOD_CPI_RISE_REACHES_TRIGGER', () => {
    it.each([
      [600, true],
      [599, false],
      [-1500, false],
    ])('a food CPI rise of %i bp against 6 %% → passed %p', (riseBp, passed) => {
      const o = foodCpiRiseReachesTrigger.check({ month: '2025-03', riseBp, triggerBp: 600, inclusive: true });
      expect(o.code).toBe('PRICE_SUBSIDY.FOOD_CPI_RISE_REACHES_TRIGGER');
      expect(o.passed).toBe(passed);
      expect(o.message.zh).toContain('CPI中的食品价格同比');
      expect(o.message.en).toContain('food CPI');
    });
  });

  describe('PRICE_SUBSIDY.CATEGORY_COVERED', () => {
    const nationalCoverage = { dibao: true, specialHardship: true, lowIncome: false };
    it.each([
      ['dibao', true],
      ['special_hardship', true],
      ['low_income', false],
    ] as const)('%s under the default coverage → passed %p', (category, passed) => {
      const o = categoryCovered.check({ category, covers: nationalCoverage });
      expect(o.code).toBe('PRICE_SUBSIDY.CATEGORY_COVERED');
      expect(o.passed).toBe(passed);
    });

    it('explains an excluded low-income household by the local coverage decision', () => {
      const o = categoryCovered.check({ category: 'low_income', covers: nationalCoverage });
      expect(o.message.zh).toBe('低收入（低保边缘）家庭不在本地价格临时补贴保障范围内（保障范围由现行参数确定）。');
    });
  });

  describe('PRICE_SUBSIDY.HOUSEHOLD_IN_INDEX_REGION', () => {
    it.each([
      ['640202', '640000', true, 'Dawukou lies in Ningxia'],
      ['640221', '640200', true, 'Pingluo lies in Shizuishan (a city-level index)'],
      ['640202', '650000', false, 'Xinjiang figures cannot pay Dawukou'],
      ['640104', '640200', false, 'a Yinchuan district is not in Shizuishan'],
    ])('district %s against index region %s → passed %p (%s)', (districtCode, indexRegionCode, passed) => {
      expect(householdInIndexRegion.check({ districtCode, indexRegionCode }).passed).toBe(passed);
    });
  });
});
