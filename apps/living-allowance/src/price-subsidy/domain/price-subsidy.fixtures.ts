import { DEFAULT_PRICE_SUBSIDY_TRIGGERS } from './default-price-subsidy-parameters';
import { PriceIndexRecord } from './price-index';
import { PriceSubsidyTriggersValue } from './price-subsidy-parameters';

/** Test inputs: a Ningxia index for March 2025 with the given rises, and the national triggers. */
export function ningxiaIndex(cpiRiseBp: number, foodCpiRiseBp: number, month = '2025-03'): PriceIndexRecord {
  return { provinceCode: '640000', month, cpiRiseBp, foodCpiRiseBp };
}

export function triggersWith(change: Partial<PriceSubsidyTriggersValue> = {}): PriceSubsidyTriggersValue {
  return {
    ...DEFAULT_PRICE_SUBSIDY_TRIGGERS,
    covers: { ...DEFAULT_PRICE_SUBSIDY_TRIGGERS.covers },
    ...change,
  };
}
