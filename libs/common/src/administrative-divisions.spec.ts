import { DISTRICT_CHOICES, DISTRICT_CODES, DISTRICTS, isDistrictCode, isTownshipCodeOf, seededTownship } from './administrative-divisions';

describe('administrative divisions (reference data)', () => {
  it.each(DISTRICT_CODES.map((d) => [d]))('every seeded township of %s lies in it (its code begins with the district code)', (d) => {
    expect(DISTRICTS[d].townships.length).toBeGreaterThan(0);
    for (const t of DISTRICTS[d].townships) {
      expect(isTownshipCodeOf(d, t.code)).toBe(true);
      expect(seededTownship(t.code)?.districtCode).toBe(d);
    }
  });

  it('a township code is 9 digits beginning with its district code', () => {
    expect(isTownshipCodeOf('640202', '640202009')).toBe(true);
    expect(isTownshipCodeOf('640202', '640205001')).toBe(false);
    expect(isTownshipCodeOf('640202', '64020200')).toBe(false);
    expect(isTownshipCodeOf('640202', 640202001)).toBe(false);
  });

  it('only the three districts of 石嘴山市 are districts; a prototype name is not one', () => {
    expect(DISTRICT_CODES.every(isDistrictCode)).toBe(true);
    expect(['640200', '640203', 'constructor', 'toString', undefined].some(isDistrictCode)).toBe(false);
    expect(DISTRICT_CHOICES).toBe('640202 大武口区, 640205 惠农区, 640221 平罗县');
  });
});
