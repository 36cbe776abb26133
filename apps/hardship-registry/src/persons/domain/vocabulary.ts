import { formatYuan, LocalizedText } from '@jiuzhu/common';

/**
 * The words of special-hardship support (特困人员救助供养, policy.md §3), one name for each thing as
 * the glossary gives it, with the Chinese the UI shows. Persons are named by reference and
 * supporters by position and relation — never by name or ID number — so that every decision,
 * explanation and event built from these words can be stored and shown without personal data.
 */

/** Glossary: `SelfCareAbility` (生活自理能力): 全自理 / 半失能 / 全失能. */
export const SELF_CARE_ABILITIES = ['full', 'partly_lost', 'fully_lost'] as const;
export type SelfCareAbility = (typeof SELF_CARE_ABILITIES)[number];

export const SELF_CARE_ABILITY_NAMES: Readonly<Record<SelfCareAbility, LocalizedText>> = {
  full: { zh: '具备生活自理能力（全自理）', en: 'full self-care' },
  partly_lost: { zh: '部分丧失生活自理能力（半失能）', en: 'self-care partly lost' },
  fully_lost: { zh: '完全丧失生活自理能力（全失能）', en: 'self-care fully lost' },
};

export function isSelfCareAbility(x: unknown): x is SelfCareAbility {
  return typeof x === 'string' && (SELF_CARE_ABILITIES as readonly string[]).includes(x);
}

/** Glossary: `careSetting` — 集中供养 (in an institution) / 分散供养 (at home). */
export const CARE_SETTINGS = ['institution', 'home'] as const;
export type CareSetting = (typeof CARE_SETTINGS)[number];

export const CARE_SETTING_NAMES: Readonly<Record<CareSetting, LocalizedText>> = {
  institution: { zh: '集中供养', en: 'institutional care' },
  home: { zh: '分散供养', en: 'home care' },
};

/** Glossary: `AbilityLevel` of the elder ability assessment (GB/T 42195-2022), 0–4 in this order. */
export const ABILITY_LEVELS = ['intact', 'mild', 'moderate', 'severe', 'complete'] as const;
export type AbilityLevel = (typeof ABILITY_LEVELS)[number];

export const ABILITY_LEVEL_NAMES: Readonly<Record<AbilityLevel, LocalizedText>> = {
  intact: { zh: '能力完好', en: 'ability intact' },
  mild: { zh: '轻度失能', en: 'mild loss of ability' },
  moderate: { zh: '中度失能', en: 'moderate loss of ability' },
  severe: { zh: '重度失能', en: 'severe loss of ability' },
  complete: { zh: '完全失能', en: 'complete loss of ability' },
};

export function isAbilityLevel(x: unknown): x is AbilityLevel {
  return typeof x === 'string' && (ABILITY_LEVELS as readonly string[]).includes(x);
}

/**
 * Disability kinds of the disability card (残疾人证, GB/T 26341-2010). A multiple disability (多重残疾)
 * is recorded as its component disabilities, each with its own grade: the hardship rule names a
 * grade per kind (intellectual or mental 1–3, physical 1–2, visual 1), which a single "multiple"
 * grade cannot be compared with.
 */
export const DISABILITY_KINDS = ['intellectual', 'mental', 'physical', 'visual', 'hearing', 'speech'] as const;
export type DisabilityKind = (typeof DISABILITY_KINDS)[number];

/** Grade 1 is the most severe. */
export const DISABILITY_GRADES = [1, 2, 3, 4] as const;
export type DisabilityGrade = (typeof DISABILITY_GRADES)[number];

export interface Disability {
  kind: DisabilityKind;
  grade: DisabilityGrade;
}

export const DISABILITY_KIND_NAMES: Readonly<Record<DisabilityKind, LocalizedText>> = {
  intellectual: { zh: '智力', en: 'intellectual' },
  mental: { zh: '精神', en: 'mental' },
  physical: { zh: '肢体', en: 'physical' },
  visual: { zh: '视力', en: 'visual' },
  hearing: { zh: '听力', en: 'hearing' },
  speech: { zh: '言语', en: 'speech' },
};

