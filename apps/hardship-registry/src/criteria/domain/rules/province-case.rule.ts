import { ruleOutcome } from '@jiuzhu/common';
import { ProvinceCase } from '../../../parameters/domain/parameter-keys';
import { CriteriaRule } from '../criteria-decision';

export interface ProvinceCaseInput {
  /** Codes the investigation recorded. */
  recorded: readonly string[];
  /** Parameter `hardship.no-work-ability`: the province's cases in force. */
  provinceCases: readonly ProvinceCase[];
}

export interface ProvinceCaseArgs {
  matched: string[];
  /** Recorded codes the parameters in force do not list (a case since withdrawn, or a typing error): never counted. */
  notInForce: string[];
}

const CODE = 'HARDSHIP.NO_WORK_ABILITY.PROVINCE_CASE';

/** 民发〔2021〕43号 (无劳动能力: 省、自治区、直辖市人民政府规定的其他情形) — the province's cases are a parameter. */
export const provinceCase: CriteriaRule<ProvinceCaseInput, ProvinceCaseArgs> = {
  code: CODE,
  check({ recorded, provinceCases }) {
    const byCode = new Map(provinceCases.map((c) => [c.code, c]));
    const matched = recorded.filter((c) => byCode.has(c));
    const notInForce = recorded.filter((c) => !byCode.has(c));
    const args = { matched, notInForce };
    if (matched.length > 0) {
      const names = matched.map((c) => byCode.get(c)!);
      return {
        ...ruleOutcome(CODE, true, { zh: `属于省级规定的其他情形：${names.map((n) => n.zh).join('、')}。`, en: `A case the province sets: ${names.map((n) => n.en).join(', ')}.` }),
        args,
      };
    }
    const ignored = notInForce.length ? { zh: `（${notInForce.join('、')}不在现行规定中）`, en: ` (${notInForce.join(', ')} not in force)` } : { zh: '', en: '' };
    return { ...ruleOutcome(CODE, false, { zh: `不属于省级规定的其他情形${ignored.zh}。`, en: `No case the province sets${ignored.en}.` }), args };
  },
};
