import { bornYearsBefore, defaultParams, personFacts, STANDARD, supporter } from '../../persons/domain/person-facts.fixtures';
import { assessCriteria } from './assess-criteria';

const ON = '2026-03-02';
const params = defaultParams(ON);
const assess = (overrides: Parameters<typeof personFacts>[0] = {}) => assessCriteria({ person: personFacts(overrides), standard: STANDARD, params, on: ON });
const codes = (rules: { code: string }[]) => rules.map((r) => r.code);

describe('the three conditions (三无), each explained with the parameter versions it used', () => {
  it('finds a 65-year-old with no income, no property beyond a home and no supporter eligible, each condition met and why', () => {
    const d = assess();
    expect(d.eligible).toBe(true);
    expect(d.age).toBe(65);
    expect(d.minor).toBe(false);
    expect(d.conditions.noWorkAbility).toMatchObject({ condition: 'noWorkAbility', met: true, message: { zh: '无劳动能力：符合', en: 'No ability to work: met' } });
    expect(codes(d.conditions.noWorkAbility.reasons)).toEqual(['HARDSHIP.NO_WORK_ABILITY.ELDER']);
    expect(codes(d.conditions.noMeansOfLiving.reasons)).toEqual(['HARDSHIP.NO_MEANS.INCOME_BELOW_STANDARD', 'HARDSHIP.NO_MEANS.PROPERTY_WITHIN_LIMITS']);
    expect(codes(d.conditions.noAbleSupporter.reasons)).toEqual(['HARDSHIP.SUPPORTER.NONE']);
  });

  it('records the parameter versions and the dibao standard each condition used', () => {
    const d = assess();
    expect(d.conditions.noWorkAbility.parameterVersions).toEqual({ 'hardship.no-work-ability': 'hardship.no-work-ability@2025-01-01' });
    expect(d.conditions.noMeansOfLiving.parameterVersions).toEqual({
      'hardship.income.excluded-kinds': 'hardship.income.excluded-kinds@2025-01-01',
      'hardship.property-limits': 'hardship.property-limits@2025-01-01',
      'dibao.standard': 'dibao.standard/640202/urban@2025-01-01',
    });
    expect(d.conditions.noAbleSupporter.parameterVersions).toEqual({
      'hardship.supporter-incapacity': 'hardship.supporter-incapacity@2025-01-01',
      'dibao.standard': 'dibao.standard/640202/urban@2025-01-01',
    });
    expect(d.dibaoStandard).toEqual({ districtCode: '640202', area: 'urban', monthlyFen: 78000, versionId: 'dibao.standard/640202/urban@2025-01-01' });
    expect(Object.keys(d.parameterVersions).sort()).toEqual(['dibao.standard', 'hardship.income.excluded-kinds', 'hardship.no-work-ability', 'hardship.property-limits', 'hardship.supporter-incapacity']);
  });

  it.each([
    [59, false],
    [60, true],
  ])('a person aged %i with no other ground: no ability to work → %p', (age, met) => {
    const d = assess({ birthDate: bornYearsBefore(ON, age) });
    expect(d.conditions.noWorkAbility.met).toBe(met);
    expect(d.eligible).toBe(met);
  });

  it.each([
    [17, null, true, true],
    [17, { enrolled: true, recordedOn: ON }, true, true],
    [18, { enrolled: true, recordedOn: ON }, true, true],
    [18, { enrolled: false, recordedOn: ON }, true, false],
    [18, null, true, false],
    [18, { enrolled: true, recordedOn: ON }, false, false],
  ] as const)('a person aged %i with schooling %o, supported as a minor %p: no ability to work → %p', (age, schooling, supportedAsMinor, met) => {
    const d = assess({ birthDate: bornYearsBefore(ON, age), schooling, supportedAsMinor });
    expect(d.conditions.noWorkAbility.met).toBe(met);
    expect(d.minor).toBe(age < 18);
  });

  it('when no ground of no ability to work holds, lists every ground tried as the reasons', () => {
    const d = assess({ birthDate: bornYearsBefore(ON, 45), disabilities: [{ kind: 'physical', grade: 3 }] });
    expect(d.conditions.noWorkAbility.met).toBe(false);
    expect(codes(d.conditions.noWorkAbility.reasons)).toEqual([
      'HARDSHIP.NO_WORK_ABILITY.ELDER',
      'HARDSHIP.NO_WORK_ABILITY.MINOR',
      'HARDSHIP.NO_WORK_ABILITY.IN_SCHOOL',
      'HARDSHIP.NO_WORK_ABILITY.DISABILITY',
      'HARDSHIP.NO_WORK_ABILITY.PROVINCE_CASE',
    ]);
  });

  it('a 45-year-old with a grade-1 visual disability has no ability to work on that ground alone', () => {
    const d = assess({ birthDate: bornYearsBefore(ON, 45), disabilities: [{ kind: 'visual', grade: 1 }] });
    expect(codes(d.conditions.noWorkAbility.reasons)).toEqual(['HARDSHIP.NO_WORK_ABILITY.DISABILITY']);
  });

  it.each([
    [77999, true],
    [78000, false],
  ])('own counted income of %i fen against a 780.00-yuan standard: no means of living → %p', (monthlyFen, met) => {
    const d = assess({ incomes: [{ kind: 'wage', monthlyFen }, { kind: 'basic_pension', monthlyFen: 20000 }] });
    expect(d.conditions.noMeansOfLiving.met).toBe(met);
    if (!met) expect(codes(d.conditions.noMeansOfLiving.reasons)).toEqual(['HARDSHIP.NO_MEANS.INCOME_BELOW_STANDARD']);
  });

  it('measures income against the standard it is given (living-allowance publishes them, this service keeps a copy)', () => {
    const d = assessCriteria({ person: personFacts({ incomes: [{ kind: 'wage', monthlyFen: 78000 }] }), standard: { ...STANDARD, monthlyFen: 80000, versionId: 'dibao.standard/640202/urban@2026-01-01', validFrom: '2026-01-01' }, params, on: ON });
    expect(d.conditions.noMeansOfLiving.met).toBe(true);
    expect(d.conditions.noMeansOfLiving.parameterVersions['dibao.standard']).toBe('dibao.standard/640202/urban@2026-01-01');
  });

  it('no able supporter: met when every supporter is unable, not met when one is able — and that one is the reason', () => {
    const unable = supporter({ relation: 'spouse', birthDate: bornYearsBefore(ON, 66), dibaoRecipient: true });
    const able = supporter({ relation: 'child' });
    expect(assess({ supporters: [unable] }).conditions.noAbleSupporter.met).toBe(true);
    const d = assess({ supporters: [unable, able] });
    expect(d.conditions.noAbleSupporter.met).toBe(false);
    expect(d.conditions.noAbleSupporter.rules.map((r) => r.passed)).toEqual([true, false]);
    expect(d.conditions.noAbleSupporter.reasons.map((r) => r.message.zh)).toEqual(['义务人2（子女），40周岁，不属于无履行义务能力的情形，有能力履行赡养、抚养、扶养义务。']);
    expect(d.eligible).toBe(false);
  });

  it("computes each supporter's age on the assessment date", () => {
    const d = assess({ supporters: [supporter({ birthDate: bornYearsBefore(ON, 70), monthlyIncomeFen: 0 })] });
    expect(d.conditions.noAbleSupporter.rules[0]).toMatchObject({ passed: true, args: { age: 70, reasons: ['aged_low_income'] } });
  });

  it('refuses to assess on a standard not yet in force on the date (a programming error of the caller)', () => {
    expect(() => assessCriteria({ person: personFacts(), standard: { ...STANDARD, validFrom: '2026-04-01' }, params, on: ON })).toThrow(RangeError);
  });
});
