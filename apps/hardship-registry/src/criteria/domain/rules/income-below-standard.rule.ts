import { ruleOutcome, sumFen } from '@jiuzhu/common';
import { PersonIncome } from '../../../persons/domain/person-facts';
import { INCOME_KIND_NAMES, IncomeKind, yuan } from '../../../persons/domain/vocabulary';
import { CriteriaRule } from '../criteria-decision';

export interface IncomeInput {
  incomes: readonly PersonIncome[];
  /** Parameter `hardship.income.excluded-kinds`. */
  excludedKinds: readonly IncomeKind[];
  /** The local dibao standard, monthly per person. */
  standardFen: number;
}

export interface IncomeArgs {
  countedFen: number;
  excludedFen: number;
  /** The kinds that were left out, as found in the declaration. */
  excludedKindsFound: IncomeKind[];
  standardFen: number;
}

const CODE = 'HARDSHIP.NO_MEANS.INCOME_BELOW_STANDARD';

/**
 * 民发〔2021〕43号 (无生活来源): the person's income is 低于 (below) the local dibao standard — income
 * equal to the standard is not below it. The kinds policy.md §3 lists as not counted (basic
 * pension, medical insurance, special-care pensions, old-age allowances) are the parameter.
 */
export const incomeBelowStandard: CriteriaRule<IncomeInput, IncomeArgs> = {
  code: CODE,
  check({ incomes, excludedKinds, standardFen }) {
    const excluded = incomes.filter((i) => excludedKinds.includes(i.kind));
    const counted = incomes.filter((i) => !excludedKinds.includes(i.kind));
    const countedFen = sumFen(counted.map((i) => i.monthlyFen));
    const excludedFen = sumFen(excluded.map((i) => i.monthlyFen));
    const excludedKindsFound = [...new Set(excluded.map((i) => i.kind))];
    const passed = countedFen < standardFen;
    const left = excludedKindsFound.length
      ? {
          zh: `（${excludedKindsFound.map((k) => INCOME_KIND_NAMES[k].zh).join('、')}共 ${yuan(excludedFen)} 元不计入）`,
          en: ` (${excludedKindsFound.map((k) => INCOME_KIND_NAMES[k].en).join(', ')}, ${yuan(excludedFen)} yuan, not counted)`,
        }
      : { zh: '', en: '' };
    const message = passed
      ? { zh: `本人月收入 ${yuan(countedFen)} 元${left.zh}，低于当地低保标准 ${yuan(standardFen)} 元。`, en: `Own income of ${yuan(countedFen)} yuan a month${left.en} is below the local dibao standard of ${yuan(standardFen)} yuan.` }
      : {
          zh: `本人月收入 ${yuan(countedFen)} 元${left.zh}，不低于当地低保标准 ${yuan(standardFen)} 元；收入须低于标准。`,
          en: `Own income of ${yuan(countedFen)} yuan a month${left.en} is not below the local dibao standard of ${yuan(standardFen)} yuan; it must be below it.`,
        };
    return { ...ruleOutcome(CODE, passed, message), args: { countedFen, excludedFen, excludedKindsFound, standardFen } };
  },
};
