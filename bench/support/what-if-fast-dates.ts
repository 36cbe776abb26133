/**
 * WHAT-IF EXPERIMENT for the assessment benchmark (`--what-if-fast-dates`), not production code:
 * replaces, in this process only, the exported date and ID helpers of @jiuzhu/common with versions
 * that give the same answers for the same inputs (and throw the same RangeErrors) but validate a
 * `YYYY-MM-DD` string with character codes instead of a regular expression, and do not re-validate
 * the same strings three times per call. Measures how much of the assessment's time is the date and
 * ID handling the profile points at, before anyone changes libs/common.
 *
 * Works because the compiled modules call each other through their `exports` objects (the
 * `@jiuzhu/common` index re-exports with live getters), so replacing an export is seen by callers.
 */

const localDate = require('../../libs/common/src/local-date') as Record<string, unknown>;
const residentId = require('../../libs/common/src/resident-id') as Record<string, unknown>;

const isDigit = (c: number) => c >= 48 && c <= 57;

function daysIn(year: number, month: number): number {
  switch (month) {
    case 2:
      return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

/** Year × 10000 + month × 100 + day for a valid LocalDate, else -1. */
function ymd(s: unknown): number {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    y = y * 10 + c - 48;
  }
  const m0 = s.charCodeAt(5);
  const m1 = s.charCodeAt(6);
  const d0 = s.charCodeAt(8);
  const d1 = s.charCodeAt(9);
  if (!isDigit(m0) || !isDigit(m1) || !isDigit(d0) || !isDigit(d1)) return -1;
  const m = (m0 - 48) * 10 + m1 - 48;
  const d = (d0 - 48) * 10 + d1 - 48;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return -1;
  return y * 10000 + m * 100 + d;
}

function valid(d: unknown): number {
  const v = ymd(d);
  if (v < 0) throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(d)}`);
  return v;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function installFastDates(): void {
  localDate.isLocalDate = (s: unknown) => ymd(s) >= 0;
  localDate.compareLocalDate = (a: string, b: string) => {
    const x = valid(a);
    const y = valid(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  localDate.ageOn = (birthDate: string, on: string) => {
    const b = valid(birthDate);
    const o = valid(on);
    if (o < b) throw new RangeError(`ageOn: ${on} is before birth date`);
    const years = Math.floor(o / 10000) - Math.floor(b / 10000);
    return years - (o % 10000 >= b % 10000 ? 0 : 1);
  };
  residentId.parseResidentId = (id: string) => {
    if (typeof id !== 'string') return { ok: false, reason: 'format' };
    if (id.length !== 18) return { ok: false, reason: 'format' };
    let sum = 0;
    for (let i = 0; i < 17; i++) {
      const c = id.charCodeAt(i);
      if (!isDigit(c)) return { ok: false, reason: 'format' };
      sum += (c - 48) * WEIGHTS[i];
    }
    const last = id[17] === 'x' ? 'X' : id[17];
    if (!(last === 'X' || isDigit(last.charCodeAt(0)))) return { ok: false, reason: 'format' };
    if (CHECK[sum % 11] !== last) return { ok: false, reason: 'check_digit' };
    const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    if (ymd(birthDate) < 0) return { ok: false, reason: 'birth_date' };
    return { ok: true, value: { birthDate, sex: (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female', regionCode: id.slice(0, 6) } };
  };
}
