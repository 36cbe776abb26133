import { DEFAULT_PARAMETERS } from './default-parameters';
import { ParameterVersion } from './parameter';
import { resolveAssessmentParameters, versionInForce } from './resolve-parameters';

const standard = (validFrom: string, monthlyFen: number, versionId = `dibao.standard/640202/urban@${validFrom}`): ParameterVersion => ({
  key: 'dibao.standard',
  scope: '640202/urban',
  versionId,
  validFrom,
  value: { monthlyFen },
  unit: 'fen per person per month',
  legalSource: 'test',
});

describe('parameters are effective-dated: the version in force on the assessment date applies', () => {
  const catalog: ParameterVersion[] = [
    ...DEFAULT_PARAMETERS,
    standard('2026-01-01', 80000),
    standard('2025-07-01', 79000),
  ];

  it.each([
    ['2024-12-31', undefined, 'before the first publication nothing is in force'],
    ['2025-01-01', 78000, 'on the first day of validity the new version applies'],
    ['2025-06-30', 78000, 'the day before the next version the old one still applies'],
    ['2025-07-01', 79000, 'from its validFrom the mid-year version applies, whatever its place in the list'],
    ['2025-12-31', 79000, 'until the next version'],
    ['2026-01-01', 80000, 'the 2026 standard from 1 January 2026'],
    ['2030-01-01', 80000, 'the latest version stays in force until replaced'],
  ])('on %s the urban standard of 大武口区 is %p fen (%s)', (on, expected, _why) => {
    const v = versionInForce(catalog, 'dibao.standard', '640202/urban', on);
    expect(v === undefined ? undefined : (v.value as { monthlyFen: number }).monthlyFen).toBe(expected);
  });

  it('a re-publication with the same validFrom replaces the earlier one: the later in the list wins', () => {
    const corrected = [
      ...DEFAULT_PARAMETERS,
      standard('2025-07-01', 79000, 'first'),
      standard('2025-07-01', 79500, 'corrected'),
    ];
    expect(versionInForce(corrected, 'dibao.standard', '640202/urban', '2025-08-01')?.versionId).toBe('corrected');
  });

  it('resolves every assessment parameter for a district and area and reports the versions used', () => {
    const r = resolveAssessmentParameters(catalog, '640202', 'urban', '2025-07-15');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.standardFen).toBe(79000);
    expect(r.value.versions).toEqual({
      'dibao.standard/640202/urban': 'dibao.standard/640202/urban@2025-07-01',
      'dibao.income.excluded-kinds': 'dibao.income.excluded-kinds@2025-01-01',
      'dibao.deductions': 'dibao.deductions@2025-01-01',
      'dibao.assets': 'dibao.assets@2025-01-01',
      'dibao.top-ups': 'dibao.top-ups@2025-01-01',
      'dibao.payment': 'dibao.payment@2025-01-01',
      'low-income.band': 'low-income.band@2025-01-01',
      'single-person.inclusion': 'single-person.inclusion@2025-01-01',
      'dibao.gradual-exit': 'dibao.gradual-exit@2025-01-01',
      'dibao.review-interval': 'dibao.review-interval@2025-01-01',
    });
  });

  it('uses the standard of the requested district and area only', () => {
    const pingluoRural = resolveAssessmentParameters(catalog, '640221', 'rural', '2025-07-15');
    expect(pingluoRural.ok && pingluoRural.value.standardFen).toBe(56000);
    expect(pingluoRural.ok && pingluoRural.value.versions['dibao.standard/640221/rural']).toBe('dibao.standard/640221/rural@2025-01-01');
  });

  it('refuses a district outside the city', () => {
    expect(resolveAssessmentParameters(catalog, '640100', 'urban', '2025-07-15')).toEqual({ ok: false, reason: 'unknown_district' });
  });

  it('reports a missing parameter rather than deciding with a guessed number', () => {
    expect(resolveAssessmentParameters(catalog, '640202', 'urban', '2024-12-31')).toEqual({
      ok: false,
      reason: 'missing_parameter',
      key: 'dibao.standard/640202/urban',
    });
    const withoutAssets = DEFAULT_PARAMETERS.filter((v) => v.key !== 'dibao.assets');
    expect(resolveAssessmentParameters(withoutAssets, '640205', 'rural', '2025-07-15')).toEqual({
      ok: false,
      reason: 'missing_parameter',
      key: 'dibao.assets',
    });
  });

  it('refuses a published value that does not have the expected shape', () => {
    const broken = [...DEFAULT_PARAMETERS, { ...standard('2025-07-01', 79000), value: { monthlyFen: 790.5 } }];
    expect(resolveAssessmentParameters(broken, '640202', 'urban', '2025-07-15')).toEqual({
      ok: false,
      reason: 'invalid_parameter',
      key: 'dibao.standard/640202/urban',
    });
  });

  it('hands out copies: changing resolved values cannot alter the catalog', () => {
    const r = resolveAssessmentParameters(DEFAULT_PARAMETERS, '640202', 'urban', '2025-07-15');
    if (!r.ok) throw new Error('expected parameters');
    r.value.topUps.rules.length = 0;
    const again = resolveAssessmentParameters(DEFAULT_PARAMETERS, '640202', 'urban', '2025-07-15');
    expect(again.ok && again.value.topUps.rules.length).toBeGreaterThan(0);
  });
});
