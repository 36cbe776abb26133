import { ageOn, LocalDate, LocalizedText, Outcome, ruleViolation, succeed, violate } from '@jiuzhu/common';
import { HARDSHIP_PARAMETER_KEYS as K } from '../../parameters/domain/parameter-keys';
import { HardshipParameters } from '../../parameters/domain/resolve-parameters';
import { ABILITY_LEVEL_NAMES, AbilityLevel, SELF_CARE_ABILITY_NAMES, SelfCareAbility } from '../../persons/domain/vocabulary';

/**
 * Self-care ability (生活自理能力), which sets the care tier and so the care allowance.
 *
 * 民发〔2021〕43号《特困人员认定办法》（生活自理能力评估）: six activities — eating, dressing, getting
 * in and out of bed, toileting, walking indoors, bathing (自主吃饭、自主穿衣、自主上下床、自主如厕、
 * 室内行走、自主洗澡). All six done on one's own → full self-care (具备生活自理能力); 3 or fewer not
 * done (含3项) → partly lost (部分丧失); 4 or more (含4项) → fully lost (完全丧失). The counts are the
 * parameter `hardship.self-care.activities` (defaults 1 and 4).
 *
 * For a person aged 60 or over the tier comes from the elder ability assessment instead (policy.md §5
 * "Use of results": the care tier of special-hardship persons aged 60+): its level (GB/T 42195-2022)
 * maps to a tier by the parameter `hardship.self-care.ability-levels`, so an elder is not assessed
 * twice by two services that could disagree.
 */

export const SELF_CARE_ACTIVITIES = ['eating', 'dressing', 'getting_in_out_of_bed', 'toileting', 'walking_indoors', 'bathing'] as const;
export type SelfCareActivity = (typeof SELF_CARE_ACTIVITIES)[number];

export const SELF_CARE_ACTIVITY_NAMES: Readonly<Record<SelfCareActivity, LocalizedText>> = {
  eating: { zh: '自主吃饭', en: 'eating' },
  dressing: { zh: '自主穿衣', en: 'dressing' },
  getting_in_out_of_bed: { zh: '自主上下床', en: 'getting in and out of bed' },
  toileting: { zh: '自主如厕', en: 'toileting' },
  walking_indoors: { zh: '室内行走', en: 'walking indoors' },
  bathing: { zh: '自主洗澡', en: 'bathing' },
};

/** What the assessor recorded: for each of the six activities, whether the person does it on their own. */
export type ActivitiesRecord = Readonly<Record<SelfCareActivity, boolean>>;

/** The elder ability assessment's latest result, as the elder-assessment service announced it. */
export interface ElderAssessmentResult {
  assessmentId: string;
  level: AbilityLevel;
  assessedOn: LocalDate;
}

/** The tier, how it was found, and the parameter version it was found with. */
export type SelfCareDetermination =
  | {
      ability: SelfCareAbility;
      source: 'activities';
      /** The activities the person cannot do on their own. */
      activitiesLost: SelfCareActivity[];
      partlyLostFromActivities: number;
      fullyLostFromActivities: number;
      message: LocalizedText;
      parameterVersions: Record<string, string>;
    }
  | {
      ability: SelfCareAbility;
      source: 'elder_assessment';
      assessment: ElderAssessmentResult;
      message: LocalizedText;
      parameterVersions: Record<string, string>;
    };

/** The tier for a count of activities that cannot be done. */
export function selfCareAbilityFor(activitiesLost: number, t: HardshipParameters['selfCareActivities']): SelfCareAbility {
  if (activitiesLost >= t.fullyLostFromActivities) return 'fully_lost';
  if (activitiesLost >= t.partlyLostFromActivities) return 'partly_lost';
  return 'full';
}

/** The tier from the six activities recorded here. */
export function selfCareFromActivities(record: ActivitiesRecord, params: Pick<HardshipParameters, 'selfCareActivities' | 'versions'>): SelfCareDetermination {
  const t = params.selfCareActivities;
  const activitiesLost = SELF_CARE_ACTIVITIES.filter((a) => !record[a]);
  const ability = selfCareAbilityFor(activitiesLost.length, t);
  const tier = SELF_CARE_ABILITY_NAMES[ability];
  const lostZh = activitiesLost.length ? `（${activitiesLost.map((a) => SELF_CARE_ACTIVITY_NAMES[a].zh).join('、')}）` : '';
  const lostEn = activitiesLost.length ? ` (${activitiesLost.map((a) => SELF_CARE_ACTIVITY_NAMES[a].en).join(', ')})` : '';
  return {
    ability,
    source: 'activities',
    activitiesLost,
    partlyLostFromActivities: t.partlyLostFromActivities,
    fullyLostFromActivities: t.fullyLostFromActivities,
    message: {
      zh: `六项指标中 ${activitiesLost.length} 项不能达到${lostZh}；不能达到 ${t.partlyLostFromActivities} 项起为部分丧失、${t.fullyLostFromActivities} 项起为完全丧失：${tier.zh}。`,
      en: `${activitiesLost.length} of the six activities cannot be done${lostEn}; from ${t.partlyLostFromActivities} self-care is partly lost, from ${t.fullyLostFromActivities} fully lost: ${tier.en}.`,
    },
    parameterVersions: { [K.selfCareActivities]: params.versions[K.selfCareActivities] },
  };
}

