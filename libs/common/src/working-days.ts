import { addDays, compareLocalDate, daysInMonth, isLocalDate, LocalDate, localDateOf } from './local-date';

/**
 * Working days (工作日) as published data, and the deadlines counted on them.
 *
 * The process limits of social assistance are in working days (民发〔2021〕57号: county confirmation
 * within 10 working days after the public notice, refusal in writing within 3 working days, whole
 * process ≤ 30 working days, extendable by 15; 民发〔2021〕43号 likewise for special hardship), and
 * "working day" in administrative law excludes statutory holidays (行政许可法 第八十二条). Which days
 * are holidays, and which weekend days are worked instead (调休上班), is fixed each year by a State
 * Council General Office notice, so it cannot be computed from a rule: it is data, published per
 * period, and a date the data does not cover is an error rather than a guess.
 *
 * Counting convention — 自次日起算: the day of the event (acceptance, end of the notice, the
 * decision) does not count; the first day counted is the next one (民法典 第二百零一条: a period
 * counted in days does not include its starting day). So "10 working days after the notice ends on
 * Tuesday" ends on the 10th working day after that Tuesday, and the deadline is met on that day.
 */

export interface WorkingDayCalendar {
  /** Stable id, recorded with every deadline computed on this calendar. */
  id: string;
  /** The notices the dates were taken from, so a caseworker or auditor can check them. */
  legalSource: string;
  /** Days off (放假). May include weekend days inside a holiday period; they are off either way. */
  holidays: readonly LocalDate[];
  /** 调休上班: Saturdays and Sundays that the notice makes working days. */
  adjustedWorkingDays: readonly LocalDate[];
  /** First and last day (inclusive) for which the calendar answers. */
  coversFrom: LocalDate;
  coversTo: LocalDate;
}

interface CalendarIndex {
  holidays: ReadonlySet<LocalDate>;
  adjustedWorkingDays: ReadonlySet<LocalDate>;
}

// Calendars are immutable published data, so the lookup sets are built once per calendar object.
const indexes = new WeakMap<WorkingDayCalendar, CalendarIndex>();

function indexOf(cal: WorkingDayCalendar): CalendarIndex {
  let index = indexes.get(cal);
  if (index === undefined) {
    for (const bound of [cal.coversFrom, cal.coversTo]) {
      if (!isLocalDate(bound)) throw new RangeError(`working-day calendar ${cal.id}: bad coverage date ${JSON.stringify(bound)}`);
    }
    index = { holidays: new Set(cal.holidays), adjustedWorkingDays: new Set(cal.adjustedWorkingDays) };
    indexes.set(cal, index);
  }
  return index;
}

