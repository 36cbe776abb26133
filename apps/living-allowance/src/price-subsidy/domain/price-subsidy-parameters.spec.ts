import { ParameterVersion, versionIdOf } from '../../parameters/domain/parameter';
import { DEFAULT_PRICE_SUBSIDY_PARAMETERS, DEFAULT_PRICE_SUBSIDY_TRIGGERS } from './default-price-subsidy-parameters';
import { isPriceSubsidyTriggers, PRICE_SUBSIDY_PARAMETER_SPECS } from './price-subsidy-parameters';
import { resolvePriceSubsidyTriggers } from './resolve-price-subsidy-triggers';

describe('price-subsidy.triggers', () => {
  it('defaults to the 2021 national triggers: CPI ≥ 3.5 %, food CPI ≥ 6 %, dibao and special hardship covered, low income not', () => {
    expect(DEFAULT_PRICE_SUBSIDY_TRIGGERS).toEqual({
      cpiTriggerBp: 350,
      foodCpiTriggerBp: 600,
      inclusive: true,
      covers: { dibao: true, specialHardship: true, lowIncome: false },
    });
  });

  it('seeds one valid, city-wide version that cites 发改价格〔2021〕1553号 and the lowered 2022–23 trigger', () => {
    expect(DEFAULT_PRICE_SUBSIDY_PARAMETERS).toHaveLength(1);
    const [v] = DEFAULT_PRICE_SUBSIDY_PARAMETERS;
    expect(v.key).toBe('price-subsidy.triggers');
    expect(v.scope).toBe('');
    expect(v.versionId).toBe(versionIdOf(v.key, v.scope, v.validFrom));
    expect(v.unit).toBe(PRICE_SUBSIDY_PARAMETER_SPECS['price-subsidy.triggers'].unit);
    expect(PRICE_SUBSIDY_PARAMETER_SPECS['price-subsidy.triggers'].isValid(v.value)).toBe(true);
    expect(v.legalSource).toContain('发改价格〔2021〕1553号');
    expect(v.legalSource).toContain('3.0%');
    expect(v.legalSource).toContain('可降低启动条件');
  });

  it.each([
    ['a trigger in per cent', { ...DEFAULT_PRICE_SUBSIDY_TRIGGERS, cpiTriggerBp: 3.5 }],
    ['a zero trigger, which would pay in months of falling prices', { ...DEFAULT_PRICE_SUBSIDY_TRIGGERS, foodCpiTriggerBp: 0 }],
    ['inclusive as a string', { ...DEFAULT_PRICE_SUBSIDY_TRIGGERS, inclusive: 'yes' }],
    ['coverage without lowIncome', { ...DEFAULT_PRICE_SUBSIDY_TRIGGERS, covers: { dibao: true, specialHardship: true } }],
    ['no coverage', { cpiTriggerBp: 350, foodCpiTriggerBp: 600, inclusive: true }],
  ])('refuses a malformed value: %s', (_what, value) => {
    expect(isPriceSubsidyTriggers(value)).toBe(false);
  });

  describe('resolution by date', () => {
    const lowered: ParameterVersion = {
      ...DEFAULT_PRICE_SUBSIDY_PARAMETERS[0],
      validFrom: '2025-07-01',
      versionId: 'price-subsidy.triggers@2025-07-01',
      value: { ...DEFAULT_PRICE_SUBSIDY_TRIGGERS, cpiTriggerBp: 300 },
      legalSource: 'a provincial decision lowering the CPI trigger to 3.0 % (test)',
    };
    const catalog = [...DEFAULT_PRICE_SUBSIDY_PARAMETERS, lowered];

    it.each([
      ['2025-06-30', 350, 'price-subsidy.triggers@2025-01-01'],
      ['2025-07-01', 300, 'price-subsidy.triggers@2025-07-01'],
    ])('on %s the CPI trigger is %i bp (version %s)', (on, cpiTriggerBp, versionId) => {
      const r = resolvePriceSubsidyTriggers(catalog, on);
      expect(r).toEqual({ ok: true, value: expect.objectContaining({ cpiTriggerBp }), versionId });
    });

    it('reports a missing parameter before the first version instead of guessing', () => {
      expect(resolvePriceSubsidyTriggers(catalog, '2024-12-31')).toEqual({ ok: false, reason: 'missing_parameter', key: 'price-subsidy.triggers' });
    });

    it('reports a malformed published value', () => {
      const broken = { ...lowered, value: { cpiTriggerBp: '300' } };
      expect(resolvePriceSubsidyTriggers([broken], '2025-08-01')).toEqual({ ok: false, reason: 'invalid_parameter', key: 'price-subsidy.triggers' });
    });
  });
});
