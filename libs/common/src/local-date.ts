/**
 * Legal dates (application date, assessment date, validFrom of a parameter, a birth date) are
 * calendar dates in China Standard Time, not instants: a decision made at 00:30 on 1 January in
 * Shizuishan belongs to 1 January even though the server's UTC clock still says 31 December.
 * They travel as `YYYY-MM-DD` strings so that they compare, serialise and store without a time zone.
 */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A `YYYY-MM-DD` string naming a real day of the (proleptic Gregorian) calendar, years 0001–9999. */
export function isLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string') return false;
  const m = LOCAL_DATE.exec(s);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function partsOf(d: LocalDate): DateParts {
  if (!isLocalDate(d)) throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(d)}`);
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) };
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
  partsOf(a);
  partsOf(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Age in full years on date `on`. A person born on 29 February becomes a year older on 1 March in
 * common years (the birthday has not yet been reached on 28 February), which is how Chinese civil
 * practice counts 周岁. Asking for an age before birth is a programming error.
 */
export function ageOn(birthDate: LocalDate, on: LocalDate): number {
  const b = partsOf(birthDate);
  const o = partsOf(on);
  if (compareLocalDate(on, birthDate) < 0) throw new RangeError(`ageOn: ${on} is before birth date`);
  const birthdayReached = o.month > b.month || (o.month === b.month && o.day >= b.day);
  return o.year - b.year - (birthdayReached ? 0 : 1);
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
  partsOf(d);
  return d.slice(0, 7);
}
