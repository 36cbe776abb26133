import { GLOBAL_SCOPE, ParameterVersion, versionIdOf } from '@jiuzhu/common';
import { DEFAULT_HARDSHIP_PARAMETERS, HARDSHIP_SEED_DATE } from './default-parameters';
import { ALL_HARDSHIP_PARAMETER_KEYS, HARDSHIP_PARAMETER_SPECS, HardshipParameterKey } from './parameter-keys';
import { resolveHardshipParameters } from './resolve-parameters';

const spec = (key: string) => HARDSHIP_PARAMETER_SPECS[key as HardshipParameterKey];

describe('the seeded special-hardship catalog', () => {
  it('seeds every key once, city-wide, with a valid value, a versionId key@validFrom, its unit and a legal source', () => {
    expect(DEFAULT_HARDSHIP_PARAMETERS.map((v) => v.key).sort()).toEqual([...ALL_HARDSHIP_PARAMETER_KEYS].sort());
    for (const v of DEFAULT_HARDSHIP_PARAMETERS) {
      expect(spec(v.key).isValid(v.value)).toBe(true);
      expect(v.scope).toBe(GLOBAL_SCOPE);
      expect(v.versionId).toBe(versionIdOf(v.key, GLOBAL_SCOPE, HARDSHIP_SEED_DATE));
      expect(v.unit).toBe(spec(v.key).unit);
      expect(v.legalSource.length).toBeGreaterThan(10);
    }
  });

  it.each([
    'hardship.property-limits',
    'hardship.supporter-incapacity',
    'hardship.self-care.ability-levels',
    'hardship.care-allowance',
    'hardship.minor-continuation',
    'hardship.visit-intervals',
    'hardship.no-work-ability',
    'hardship.basic-living',
  ])('labels the numbers the shared reference does not give as placeholders in the legal source of %s', (key) => {
    expect(DEFAULT_HARDSHIP_PARAMETERS.find((v) => v.key === key)!.legalSource).toMatch(/placeholder/);
  });

  it('holds the numbers of policy.md §3 and the city plan', () => {
    const r = resolveHardshipParameters(DEFAULT_HARDSHIP_PARAMETERS, '2026-03-02');
    if (!r.ok) throw new Error('expected the seeded parameters to resolve');
    const p = r.value;
    expect(p.noWorkAbility).toMatchObject({ elderFromAge: 60, minorBelowAge: 18, disabilityGrades: { intellectual: [1, 2, 3], mental: [1, 2, 3], physical: [1, 2], visual: [1] } });
    expect(p.incomeExclusions.kinds.sort()).toEqual(['basic_pension', 'medical_insurance', 'old_age_allowance', 'special_care_pension']);
    expect(p.supporterIncapacity).toMatchObject({ dibaoRecipientFromAge: 60, lowIncomeFromAge: 70 });
    expect(p.selfCareActivities).toEqual({ partlyLostFromActivities: 1, fullyLostFromActivities: 4 });
    expect(p.basicLiving.ratioOfDibaoStandardBp).toBe(13000);
    expect(p.careAllowance.home).toEqual({ full: 10000, partly_lost: 30000, fully_lost: 60000 });
    expect(p.timeLimits).toEqual({ investigationWorkingDays: 15, noticeCalendarDays: 7, confirmationWorkingDays: 15, refusalNoticeWorkingDays: 3, terminationNoticeCalendarDays: 7 });
    expect(p.planTargets).toEqual({ concentratedCareMinBp: 5000, nursingBedRatioMinBp: 6000 });
  });

  it('pays institutional care more than home care in every tier (policy.md §3: concentrated care higher)', () => {
    const r = resolveHardshipParameters(DEFAULT_HARDSHIP_PARAMETERS, '2026-03-02');
    if (!r.ok) throw new Error('expected the seeded parameters to resolve');
    for (const tier of ['full', 'partly_lost', 'fully_lost'] as const) {
      expect(r.value.careAllowance.institution[tier]).toBeGreaterThan(r.value.careAllowance.home[tier]);
    }
  });
});

describe('resolving the parameters in force on a date', () => {
  it('names every key not yet in force, instead of deciding with a guessed number', () => {
    const r = resolveHardshipParameters(DEFAULT_HARDSHIP_PARAMETERS, '2024-12-31');
    expect(r).toEqual({ ok: false, missing: ALL_HARDSHIP_PARAMETER_KEYS, invalid: [] });
  });

  it('takes the latest version not after the date, and names it', () => {
    const raised: ParameterVersion = {
      ...DEFAULT_HARDSHIP_PARAMETERS.find((v) => v.key === 'hardship.basic-living')!,
      validFrom: '2026-07-01',
      versionId: 'hardship.basic-living@2026-07-01',
      value: { ratioOfDibaoStandardBp: 14000, rounding: 'yuan_up' },
    };
    const catalog = [...DEFAULT_HARDSHIP_PARAMETERS, raised];
    const before = resolveHardshipParameters(catalog, '2026-06-30');
    const after = resolveHardshipParameters(catalog, '2026-07-01');
    expect(before.ok && before.value.basicLiving.ratioOfDibaoStandardBp).toBe(13000);
    expect(after.ok && after.value.basicLiving).toEqual({ ratioOfDibaoStandardBp: 14000, rounding: 'yuan_up' });
    expect(after.ok && after.value.versions['hardship.basic-living']).toBe('hardship.basic-living@2026-07-01');
  });

  it.each<[string, unknown]>([
    ['hardship.self-care.activities', { partlyLostFromActivities: 4, fullyLostFromActivities: 4 }],
    ['hardship.self-care.ability-levels', { fromAge: 60, tiers: { intact: 'full', mild: 'fully_lost', moderate: 'partly_lost', severe: 'fully_lost', complete: 'fully_lost' } }],
    ['hardship.no-work-ability', { elderFromAge: 60, minorBelowAge: 18, disabilityGrades: { intellectual: [1, 2, 3] }, provinceCases: [] }],
    ['hardship.care-allowance', { home: { full: 10000, partly_lost: 30000, fully_lost: 60000 }, institution: { full: 1.5, partly_lost: 0, fully_lost: 0 } }],
    ['hardship.basic-living', { ratioOfDibaoStandardBp: 13000, rounding: 'fen_half_up', constructor: 1 }],
  ])('refuses a malformed %s, naming the key', (key, value) => {
    const bad: ParameterVersion = { ...DEFAULT_HARDSHIP_PARAMETERS.find((v) => v.key === key)!, validFrom: '2026-01-01', versionId: `${key}@2026-01-01`, value };
    const r = resolveHardshipParameters([...DEFAULT_HARDSHIP_PARAMETERS, bad], '2026-03-02');
    expect(r).toEqual({ ok: false, missing: [], invalid: [key] });
  });

  it('hands out copies, so that nothing done with a decision alters the catalog', () => {
    const r = resolveHardshipParameters(DEFAULT_HARDSHIP_PARAMETERS, '2026-03-02');
    if (!r.ok) throw new Error('expected the seeded parameters to resolve');
    r.value.noWorkAbility.disabilityGrades.physical.push(3);
    const again = resolveHardshipParameters(DEFAULT_HARDSHIP_PARAMETERS, '2026-03-02');
    expect(again.ok && again.value.noWorkAbility.disabilityGrades.physical).toEqual([1, 2]);
  });
});