function assertDate(d: LocalDate): void {
  if (!isLocalDate(d)) throw new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(d)}`);
}

/** 0 = Sunday … 6 = Saturday. */
function dayOfWeek(d: LocalDate): number {
  assertDate(d);
  const t = new Date(0);
  t.setUTCFullYear(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return t.getUTCDay();
}

function isWeekend(d: LocalDate): boolean {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
}

/**
 * Walks forward one day at a time, keeping the weekday, without re-parsing the date each step:
 * a worklist recomputes one deadline of up to 45 working days per open case.
 */
class DayCursor {
  private y: number;
  private m: number;
  private d: number;
  weekday: number;
  date: LocalDate;

  constructor(start: LocalDate) {
    this.weekday = dayOfWeek(start);
    this.y = Number(start.slice(0, 4));
    this.m = Number(start.slice(5, 7));
    this.d = Number(start.slice(8, 10));
    this.date = start;
  }

  next(): void {
    this.weekday = (this.weekday + 1) % 7;
    if (this.d < daysInMonth(this.y, this.m)) this.d += 1;
    else if (this.m < 12) [this.m, this.d] = [this.m + 1, 1];
    else [this.y, this.m, this.d] = [this.y + 1, 1, 1];
    this.date = localDateOf(this.y, this.m, this.d);
  }
}

function assertCovered(cal: WorkingDayCalendar, d: LocalDate): void {
  // YYYY-MM-DD strings of valid dates order like the dates they name.
  if (d < cal.coversFrom || d > cal.coversTo) {
    // A deadline counted on a calendar that does not know the period's holidays would be silently
    // wrong by up to a week (Spring Festival): the service must publish that year's calendar first.
    throw new RangeError(
      `${d} is outside working-day calendar ${cal.id} (covers ${cal.coversFrom} to ${cal.coversTo}); ` +
        'publish the calendar for that period before computing deadlines on it',
    );
  }
}

function isWorkingDayAt(cal: WorkingDayCalendar, index: CalendarIndex, date: LocalDate, weekday: number): boolean {
  assertCovered(cal, date);
  if (weekday === 0 || weekday === 6) return index.adjustedWorkingDays.has(date);
  return !index.holidays.has(date);
}

/**
 * Monday to Friday unless the notice makes it a holiday; Saturday and Sunday only when the notice
 * makes it a working day (调休上班). Weekends are rest days for state organs (国务院关于职工工作时间的规定
 * 第七条).
 */
export function isWorkingDay(cal: WorkingDayCalendar, d: LocalDate): boolean {
  return isWorkingDayAt(cal, indexOf(cal), d, dayOfWeek(d));
}

function assertCount(fn: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${fn}: n must be a whole number ≥ 0, got ${n}`);
}

/**
 * The date `n` working days after `from`, counting from the next day (自次日起算, see the top of this
 * file). `n = 0` gives `from` itself. Only the days counted, (from, result], are looked up, so an
 * event on the day before the calendar starts can still be counted forward.
 */
export function addWorkingDays(cal: WorkingDayCalendar, from: LocalDate, n: number): LocalDate {
  assertCount('addWorkingDays', n);
  const index = indexOf(cal);
  const cursor = new DayCursor(from);
  let counted = 0;
  while (counted < n) {
    cursor.next();
    if (isWorkingDayAt(cal, index, cursor.date, cursor.weekday)) counted += 1;
  }
  return cursor.date;
}

/**
 * The number of working days in (from, to] — the same count `addWorkingDays` makes, so
 * `workingDaysBetween(cal, from, addWorkingDays(cal, from, n)) === n`. Negative (−count of (to, from])
 * when `to` is before `from`, so "working days left until the due date" goes below zero once it has
 * passed.
 */
export function workingDaysBetween(cal: WorkingDayCalendar, from: LocalDate, to: LocalDate): number {
  const order = compareLocalDate(from, to);
  if (order > 0) return -workingDaysBetween(cal, to, from);
  const index = indexOf(cal);
  const cursor = new DayCursor(from);
  let count = 0;
  while (cursor.date !== to) {
    cursor.next();
    if (isWorkingDayAt(cal, index, cursor.date, cursor.weekday)) count += 1;
  }
  return count;
}

/**
 * What is wrong with a calendar's data, as readable lines (empty when nothing is). Run on every
 * calendar before it is published: a Monday typed as a 调休 day, or a holiday outside the covered
 * period, is a transcription error of the notice.
 */
