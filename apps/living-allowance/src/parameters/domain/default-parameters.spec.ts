import { DEFAULT_PARAMETERS } from './default-parameters';
import { AREAS, DISTRICTS, versionIdOf } from './parameter';
import { ALL_PARAMETER_KEYS, PARAMETER_SPECS } from './parameter-keys';
import { resolveAssessmentParameters } from './resolve-parameters';

describe('the seeded demo catalog', () => {
  it.each(Object.keys(DISTRICTS).flatMap((d) => AREAS.map((a) => [d, a] as const)))(
    'resolves completely for district %s, %s, from 2025-01-01',
    (district, area) => {
      const r = resolveAssessmentParameters(DEFAULT_PARAMETERS, district, area, '2025-01-01');
      expect(r.ok).toBe(true);
      expect(r.ok && r.value.standardFen).toBe(area === 'urban' ? 78000 : 56000);
    },
  );

  it('holds a valid value, a versionId of the form key/scope@validFrom and a legal source for every entry', () => {
    for (const v of DEFAULT_PARAMETERS) {
      expect(ALL_PARAMETER_KEYS).toContain(v.key);
      expect(PARAMETER_SPECS[v.key as keyof typeof PARAMETER_SPECS].isValid(v.value)).toBe(true);
      expect(v.versionId).toBe(versionIdOf(v.key, v.scope, v.validFrom));
      expect(v.validFrom).toBe('2025-01-01');
      expect(v.legalSource.length).toBeGreaterThan(0);
    }
  });

  it('marks the demo standards as illustrative, not as published Ningxia figures', () => {
    for (const v of DEFAULT_PARAMETERS.filter((p) => p.key === 'dibao.standard')) {
      expect(v.legalSource).toMatch(/illustrative/);
    }
  });

  it('holds the defaults of policy.md §1', () => {
    const r = resolveAssessmentParameters(DEFAULT_PARAMETERS, '640202', 'urban', '2025-06-15');
    if (!r.ok) throw new Error('expected parameters');
    const p = r.value;
    expect(p.assets.moneyMonthsOfStandard).toBe(36);
    expect(p.assets.maxHomes).toBe(1);
    expect(p.assets.nonExemptVehiclesAllowed).toBe(0);
    expect(p.payment).toEqual({ mode: 'gap', floorShareBp: 2000 });
    expect(p.lowIncomeBand).toEqual({ multiplierBp: 15000, strictBound: true });
    expect(p.gradualExit.months).toBe(6);
    expect(p.reviewInterval).toEqual({ stableMonths: 12, irregularMonths: 6 });
    expect(p.incomeExclusions.kinds).toEqual(
      expect.arrayContaining(['special_care_pension', 'family_planning_reward', 'scholarship', 'bravery_award', 'social_assistance', 'basic_pension']),
    );
    expect(p.incomeExclusions.kinds).not.toContain('wage');
  });
});
