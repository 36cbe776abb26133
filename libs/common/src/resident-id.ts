import { DateNumber, dateNumberFromParts, LocalDate } from './local-date';

/**
 * Resident ID number (居民身份证号码), GB 11643-1999: 6-digit administrative region code (GB/T 2260,
 * as at the time of issue — old codes stay valid, so it is not checked against today's list),
 * 8-digit birth date YYYYMMDD, 3-digit sequence (odd for men, even for women), and a check character
 * computed with ISO 7064 MOD 11-2 (0–9 or X for 10).
 *
 * The ID number identifies a person: it never goes into events or logs (glossary) — use
 * `maskResidentId` for display and a keyed `personRef` for correlation.
 */

export type Sex = 'male' | 'female';

export interface ResidentIdInfo {
  birthDate: LocalDate;
  sex: Sex;
  regionCode: string;
}

export type ResidentIdProblem = 'format' | 'check_digit' | 'birth_date';

export type ParsedResidentId = { ok: true; value: ResidentIdInfo } | { ok: false; reason: ResidentIdProblem };

/** Weights 2^(17−i) mod 11 for positions i = 0…16 (ISO 7064 MOD 11-2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** CHECK_CHARS as numbers (X = 10), so checking a number needs no string. */
const CHECK_VALUES = [1, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2];

/** The check character for the first 17 digits. Handy for building valid synthetic IDs in tests. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckChar expects exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * The canonical form: surrounding blanks removed, a lower-case check `x` raised to `X` (GB 11643
 * prints an upper-case X, but people type both). Compare and hash only canonical forms.
 */
export function normalizeResidentId(id: string): string {
  return id.trim().toUpperCase();
}

/**
 * Checks an ID number and reads its birth date in one pass over the character codes, allocating
 * nothing: the DateNumber of the birth date (19900101) when valid, otherwise the problem. This is
 * what an assessment calls once per member; `parseResidentId` gives the same verdicts with the
 * full information. Checks, in order: the shape (17 digits then a digit or X/x), the check
 * character (a typo is the most common fault, and reporting it first tells the caseworker to re-read
 * the card), then the birth date (a real calendar date; whether it lies in the future is for the
 * caller to judge).
 */
export function residentIdBirthDateNumber(id: unknown): DateNumber | ResidentIdProblem {
  if (typeof id !== 'string' || id.length !== 18) return 'format';
  // Unrolled on purpose: one read per character, the weights as constants, and the digit test folded
  // into one branch (for d = code − 48, d | (d + 6) fits in 4 bits exactly when 0 ≤ d ≤ 9). About a
  // third faster than the loop, and this runs for every member of every household assessed.
  const d0 = id.charCodeAt(0) - 48;
  const d1 = id.charCodeAt(1) - 48;
  const d2 = id.charCodeAt(2) - 48;
  const d3 = id.charCodeAt(3) - 48;
  const d4 = id.charCodeAt(4) - 48;
  const d5 = id.charCodeAt(5) - 48;
  const d6 = id.charCodeAt(6) - 48;
  const d7 = id.charCodeAt(7) - 48;
  const d8 = id.charCodeAt(8) - 48;
  const d9 = id.charCodeAt(9) - 48;
  const d10 = id.charCodeAt(10) - 48;
  const d11 = id.charCodeAt(11) - 48;
  const d12 = id.charCodeAt(12) - 48;
  const d13 = id.charCodeAt(13) - 48;
  const d14 = id.charCodeAt(14) - 48;
  const d15 = id.charCodeAt(15) - 48;
  const d16 = id.charCodeAt(16) - 48;
  const digitBits =
    d0 | (d0 + 6) | d1 | (d1 + 6) | d2 | (d2 + 6) | d3 | (d3 + 6) | d4 | (d4 + 6) | d5 | (d5 + 6) | d6 | (d6 + 6) | d7 | (d7 + 6) | d8 | (d8 + 6) |
    d9 | (d9 + 6) | d10 | (d10 + 6) | d11 | (d11 + 6) | d12 | (d12 + 6) | d13 | (d13 + 6) | d14 | (d14 + 6) | d15 | (d15 + 6) | d16 | (d16 + 6);
  if ((digitBits & ~15) !== 0) return 'format';
  const last = id.charCodeAt(17);
  // 88 'X', 120 'x' (a lower-case x is accepted: people type both); otherwise a digit.
  const check = last === 88 || last === 120 ? 10 : last - 48;
  if (check < 0 || check > 10) return 'format';
  // WEIGHTS, written out.
  const sum =
    7 * d0 + 9 * d1 + 10 * d2 + 5 * d3 + 8 * d4 + 4 * d5 + 2 * d6 + d7 + 6 * d8 + 3 * d9 + 7 * d10 + 9 * d11 + 10 * d12 + 5 * d13 + 8 * d14 + 4 * d15 + 2 * d16;
  if (CHECK_VALUES[sum % 11] !== check) return 'check_digit';
  const birth = dateNumberFromParts(d6 * 1000 + d7 * 100 + d8 * 10 + d9, d10 * 10 + d11, d12 * 10 + d13);
  return birth < 0 ? 'birth_date' : birth;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Parses an ID number. Checks, in order: the shape (18 characters), the check character, then the
 * birth date (see `residentIdBirthDateNumber`). A lower-case trailing `x` is accepted.
 */
export function parseResidentId(id: string): ParsedResidentId {
  const birth = residentIdBirthDateNumber(id);
  if (typeof birth !== 'number') return { ok: false, reason: birth };
  const birthDate = `${pad(Math.floor(birth / 10000), 4)}-${pad(Math.floor(birth / 100) % 100, 2)}-${pad(birth % 100, 2)}`;
  const sex: Sex = (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { birthDate, sex, regionCode: id.slice(0, 6) } };
}

export function isValidResidentId(id: string): boolean {
  return parseResidentId(id).ok;
}

/**
 * For display on screens and printed notices (公示 must not expose full ID numbers): keeps the
 * region code (first 6) and the last 4, e.g. `640202********123X`. Anything too short to mask
 * safely is masked entirely.
 */
export function maskResidentId(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}
