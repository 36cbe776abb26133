import { fullScores } from './assessment-inputs.fixtures';
import { ItemCode } from './items';
import { DEFAULT_SELF_CARE_MAPPING, deriveSelfCareAbility, selfCareAbilityFor, SelfCareMapping } from './self-care-ability';

const derive = (overrides: Partial<Record<ItemCode, number>>, mapping: SelfCareMapping = DEFAULT_SELF_CARE_MAPPING) =>
  deriveSelfCareAbility({ ...fullScores(), ...overrides }, mapping);

const lostActivities = (overrides: Partial<Record<ItemCode, number>>, mapping?: SelfCareMapping) =>
  derive(overrides, mapping)
    .activities.filter((a) => a.cannotDo)
    .map((a) => a.activity);

describe('self-care ability for the special-hardship scheme (policy.md §3, from the elder assessment)', () => {
  describe('the six activities counted: 0 → full, 1–3 → partly lost, 4 or more → fully lost', () => {
    it.each([
      [0, 'full'],
      [1, 'partly_lost'],
      [3, 'partly_lost'],
      [4, 'fully_lost'],
      [6, 'fully_lost'],
    ] as const)('%i activities that cannot be done → %s', (lost, ability) => {
      expect(selfCareAbilityFor(lost, DEFAULT_SELF_CARE_MAPPING)).toBe(ability);
    });

    it('takes the counts from the parameters', () => {
      const mapping = { ...DEFAULT_SELF_CARE_MAPPING, partlyLostFromActivities: 2, fullyLostFromActivities: 5 };
      expect([1, 2, 4, 5].map((n) => selfCareAbilityFor(n, mapping))).toEqual(['full', 'partly_lost', 'partly_lost', 'fully_lost']);
    });
  });

  describe('an activity cannot be done when its item scores 1 or 0 of 4 (mainly or fully relies on others)', () => {
    it.each([
      [4, false],
      [2, false],
      [1, true],
      [0, true],
    ])('eating scored %i → cannot do %p', (eating, cannotDo) => {
      expect(derive({ 'SELF_CARE.EATING': eating }).activities[0]).toEqual({
        activity: 'eating',
        items: [{ item: 'SELF_CARE.EATING', score: eating }],
        worstScore: eating,
        cannotDoAtOrBelow: 1,
        cannotDo,
      });
    });

    it('gives full self-care to someone who needs help but does most of each activity themselves (all 2)', () => {
      const twos = { 'SELF_CARE.EATING': 2, 'SELF_CARE.BATHING': 2, 'SELF_CARE.UPPER_DRESSING': 2, 'SELF_CARE.LOWER_DRESSING': 2, 'SELF_CARE.TOILETING': 2, 'BASIC_MOBILITY.BED_TRANSFER': 2, 'BASIC_MOBILITY.LEVEL_WALKING': 2 };
      expect(derive(twos).ability).toBe('full');
    });

    it('takes the threshold from the parameters', () => {
      const mapping = structuredClone(DEFAULT_SELF_CARE_MAPPING);
      mapping.activities.eating.cannotDoAtOrBelow = 2;
      expect(lostActivities({ 'SELF_CARE.EATING': 2 }, mapping)).toEqual(['eating']);
    });
  });

  describe('which items stand for which activity', () => {
    it.each([
      ['SELF_CARE.UPPER_DRESSING', ['dressing']],
      ['SELF_CARE.LOWER_DRESSING', ['dressing']],
      ['BASIC_MOBILITY.BED_TRANSFER', ['getting_in_out_of_bed']],
      ['BASIC_MOBILITY.LEVEL_WALKING', ['walking_indoors']],
      ['SELF_CARE.TOILETING', ['toileting']],
      ['SELF_CARE.BATHING', ['bathing']],
      ['BASIC_MOBILITY.BED_CHAIR_TRANSFER', []],
      ['BASIC_MOBILITY.STAIRS', []],
      ['SELF_CARE.GROOMING', []],
      ['SELF_CARE.URINE_CONTROL', []],
    ] as const)('%s at 0 makes %p impossible', (item, activities) => {
      expect(lostActivities({ [item]: 0 })).toEqual(activities);
    });

    it('decides dressing by the worse of upper and lower dressing, and counts it once', () => {
      const r = derive({ 'SELF_CARE.UPPER_DRESSING': 4, 'SELF_CARE.LOWER_DRESSING': 1 });
      expect(r.activities[1]).toMatchObject({ activity: 'dressing', worstScore: 1, cannotDo: true });
      expect(derive({ 'SELF_CARE.UPPER_DRESSING': 0, 'SELF_CARE.LOWER_DRESSING': 0 }).activitiesLost).toBe(1);
    });
  });

  it('counts four activities that cannot be done as fully lost', () => {
    const r = derive({ 'SELF_CARE.EATING': 0, 'SELF_CARE.BATHING': 1, 'SELF_CARE.TOILETING': 1, 'BASIC_MOBILITY.LEVEL_WALKING': 0 });
    expect(r).toMatchObject({ activitiesLost: 4, ability: 'fully_lost', partlyLostFromActivities: 1, fullyLostFromActivities: 4 });
  });

  it('counts three activities lost as partly lost', () => {
    expect(derive({ 'SELF_CARE.EATING': 0, 'SELF_CARE.BATHING': 1, 'SELF_CARE.TOILETING': 1 }).ability).toBe('partly_lost');
  });
});
