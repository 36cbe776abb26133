import { DEFAULT_ITEM_SCORE_RANGES, maxTotalOf } from './assessment-parameters';
import { ASSESSMENT_ITEMS, INDICATORS, ITEM_CODES, itemsOf } from './items';

describe('the items of GB/T 42195-2022: four indicators, 26 items, 90 points', () => {
  it('has 26 items with unique codes, each prefixed by its indicator', () => {
    expect(ASSESSMENT_ITEMS).toHaveLength(26);
    expect(new Set(ITEM_CODES).size).toBe(26);
    for (const item of ASSESSMENT_ITEMS) expect(item.code.startsWith(`${item.indicator}.`)).toBe(true);
  });

  it.each([
    ['SELF_CARE', 8, 32],
    ['BASIC_MOBILITY', 4, 15],
    ['MENTAL_STATE', 9, 28],
    ['PERCEPTION_SOCIAL', 5, 15],
  ] as const)('%s has %i items worth at most %i points under the standard ranges', (indicator, count, max) => {
    const items = itemsOf(indicator);
    expect(items).toHaveLength(count);
    expect(items.reduce((s, i) => s + DEFAULT_ITEM_SCORE_RANGES[i.code].max, 0)).toBe(max);
  });

  it('adds up to a maximum total of 90, and every item can score 0', () => {
    expect(INDICATORS).toHaveLength(4);
    expect(maxTotalOf(DEFAULT_ITEM_SCORE_RANGES)).toBe(90);
    expect(ITEM_CODES.every((c) => DEFAULT_ITEM_SCORE_RANGES[c].min === 0)).toBe(true);
  });

  it('names every item in Chinese and English', () => {
    for (const item of ASSESSMENT_ITEMS) {
      expect(item.name.zh).not.toBe('');
      expect(item.name.en).not.toBe('');
    }
  });
});
