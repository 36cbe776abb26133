import { LocalDate, ruleOutcome } from '@jiuzhu/common';
import { Schooling } from '../../../persons/domain/person-facts';
import { CriteriaRule } from '../criteria-decision';

export interface InSchoolInput {
  age: number;
  minorBelowAge: number;
  supportedAsMinor: boolean;
  schooling: Schooling | null;
}

export interface InSchoolArgs {
  age: number;
  minorBelowAge: number;
  supportedAsMinor: boolean;
  enrolled: boolean | null;
  recordedOn: LocalDate | null;
}

const CODE = 'HARDSHIP.NO_WORK_ABILITY.IN_SCHOOL';

/**
 * policy.md §3 (民发〔2021〕43号): support of a minor "may continue past 18 while still in school".
 * It is a continuation, so only for a person already supported here as a minor, and only while the
 * schooling recorded says enrolled; it is not a way in for an adult who applies while studying.
 */
export const inSchoolPastMinority: CriteriaRule<InSchoolInput, InSchoolArgs> = {
  code: CODE,
  check({ age, minorBelowAge, supportedAsMinor, schooling }) {
    const args: InSchoolArgs = { age, minorBelowAge, supportedAsMinor, enrolled: schooling?.enrolled ?? null, recordedOn: schooling?.recordedOn ?? null };
    if (age < minorBelowAge) {
      return { ...ruleOutcome(CODE, false, { zh: `未满${minorBelowAge}周岁，无需在校续保。`, en: `Under ${minorBelowAge}: continuation in school does not arise.` }), args };
    }
    if (!supportedAsMinor) {
      return {
        ...ruleOutcome(CODE, false, {
          zh: `已满${minorBelowAge}周岁；在校续保仅适用于未成年时已纳入特困供养的人员。`,
          en: `Aged ${minorBelowAge} or over; continuation in school is only for a person supported here as a minor.`,
        }),
        args,
      };
    }
    if (!schooling?.enrolled) {
      const recorded = schooling ? `（${schooling.recordedOn}登记为不在读）` : '（未登记在读情况）';
      const recordedEn = schooling ? ` (recorded not enrolled on ${schooling.recordedOn})` : ' (no schooling recorded)';
      return {
        ...ruleOutcome(CODE, false, { zh: `已满${minorBelowAge}周岁且不在校就读${recorded}，不能继续供养。`, en: `Aged ${minorBelowAge} or over and not in school${recordedEn}: support cannot continue on this ground.` }),
        args,
      };
    }
    return {
      ...ruleOutcome(CODE, true, {
        zh: `已满${minorBelowAge}周岁，未成年时已纳入供养，${schooling.recordedOn}登记为在校就读，可继续视为无劳动能力。`,
        en: `Aged ${minorBelowAge} or over, supported as a minor and recorded in school on ${schooling.recordedOn}: support continues.`,
      }),
      args,
    };
  },
};
