import { AbilityLevel } from './ability-level';
import { AssessmentConditions } from './assessment-input';
import { ASSESSED_ON, assessmentWith, defaultParams, eventsDaysBefore, fullScores, scoresWithTotal } from './assessment-inputs.fixtures';
import { ElderAssessmentParameters } from './assessment-parameters';
import { AssessmentResult } from './assessment-result';
import { careRiskEventsInWindow, scoreAssessment } from './score-assessment';

type Conditions = Partial<AssessmentConditions>;

/** Totals at the middle of each band, so only the raises move the level. */
const TOTAL: Record<AbilityLevel, number> = { intact: 90, mild: 75, moderate: 55, severe: 40, complete: 10 };

function score(total: number, conditions: Conditions = {}, params: ElderAssessmentParameters = defaultParams()): AssessmentResult {
  return scoreAssessment(assessmentWith({ total, conditions }), params);
}

const withCap = (maxCombinedLevels: number) => defaultParams(ASSESSED_ON, (p) => (p.raiseCap = { maxCombinedLevels }));
const twoFalls = () => eventsDaysBefore(ASSESSED_ON, 3, 10);
const raisesOf = (r: AssessmentResult) => r.raises.map((x) => `${x.code} ${x.from}→${x.to} (${x.levels}${x.limitedBy ? `, limited by ${x.limitedBy}` : ''})`);

