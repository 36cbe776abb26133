import { hasOnlyKeys, isPlainObject, isWholeNumber } from '@jiuzhu/common';

/**
 * The parameters of the price-linkage subsidy (物价上涨挂钩联动机制, policy.md §2), in the shape of
 * parameter-keys.ts so that the catalog can carry them: key, value type, shape check. Triggers are
 * rises in basis points (3.5 % = 350 bp). They are effective-dated data because they do change:
 * provinces may set lower triggers, and in 2022–23 the national CPI trigger was temporarily 3.0 %.
 *
 * This file imports nothing from the parameters module: parameter-keys.ts spreads
 * PRICE_SUBSIDY_PARAMETER_SPECS into PARAMETER_SPECS (so POST /parameters validates the shape), and
 * resolution by date lives in resolve-price-subsidy-triggers.ts — keeping the import graph acyclic.
 */

export const PRICE_SUBSIDY_PARAMETER_KEYS = {
  triggers: 'price-subsidy.triggers',
} as const;

/** Who receives the subsidy. Dibao and special-hardship persons by national rule; low-income (dibao-edge) households by local decision. */
export interface PriceSubsidyCoverage {
  dibao: boolean;
  specialHardship: boolean;
  lowIncome: boolean;
}

/**
 * `price-subsidy.triggers` — the mechanism starts in a month when the CPI rise reaches
 * `cpiTriggerBp` OR the food CPI rise reaches `foodCpiTriggerBp` (either suffices). The 2021 rules
 * say 达到 (reaches), i.e. "≥": `inclusive: true`; `false` lets a province require a rise strictly
 * above the trigger.
 */
export interface PriceSubsidyTriggersValue {
  cpiTriggerBp: number;
  foodCpiTriggerBp: number;
  inclusive: boolean;
  covers: PriceSubsidyCoverage;
}

export interface PriceSubsidyParameterValues {
  'price-subsidy.triggers': PriceSubsidyTriggersValue;
}

export type PriceSubsidyParameterKey = keyof PriceSubsidyParameterValues;

const isObj = isPlainObject;
// A trigger of 0 % or less would pay in months of falling prices, and the amount is standard × the
// rise: only a positive trigger guarantees a triggered month has a positive rate.
const isPosInt = (v: unknown): v is number => isWholeNumber(v, 1);

export function isPriceSubsidyTriggers(v: unknown): v is PriceSubsidyTriggersValue {
  return (
    // Exactly these fields: a stray key is refused at publication (libs/common value-shapes).
    hasOnlyKeys(v, ['cpiTriggerBp', 'foodCpiTriggerBp', 'inclusive', 'covers']) &&
    isObj(v) &&
    isPosInt(v.cpiTriggerBp) &&
    isPosInt(v.foodCpiTriggerBp) &&
    typeof v.inclusive === 'boolean' &&
    hasOnlyKeys(v.covers, ['dibao', 'specialHardship', 'lowIncome']) &&
    isObj(v.covers) &&
    typeof v.covers.dibao === 'boolean' &&
    typeof v.covers.specialHardship === 'boolean' &&
    typeof v.covers.lowIncome === 'boolean'
  );
}

/** Same shape as `ParameterSpec` in parameter-keys.ts, which spreads these specs into PARAMETER_SPECS. */
export interface PriceSubsidyParameterSpec<K extends PriceSubsidyParameterKey> {
  scope: 'global' | 'district-area';
  unit: string;
  isValid(value: unknown): value is PriceSubsidyParameterValues[K];
}

export const PRICE_SUBSIDY_PARAMETER_SPECS: { [K in PriceSubsidyParameterKey]: PriceSubsidyParameterSpec<K> } = {
  'price-subsidy.triggers': {
    // One provincial decision for the whole city; the index itself is provincial.
    scope: 'global',
    unit: 'bp of the year-on-year rise',
    isValid: isPriceSubsidyTriggers,
  },
};
