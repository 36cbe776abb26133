import { formatYuan, LocalizedText } from '@jiuzhu/common';
import { TopUpCondition } from '../../parameters/domain/parameter-keys';
import { DeductionKind, DisabilityGrade, DisabilityKind, IncomeKind, Relation } from './household';

/**
 * Words used in rule messages and explanation lines. Members are named by position and relation
 * ("member 2 (spouse)"), never by name or ID number, so a decision can be shown, stored and
 * exported without leaking personal data. Positions are 1-based for readers.
 */

export const RELATION_NAMES: Record<Relation, LocalizedText> = {
  applicant: { zh: '申请人', en: 'applicant' },
  spouse: { zh: '配偶', en: 'spouse' },
  child: { zh: '子女', en: 'child' },
  parent: { zh: '父母', en: 'parent' },
  grandparent: { zh: '（外）祖父母', en: 'grandparent' },
  grandchild: { zh: '（外）孙子女', en: 'grandchild' },
  sibling: { zh: '兄弟姐妹', en: 'sibling' },
  other: { zh: '其他成员', en: 'other' },
};

export const INCOME_KIND_NAMES: Record<IncomeKind, LocalizedText> = {
  wage: { zh: '工资性收入', en: 'wage income' },
  business: { zh: '经营净收入', en: 'net business income' },
  property: { zh: '财产净收入', en: 'net property income' },
  transfer: { zh: '转移净收入', en: 'net transfer income' },
  other: { zh: '其他收入', en: 'other income' },
  special_care_pension: { zh: '优待抚恤金', en: 'special-care pension' },
  family_planning_reward: { zh: '计划生育奖励与扶助金', en: 'family-planning reward' },
  scholarship: { zh: '奖学金', en: 'scholarship' },
  bravery_award: { zh: '见义勇为等奖励性补助', en: 'bravery award' },
  social_assistance: { zh: '社会救助金', en: 'social-assistance payment' },
  basic_pension: { zh: '城乡居民基本养老保险基础养老金', en: "residents' basic pension" },
};

export const DEDUCTION_KIND_NAMES: Record<DeductionKind, LocalizedText> = {
  medical: { zh: '自付医疗费用', en: 'out-of-pocket medical costs' },
  education: { zh: '基本教育费用', en: 'basic education costs' },
  rent: { zh: '房租', en: 'rent' },
  employment: { zh: '就业成本', en: 'employment costs' },
};

export const DISABILITY_KIND_NAMES: Record<DisabilityKind, LocalizedText> = {
  physical: { zh: '肢体', en: 'physical' },
  visual: { zh: '视力', en: 'visual' },
  hearing: { zh: '听力', en: 'hearing' },
  speech: { zh: '言语', en: 'speech' },
  intellectual: { zh: '智力', en: 'intellectual' },
  mental: { zh: '精神', en: 'mental' },
  multiple: { zh: '多重', en: 'multiple' },
};

const GRADE_ZH = ['', '一', '二', '三', '四'];

export function disabilityText(d: { grade: DisabilityGrade; kind: DisabilityKind }): LocalizedText {
  return {
    zh: `${GRADE_ZH[d.grade] ?? d.grade}级${DISABILITY_KIND_NAMES[d.kind]?.zh ?? d.kind}残疾`,
    en: `grade ${d.grade} ${DISABILITY_KIND_NAMES[d.kind]?.en ?? d.kind} disability`,
  };
}

export function memberLabel(index: number, relation: Relation): LocalizedText {
  const r = RELATION_NAMES[relation] ?? { zh: String(relation), en: String(relation) };
  return { zh: `第${index + 1}位成员（${r.zh}）`, en: `member ${index + 1} (${r.en})` };
}

/** `78000` → `780.00`. */
export const yuan = formatYuan;

/** Basis points as a plain decimal with trailing zeros removed: 2000 → '20' (% of 100), 15000 → '1.5' (× 10000). */
function decimal(value: number, per: number): string {
  const whole = Math.floor(value / per);
  const rest = value % per;
  if (rest === 0) return String(whole);
  const digits = String(per).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** 2000 bp → '20%'. */
export function percent(bp: number): string {
  return `${decimal(bp, 100)}%`;
}

/** 15000 bp → '1.5'. */
export function multiple(bp: number): string {
  return decimal(bp, 10000);
}

/** Area held as hundredths of m²: 8050 → '80.5'. */
export function squareMetres(hundredths: number): string {
  return decimal(hundredths, 100);
}

/** Reads a top-up's conditions the way a notice would: '年满70周岁', 'aged 70 or over'. */
const ABILITY_LEVEL_ZH: Record<string, string> = { intact: '能力完好', mild: '轻度失能', moderate: '中度失能', severe: '重度失能', complete: '完全失能' };

export function topUpConditionText(when: TopUpCondition): LocalizedText {
  const zh: string[] = [];
  const en: string[] = [];
  if (when.minAge !== undefined) {
    zh.push(`年满${when.minAge}周岁`);
    en.push(`aged ${when.minAge} or over`);
  }
  if (when.maxAgeExclusive !== undefined) {
    zh.push(`未满${when.maxAgeExclusive}周岁`);
    en.push(`under ${when.maxAgeExclusive}`);
  }
  if (when.disabilityGrades !== undefined) {
    zh.push(`${when.disabilityGrades.map((g) => GRADE_ZH[g] ?? String(g)).join('、')}级残疾`);
    en.push(`disability grade ${when.disabilityGrades.join('/')}`);
  }
  if (when.seriousIllness !== undefined) {
    zh.push(when.seriousIllness ? '患重病' : '未患重病');
    en.push(when.seriousIllness ? 'seriously ill' : 'not seriously ill');
  }
  if (when.abilityLevels !== undefined) {
    zh.push(`老年人能力评估为${when.abilityLevels.map((l) => ABILITY_LEVEL_ZH[l] ?? l).join('或')}`);
    en.push(`assessed as ${when.abilityLevels.join(' or ')} loss of ability (GB/T 42195-2022)`);
  }
  if (zh.length === 0) return { zh: '全体保障对象', en: 'every covered member' };
  return { zh: zh.join('且'), en: en.join(' and ') };
}
