import { LocalizedText, ruleOutcome } from '@jiuzhu/common';
import { SupporterIncapacityValue } from '../../../parameters/domain/parameter-keys';
import { LegalSupporter } from '../../../persons/domain/person-facts';
import { disabilityText, multipleText, SupporterRelation, supporterText, yuan } from '../../../persons/domain/vocabulary';
import { CriteriaRule } from '../criteria-decision';

/** policy.md §3 "Supporter unable": each reason a legal supporter cannot meet the duty. */
export const SUPPORTER_INCAPACITY_REASONS = [
  'special_hardship',
  'dibao_recipient_aged',
  'aged_low_income',
  'severely_disabled',
  'legally_incapacitated',
  'declared_missing',
  'in_prison',
] as const;
export type SupporterIncapacityReason = (typeof SUPPORTER_INCAPACITY_REASONS)[number];

export interface SupporterInput {
  /** 0-based position in the list of supporters. */
  index: number;
  supporter: LegalSupporter;
  /** The supporter's age in full years on the assessment date. */
  age: number;
  standardFen: number;
  limits: SupporterIncapacityValue;
}

export interface SupporterArgs {
  index: number;
  relation: SupporterRelation;
  age: number;
  /** Every reason that applies, in the order of SUPPORTER_INCAPACITY_REASONS; empty when the supporter is able. */
  reasons: SupporterIncapacityReason[];
  monthlyIncomeFen: number;
  /** lowIncomeBelowStandardBp × standard, rounded down for display; the comparison is exact. */
  lowIncomeLimitFen: number;
  limits: SupporterIncapacityValue;
}

const CODE = 'HARDSHIP.SUPPORTER.UNABLE';

function reasonText(r: SupporterIncapacityReason, a: SupporterArgs, s: LegalSupporter): LocalizedText {
  const l = a.limits;
  switch (r) {
    case 'special_hardship':
      return { zh: '本人为特困人员', en: 'is a special-hardship person' };
    case 'dibao_recipient_aged':
      return { zh: `${a.age}周岁（${l.dibaoRecipientFromAge}周岁以上）的低保对象`, en: `is a dibao recipient aged ${a.age} (${l.dibaoRecipientFromAge} or over)` };
    case 'aged_low_income':
      return {
        zh: `${a.age}周岁（${l.lowIncomeFromAge}周岁以上），月收入 ${yuan(a.monthlyIncomeFen)} 元低于低保标准的 ${multipleText(l.lowIncomeBelowStandardBp)} 倍（${yuan(a.lowIncomeLimitFen)} 元）`,
        en: `is aged ${a.age} (${l.lowIncomeFromAge} or over) with income of ${yuan(a.monthlyIncomeFen)} yuan a month, below ${multipleText(l.lowIncomeBelowStandardBp)} × the dibao standard (${yuan(a.lowIncomeLimitFen)} yuan)`,
      };
    case 'severely_disabled': {
      const d = s.disabilities.map(disabilityText);
      return { zh: `重度残疾（${d.map((x) => x.zh).join('、')}）`, en: `is severely disabled (${d.map((x) => x.en).join(', ')})` };
    }
    case 'legally_incapacitated':
      return { zh: '无民事行为能力', en: 'lacks civil capacity' };
    case 'declared_missing':
      return { zh: '被宣告失踪', en: 'has been declared missing' };
    case 'in_prison':
      return { zh: '在监狱服刑', en: 'is in prison' };
  }
}

/**
 * 民发〔2021〕43号 (法定义务人无履行义务能力; policy.md §3): a legal supporter cannot meet the duty
 * when they are a special-hardship person, a dibao recipient aged 60+, aged 70+ with low income,
 * severely disabled, legally incapacitated (无民事行为能力, 民法典 第二十一条), declared
 * missing (民法典 第四十条 宣告失踪) or in prison. The rule passes — the supporter is unable — when at
 * least one reason holds, and lists them all. The ages, the low-income line and the grades read as
 * severe are the parameter `hardship.supporter-incapacity`.
 */
export const supporterUnable: CriteriaRule<SupporterInput, SupporterArgs> = {
  code: CODE,
  check({ index, supporter: s, age, standardFen, limits }) {
    // Exact in integers: income × 10000 < share × standard, never a rounded limit.
    const lowIncome = s.monthlyIncomeFen * 10000 < limits.lowIncomeBelowStandardBp * standardFen;
    const severe = s.disabilities.some((d) => limits.severeDisabilityGrades.includes(d.grade) || ((d.kind === 'intellectual' || d.kind === 'mental') && limits.intellectualOrMentalGrades.includes(d.grade)));
    const holds: Record<SupporterIncapacityReason, boolean> = {
      special_hardship: s.specialHardship,
      dibao_recipient_aged: s.dibaoRecipient && age >= limits.dibaoRecipientFromAge,
      aged_low_income: age >= limits.lowIncomeFromAge && lowIncome,
      severely_disabled: severe,
      legally_incapacitated: s.legallyIncapacitated,
      declared_missing: s.declaredMissing,
      in_prison: s.inPrison,
    };
    const reasons = SUPPORTER_INCAPACITY_REASONS.filter((r) => holds[r]);
    const args: SupporterArgs = {
      index,
      relation: s.relation,
      age,
      reasons,
      monthlyIncomeFen: s.monthlyIncomeFen,
      lowIncomeLimitFen: Math.floor((limits.lowIncomeBelowStandardBp * standardFen) / 10000),
      limits,
    };
    const who = supporterText(index, s.relation);
    if (reasons.length === 0) {
      return {
        ...ruleOutcome(CODE, false, {
          zh: `${who.zh}，${age}周岁，不属于无履行义务能力的情形，有能力履行赡养、抚养、扶养义务。`,
          en: `${who.en}, aged ${age}, is in none of the situations of incapacity and can meet the duty of support.`,
        }),
        args,
      };
    }
    const texts = reasons.map((r) => reasonText(r, args, s));
    return {
      ...ruleOutcome(CODE, true, {
        zh: `${who.zh}${texts.map((t) => t.zh).join('；')}，无履行义务能力。`,
        en: `${who.en} cannot meet the duty: ${texts.map((t) => t.en).join('; ')}.`,
      }),
      args,
    };
  },
};

const NONE_CODE = 'HARDSHIP.SUPPORTER.NONE';

/** 民发〔2021〕43号 (无法定赡养、抚养、扶养义务人): a person with no legal supporter at all meets the condition. */
export const noLegalSupporter: CriteriaRule<{ supporters: number }, { supporters: number }> = {
  code: NONE_CODE,
  check({ supporters }) {
    const passed = supporters === 0;
    return {
      ...ruleOutcome(
        NONE_CODE,
        passed,
        passed ? { zh: '无法定赡养、抚养、扶养义务人。', en: 'Has no legal supporter.' } : { zh: `有法定义务人 ${supporters} 人。`, en: `Has ${supporters} legal supporter(s).` },
      ),
      args: { supporters },
    };
  },
};
