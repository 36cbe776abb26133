import { DomainRule, ruleOutcome } from '@jiuzhu/common';
import { INDEX_NAMES, percent, PriceSubsidyBasis, riseText } from '../labels';
import { YearMonth } from '../price-index';

export interface RiseAgainstTriggerInput {
  month: YearMonth;
  riseBp: number;
  triggerBp: number;
  /** true: the rise must reach the trigger (≥, the 2021 wording 达到); false: exceed it (>). */
  inclusive: boolean;
}

/** Exact integer comparison in basis points: 3.49 % never rounds up to 3.5 %. */
export function reachesTrigger({ riseBp, triggerBp, inclusive }: RiseAgainstTriggerInput): boolean {
  return inclusive ? riseBp >= triggerBp : riseBp > triggerBp;
}

/** Both trigger rules read the same way; only the index and the code differ. */
export function riseReachesTriggerRule(code: string, basis: PriceSubsidyBasis): DomainRule<RiseAgainstTriggerInput> {
  const index = INDEX_NAMES[basis];
  return {
    code,
    check(input) {
      const passed = reachesTrigger(input);
      const rise = riseText(input.riseBp);
      const bound = `${input.inclusive ? '≥' : '>'} ${percent(input.triggerBp)}`;
      const zhVerb = input.inclusive ? (passed ? '达到' : '未达到') : passed ? '超过' : '未超过';
      const enVerb = passed ? 'meeting' : 'not meeting';
      return ruleOutcome(code, passed, {
        zh: `${input.month} ${index.zh}同比${rise.zh}，${zhVerb}启动条件（${bound}）。`,
        en: `In ${input.month} the ${index.en} ${rise.en} year on year, ${enVerb} the trigger (${bound}).`,
      });
    },
  };
}