describe('elder ability assessment (GB/T 42195-2022; policy.md §5)', () => {
  describe('the level by total: 90 intact, 66–89 mild, 46–65 moderate, 30–45 severe, 0–29 complete', () => {
    it.each([
      [90, 'intact', 'only the full 90 is intact'],
      [89, 'mild', 'one point short of 90 is already mild loss'],
      [66, 'mild', 'the lowest total of mild loss'],
      [65, 'moderate', 'the highest total of moderate loss'],
      [46, 'moderate', 'the lowest total of moderate loss'],
      [45, 'severe', 'the highest total of severe loss'],
      [30, 'severe', 'the lowest total of severe loss'],
      [29, 'complete', 'the highest total of complete loss'],
      [0, 'complete', 'no points at all'],
    ] as [number, AbilityLevel, string][])('a total of %i is %s (%s)', (total, level) => {
      const r = score(total);
      expect(r.total).toBe(total);
      expect(r.preliminaryLevel).toBe(level);
      expect(r.finalLevel).toBe(level);
      expect(r.raises).toEqual([]);
    });

    it('a total of 65 is moderate loss of ability, and the explanation names the band 46–65', () => {
      const line = score(65).explanation.find((e) => e.code === 'ELDER.LEVEL_BY_TOTAL');
      expect(line?.args).toEqual({ total: 65, level: 'moderate', lowestTotal: 46, highestTotal: 65 });
    });

    it('follows published cut-offs, not numbers in code', () => {
      const params = defaultParams(ASSESSED_ON, (p) => (p.levelCutOffs = { ...p.levelCutOffs, mild: 70 }));
      expect(score(69, {}, params).preliminaryLevel).toBe('moderate');
      expect(score(70, {}, params).preliminaryLevel).toBe('mild');
    });
  });

  it('adds each indicator from its items, in form order', () => {
    const scores = { ...fullScores(), 'SELF_CARE.EATING': 2, 'BASIC_MOBILITY.STAIRS': 0, 'MENTAL_STATE.DEPRESSION': 0, 'PERCEPTION_SOCIAL.VISION': 1 };
    const r = scoreAssessment(assessmentWith({ scores }), defaultParams());
    expect(r.subtotals.map((s) => [s.indicator, s.score, s.maxScore])).toEqual([
      ['SELF_CARE', 30, 32],
      ['BASIC_MOBILITY', 12, 15],
      ['MENTAL_STATE', 27, 28],
      ['PERCEPTION_SOCIAL', 14, 15],
    ]);
    expect(r.subtotals[0].items[0]).toEqual({ item: 'SELF_CARE.EATING', score: 2, maxScore: 4 });
    expect(r.subtotals[3].items.map((i) => i.item)).toEqual([
      'PERCEPTION_SOCIAL.VISION',
      'PERCEPTION_SOCIAL.HEARING',
      'PERCEPTION_SOCIAL.DAILY_AFFAIRS',
      'PERCEPTION_SOCIAL.TRANSPORT',
      'PERCEPTION_SOCIAL.SOCIAL_CONTACT',
    ]);
    expect([r.total, r.maxTotal]).toEqual([83, 90]);
  });

  describe('raises: special situations move the level towards complete loss of ability', () => {
    it('assesses a person in a coma directly as complete loss, whatever the total', () => {
      const r = score(TOTAL.mild, { coma: true });
      expect(r.preliminaryLevel).toBe('mild');
      expect(r.finalLevel).toBe('complete');
      expect(raisesOf(r)).toEqual(['ELDER.RAISE.COMA mild→complete (3)']);
    });

    it('is not capped for coma: coma sets the level, it is not a step up', () => {
      expect(score(TOTAL.intact, { coma: true }, withCap(0)).finalLevel).toBe('complete');
    });

    it('raises one level for diagnosed dementia', () => {
      const r = score(TOTAL.moderate, { dementiaDiagnosed: true });
      expect(r.finalLevel).toBe('severe');
      expect(r.raises).toEqual([
        {
          code: 'ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER',
          from: 'moderate',
          to: 'severe',
          levels: 1,
          requestedLevels: 1,
          limitedBy: null,
          why: { dementiaDiagnosed: true, psychiatricDisorderDiagnosed: false, maxCombinedLevels: 1 },
        },
      ]);
    });

    it('raises one level for a diagnosed psychiatric disorder', () => {
      expect(score(TOTAL.intact, { psychiatricDisorderDiagnosed: true }).finalLevel).toBe('mild');
    });

    it('raises only one level for dementia and a psychiatric disorder together: it is one rule', () => {
      const r = score(TOTAL.moderate, { dementiaDiagnosed: true, psychiatricDisorderDiagnosed: true }, withCap(2));
      expect(r.finalLevel).toBe('severe');
      expect(r.raises).toHaveLength(1);
    });

    it('raises one level for two care-risk events within 30 days', () => {
      const r = score(TOTAL.severe, { careRiskEvents: twoFalls() });
      expect(r.finalLevel).toBe('complete');
      expect(raisesOf(r)).toEqual(['ELDER.RAISE.CARE_RISK_EVENTS severe→complete (1)']);
    });

    it('does not raise for a single care-risk event', () => {
      expect(score(TOTAL.severe, { careRiskEvents: eventsDaysBefore(ASSESSED_ON, 0) }).finalLevel).toBe('severe');
    });

    it('counts events of different kinds together', () => {
      const events = [
        { kind: 'choking' as const, on: '2025-06-01' },
        { kind: 'wandering' as const, on: '2025-06-14' },
      ];
      expect(score(TOTAL.mild, { careRiskEvents: events }).finalLevel).toBe('moderate');
    });

    it('raises dementia plus two care-risk events together by one level only, under the default cap', () => {
      const r = score(TOTAL.moderate, { dementiaDiagnosed: true, careRiskEvents: twoFalls() });
      expect(r.finalLevel).toBe('severe');
      expect(raisesOf(r)).toEqual([
        'ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER moderate→severe (1)',
        'ELDER.RAISE.CARE_RISK_EVENTS severe→severe (0, limited by cap)',
      ]);
    });

    it('raises dementia plus two care-risk events by two levels when the cap is 2', () => {
      const r = score(TOTAL.moderate, { dementiaDiagnosed: true, careRiskEvents: twoFalls() }, withCap(2));
      expect(r.finalLevel).toBe('complete');
      expect(raisesOf(r)).toEqual([
        'ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER moderate→severe (1)',
        'ELDER.RAISE.CARE_RISK_EVENTS severe→complete (1)',
      ]);
    });

    it('never raises beyond complete: from severe with a cap of 2, the second raise has nowhere to go', () => {
      const r = score(TOTAL.severe, { dementiaDiagnosed: true, careRiskEvents: twoFalls() }, withCap(2));
      expect(r.finalLevel).toBe('complete');
      expect(raisesOf(r)).toEqual([
        'ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER severe→complete (1)',
        'ELDER.RAISE.CARE_RISK_EVENTS complete→complete (0, limited by complete)',
      ]);
    });

    it('leaves complete loss of ability at complete when a raise applies', () => {
      const r = score(TOTAL.complete, { dementiaDiagnosed: true });
      expect(r.finalLevel).toBe('complete');
      expect(raisesOf(r)).toEqual(['ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER complete→complete (0, limited by complete)']);
    });

    it('lets coma override the other raises, recording them as met but superseded', () => {
      const r = score(TOTAL.mild, { coma: true, dementiaDiagnosed: true, careRiskEvents: twoFalls() }, withCap(2));
      expect(r.finalLevel).toBe('complete');
      expect(raisesOf(r)).toEqual([
        'ELDER.RAISE.COMA mild→complete (3)',
        'ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER complete→complete (0, limited by coma)',
        'ELDER.RAISE.CARE_RISK_EVENTS complete→complete (0, limited by coma)',
      ]);
    });

    it('follows a raise of more than one level when the parameters say so, still within the cap', () => {
      const params = defaultParams(ASSESSED_ON, (p) => {
        p.raiseRules.dementiaOrPsychiatricDisorder.raiseLevels = 2;
      });
      expect(raisesOf(score(TOTAL.intact, { dementiaDiagnosed: true }, params))).toEqual([
        'ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER intact→mild (1, limited by cap)',
      ]);
    });
  });

  describe('the care-risk window: the 30 days ending on the assessment date', () => {
    it.each([
      [[0, 29], true, 'on the assessment day and 29 days before: both within the 30 days'],
      [[3, 30], false, 'an event 30 days before falls on day 31 of the count'],
      [[3, 31], false, 'an event 31 days old does not count'],
      [[31, 40], false, 'two old events do not count'],
      [[1, 2], true, 'exactly two within the window count'],
    ])('events %p days before → raised %p (%s)', (daysBefore, raised) => {
      const r = score(TOTAL.mild, { careRiskEvents: eventsDaysBefore(ASSESSED_ON, ...daysBefore) });
      expect(r.finalLevel).toBe(raised ? 'moderate' : 'mild');
    });

    it('records which events counted (oldest first) and the window, as dates', () => {
      const events = eventsDaysBefore(ASSESSED_ON, 1, 2, 45);
      const r = score(TOTAL.mild, { careRiskEvents: events });
      const raise = r.raises[0];
      expect(raise.code).toBe('ELDER.RAISE.CARE_RISK_EVENTS');
      expect(raise.why).toEqual({
        eventsInWindow: [
          { kind: 'fall', on: '2025-06-13' },
          { kind: 'fall', on: '2025-06-14' },
        ],
        eventsRecorded: 3,
        minEvents: 2,
        windowDays: 30,
        windowFrom: '2025-05-17',
        windowTo: '2025-06-15',
        maxCombinedLevels: 1,
      });
    });

    it('takes the window length from the parameters', () => {
      const params = defaultParams(ASSESSED_ON, (p) => (p.raiseRules.careRiskEvents.windowDays = 60));
      expect(score(TOTAL.mild, { careRiskEvents: eventsDaysBefore(ASSESSED_ON, 3, 45) }, params).finalLevel).toBe('moderate');
    });

    it('spans month ends by calendar days', () => {
      expect(careRiskEventsInWindow([], '2025-03-01', 30).windowFrom).toBe('2025-01-31');
    });
  });

  describe('the explanation, recorded as data', () => {
    it('lists sub-totals, total, preliminary level, each raise rule considered, the final level and self-care, in that order', () => {
      const r = score(TOTAL.moderate, { dementiaDiagnosed: true });
      expect(r.explanation.map((e) => e.code)).toEqual([
        'ELDER.SUBTOTAL',
        'ELDER.SUBTOTAL',
        'ELDER.SUBTOTAL',
        'ELDER.SUBTOTAL',
        'ELDER.TOTAL',
        'ELDER.LEVEL_BY_TOTAL',
        'ELDER.RAISE.COMA',
        'ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER',
        'ELDER.RAISE.CARE_RISK_EVENTS',
        'ELDER.FINAL_LEVEL',
        'ELDER.SELF_CARE.ACTIVITY',
        'ELDER.SELF_CARE.ACTIVITY',
        'ELDER.SELF_CARE.ACTIVITY',
        'ELDER.SELF_CARE.ACTIVITY',
        'ELDER.SELF_CARE.ACTIVITY',
        'ELDER.SELF_CARE.ACTIVITY',
        'ELDER.SELF_CARE.ABILITY',
      ]);
    });

    it('keeps the facts and parameter values of each raise line, met or not', () => {
      const r = score(TOTAL.moderate, { dementiaDiagnosed: true, careRiskEvents: eventsDaysBefore(ASSESSED_ON, 5) });
      const args = (code: string) => r.explanation.find((e) => e.code === code)?.args;
      expect(args('ELDER.RAISE.COMA')).toEqual({ met: false, setsLevel: 'complete', applied: null });
      expect(args('ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER')).toEqual({
        met: true,
        dementiaDiagnosed: true,
        psychiatricDisorderDiagnosed: false,
        maxCombinedLevels: 1,
        raiseLevels: 1,
        applied: { from: 'moderate', to: 'severe', levels: 1, requestedLevels: 1, limitedBy: null },
      });
      expect(args('ELDER.RAISE.CARE_RISK_EVENTS')).toMatchObject({ met: false, eventsInWindow: [{ kind: 'fall', on: '2025-06-10' }], minEvents: 2, applied: null });
      expect(args('ELDER.FINAL_LEVEL')).toEqual({ preliminaryLevel: 'moderate', level: 'severe', levelsRaised: 1 });
    });

    it('names the parameter versions it used', () => {
      expect(score(TOTAL.mild).parameterVersions).toMatchObject({ 'elder.level-cut-offs': 'elder.level-cut-offs@2025-01-01', 'elder.raise-cap': 'elder.raise-cap@2025-01-01' });
    });

    it('is deterministic: the same input and parameters give a deep-equal result', () => {
      const input = assessmentWith({ total: 50, conditions: { dementiaDiagnosed: true, careRiskEvents: twoFalls() } });
      expect(scoreAssessment(input, defaultParams())).toEqual(scoreAssessment(input, defaultParams()));
    });
  });

  it('derives the self-care ability from the same scores, independently of the level', () => {
    // 40 points: mental state and social participation at 0, eating 1 and bathing 0, the rest full.
    const scores = scoresWithTotal(40, { 'SELF_CARE.EATING': 1, 'SELF_CARE.BATHING': 0 });
    const r = scoreAssessment(assessmentWith({ scores }), defaultParams());
    expect(r.finalLevel).toBe('severe');
    expect(r.selfCare.activities.filter((a) => a.cannotDo).map((a) => a.activity)).toEqual(['eating', 'bathing']);
    expect(r.selfCare.ability).toBe('partly_lost');
  });

  describe('programming errors throw', () => {
    it('refuses to score an invalid form: validate first', () => {
      expect(() => scoreAssessment(assessmentWith({ scores: { ...fullScores(), 'BASIC_MOBILITY.STAIRS': 4 } }), defaultParams())).toThrow(
        /scores\.BASIC_MOBILITY\.STAIRS: out_of_range/,
      );
    });

    it('refuses parameters resolved for another date than the assessment', () => {
      expect(() => scoreAssessment(assessmentWith({ assessedOn: '2025-06-16' }), defaultParams('2025-06-15'))).toThrow(/resolved for 2025-06-15/);
    });
  });
});