export function calendarProblems(cal: WorkingDayCalendar): string[] {
  const problems: string[] = [];
  for (const [name, d] of [['coversFrom', cal.coversFrom], ['coversTo', cal.coversTo]] as const) {
    if (!isLocalDate(d)) problems.push(`${name} is not a date: ${JSON.stringify(d)}`);
  }
  if (problems.length > 0) return problems;
  if (compareLocalDate(cal.coversFrom, cal.coversTo) > 0) problems.push(`coversFrom ${cal.coversFrom} is after coversTo ${cal.coversTo}`);
  const check = (kind: string, dates: readonly LocalDate[]): void => {
    const seen = new Set<LocalDate>();
    for (const d of dates) {
      if (!isLocalDate(d)) {
        problems.push(`${kind}: not a date: ${JSON.stringify(d)}`);
        continue;
      }
      if (seen.has(d)) problems.push(`${kind}: ${d} is listed twice`);
      seen.add(d);
      if (compareLocalDate(d, cal.coversFrom) < 0 || compareLocalDate(d, cal.coversTo) > 0) {
        problems.push(`${kind}: ${d} is outside ${cal.coversFrom} to ${cal.coversTo}`);
      }
    }
  };
  check('holiday', cal.holidays);
  check('adjusted working day', cal.adjustedWorkingDays);
  const holidays = new Set(cal.holidays);
  for (const d of cal.adjustedWorkingDays) {
    if (!isLocalDate(d)) continue;
    if (!isWeekend(d)) problems.push(`adjusted working day: ${d} is not a Saturday or Sunday`);
    if (holidays.has(d)) problems.push(`${d} is both a holiday and an adjusted working day`);
  }
  return problems;
}

/**
 * A time limit of the process, kept with what it was counted from and on which rule, so a caseworker
 * sees "due 2025-10-21: 10 working days after the notice ended on 2025-09-30 (民发〔2021〕57号)".
 */
export interface Deadline {
  /** What must be done by the due date, e.g. `county_confirmation`, `refusal_notice`. */
  kind: string;
  /** The event day; it does not count (自次日起算). */
  startedOn: LocalDate;
  /** The last day on which the deadline is met. */
  dueOn: LocalDate;
  unit: 'working_days' | 'calendar_days';
  length: number;
  legalSource: string;
  /** For working-day deadlines, the calendar they were counted on (a later calendar may differ). */
  calendarId?: string;
}

export interface DeadlineSpec {
  kind: string;
  startedOn: LocalDate;
  length: number;
  legalSource: string;
}

/** A deadline of `length` working days after `startedOn`. */
export function workingDaysDeadline(cal: WorkingDayCalendar, spec: DeadlineSpec): Deadline {
  return {
    kind: spec.kind,
    startedOn: spec.startedOn,
    dueOn: addWorkingDays(cal, spec.startedOn, spec.length),
    unit: 'working_days',
    length: spec.length,
    legalSource: spec.legalSource,
    calendarId: cal.id,
  };
}

/**
 * A working-day deadline for a case on screen, which must show a date even when the period runs
 * past the published calendar (next year's holidays are announced in the autumn). Inside the
 * calendar it counts exactly like `workingDaysDeadline`; beyond `coversTo` it counts Monday to
 * Friday and marks the deadline `provisional` (calendar id suffixed `+weekdays`) until that year's
 * calendar is published. Computations that must be exact (`addWorkingDays`) still refuse such dates.
 */
export function provisionalWorkingDaysDeadline(cal: WorkingDayCalendar, spec: DeadlineSpec): Deadline & { provisional?: true } {
  assertCount('provisionalWorkingDaysDeadline', spec.length);
  const index = indexOf(cal);
  const cursor = new DayCursor(spec.startedOn);
  let counted = 0;
  let beyond = false;
  while (counted < spec.length) {
    cursor.next();
    if (cursor.date > cal.coversTo) {
      beyond = true;
      if (cursor.weekday !== 0 && cursor.weekday !== 6) counted += 1;
    } else if (isWorkingDayAt(cal, index, cursor.date, cursor.weekday)) counted += 1;
  }
  const d: Deadline = { kind: spec.kind, startedOn: spec.startedOn, dueOn: cursor.date, unit: 'working_days', length: spec.length, legalSource: spec.legalSource, calendarId: cal.id };
  return beyond ? { ...d, calendarId: `${cal.id}+weekdays`, provisional: true } : d;
}

/**
 * A period of `length` calendar days after `startedOn`, e.g. the 7-day public notice (公示期7天):
 * holidays inside it do not stop it. Its end is not moved off a holiday: 民法典 第二百零三条 moves the
 * last day of a period for a party's act, whereas a notice is a posting that runs its days regardless.
 */