/** The tier from an elder ability assessment's level. */
export function selfCareFromAbilityLevel(assessment: ElderAssessmentResult, params: Pick<HardshipParameters, 'selfCareAbilityLevels' | 'versions'>): SelfCareDetermination {
  const ability = params.selfCareAbilityLevels.tiers[assessment.level];
  const level = ABILITY_LEVEL_NAMES[assessment.level];
  const tier = SELF_CARE_ABILITY_NAMES[ability];
  return {
    ability,
    source: 'elder_assessment',
    assessment: { ...assessment },
    message: {
      zh: `老年人能力评估（${assessment.assessedOn}）结果为${level.zh}，对应${tier.zh}。`,
      en: `The elder ability assessment of ${assessment.assessedOn} found ${level.en}, which is ${tier.en}.`,
    },
    parameterVersions: { [K.selfCareAbilityLevels]: params.versions[K.selfCareAbilityLevels] },
  };
}

export interface SelfCareInput {
  birthDate: LocalDate;
  on: LocalDate;
  /** The six activities as recorded here; only for a person under the elder age. */
  activities: ActivitiesRecord | null;
  /** The person's latest elder ability assessment, if any has been received. */
  elderAssessment: ElderAssessmentResult | null;
}

/**
 * The self-care tier of a person on `on`: from the elder ability assessment for a person aged
 * `fromAge` or over, from the six activities recorded here otherwise. Refused, with a named
 * violation, when the facts that decide it are missing or recorded in the wrong place.
 */
export function determineSelfCare(input: SelfCareInput, params: Pick<HardshipParameters, 'selfCareActivities' | 'selfCareAbilityLevels' | 'versions'>): Outcome<SelfCareDetermination> {
  const fromAge = params.selfCareAbilityLevels.fromAge;
  const age = ageOn(input.birthDate, input.on);
  if (age >= fromAge) {
    if (input.activities) {
      return violate(
        ruleViolation(
          'HARDSHIP.SELF_CARE.FROM_ELDER_ASSESSMENT',
          'invalid',
          { zh: `${fromAge}周岁以上人员的生活自理能力以老年人能力评估结果为准，不在此录入六项指标`, en: `The self-care ability of a person aged ${fromAge} or over comes from the elder ability assessment; the six activities are not recorded here.` },
          [{ field: 'activities', reason: `not recorded for a person aged ${fromAge} or over` }],
        ),
      );
    }
    if (!input.elderAssessment) {
      return violate(
        ruleViolation('HARDSHIP.SELF_CARE.AWAITING_ELDER_ASSESSMENT', 'conflict', {
          zh: `${fromAge}周岁以上人员尚无老年人能力评估结果，请先申请评估`,
          en: `No elder ability assessment has been received for this person aged ${fromAge} or over; request one first.`,
        }),
      );
    }
    return succeed(selfCareFromAbilityLevel(input.elderAssessment, params));
  }
  if (!input.activities) {
    return violate(
      ruleViolation(
        'HARDSHIP.SELF_CARE.ACTIVITIES_REQUIRED',
        'invalid',
        { zh: `未满${fromAge}周岁人员须录入六项生活自理指标`, en: `For a person under ${fromAge}, the six self-care activities must be recorded.` },
        [{ field: 'activities', reason: 'required for a person under the elder age' }],
      ),
    );
  }
  const missing = SELF_CARE_ACTIVITIES.filter((a) => typeof input.activities![a] !== 'boolean');
  if (missing.length > 0) {
    return violate(
      ruleViolation(
        'HARDSHIP.SELF_CARE.ACTIVITIES_INCOMPLETE',
        'invalid',
        { zh: `六项指标须全部评估：缺少${missing.map((a) => SELF_CARE_ACTIVITY_NAMES[a].zh).join('、')}`, en: `All six activities must be assessed; missing: ${missing.join(', ')}.` },
        missing.map((a) => ({ field: `activities.${a}`, reason: 'must be true or false' })),
      ),
    );
  }
  return succeed(selfCareFromActivities(input.activities, params));
}
