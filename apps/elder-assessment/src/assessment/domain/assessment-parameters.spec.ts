import {
  DEFAULT_ELDER_PARAMETERS,
  DEFAULT_ITEM_SCORE_RANGES,
  DEFAULT_LEVEL_CUT_OFFS,
  ELDER_PARAMETER_KEYS,
  ELDER_SEED_DATE,
  elderParameterVersion,
  ParameterVersion,
  resolveElderParameters,
} from './assessment-parameters';

const ALL_KEYS = Object.values(ELDER_PARAMETER_KEYS);

function resolved(versions: readonly ParameterVersion[], on: string) {
  const r = resolveElderParameters(versions, on);
  if (!r.ok) throw new Error(`expected parameters, missing ${r.missing.join(', ')}, invalid ${r.invalid.join(', ')}`);
  return r;
}

describe('elder-assessment parameters: every number is a dated, sourced version', () => {
  it('resolves the defaults on the seed date and names the version of every key used', () => {
    const r = resolved(DEFAULT_ELDER_PARAMETERS, ELDER_SEED_DATE);
    expect(Object.keys(r.versions).sort()).toEqual([...ALL_KEYS].sort());
    expect(r.versions['elder.level-cut-offs']).toBe('elder.level-cut-offs@2025-01-01');
    expect(r.value.versions).toEqual(r.versions);
    expect(r.value).toMatchObject({
      on: ELDER_SEED_DATE,
      levelCutOffs: { intact: 90, mild: 66, moderate: 46, severe: 30, complete: 0 },
      raiseRules: {
        coma: { setsLevel: 'complete' },
        dementiaOrPsychiatricDisorder: { raiseLevels: 1 },
        careRiskEvents: { minEvents: 2, windowDays: 30, raiseLevels: 1 },
      },
      raiseCap: { maxCombinedLevels: 1 },
      reassessmentInterval: { routineMonths: 12 },
    });
  });

  it('has no parameters for a date before anything was published, and names every missing key', () => {
    const r = resolveElderParameters(DEFAULT_ELDER_PARAMETERS, '2024-12-31');
    expect(r).toEqual({ ok: false, missing: ALL_KEYS, invalid: [] });
  });

  it('states for every default whether it comes from GB/T 42195-2022, the hardship rules, or is an illustrative default', () => {
    for (const v of DEFAULT_ELDER_PARAMETERS) {
      expect(v.legalSource).toMatch(/GB\/T 42195-2022|民发〔2021〕43号|illustrative default/);
      expect(v.scope).toBe('');
      expect(v.versionId).toBe(`${v.key}@${v.validFrom}`);
    }
    const source = (key: string) => DEFAULT_ELDER_PARAMETERS.find((v) => v.key === key)?.legalSource;
    expect(source('elder.level-cut-offs')).toMatch(/^GB\/T 42195-2022/);
    expect(source('elder.raise-cap')).toMatch(/illustrative default/);
    expect(source('elder.reassessment-interval')).toMatch(/illustrative default/);
  });

  describe('which version is in force', () => {
    const stricter = elderParameterVersion('elder.raise-cap', { maxCombinedLevels: 2 }, '2026-01-01', 'test: a later publication');

    it('uses the latest version whose validFrom is on or before the date', () => {
      const catalog = [...DEFAULT_ELDER_PARAMETERS, stricter];
      expect(resolved(catalog, '2025-12-31').value.raiseCap.maxCombinedLevels).toBe(1);
      expect(resolved(catalog, '2026-01-01').value.raiseCap.maxCombinedLevels).toBe(2);
      expect(resolved(catalog, '2026-01-01').versions['elder.raise-cap']).toBe('elder.raise-cap@2026-01-01');
    });

    it('lets a re-publication on the same date replace the original: the later one in the list wins', () => {
      const correction = { ...elderParameterVersion('elder.raise-cap', { maxCombinedLevels: 0 }, ELDER_SEED_DATE, 'correction'), versionId: 'elder.raise-cap@2025-01-01#2' };
      const r = resolved([...DEFAULT_ELDER_PARAMETERS, correction], ELDER_SEED_DATE);
      expect(r.value.raiseCap.maxCombinedLevels).toBe(0);
      expect(r.versions['elder.raise-cap']).toBe('elder.raise-cap@2025-01-01#2');
    });

    it('ignores versions scoped to something other than the whole city', () => {
      const scoped = { ...stricter, scope: '640202', validFrom: ELDER_SEED_DATE };
      expect(resolved([...DEFAULT_ELDER_PARAMETERS, scoped], ELDER_SEED_DATE).value.raiseCap.maxCombinedLevels).toBe(1);
    });
  });

  describe('refuses a malformed value rather than assessing with it', () => {
    it.each([
      ['level cut-offs that do not fall from intact to complete', elderParameterVersion('elder.level-cut-offs', { ...DEFAULT_LEVEL_CUT_OFFS, mild: 20 }, '2025-02-01', 'bad')],
      ['level cut-offs where complete does not start at 0', elderParameterVersion('elder.level-cut-offs', { ...DEFAULT_LEVEL_CUT_OFFS, complete: 1 }, '2025-02-01', 'bad')],
      [
        'item ranges missing an item',
        elderParameterVersion(
          'elder.item-score-ranges',
          Object.fromEntries(Object.entries(DEFAULT_ITEM_SCORE_RANGES).filter(([c]) => c !== 'SELF_CARE.EATING')) as typeof DEFAULT_ITEM_SCORE_RANGES,
          '2025-02-01',
          'bad',
        ),
      ],
      ['an item range with min above max', elderParameterVersion('elder.item-score-ranges', { ...DEFAULT_ITEM_SCORE_RANGES, 'BASIC_MOBILITY.STAIRS': { min: 3, max: 1 } }, '2025-02-01', 'bad')],
      ['a care-risk window of 0 days', elderParameterVersion('elder.raise-rules', { ...resolved(DEFAULT_ELDER_PARAMETERS, ELDER_SEED_DATE).value.raiseRules, careRiskEvents: { minEvents: 2, windowDays: 0, raiseLevels: 1 } }, '2025-02-01', 'bad')],
      ['a re-assessment interval of 0 months', elderParameterVersion('elder.reassessment-interval', { routineMonths: 0 }, '2025-02-01', 'bad')],
    ])('%s', (_why, bad) => {
      const r = resolveElderParameters([...DEFAULT_ELDER_PARAMETERS, bad], '2025-03-01');
      expect(r).toEqual({ ok: false, missing: [], invalid: [bad.key] });
    });

    it('refuses a self-care mapping naming an item that does not exist', () => {
      const mapping = structuredClone(resolved(DEFAULT_ELDER_PARAMETERS, ELDER_SEED_DATE).value.selfCareMapping);
      (mapping.activities.eating.items as string[]) = ['SELF_CARE.FEEDING'];
      const r = resolveElderParameters([...DEFAULT_ELDER_PARAMETERS, elderParameterVersion('elder.self-care-mapping', mapping, '2025-02-01', 'bad')], '2025-03-01');
      expect(r).toEqual({ ok: false, missing: [], invalid: ['elder.self-care-mapping'] });
    });
  });

  it('hands out a copy: changing resolved parameters does not change the catalog', () => {
    const r = resolved(DEFAULT_ELDER_PARAMETERS, ELDER_SEED_DATE);
    r.value.levelCutOffs.mild = 70;
    expect(resolved(DEFAULT_ELDER_PARAMETERS, ELDER_SEED_DATE).value.levelCutOffs.mild).toBe(66);
  });

  it('treats a date that is not a calendar date as a programming error', () => {
    expect(() => resolveElderParameters(DEFAULT_ELDER_PARAMETERS, '2025-02-30')).toThrow(RangeError);
  });
});
