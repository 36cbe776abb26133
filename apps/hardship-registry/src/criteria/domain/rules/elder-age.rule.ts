import { ruleOutcome } from '@jiuzhu/common';
import { CriteriaRule } from '../criteria-decision';

export interface ElderAgeInput {
  age: number;
  elderFromAge: number;
}

export interface ElderAgeArgs {
  age: number;
  elderFromAge: number;
}

const CODE = 'HARDSHIP.NO_WORK_ABILITY.ELDER';

/**
 * 民发〔2021〕43号《特困人员认定办法》（无劳动能力）: a person aged 60 or over (60周岁以上, inclusive:
 * 民法典 第一千二百五十九条 — 以上 includes the number itself) has no ability to work. The age is a parameter.
 */
export const elderAge: CriteriaRule<ElderAgeInput, ElderAgeArgs> = {
  code: CODE,
  check({ age, elderFromAge }) {
    const passed = age >= elderFromAge;
    const message = passed
      ? { zh: `年满${age}周岁，达到${elderFromAge}周岁，视为无劳动能力。`, en: `Aged ${age}, at least ${elderFromAge}: no ability to work.` }
      : { zh: `${age}周岁，未满${elderFromAge}周岁。`, en: `Aged ${age}, under ${elderFromAge}.` };
    return { ...ruleOutcome(CODE, passed, message), args: { age, elderFromAge } };
  },
};
