/**
 * Legal dates (application date, assessment date, validFrom of a parameter, a birth date) are
 * calendar dates in China Standard Time, not instants: a decision made at 00:30 on 1 January in
 * Shizuishan belongs to 1 January even though the server's UTC clock still says 31 December.
 * They travel as `YYYY-MM-DD` strings so that they compare, serialise and store without a time zone.
 */
export type LocalDate = string;

interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * A date as the number `year × 10000 + month × 100 + day` (2025-06-15 → 20250615). Two such numbers
 * compare in calendar order, and the age in full years is plain arithmetic on them, so code that
 * handles many dates (an assessment reads one birth date per member) converts each string once.
 */
export type DateNumber = number;

/** Digit value of the character at `i`, or -1 for anything that is not 0–9. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * The DateNumber of a LocalDate, or -1 when `s` is not one (wrong shape, or a day that does not
 * exist). Reads character codes, not a regular expression: it is called for every date of every
 * assessment, and allocates nothing.
 */
export function dateNumberOf(s: unknown): DateNumber {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1;
  const y1 = digitAt(s, 0);
  const y2 = digitAt(s, 1);
  const y3 = digitAt(s, 2);
  const y4 = digitAt(s, 3);
  const m1 = digitAt(s, 5);
  const m2 = digitAt(s, 6);
  const d1 = digitAt(s, 8);
  const d2 = digitAt(s, 9);
  if ((y1 | y2 | y3 | y4 | m1 | m2 | d1 | d2) < 0) return -1;
  return dateNumberFromParts(y1 * 1000 + y2 * 100 + y3 * 10 + y4, m1 * 10 + m2, d1 * 10 + d2);
}

/** The DateNumber of a year, month and day, or -1 when they name no real day of years 0001–9999. */
export function dateNumberFromParts(year: number, month: number, day: number): DateNumber {
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && year <= 9999 && isRealDate(year, month, day)
    ? year * 10000 + month * 100 + day
    : -1;
}

/**
 * Age in full years (周岁) between two valid DateNumbers: the years between them, less one while the
 * birthday (month and day) has not been reached. See `ageOn` for 29 February.
 */
export function fullYearsBetween(birth: DateNumber, on: DateNumber): number {
  const years = Math.floor(on / 10000) - Math.floor(birth / 10000);
  return on % 10000 >= birth % 10000 ? years : years - 1;
}

/** A `YYYY-MM-DD` string naming a real day of the (proleptic Gregorian) calendar, years 0001–9999. */
export function isLocalDate(s: unknown): s is LocalDate {
  return dateNumberOf(s) >= 0;
}

function validDateNumber(d: LocalDate): DateNumber {
  const n = dateNumberOf(d);
  if (n < 0) throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(d)}`);
  return n;
}

function partsOf(d: LocalDate): DateParts {
  const n = validDateNumber(d);
  return { year: Math.floor(n / 10000), month: Math.floor(n / 100) % 100, day: n % 100 };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function format({ year, month, day }: DateParts): LocalDate {
  if (year < 1 || year > 9999) throw new RangeError(`year ${year} is outside 0001–9999`);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Builds a LocalDate from numbers, refusing days that do not exist (e.g. 2023-02-29). */
export function localDateOf(year: number, month: number, day: number): LocalDate {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || !isRealDate(year, month, day)) {
    throw new RangeError(`not a calendar date: ${year}-${month}-${day}`);
  }
  return format({ year, month, day });
}

const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date in Asia/Shanghai at instant `now`. Deliberately ignores the machine's time
 * zone: containers usually run in UTC, which would put every decision made before 08:00 on the
 * previous day.
 */
export function todayInShanghai(now: Date): LocalDate {
  if (Number.isNaN(now.getTime())) throw new RangeError('todayInShanghai: invalid Date');
  const parts = SHANGHAI_DATE.formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return format({ year: get('year'), month: get('month'), day: get('day') });
}

/** Negative when a is earlier, 0 when the same day, positive when later. */
export function compareLocalDate(a: LocalDate, b: LocalDate): number {
  const x = validDateNumber(a);
  const y = validDateNumber(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Age in full years on date `on`. A person born on 29 February becomes a year older on 1 March in
 * common years (the birthday has not yet been reached on 28 February), which is how Chinese civil
 * practice counts 周岁. Asking for an age before birth is a programming error.
 */
export function ageOn(birthDate: LocalDate, on: LocalDate): number {
  const b = validDateNumber(birthDate);
  const o = validDateNumber(on);
  if (o < b) throw new RangeError(`ageOn: ${on} is before birth date`);
  return fullYearsBetween(b, o);
}

/**
 * The first day on which a person born on `birthDate` is `years` full years old, counted as `ageOn`
 * counts: the birthday itself, and 1 March in a common year for a person born on 29 February. A
 * review "at the 18th birthday" is scheduled on this day.
 */
export function dateOfReachingAge(birthDate: LocalDate, years: number): LocalDate {
  if (!Number.isInteger(years) || years < 0) throw new RangeError(`dateOfReachingAge: years must be a whole number ≥ 0, got ${years}`);
  const { year, month, day } = partsOf(birthDate);
  const y = year + years;
  return month === 2 && day === 29 && !isLeapYear(y) ? format({ year: y, month: 3, day: 1 }) : format({ year: y, month, day });
}

/**
 * Adds (or, with negative n, subtracts) whole calendar months, clamping to the last day of the
 * target month: 2025-01-31 + 1 month = 2025-02-28, so a review due "one month after 31 January"
 * never spills into March.
 */
export function addMonths(d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addMonths: n must be an integer, got ${n}`);
  const { year, month, day } = partsOf(d);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return format({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** Adds (or subtracts) whole days. */
export function addDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: n must be an integer, got ${n}`);
  const { year, month, day } = partsOf(d);
  // UTC arithmetic on a date-only value: no zone, no daylight saving, so exactly 86 400 000 ms a day.
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day + n);
  return format({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

/** Payment starts "from the month after approval" (民发〔2021〕57号), i.e. on this date. */
export function firstDayOfNextMonth(d: LocalDate): LocalDate {
  const { year, month } = partsOf(d);
  return month === 12 ? format({ year: year + 1, month: 1, day: 1 }) : format({ year, month: month + 1, day: 1 });
}

/** The month a date falls in, `YYYY-MM` (the unit of monthly payments). */
export function monthOf(d: LocalDate): string {
  validDateNumber(d);
  return d.slice(0, 7);
}