const GRADE_ZH = ['', '一', '二', '三', '四'];

export function disabilityText(d: Disability): LocalizedText {
  return { zh: `${GRADE_ZH[d.grade]}级${DISABILITY_KIND_NAMES[d.kind].zh}残疾`, en: `grade ${d.grade} ${DISABILITY_KIND_NAMES[d.kind].en} disability` };
}

/** Grades as a reader says them: "1–3级" / "grades 1–3", "1级" / "grade 1", "无" / "none". */
export function gradesText(grades: readonly number[]): LocalizedText {
  if (grades.length === 0) return { zh: '无', en: 'none' };
  const sorted = [...grades].sort((a, b) => a - b);
  const contiguous = sorted.every((g, i) => i === 0 || g === sorted[i - 1] + 1);
  if (sorted.length === 1) return { zh: `${sorted[0]}级`, en: `grade ${sorted[0]}` };
  const span = contiguous ? `${sorted[0]}–${sorted[sorted.length - 1]}` : sorted.join('、');
  return { zh: `${span}级`, en: `grades ${contiguous ? span : sorted.join(', ')}` };
}

/**
 * The person's own income, monthly average of the last 12 months, by kind. policy.md §3 names the
 * kinds not counted (rural basic pension, medical insurance, special-care pensions, old-age
 * allowances); which are excluded is the parameter `hardship.income.excluded-kinds`.
 */
export const INCOME_KINDS = [
  'wage',
  'business',
  'property',
  'transfer',
  'other',
  'basic_pension',
  'medical_insurance',
  'special_care_pension',
  'old_age_allowance',
] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];

export const INCOME_KIND_NAMES: Readonly<Record<IncomeKind, LocalizedText>> = {
  wage: { zh: '工资性收入', en: 'wage income' },
  business: { zh: '经营净收入', en: 'net business income' },
  property: { zh: '财产净收入', en: 'net property income' },
  transfer: { zh: '转移净收入', en: 'net transfer income' },
  other: { zh: '其他收入', en: 'other income' },
  basic_pension: { zh: '城乡居民基本养老保险基础养老金', en: "residents' basic pension" },
  medical_insurance: { zh: '医疗保险待遇', en: 'medical insurance benefits' },
  special_care_pension: { zh: '优待抚恤金', en: 'special-care pension' },
  old_age_allowance: { zh: '高龄津贴', en: 'old-age allowance' },
};

/**
 * Legal supporters (法定赡养、抚养、扶养义务人, 民法典 婚姻家庭编): spouse, parents and children, and —
 * where the nearer ones cannot — grandparents, grandchildren and elder siblings.
 */
export const SUPPORTER_RELATIONS = ['spouse', 'parent', 'child', 'grandparent', 'grandchild', 'sibling'] as const;
export type SupporterRelation = (typeof SUPPORTER_RELATIONS)[number];

export const SUPPORTER_RELATION_NAMES: Readonly<Record<SupporterRelation, LocalizedText>> = {
  spouse: { zh: '配偶', en: 'spouse' },
  parent: { zh: '父母', en: 'parent' },
  child: { zh: '子女', en: 'child' },
  grandparent: { zh: '（外）祖父母', en: 'grandparent' },
  grandchild: { zh: '（外）孙子女', en: 'grandchild' },
  sibling: { zh: '兄弟姐妹', en: 'sibling' },
};

/** "supporter 2 (child)" — 1-based for readers. */
export function supporterText(index: number, relation: SupporterRelation): LocalizedText {
  return { zh: `义务人${index + 1}（${SUPPORTER_RELATION_NAMES[relation].zh}）`, en: `supporter ${index + 1} (${SUPPORTER_RELATION_NAMES[relation].en})` };
}

export const yuan = formatYuan;

/** A share in basis points as a multiple: 13000 → "1.3". */
export function multipleText(bp: number): string {
  return String(bp / 10000);
}

/** A share in basis points as a percentage: 5000 → "50%", 3333 → "33.33%". */
export function percentText(bp: number): string {
  return `${bp / 100}%`;
}
