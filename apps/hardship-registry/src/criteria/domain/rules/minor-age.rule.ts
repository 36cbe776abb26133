import { ruleOutcome } from '@jiuzhu/common';
import { CriteriaRule } from '../criteria-decision';

export interface MinorAgeInput {
  age: number;
  minorBelowAge: number;
}

export interface MinorAgeArgs {
  age: number;
  minorBelowAge: number;
}

const CODE = 'HARDSHIP.NO_WORK_ABILITY.MINOR';

/**
 * 民发〔2021〕43号 (无劳动能力: 未满18周岁); the city plan extends minors' coverage from 16 to 18
 * (policy.md §3). "未满" — a person on their 18th birthday is no longer a minor.
 */
export const minorAge: CriteriaRule<MinorAgeInput, MinorAgeArgs> = {
  code: CODE,
  check({ age, minorBelowAge }) {
    const passed = age < minorBelowAge;
    const message = passed
      ? { zh: `${age}周岁，未满${minorBelowAge}周岁，视为无劳动能力。`, en: `Aged ${age}, under ${minorBelowAge}: no ability to work.` }
      : { zh: `${age}周岁，已满${minorBelowAge}周岁，不属于未成年人。`, en: `Aged ${age}, not under ${minorBelowAge}: not a minor.` };
    return { ...ruleOutcome(CODE, passed, message), args: { age, minorBelowAge } };
  },
};
