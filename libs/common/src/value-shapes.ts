/**
 * Shape checks for parameter values read back from a catalog (a database or an import file): a
 * published value must have the shape its key promises before any decision uses it.
 */
export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A whole number ≥ `min` (and ≤ `max` when given). */
export const isWholeNumber = (v: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;

export const isNonNegativeNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export const isWholeNumberList = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => isWholeNumber(x));

export const isNullOr = (v: unknown, check: (x: unknown) => boolean): boolean => v === null || check(v);
