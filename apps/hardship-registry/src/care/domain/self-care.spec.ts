import { bornYearsBefore, defaultParams } from '../../persons/domain/person-facts.fixtures';
import { ABILITY_LEVELS, AbilityLevel, SelfCareAbility } from '../../persons/domain/vocabulary';
import { ActivitiesRecord, determineSelfCare, SELF_CARE_ACTIVITIES, selfCareFromAbilityLevel, selfCareFromActivities } from './self-care';

const ON = '2026-03-02';
const params = defaultParams(ON);

/** A record in which the first `lost` of the six activities cannot be done. */
function losing(lost: number): ActivitiesRecord {
  return Object.fromEntries(SELF_CARE_ACTIVITIES.map((a, i) => [a, i >= lost])) as unknown as ActivitiesRecord;
}

describe('self-care ability from the six activities (民发〔2021〕43号 生活自理能力评估)', () => {
  it.each<[number, SelfCareAbility]>([
    [0, 'full'],
    [1, 'partly_lost'],
    [3, 'partly_lost'],
    [4, 'fully_lost'],
    [6, 'fully_lost'],
  ])('%i of six activities lost → %s', (lost, ability) => {
    const d = selfCareFromActivities(losing(lost), params);
    expect(d.ability).toBe(ability);
    expect(d.source === 'activities' && d.activitiesLost).toHaveLength(lost);
  });

  it('names the activities lost and the thresholds, and the parameter version used', () => {
    const d = selfCareFromActivities({ ...losing(0), bathing: false, toileting: false }, params);
    expect(d.message.zh).toBe('六项指标中 2 项不能达到（自主如厕、自主洗澡）；不能达到 1 项起为部分丧失、4 项起为完全丧失：部分丧失生活自理能力（半失能）。');
    expect(d.parameterVersions).toEqual({ 'hardship.self-care.activities': 'hardship.self-care.activities@2025-01-01' });
  });

  it('follows a province that publishes other thresholds', () => {
    const d = selfCareFromActivities(losing(3), { ...params, selfCareActivities: { partlyLostFromActivities: 2, fullyLostFromActivities: 3 } });
    expect(d.ability).toBe('fully_lost');
  });
});

describe('self-care ability of a person aged 60 or over, from the elder ability assessment (GB/T 42195-2022)', () => {
  it.each<[AbilityLevel, SelfCareAbility]>([
    ['intact', 'full'],
    ['mild', 'partly_lost'],
    ['moderate', 'partly_lost'],
    ['severe', 'fully_lost'],
    ['complete', 'fully_lost'],
  ])('ability level %s → %s (the placeholder mapping)', (level, ability) => {
    const d = selfCareFromAbilityLevel({ assessmentId: 'a-1', level, assessedOn: '2026-02-10' }, params);
    expect(d).toMatchObject({ ability, source: 'elder_assessment', assessment: { assessmentId: 'a-1', level } });
    expect(d.parameterVersions).toEqual({ 'hardship.self-care.ability-levels': 'hardship.self-care.ability-levels@2025-01-01' });
  });

  it('maps every ability level', () => {
    expect(Object.keys(params.selfCareAbilityLevels.tiers).sort()).toEqual([...ABILITY_LEVELS].sort());
  });
});

describe('which source decides the tier', () => {
  const assessment = { assessmentId: 'a-1', level: 'severe' as const, assessedOn: '2026-02-10' };

  it('a person aged exactly 60 takes the tier from the elder ability assessment', () => {
    const r = determineSelfCare({ birthDate: bornYearsBefore(ON, 60), on: ON, activities: null, elderAssessment: assessment }, params);
    expect(r.ok && r.value).toMatchObject({ source: 'elder_assessment', ability: 'fully_lost' });
  });

  it('a person aged 60 or over without an assessment yet waits for one (named violation)', () => {
    const r = determineSelfCare({ birthDate: bornYearsBefore(ON, 72), on: ON, activities: null, elderAssessment: null }, params);
    expect(!r.ok && r.violation).toMatchObject({ code: 'HARDSHIP.SELF_CARE.AWAITING_ELDER_ASSESSMENT', kind: 'conflict' });
  });

  it('the six activities are not recorded here for a person aged 60 or over', () => {
    const r = determineSelfCare({ birthDate: bornYearsBefore(ON, 60), on: ON, activities: losing(2), elderAssessment: assessment }, params);
    expect(!r.ok && r.violation).toMatchObject({ code: 'HARDSHIP.SELF_CARE.FROM_ELDER_ASSESSMENT', kind: 'invalid', fields: [{ field: 'activities' }] });
  });

  it('a person aged 59 takes the tier from the six activities recorded here', () => {
    const r = determineSelfCare({ birthDate: bornYearsBefore(ON, 59), on: ON, activities: losing(4), elderAssessment: null }, params);
    expect(r.ok && r.value).toMatchObject({ source: 'activities', ability: 'fully_lost' });
  });

  it('a person under 60 needs all six activities recorded', () => {
    const none = determineSelfCare({ birthDate: bornYearsBefore(ON, 30), on: ON, activities: null, elderAssessment: null }, params);
    expect(!none.ok && none.violation.code).toBe('HARDSHIP.SELF_CARE.ACTIVITIES_REQUIRED');
    const partial = { eating: true, dressing: true } as unknown as ActivitiesRecord;
    const some = determineSelfCare({ birthDate: bornYearsBefore(ON, 30), on: ON, activities: partial, elderAssessment: null }, params);
    expect(!some.ok && some.violation).toMatchObject({ code: 'HARDSHIP.SELF_CARE.ACTIVITIES_INCOMPLETE' });
    expect(!some.ok && some.violation.fields?.map((f) => f.field)).toEqual(['activities.getting_in_out_of_bed', 'activities.toileting', 'activities.walking_indoors', 'activities.bathing']);
  });
});
