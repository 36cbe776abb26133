import { isPriceIndexRecord, isYearMonth, regionContains } from './price-index';

describe('price index records', () => {
  const valid = { provinceCode: '640000', month: '2025-03', cpiRiseBp: 350, foodCpiRiseBp: -120 };

  it('accepts a Ningxia index with a falling food CPI: rises may be negative', () => {
    expect(isPriceIndexRecord(valid)).toBe(true);
  });

  it.each([
    ['a rise in per cent instead of bp', { ...valid, cpiRiseBp: 3.5 }],
    ['a month without leading zero', { ...valid, month: '2025-3' }],
    ['month 13', { ...valid, month: '2025-13' }],
    ['a full date instead of a month', { ...valid, month: '2025-03-01' }],
    ['a five-digit region code', { ...valid, provinceCode: '64000' }],
    ['a fall of 100 % or more', { ...valid, foodCpiRiseBp: -10000 }],
    ['a missing food CPI', { provinceCode: '640000', month: '2025-03', cpiRiseBp: 350 }],
    ['null', null],
  ])('refuses %s', (_what, v) => {
    expect(isPriceIndexRecord(v)).toBe(false);
  });

  it.each([
    ['2025-01', true],
    ['2025-12', true],
    ['2025-00', false],
    ['0000-01', false],
    ['25-01', false],
  ])('isYearMonth(%p) → %p', (s, ok) => {
    expect(isYearMonth(s)).toBe(ok);
  });

  it.each([
    ['640000', '640202', true],
    ['640200', '640205', true],
    ['640202', '640202', true],
    ['640200', '640100', false],
    ['000000', '640202', false],
  ])('region %s contains %s → %p (GB/T 2260 prefixes)', (region, division, ok) => {
    expect(regionContains(region, division)).toBe(ok);
  });
});
