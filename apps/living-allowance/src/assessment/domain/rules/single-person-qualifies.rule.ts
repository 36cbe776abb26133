import { LocalizedText, RecordedRule } from '@jiuzhu/common';
import { SinglePersonInclusionValue } from '../../../parameters/domain/parameter-keys';
import { SinglePersonArgs, SinglePersonCheck, SinglePersonInclusionReason } from '../decision';
import { DisabilityGrade, DisabilityKind, HouseholdMember } from '../household';
import { disabilityText, memberLabel } from '../labels';

export interface SinglePersonInput {
  member: HouseholdMember;
  memberIndex: number;
  criteria: SinglePersonInclusionValue;
}

export const SINGLE_PERSON_QUALIFIES = 'SINGLE_PERSON.QUALIFIES';

/** `grade` 0 for no disability; `kind` the disability's kind, null for none. */
function qualifyingReason(
  grade: number,
  kind: DisabilityKind | null,
  ill: boolean,
  criteria: SinglePersonInclusionValue,
): SinglePersonInclusionReason | null {
  if (grade !== 0 && criteria.disabilityGrades.includes(grade)) return 'SINGLE_PERSON.SEVERE_DISABILITY';
  if (grade !== 0 && (kind === 'intellectual' || kind === 'mental') && criteria.intellectualOrMentalGrades.includes(grade)) {
    return 'SINGLE_PERSON.INTELLECTUAL_OR_MENTAL_DISABILITY';
  }
  if (criteria.seriousIllness && ill) return 'SINGLE_PERSON.SERIOUS_ILLNESS';
  return null;
}

function conditionsText({ disabilityGrades, intellectualOrMentalGrades, seriousIllness }: SinglePersonArgs): LocalizedText {
  const zh: string[] = [];
  const en: string[] = [];
  if (disabilityGrades.length > 0) {
    zh.push(`${disabilityGrades.join('、')}级残疾`);
    en.push(`disability grade ${disabilityGrades.join('/')}`);
  }
  if (intellectualOrMentalGrades.length > 0) {
    zh.push(`${intellectualOrMentalGrades.join('、')}级智力或精神残疾`);
    en.push(`intellectual or mental disability grade ${intellectualOrMentalGrades.join('/')}`);
  }
  if (seriousIllness) {
    zh.push('重病');
    en.push('a serious illness');
  }
  return { zh: zh.join('、') || '无', en: en.join(', ') || 'none' };
}

/**
 * Single-person inclusion (单人户, policy.md §1; city plan ch. 6 §二): in a low-income household,
 * a severely disabled (grade 1–2, or grade 3 intellectual/mental) or seriously ill member may be
 * covered on their own, because the family is above the dibao line but cannot carry that member's
 * costs. Grades and conditions come from the `single-person.inclusion` parameter; the check records
 * them (by reference: parameter values are never modified) so that a refusal can name them.
 */
export function checkSinglePersonInclusion({ member, memberIndex, criteria }: SinglePersonInput): SinglePersonCheck {
  const d = member.disability;
  const grade = d == null ? 0 : d.grade;
  const kind = d == null ? null : d.kind;
  const reason = qualifyingReason(grade, kind, member.seriousIllness === true, criteria);
  return {
    code: SINGLE_PERSON_QUALIFIES,
    passed: reason !== null,
    args: {
      member: memberIndex,
      relation: member.relation,
      reason,
      disabilityGrade: grade === 0 ? null : grade,
      disabilityKind: kind,
      disabilityGrades: criteria.disabilityGrades,
      intellectualOrMentalGrades: criteria.intellectualOrMentalGrades,
      seriousIllness: criteria.seriousIllness,
    },
  };
}

export function describeSinglePersonCheck({ args }: SinglePersonCheck): LocalizedText {
  const who = memberLabel(args.member, args.relation);
  if (args.reason === null) {
    const needed = conditionsText(args);
    return {
      zh: `${who.zh}不符合单人户纳入条件（须为${needed.zh}）。`,
      en: `${who.en} does not qualify for single-person inclusion (requires ${needed.en}).`,
    };
  }
  let why: LocalizedText = { zh: '患重病', en: 'has a serious illness' };
  if (args.reason !== 'SINGLE_PERSON.SERIOUS_ILLNESS' && args.disabilityGrade !== null && args.disabilityKind !== null) {
    const text = disabilityText({ grade: args.disabilityGrade as DisabilityGrade, kind: args.disabilityKind });
    why = { zh: `持${text.zh}证`, en: `has a ${text.en}` };
  }
  return {
    zh: `${who.zh}${why.zh}，所在家庭为低收入家庭，可按单人户纳入低保。`,
    en: `${who.en} ${why.en} and lives in a low-income household: may be covered as a single-person household.`,
  };
}

export const singlePersonQualifies: RecordedRule<SinglePersonInput, SinglePersonArgs, typeof SINGLE_PERSON_QUALIFIES> = {
  code: SINGLE_PERSON_QUALIFIES,
  check: checkSinglePersonInclusion,
  describe: describeSinglePersonCheck,
};
