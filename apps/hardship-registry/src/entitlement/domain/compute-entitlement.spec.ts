import { defaultParams, STANDARD } from '../../persons/domain/person-facts.fixtures';
import { CareSetting, SelfCareAbility } from '../../persons/domain/vocabulary';
import { basicLivingStandardFen, computeEntitlement, entitlementChanged } from './compute-entitlement';

const params = defaultParams('2026-03-02');
const compute = (selfCare: SelfCareAbility, careSetting: CareSetting, monthlyFen = 78000) => computeEntitlement({ standard: { ...STANDARD, monthlyFen }, selfCare, careSetting, params });

describe('the monthly entitlement: basic living standard (ratio × dibao standard) plus care allowance', () => {
  it.each<[SelfCareAbility, CareSetting, number, number]>([
    ['full', 'home', 10000, 111400],
    ['partly_lost', 'home', 30000, 131400],
    ['fully_lost', 'home', 60000, 161400],
    ['full', 'institution', 15000, 116400],
    ['partly_lost', 'institution', 45000, 146400],
    ['fully_lost', 'institution', 90000, 191400],
  ])('on a 780.00-yuan standard, %s in %s care: 1014.00 + %i fen = %i fen a month', (selfCare, careSetting, care, total) => {
    const e = compute(selfCare, careSetting);
    expect(e).toMatchObject({ standardFen: 78000, ratioOfDibaoStandardBp: 13000, basicLivingFen: 101400, careAllowanceFen: care, monthlyFen: total });
  });

  it('explains each line, naming the standard version and the rounding rule', () => {
    const e = compute('fully_lost', 'home', 78001);
    expect(e.explanation.map((l) => [l.step, l.amountFen])).toEqual([
      ['standard', 78001],
      ['basic_living', 101401],
      ['care_allowance', 60000],
      ['total', 161401],
    ]);
    expect(e.explanation[1].text.zh).toBe('基本生活标准 = 780.01 元 × 1.3 = 1014.013 元，按分四舍五入为 1014.01 元。');
    expect(e.explanation[0].text.en).toBe('Local dibao standard: 780.01 yuan per person a month (dibao.standard/640202/urban@2025-01-01).');
    expect(e.explanation[2].text.zh).toBe('照料护理标准（分散供养，完全丧失生活自理能力（全失能））600.00 元。');
    expect(e.parameterVersions).toEqual({
      'dibao.standard': 'dibao.standard/640202/urban@2025-01-01',
      'hardship.basic-living': 'hardship.basic-living@2025-01-01',
      'hardship.care-allowance': 'hardship.care-allowance@2025-01-01',
    });
  });

  it.each([
    [78000, 13000, 'fen_half_up', 101400, 'exact'],
    [78001, 13000, 'fen_half_up', 101401, '101401.3 fen rounds down'],
    [78005, 13000, 'fen_half_up', 101407, '101406.5 fen rounds half up'],
    [78001, 13000, 'yuan_up', 101500, '1014.013 yuan rounds up to 1015 yuan'],
    [78000, 13000, 'yuan_up', 101400, 'a whole yuan stays as it is'],
    [56000, 15000, 'fen_half_up', 84000, 'a province that publishes 1.5 ×'],
  ] as const)('standard %i fen × %i bp, %s → %i fen (%s)', (standardFen, ratioBp, rounding, expected, _why) => {
    expect(basicLivingStandardFen(standardFen, ratioBp, rounding)).toBe(expected);
  });

  it('says the rounding rule it used when rounding up to the yuan', () => {
    const e = computeEntitlement({ standard: { ...STANDARD, monthlyFen: 78001 }, selfCare: 'full', careSetting: 'home', params: { ...params, basicLiving: { ratioOfDibaoStandardBp: 13000, rounding: 'yuan_up' } } });
    expect(e.explanation[1].text.en).toBe('Basic living standard = 780.01 × 1.3 = 1014.013 yuan, rounded up to the whole yuan: 1015.00 yuan.');
  });

  it('is changed only when an amount changes, so a repeated recomputation publishes nothing', () => {
    const a = compute('full', 'home');
    expect(entitlementChanged(a, compute('full', 'home'))).toBe(false);
    expect(entitlementChanged(a, compute('full', 'home', 80000))).toBe(true);
    expect(entitlementChanged(a, compute('partly_lost', 'home'))).toBe(true);
    expect(entitlementChanged(null, a)).toBe(true);
  });
});
