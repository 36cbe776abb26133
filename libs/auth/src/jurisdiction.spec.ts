import { jurisdictionFilter, jurisdictionLevel, within } from './jurisdiction';

describe('jurisdiction: the city contains its districts, a district its townships', () => {
  it.each([
    ['640200', 'city'],
    ['640202', 'district'],
    ['640221', 'district'],
    ['640202001', 'township'],
    ['640221101', 'township'],
    ['640202999', 'township'],
    ['640100', undefined],
    ['640203', undefined],
    ['640203001', undefined],
    ['64020200', undefined],
    ['6402020011', undefined],
    ['', undefined],
  ])('%s is %s', (code, level) => {
    expect(jurisdictionLevel(code)).toBe(level);
  });

  it.each<[string | null, string, string | null, boolean]>([
    ['640200', '640202', '640202001', true],
    ['640200', '640221', null, true],
    ['640200', '999999', null, false],
    ['640202', '640202', '640202002', true],
    ['640202', '640202', null, true],
    ['640202', '640205', '640205001', false],
    ['640202001', '640202', '640202001', true],
    ['640202001', '640202', '640202002', false],
    // A case the district keeps without a township is no township's.
    ['640202001', '640202', null, false],
    ['640205001', '640202', '640205001', false],
    [null, '640202', '640202001', false],
    ['640100', '640202', '640202001', false],
  ])('an actor of %s sees a case of district %s, township %s: %s', (actor, district, township, seen) => {
    expect(within(actor, district, township)).toBe(seen);
  });

  it('gives repositories the columns to match: none for the city, the district, or the district and township', () => {
    expect(jurisdictionFilter('640200')).toEqual({});
    expect(jurisdictionFilter('640205')).toEqual({ districtCode: '640205' });
    expect(jurisdictionFilter('640205002')).toEqual({ districtCode: '640205', townshipCode: '640205002' });
  });

  it('refuses to build a filter without a jurisdiction rather than match everything', () => {
    expect(() => jurisdictionFilter(null)).toThrow(/no jurisdiction/);
    expect(() => jurisdictionFilter('640100')).toThrow(/no jurisdiction/);
  });

  it('agrees with within(): a case passes the filter exactly when it lies within', () => {
    const cases = [
      ['640202', '640202001'],
      ['640202', '640202002'],
      ['640202', null],
      ['640205', '640205001'],
      ['640221', '640221100'],
    ] as const;
    for (const actor of ['640200', '640202', '640205', '640202001', '640221100']) {
      const f = jurisdictionFilter(actor);
      for (const [district, township] of cases) {
        const passes = (f.districtCode === undefined || f.districtCode === district) && (f.townshipCode === undefined || f.townshipCode === township);
        expect([actor, district, township, passes]).toEqual([actor, district, township, within(actor, district, township)]);
      }
    }
  });
});
