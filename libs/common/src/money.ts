/**
 * Money is an integer number of fen (分, 1/100 yuan), never a float: benefits are added, compared at
 * exact boundaries ("below the standard") and audited, and 0.1 + 0.2 !== 0.3.
 * Shares are basis points (bp): 10000 bp = 100 %, 2000 bp = 20 %, 15000 bp = 1.5 ×.
 */

export const BP_PER_UNIT = 10000;

/** A non-negative safe integer: a valid amount of fen. */
export function isFen(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** Throws for a value that is not a valid amount of fen: a programming error, not a user error. */
export function assertFen(n: unknown, what = 'amount'): asserts n is number {
  if (!isFen(n)) throw new RangeError(`${what} must be a non-negative integer number of fen, got ${String(n)}`);
}

/** A non-negative integer share in basis points. */
export function isBasisPoints(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function toSafeNumber(v: bigint, what: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} exceeds the safe integer range`);
  }
  return Number(v);
}

/**
 * ⌊n ÷ d⌋ for non-negative integers with n + d ≤ MAX_SAFE_INTEGER, exactly: the floating-point
 * quotient is within one of it, and the remainder n − q × d (exact under that bound) says which way
 * to correct. Cheaper than `n % d`, which on numbers beyond 32 bits is a call to fmod.
 */
function floorDiv(n: number, d: number): number {
  const q = Math.floor(n / d);
  const r = n - q * d;
  return r < 0 ? q - 1 : r >= d ? q + 1 : q;
}

/**
 * `numerator ÷ denominator` rounded half up (0.5 fen → 1 fen), for non-negative integers; the usual
 * 四舍五入 of Chinese financial practice. Exact: in floating point while the numbers stay well inside
 * the safe integers (every real amount), in BigInt beyond.
 */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  assertFen(numerator, 'numerator');
  if (!Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`denominator must be a positive integer, got ${denominator}`);
  }
  const twice = 2 * numerator + denominator;
  if (twice + 2 * denominator <= Number.MAX_SAFE_INTEGER) return floorDiv(twice, 2 * denominator);
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  return toSafeNumber((2n * n + d) / (2n * d), 'divideRoundHalfUp');
}

/**
 * amountFen × shareBp / 10000, rounded half up to a whole fen, computed exactly in integers: in
 * floating point while the product stays a safe integer (a product of safe integers below 2^53 is
 * computed exactly; one above never compares below it), in BigInt beyond.
 */
export function shareOfFen(amountFen: number, shareBp: number): number {
  assertFen(amountFen, 'amountFen');
  if (!isBasisPoints(shareBp)) throw new RangeError(`shareBp must be a non-negative integer, got ${shareBp}`);
  const product = amountFen * shareBp + 5000;
  if (product + BP_PER_UNIT <= Number.MAX_SAFE_INTEGER) return floorDiv(product, BP_PER_UNIT);
  return toSafeNumber((BigInt(amountFen) * BigInt(shareBp) + 5000n) / 10000n, 'shareOfFen');
}

/**
 * Sum of fen amounts; refuses to overflow silently into inexact floats. A running total of safe
 * non-negative integers stays exact while it is itself a safe integer, so checking it after each
 * addition is enough — no BigInt needed.
 */
export function sumFen(amounts: readonly number[]): number {
  let total = 0;
  for (const a of amounts) {
    assertFen(a);
    total += a;
    if (total > Number.MAX_SAFE_INTEGER) throw new RangeError('sumFen exceeds the safe integer range');
  }
  return total;
}

/** Yuan with two decimals and no grouping, e.g. 78000 → '780.00', 5 → '0.05', -150 → '-1.50'. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`formatYuan: not an integer number of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${yuan}.${String(cents).padStart(2, '0')}`;
}
