/**
 * Shape checks for parameter values: when one is published (POST /parameters) and when it is read
 * back from a catalog (a database or an import file). A published value must have exactly the shape
 * its key promises before any decision uses it — a stray key (`constructor` and `toString` were
 * once stored) or an amount no column can hold (`monthlyFen` 2 147 483 648) is refused, not kept.
 */
export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The largest whole number any parameter may hold: amounts, counts and shares end up in Postgres
 * `int` columns and in sums over a household, and a larger one makes every run that reads it fail.
 */
export const MAX_PARAMETER_INTEGER = 2_147_483_647;

/**
 * The largest monthly amount in fen (1 000 000 yuan) a parameter may name. Dibao standards are a
 * few hundred yuan, so anything near this is a slip of the keyboard; and it times ten members of a
 * household still fits a Postgres `int`.
 */
export const MAX_MONTHLY_AMOUNT_FEN = 100_000_000;

/** Basis points (10 000 bp = 100 %); no share of a standard or an income goes past 1 000 %. */
export const MAX_BASIS_POINTS = 100_000;

/** A whole number ≥ `min` (and ≤ `max`, by default the largest a parameter may hold). */
export const isWholeNumber = (v: unknown, min = 0, max = MAX_PARAMETER_INTEGER): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;

/** A monthly amount in whole fen, ≥ `min`, within MAX_MONTHLY_AMOUNT_FEN. */
export const isMonthlyFen = (v: unknown, min = 0): v is number => isWholeNumber(v, min, MAX_MONTHLY_AMOUNT_FEN);

/** A share in whole basis points, within MAX_BASIS_POINTS. */
export const isShareBp = (v: unknown): v is number => isWholeNumber(v, 0, MAX_BASIS_POINTS);

export const isNonNegativeNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_PARAMETER_INTEGER;

export const isWholeNumberList = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => isWholeNumber(x));

export const isNullOr = (v: unknown, check: (x: unknown) => boolean): boolean => v === null || check(v);

export type ValueCheck = (v: unknown) => boolean;

/**
 * An object with exactly the keys given: every `required` one present and passing its check, an
 * `optional` one absent or passing, and no other key at all.
 */
export function isRecordOf(v: unknown, required: Readonly<Record<string, ValueCheck>>, optional: Readonly<Record<string, ValueCheck>> = {}): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  for (const k of Object.keys(v)) if (!Object.hasOwn(required, k) && !Object.hasOwn(optional, k)) return false;
  for (const [k, check] of Object.entries(required)) if (!Object.hasOwn(v, k) || !check(v[k])) return false;
  for (const [k, check] of Object.entries(optional)) if (Object.hasOwn(v, k) && v[k] !== undefined && !check(v[k])) return false;
  return true;
}

/** No key outside `allowed` (for a check written field by field that only needs the stray-key guard). */
export function hasOnlyKeys(v: unknown, allowed: readonly string[]): boolean {
  return isPlainObject(v) && Object.keys(v).every((k) => allowed.includes(k));
}
