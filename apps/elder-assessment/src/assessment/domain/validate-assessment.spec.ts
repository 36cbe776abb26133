import { DEFAULT_ELDER_PARAMETERS, DEFAULT_ITEM_SCORE_RANGES, elderParameterVersion, resolveElderParameters } from './assessment-parameters';
import { ASSESSED_ON, assessmentWith, defaultParams, fullScores, scoresWithTotal } from './assessment-inputs.fixtures';
import { ElderAssessmentInput } from './assessment-input';
import { validateAssessment } from './validate-assessment';

const problemsOf = (input: ElderAssessmentInput, params = defaultParams()) => validateAssessment(input, params).map((p) => `${p.field}: ${p.reason}`);

describe('validating an assessment form: all 26 items, whole points within each item’s range, nothing else', () => {
  it('accepts a complete form, at the maximum and at the minimum of every item', () => {
    expect(problemsOf(assessmentWith({ scores: fullScores() }))).toEqual([]);
    expect(problemsOf(assessmentWith({ total: 0 }))).toEqual([]);
  });

  it('names a missing item: a level may only be computed from a complete form', () => {
    const { 'SELF_CARE.EATING': _eating, ...rest } = fullScores();
    expect(problemsOf(assessmentWith({ scores: rest }))).toEqual(['scores.SELF_CARE.EATING: missing']);
  });

  it('explains a problem in Chinese and English, naming the item', () => {
    const { 'SELF_CARE.EATING': _eating, ...rest } = fullScores();
    const [p] = validateAssessment(assessmentWith({ scores: rest }), defaultParams());
    expect(p.message.zh).toContain('「进食」未评分');
    expect(p.message.en).toContain('"eating" is not scored');
  });

  it.each([
    ['BASIC_MOBILITY.STAIRS', 4, 'stairs score 0–3'],
    ['MENTAL_STATE.AGGRESSION', 2, 'aggressive behaviour scores 0–1'],
    ['MENTAL_STATE.CONSCIOUSNESS', 3, 'consciousness scores 0–2'],
    ['PERCEPTION_SOCIAL.VISION', 3, 'vision scores 0–2'],
    ['SELF_CARE.EATING', 5, 'eating scores 0–4'],
    ['SELF_CARE.EATING', -1, 'no item scores below 0'],
  ])('refuses %s = %i as out of range (%s)', (item, score) => {
    expect(problemsOf(assessmentWith({ scores: { ...fullScores(), [item]: score } }))).toEqual([`scores.${item}: out_of_range`]);
  });

  it('states the range in force in the message', () => {
    const [p] = validateAssessment(assessmentWith({ scores: { ...fullScores(), 'BASIC_MOBILITY.STAIRS': 4 } }), defaultParams());
    expect(p.message.zh).toBe('「上下楼梯」的评分应在 0–3 分之间，收到 4。');
  });

  it.each([[2.5], ['3'], [Number.NaN], [true]])('refuses %p as not a whole number of points', (score) => {
    const scores = { ...fullScores(), 'SELF_CARE.BATHING': score } as unknown as Record<string, number>;
    expect(problemsOf(assessmentWith({ scores }))).toEqual(['scores.SELF_CARE.BATHING: not_integer']);
  });

  it('refuses an item that is not on the form, even when all 26 are there', () => {
    expect(problemsOf(assessmentWith({ scores: { ...fullScores(), 'SELF_CARE.SWIMMING': 4 } }))).toEqual(['scores.SELF_CARE.SWIMMING: unknown_item']);
  });

  it('reports every problem at once', () => {
    const { 'MENTAL_STATE.MEMORY': _m, ...rest } = fullScores();
    expect(problemsOf(assessmentWith({ scores: { ...rest, 'SELF_CARE.EATING': 9, 'PERCEPTION_SOCIAL.HEARING': 1.5, extra: 1 } }))).toEqual([
      'scores.SELF_CARE.EATING: out_of_range',
      'scores.MENTAL_STATE.MEMORY: missing',
      'scores.PERCEPTION_SOCIAL.HEARING: not_integer',
      'scores.extra: unknown_item',
    ]);
  });

  describe('conditions and dates', () => {
    it('refuses a care-risk event of an unknown kind or without a real date', () => {
      const input = assessmentWith({ conditions: { careRiskEvents: [{ kind: 'burn', on: '2025-06-01' }, { kind: 'fall', on: '2025-06-31' }] as never } });
      expect(problemsOf(input)).toEqual(['conditions.careRiskEvents[0].kind: unknown_kind', 'conditions.careRiskEvents[1].on: invalid_date']);
    });

    it('refuses a care-risk event dated after the assessment: the assessors cannot have known it, so it is a typing error', () => {
      const input = assessmentWith({ conditions: { careRiskEvents: [{ kind: 'fall', on: '2025-06-16' }] } });
      expect(problemsOf(input)).toEqual(['conditions.careRiskEvents[0].on: after_assessment']);
    });

    it('accepts a care-risk event on the assessment day itself', () => {
      expect(problemsOf(assessmentWith({ conditions: { careRiskEvents: [{ kind: 'choking', on: ASSESSED_ON }] } }))).toEqual([]);
    });

    it('refuses a missing flag and an invalid assessment date', () => {
      const input = { ...assessmentWith(), assessedOn: '15/06/2025', conditions: { coma: false, dementiaDiagnosed: 'no', careRiskEvents: [] } } as unknown as ElderAssessmentInput;
      expect(problemsOf(input)).toEqual(['assessedOn: invalid_date', 'conditions.dementiaDiagnosed: not_boolean', 'conditions.psychiatricDisorderDiagnosed: not_boolean']);
    });
  });

  describe('a corrected item range is a new parameter version and applies only from its date', () => {
    // Hypothetical correction for the test: stairs re-published as 0–4 from 2026-01-01.
    const corrected = elderParameterVersion(
      'elder.item-score-ranges',
      { ...DEFAULT_ITEM_SCORE_RANGES, 'BASIC_MOBILITY.STAIRS': { min: 0, max: 4 } },
      '2026-01-01',
      'test: corrected stairs range',
    );
    const catalog = [...DEFAULT_ELDER_PARAMETERS, corrected];
    const paramsOn = (on: string) => {
      const r = resolveElderParameters(catalog, on);
      if (!r.ok) throw new Error('unresolved');
      return r.value;
    };
    const stairsFour = (on: string) => assessmentWith({ scores: scoresWithTotal(60, { 'BASIC_MOBILITY.STAIRS': 4 }), assessedOn: on });

    it('still refuses stairs = 4 the day before the correction takes effect', () => {
      expect(problemsOf(stairsFour('2025-12-31'), paramsOn('2025-12-31'))).toEqual(['scores.BASIC_MOBILITY.STAIRS: out_of_range']);
    });

    it('accepts stairs = 4 from the day the correction takes effect', () => {
      expect(problemsOf(stairsFour('2026-01-01'), paramsOn('2026-01-01'))).toEqual([]);
      expect(paramsOn('2026-01-01').versions['elder.item-score-ranges']).toBe('elder.item-score-ranges@2026-01-01');
    });
  });
});
