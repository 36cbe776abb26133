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

/** 17 digits, then a digit or X (a lower-case x too: people type both). */
const SHAPE = /^\d{17}[\dXx]$/;

function checkCharOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** The check character for the first 17 digits. Handy for building valid synthetic IDs in tests. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckChar expects exactly 17 digits');
  return checkCharOf(first17);
}

/**
 * The canonical form: surrounding blanks removed, a lower-case check `x` raised to `X` (GB 11643
 * prints an upper-case X, but people type both). Compare and hash only canonical forms.
 */
export function normalizeResidentId(id: string): string {
  return id.trim().toUpperCase();
}

/**
 * Checks an ID number and reads its birth date: the DateNumber of the birth date (19900101) when
 * valid, otherwise the problem. `parseResidentId` gives the same verdicts with the full information.
 * Checks, in order: the shape (17 digits then a digit or X/x), the check character (a typo is the
 * most common fault, and reporting it first tells the caseworker to re-read the card), then the
 * birth date (a real calendar date; whether it lies in the future is for the caller to judge).
 */
export function residentIdBirthDateNumber(id: unknown): DateNumber | ResidentIdProblem {
  if (typeof id !== 'string' || !SHAPE.test(id)) return 'format';
  if (checkCharOf(id) !== id[17].toUpperCase()) return 'check_digit';
  const birth = dateNumberFromParts(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)));
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
