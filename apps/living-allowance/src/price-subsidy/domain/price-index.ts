/**
 * A month's year-on-year price rises for one region, as published by the statistics bureau
 * (国家统计局宁夏调查总队 for Ningxia). The price-linkage subsidy (policy.md §2) is decided from these
 * two numbers only, so they travel as exact integers: the bureau publishes rises to one decimal of a
 * per cent (3.5 %), which basis points (350 bp) hold without a float ever deciding "≥ 3.5 %".
 */

/** A calendar month, `YYYY-MM` — the unit of the index and of the monthly payment. */
export type YearMonth = string;

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isYearMonth(s: unknown): s is YearMonth {
  return typeof s === 'string' && YEAR_MONTH.test(s) && s.slice(0, 4) !== '0000';
}

export interface PriceIndexRecord {
  /** GB/T 2260 code of the region the index was measured in: '640000' Ningxia. */
  provinceCode: string;
  /** The month the prices were measured in, `YYYY-MM`. */
  month: YearMonth;
  /** CPI change over the same month of the previous year, bp (3.5 % = 350); negative when prices fell. */
  cpiRiseBp: number;
  /** Change of the food component of the CPI (CPI中的食品价格) over the same month of the previous year, bp. */
  foodCpiRiseBp: number;
}

const REGION_CODE = /^\d{6}$/;

/** Prices cannot fall by 100 % or more; anything at or below −10000 bp is a unit mistake (% vs bp). */
const isRiseBp = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > -10000;

/** Shape check for an index coming from an import file or another service. */
export function isPriceIndexRecord(v: unknown): v is PriceIndexRecord {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.provinceCode === 'string' &&
    REGION_CODE.test(r.provinceCode) &&
    isYearMonth(r.month) &&
    isRiseBp(r.cpiRiseBp) &&
    isRiseBp(r.foodCpiRiseBp)
  );
}

/** A malformed index reaching the domain is a programming error: validate at the edge with isPriceIndexRecord. */
export function assertPriceIndexRecord(v: unknown): asserts v is PriceIndexRecord {
  if (!isPriceIndexRecord(v)) throw new RangeError(`not a price index record: ${JSON.stringify(v)}`);
}

/**
 * Whether the division `divisionCode` lies inside the region `regionCode` (GB/T 2260: a region's code
 * is its prefix padded with zeros — 640000 Ningxia contains 640200 Shizuishan contains 640202
 * Dawukou). The mechanism links payments to the local index, so a household is never paid on
 * another region's prices.
 */
export function regionContains(regionCode: string, divisionCode: string): boolean {
  if (!REGION_CODE.test(regionCode) || !REGION_CODE.test(divisionCode)) return false;
  const prefix = regionCode.replace(/(00)+$/, '');
  return prefix !== '' && divisionCode.startsWith(prefix);
}