export function calendarDaysDeadline(spec: DeadlineSpec): Deadline {
  assertCount('calendarDaysDeadline', spec.length);
  return {
    kind: spec.kind,
    startedOn: spec.startedOn,
    dueOn: addDays(spec.startedOn, spec.length),
    unit: 'calendar_days',
    length: spec.length,
    legalSource: spec.legalSource,
  };
}

const MS_PER_DAY = 86_400_000;

function dayNumber(d: LocalDate): number {
  assertDate(d);
  const t = new Date(0);
  t.setUTCFullYear(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round(t.getTime() / MS_PER_DAY);
}

/**
 * Where `today` stands against a calendar-day deadline (the 7-day public notice, 公示期7天). It is
 * met on its due date itself, so it is overdue only from the day after; `daysLeft` is in calendar
 * days, 0 on the due date and negative once overdue. A working-day deadline is refused: counting its
 * days left in calendar days shows a week-long holiday as days an officer has (workingDaysStatus).
 */
export function calendarDaysStatus(deadline: Deadline, today: LocalDate): { overdue: boolean; daysLeft: number } {
  if (deadline.unit !== 'calendar_days') throw new RangeError(`calendarDaysStatus: ${deadline.kind} is counted in ${deadline.unit}; use workingDaysStatus`);
  const daysLeft = dayNumber(deadline.dueOn) - dayNumber(today);
  return { overdue: daysLeft < 0, daysLeft };
}

/**
 * The working days in (from, to] for a date on screen, which may lie past the published calendar:
 * inside it they are counted exactly like `workingDaysBetween`; outside it Monday to Friday count,
 * and the answer is marked `provisional` (as `provisionalWorkingDaysDeadline` does).
 */
function provisionalWorkingDaysBetween(cal: WorkingDayCalendar, from: LocalDate, to: LocalDate): { count: number; provisional: boolean } {
  const index = indexOf(cal);
  const cursor = new DayCursor(from);
  let count = 0;
  let provisional = false;
  while (cursor.date < to) {
    cursor.next();
    if (cursor.date < cal.coversFrom || cursor.date > cal.coversTo) {
      provisional = true;
      if (cursor.weekday !== 0 && cursor.weekday !== 6) count += 1;
    } else if (isWorkingDayAt(cal, index, cursor.date, cursor.weekday)) count += 1;
  }
  return { count, provisional };
}

/**
 * Where `today` stands against a working-day deadline (county confirmation within 10 working days,
 * the written refusal within 3). Met on its due date, overdue from the day after. `workingDaysLeft`
 * counts the working days after today up to the due date, on the calendar the deadline was counted
 * on: 0 on the due date, 1 on the last working day before it — and still 1 over the weekend or the
 * holiday in between, which give an officer no working time. Once overdue it is minus the working
 * days since the due date (0 on the weekend right after a Friday due date, while `overdue` is true).
 */
export function workingDaysStatus(cal: WorkingDayCalendar, deadline: Deadline, today: LocalDate): { overdue: boolean; workingDaysLeft: number; provisional?: true } {
  if (deadline.unit !== 'working_days') throw new RangeError(`workingDaysStatus: ${deadline.kind} is counted in ${deadline.unit}; use calendarDaysStatus`);
  assertDate(today);
  const overdue = compareLocalDate(today, deadline.dueOn) > 0;
  const { count, provisional } = overdue ? provisionalWorkingDaysBetween(cal, deadline.dueOn, today) : provisionalWorkingDaysBetween(cal, today, deadline.dueOn);
  const workingDaysLeft = overdue ? -count : count;
  // -0 would print as 0 anyway; keep JSON and equality plain.
  return { overdue, workingDaysLeft: workingDaysLeft === 0 ? 0 : workingDaysLeft, ...(provisional ? { provisional: true as const } : {}) };
}
