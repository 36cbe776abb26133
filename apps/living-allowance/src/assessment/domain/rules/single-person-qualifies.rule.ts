import { DomainRule, LocalizedText, RuleOutcome, ruleOutcome } from '@jiuzhu/common';
import { SinglePersonInclusionValue } from '../../../parameters/domain/parameter-keys';
import { SinglePersonInclusionReason } from '../decision';
import { HouseholdMember } from '../household';
import { disabilityText, memberLabel } from '../labels';

export interface SinglePersonInput {
  member: HouseholdMember;
  memberIndex: number;
  criteria: SinglePersonInclusionValue;
}

export interface SinglePersonCheck {
  outcome: RuleOutcome;
  reason?: SinglePersonInclusionReason;
}

export const SINGLE_PERSON_QUALIFIES = 'SINGLE_PERSON.QUALIFIES';

function qualifyingReason(member: HouseholdMember, criteria: SinglePersonInclusionValue): SinglePersonInclusionReason | undefined {
  const d = member.disability;
  if (d != null && criteria.disabilityGrades.includes(d.grade)) return 'SINGLE_PERSON.SEVERE_DISABILITY';
  if (
    d != null &&
    (d.kind === 'intellectual' || d.kind === 'mental') &&
    criteria.intellectualOrMentalGrades.includes(d.grade)
  ) {
    return 'SINGLE_PERSON.INTELLECTUAL_OR_MENTAL_DISABILITY';
  }
  if (criteria.seriousIllness && member.seriousIllness === true) return 'SINGLE_PERSON.SERIOUS_ILLNESS';
  return undefined;
}

function conditionsText(criteria: SinglePersonInclusionValue): LocalizedText {
  const zh: string[] = [];
  const en: string[] = [];
  if (criteria.disabilityGrades.length > 0) {
    zh.push(`${criteria.disabilityGrades.join('、')}级残疾`);
    en.push(`disability grade ${criteria.disabilityGrades.join('/')}`);
  }
  if (criteria.intellectualOrMentalGrades.length > 0) {
    zh.push(`${criteria.intellectualOrMentalGrades.join('、')}级智力或精神残疾`);
    en.push(`intellectual or mental disability grade ${criteria.intellectualOrMentalGrades.join('/')}`);
  }
  if (criteria.seriousIllness) {
    zh.push('重病');
    en.push('a serious illness');
  }
  return { zh: zh.join('、') || '无', en: en.join(', ') || 'none' };
}

/**
 * Single-person inclusion (单人户, policy.md §1; city plan ch. 6 §二): in a low-income household,
 * a severely disabled (grade 1–2, or grade 3 intellectual/mental) or seriously ill member may be
 * covered on their own, because the family is above the dibao line but cannot carry that member's
 * costs. Grades and conditions come from the `single-person.inclusion` parameter.
 */
export function checkSinglePersonInclusion({ member, memberIndex, criteria }: SinglePersonInput): SinglePersonCheck {
  const who = memberLabel(memberIndex, member.relation);
  const reason = qualifyingReason(member, criteria);
  if (reason === undefined) {
    const needed = conditionsText(criteria);
    return {
      outcome: ruleOutcome(SINGLE_PERSON_QUALIFIES, false, {
        zh: `${who.zh}不符合单人户纳入条件（须为${needed.zh}）。`,
        en: `${who.en} does not qualify for single-person inclusion (requires ${needed.en}).`,
      }),
    };
  }
  const why: LocalizedText =
    reason === 'SINGLE_PERSON.SERIOUS_ILLNESS' || member.disability == null
      ? { zh: '患重病', en: 'has a serious illness' }
      : { zh: `持${disabilityText(member.disability).zh}证`, en: `has a ${disabilityText(member.disability).en}` };
  return {
    reason,
    outcome: ruleOutcome(SINGLE_PERSON_QUALIFIES, true, {
      zh: `${who.zh}${why.zh}，所在家庭为低收入家庭，可按单人户纳入低保。`,
      en: `${who.en} ${why.en} and lives in a low-income household: may be covered as a single-person household.`,
    }),
  };
}

export const singlePersonQualifies: DomainRule<SinglePersonInput> = {
  code: SINGLE_PERSON_QUALIFIES,
  check: (input) => checkSinglePersonInclusion(input).outcome,
};
