import { LocalizedText } from '@jiuzhu/common';
import { ItemCode } from './items';

/**
 * Self-care ability (生活自理能力) of a special-hardship person, derived from an elder ability
 * assessment so that the hardship registry can set the care tier without a second home visit.
 *
 * policy.md §3 (民发〔2021〕43号 特困人员认定办法): six activities — eating, dressing, getting in/out
 * of bed, toileting, walking indoors, bathing. Cannot do none → full self-care (全自理); 1–3 →
 * partly lost (半失能); 4 or more → fully lost (全失能). The national text words the tiers as
 * 具备 / 部分丧失 / 完全丧失生活自理能力; the counts are the same.
 *
 * The six activities are not items of GB/T 42195-2022, so which item stands for which activity and
 * what score means "cannot do" is a documented, parameterised mapping (`elder.self-care-mapping`):
 * a bureau that maps differently publishes a new version instead of changing code.
 */

export const SELF_CARE_ACTIVITIES = ['eating', 'dressing', 'getting_in_out_of_bed', 'toileting', 'walking_indoors', 'bathing'] as const;
export type SelfCareActivity = (typeof SELF_CARE_ACTIVITIES)[number];

/** Glossary: `SelfCareAbility`. */
export const SELF_CARE_ABILITIES = ['full', 'partly_lost', 'fully_lost'] as const;
export type SelfCareAbility = (typeof SELF_CARE_ABILITIES)[number];

export const SELF_CARE_ACTIVITY_NAMES: Readonly<Record<SelfCareActivity, LocalizedText>> = {
  eating: { zh: '自主吃饭', en: 'eating' },
  dressing: { zh: '自主穿衣', en: 'dressing' },
  getting_in_out_of_bed: { zh: '自主上下床', en: 'getting in and out of bed' },
  toileting: { zh: '自主如厕', en: 'toileting' },
  walking_indoors: { zh: '室内行走', en: 'walking indoors' },
  bathing: { zh: '自主洗澡', en: 'bathing' },
};

/** policy.md §3 wording. */
export const SELF_CARE_ABILITY_NAMES: Readonly<Record<SelfCareAbility, LocalizedText>> = {
  full: { zh: '全自理', en: 'full self-care' },
  partly_lost: { zh: '半失能', en: 'self-care partly lost' },
  fully_lost: { zh: '全失能', en: 'self-care fully lost' },
};

export interface SelfCareActivityRule {
  /** The assessment item(s) standing for the activity; with several, the worst (lowest) score decides. */
  items: ItemCode[];
  /** The activity cannot be done when the deciding score is at or below this. */
  cannotDoAtOrBelow: number;
}

/** Value of the parameter `elder.self-care-mapping`. */
export interface SelfCareMapping {
  activities: Record<SelfCareActivity, SelfCareActivityRule>;
  /** Activities that cannot be done, from which self-care is partly lost (policy: 1). */
  partlyLostFromActivities: number;
  /** … and from which it is fully lost (policy: 4). */
  fullyLostFromActivities: number;
}

/**
 * The default mapping (illustrative, not a published rule). Every item used is scored 0–4, where
 * GB/T 42195-2022 gives 2 for "needs help but does most of it oneself", 1 for "mainly relies on
 * others" and 0 for "fully dependent". The hardship rule asks whether the person does the activity
 * on their own (自主…), so 1 or 0 — relying mainly or wholly on another person — counts as cannot do.
 *
 * - dressing: both upper and lower dressing; whichever is worse decides, since someone who cannot
 *   put on trousers and shoes cannot dress themselves however well they manage a shirt.
 * - getting in/out of bed: bed transfer (床上体位转移), not bed-chair transfer, which is a separate
 *   movement once out of bed.
 * - walking indoors: level walking (平地行走); stairs are not indoor walking.
 */
export const DEFAULT_SELF_CARE_MAPPING: SelfCareMapping = {
  activities: {
    eating: { items: ['SELF_CARE.EATING'], cannotDoAtOrBelow: 1 },
    dressing: { items: ['SELF_CARE.UPPER_DRESSING', 'SELF_CARE.LOWER_DRESSING'], cannotDoAtOrBelow: 1 },
    getting_in_out_of_bed: { items: ['BASIC_MOBILITY.BED_TRANSFER'], cannotDoAtOrBelow: 1 },
    toileting: { items: ['SELF_CARE.TOILETING'], cannotDoAtOrBelow: 1 },
    walking_indoors: { items: ['BASIC_MOBILITY.LEVEL_WALKING'], cannotDoAtOrBelow: 1 },
    bathing: { items: ['SELF_CARE.BATHING'], cannotDoAtOrBelow: 1 },
  },
  partlyLostFromActivities: 1,
  fullyLostFromActivities: 4,
};

export interface SelfCareActivityResult {
  activity: SelfCareActivity;
  items: { item: ItemCode; score: number }[];
  /** The lowest of the items' scores: the one that decides. */
  worstScore: number;
  cannotDoAtOrBelow: number;
  cannotDo: boolean;
}

/** Recorded with the assessment: the tier and every number it was decided on. */
export interface SelfCareAssessment {
  ability: SelfCareAbility;
  activitiesLost: number;
  activities: SelfCareActivityResult[];
  partlyLostFromActivities: number;
  fullyLostFromActivities: number;
}

/** The tier for a count of activities that cannot be done. */
export function selfCareAbilityFor(activitiesLost: number, mapping: Pick<SelfCareMapping, 'partlyLostFromActivities' | 'fullyLostFromActivities'>): SelfCareAbility {
  if (activitiesLost >= mapping.fullyLostFromActivities) return 'fully_lost';
  if (activitiesLost >= mapping.partlyLostFromActivities) return 'partly_lost';
  return 'full';
}

/** `scores` must be valid (validateAssessment): every mapped item present. */
export function deriveSelfCareAbility(scores: Readonly<Record<ItemCode, number>>, mapping: SelfCareMapping): SelfCareAssessment {
  const activities = SELF_CARE_ACTIVITIES.map((activity): SelfCareActivityResult => {
    const rule = mapping.activities[activity];
    const items = rule.items.map((item) => ({ item, score: scores[item] }));
    const worstScore = Math.min(...items.map((i) => i.score));
    return { activity, items, worstScore, cannotDoAtOrBelow: rule.cannotDoAtOrBelow, cannotDo: worstScore <= rule.cannotDoAtOrBelow };
  });
  const activitiesLost = activities.filter((a) => a.cannotDo).length;
  return {
    ability: selfCareAbilityFor(activitiesLost, mapping),
    activitiesLost,
    activities,
    partlyLostFromActivities: mapping.partlyLostFromActivities,
    fullyLostFromActivities: mapping.fullyLostFromActivities,
  };
}
