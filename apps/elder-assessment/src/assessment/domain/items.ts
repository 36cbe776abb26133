import { LocalizedText } from '@jiuzhu/common';

/**
 * The items of the elder ability assessment (老年人能力评估, GB/T 42195-2022): four first-level
 * indicators (一级指标) and 26 second-level items (二级指标). A higher score means more ability.
 *
 * Only what an item *is* lives here: its stable code, its names and its indicator. How many points
 * an item can score is a parameter (`elder.item-score-ranges`, assessment-parameters.ts), so that a
 * corrected range is published as a new version with an effective date rather than edited in code.
 *
 * Item codes are stored with every assessment and travel in events: never rename one.
 */

export const INDICATORS = ['SELF_CARE', 'BASIC_MOBILITY', 'MENTAL_STATE', 'PERCEPTION_SOCIAL'] as const;
export type Indicator = (typeof INDICATORS)[number];

export const INDICATOR_NAMES: Readonly<Record<Indicator, LocalizedText>> = {
  SELF_CARE: { zh: '自理能力', en: 'self-care' },
  BASIC_MOBILITY: { zh: '基础运动能力', en: 'basic mobility' },
  MENTAL_STATE: { zh: '精神状态', en: 'mental state' },
  PERCEPTION_SOCIAL: { zh: '感知觉与社会参与', en: 'perception and social participation' },
};

export interface AssessmentItem {
  code: ItemCode;
  indicator: Indicator;
  name: LocalizedText;
}

function item<C extends string>(code: C, indicator: Indicator, zh: string, en: string) {
  return { code, indicator, name: { zh, en } } as const;
}

/** In the order of the standard's assessment form; renderers and sub-totals follow this order. */
const ITEMS = [
  // 自理能力 — 8 items
  item('SELF_CARE.EATING', 'SELF_CARE', '进食', 'eating'),
  item('SELF_CARE.GROOMING', 'SELF_CARE', '修饰', 'grooming'),
  item('SELF_CARE.BATHING', 'SELF_CARE', '洗澡', 'bathing'),
  item('SELF_CARE.UPPER_DRESSING', 'SELF_CARE', '穿/脱上衣', 'upper-body dressing'),
  item('SELF_CARE.LOWER_DRESSING', 'SELF_CARE', '穿/脱裤子和鞋袜', 'lower-body dressing and shoes'),
  item('SELF_CARE.URINE_CONTROL', 'SELF_CARE', '小便控制', 'urine control'),
  item('SELF_CARE.BOWEL_CONTROL', 'SELF_CARE', '大便控制', 'bowel control'),
  item('SELF_CARE.TOILETING', 'SELF_CARE', '如厕', 'toileting'),
  // 基础运动能力 — 4 items
  item('BASIC_MOBILITY.BED_TRANSFER', 'BASIC_MOBILITY', '床上体位转移', 'bed transfer'),
  item('BASIC_MOBILITY.BED_CHAIR_TRANSFER', 'BASIC_MOBILITY', '床椅转移', 'bed-chair transfer'),
  item('BASIC_MOBILITY.LEVEL_WALKING', 'BASIC_MOBILITY', '平地行走', 'level walking'),
  item('BASIC_MOBILITY.STAIRS', 'BASIC_MOBILITY', '上下楼梯', 'stairs'),
  // 精神状态 — 9 items
  item('MENTAL_STATE.TIME_ORIENTATION', 'MENTAL_STATE', '时间定向', 'time orientation'),
  item('MENTAL_STATE.PLACE_ORIENTATION', 'MENTAL_STATE', '空间定向', 'place orientation'),
  item('MENTAL_STATE.PERSON_ORIENTATION', 'MENTAL_STATE', '人物定向', 'person orientation'),
  item('MENTAL_STATE.MEMORY', 'MENTAL_STATE', '记忆', 'memory'),
  item('MENTAL_STATE.UNDERSTANDING', 'MENTAL_STATE', '理解能力', 'understanding'),
  item('MENTAL_STATE.EXPRESSION', 'MENTAL_STATE', '表达能力', 'expression'),
  item('MENTAL_STATE.AGGRESSION', 'MENTAL_STATE', '攻击行为', 'aggressive behaviour'),
  item('MENTAL_STATE.DEPRESSION', 'MENTAL_STATE', '抑郁症状', 'depression'),
  item('MENTAL_STATE.CONSCIOUSNESS', 'MENTAL_STATE', '意识水平', 'consciousness'),
  // 感知觉与社会参与 — 5 items
  item('PERCEPTION_SOCIAL.VISION', 'PERCEPTION_SOCIAL', '视力', 'vision'),
  item('PERCEPTION_SOCIAL.HEARING', 'PERCEPTION_SOCIAL', '听力', 'hearing'),
  item('PERCEPTION_SOCIAL.DAILY_AFFAIRS', 'PERCEPTION_SOCIAL', '执行日常事务', 'daily affairs'),
  item('PERCEPTION_SOCIAL.TRANSPORT', 'PERCEPTION_SOCIAL', '使用交通工具外出', 'using transport'),
  item('PERCEPTION_SOCIAL.SOCIAL_CONTACT', 'PERCEPTION_SOCIAL', '社会交往能力', 'social contact'),
] as const;

export type ItemCode = (typeof ITEMS)[number]['code'];

export const ASSESSMENT_ITEMS: readonly AssessmentItem[] = ITEMS;

export const ITEM_CODES: readonly ItemCode[] = ITEMS.map((i) => i.code);

const BY_CODE: ReadonlyMap<string, AssessmentItem> = new Map(ITEMS.map((i) => [i.code, i]));

export function isItemCode(code: unknown): code is ItemCode {
  return typeof code === 'string' && BY_CODE.has(code);
}

export function itemNamed(code: ItemCode): AssessmentItem {
  const found = BY_CODE.get(code);
  if (found === undefined) throw new RangeError(`unknown assessment item ${JSON.stringify(code)}`);
  return found;
}

/** The items of one indicator, in form order. */
export function itemsOf(indicator: Indicator): readonly AssessmentItem[] {
  return ASSESSMENT_ITEMS.filter((i) => i.indicator === indicator);
}
