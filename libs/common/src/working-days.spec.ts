import { addDays, compareLocalDate, LocalDate } from './local-date';
import { CHINA_CALENDAR_2025_2026, CHINA_CALENDAR_2025_2027 } from './working-day-calendars';
import {
  addWorkingDays,
  calendarDaysDeadline,
  calendarProblems,
  calendarDaysStatus,
  isWorkingDay,
  provisionalWorkingDaysDeadline,
  workingDaysBetween,
  workingDaysDeadline,
  workingDaysStatus,
  WorkingDayCalendar,
} from './working-days';

const cal = CHINA_CALENDAR_2025_2026;
const DIBAO = '民发〔2021〕57号 最低生活保障审核确认办法';

describe('working days — State Council holiday notices for 2025 and 2026', () => {
  describe('which days are working days', () => {
    it.each([
      ['2025-10-09', true, 'an ordinary Thursday'],
      ['2025-01-01', false, 'New Year on a Wednesday: one day off, no 调休 (2025 notice 一)'],
      ['2025-01-28', false, 'Spring Festival starts on 除夕 since the 2024 amendment (2025 notice 二)'],
      ['2025-05-05', false, 'Labour Day includes 5 May since the 2024 amendment (2025 notice 四)'],
      ['2025-10-08', false, 'National Day and Mid-Autumn merged into 8 days, Wednesday 8 October off'],
      ['2026-02-23', false, 'Spring Festival 2026 ends on Monday 正月初七'],
      ['2026-09-25', false, 'Mid-Autumn 2026 on a Friday'],
      ['2026-10-08', true, 'National Day 2026 ends on the 7th; Thursday 8 October is worked'],
    ])('%s is a working day: %p (%s)', (d, expected) => {
      expect(isWorkingDay(cal, d)).toBe(expected);
    });

    it.each([
      ['2025-01-26', 'Sunday'],
      ['2025-02-08', 'Saturday'],
      ['2025-04-27', 'Sunday'],
      ['2025-09-28', 'Sunday'],
      ['2025-10-11', 'Saturday'],
      ['2026-01-04', 'Sunday'],
      ['2026-02-14', 'Saturday'],
      ['2026-02-28', 'Saturday'],
      ['2026-05-09', 'Saturday'],
      ['2026-09-20', 'Sunday'],
      ['2026-10-10', 'Saturday'],
    ])('an adjusted working weekend (调休上班) counts as a working day: %s (%s)', (d) => {
      expect(isWorkingDay(cal, d)).toBe(true);
    });

    it.each([
      ['2025-09-27', 'the Saturday before the worked Sunday 28 September'],
      ['2025-10-12', 'the Sunday after the worked Saturday 11 October'],
      ['2026-03-07', 'a Saturday with no holiday nearby'],
      ['2026-12-27', 'a Sunday in the last week the calendar covers'],
    ])('a plain weekend day is not a working day: %s (%s)', (d) => {
      expect(isWorkingDay(cal, d)).toBe(false);
    });
  });

  describe('counting working days starts the day after the event (自次日起算)', () => {
    it.each([
      ['2025-03-05', 0, '2025-03-05', 'zero working days is the day itself'],
      ['2025-10-03', 0, '2025-10-03', 'zero working days is the day itself, even on a holiday'],
      ['2025-03-05', 1, '2025-03-06', 'one working day after a Wednesday is Thursday'],
      ['2025-03-07', 1, '2025-03-10', 'one working day after a Friday is Monday'],
      ['2025-03-08', 1, '2025-03-10', 'counting from a Saturday, Sunday does not count'],
      ['2024-12-31', 1, '2025-01-02', 'an event the day before the calendar starts can be counted forward'],
    ])('%s + %i working days = %s (%s)', (from, n, expected) => {
      expect(addWorkingDays(cal, from, n)).toBe(expected);
    });

    it.each([-1, 1.5, Number.NaN])('refuses a count of %p working days', (n) => {
      expect(() => addWorkingDays(cal, '2025-03-05', n)).toThrow(RangeError);
    });
  });

  describe('process deadlines', () => {
    it.each([
      // 1 Oct–8 Oct off; Thu 9, Fri 10, Sat 11 (调休), Mon 13 … Fri 17, Mon 20, Tue 21.
      ['2025-09-30', 10, '2025-10-21', 'a notice ending the day before National Day'],
      // Sun 26 Jan (调休), Mon 27; 28 Jan–4 Feb off; Wed 5 … Fri 7, Sat 8 Feb (调休), Mon 10 … Thu 13.
      ['2025-01-24', 10, '2025-02-13', 'a notice ending on the Friday before Spring Festival 2025'],
      // Wed 11 … Fri 13, Sat 14 (调休); 15–23 Feb off; Tue 24 … Fri 27, Sat 28 (调休), Mon 2 Mar.
      ['2026-02-10', 10, '2026-03-02', 'a notice ending in the week before Spring Festival 2026'],
    ])(
      'county confirmation is due 10 working days after the notice ends (%s → %s, %s; 民发〔2021〕57号)',
      (noticeEnds, n, expected) => {
        const deadline = workingDaysDeadline(cal, { kind: 'county_confirmation', startedOn: noticeEnds, length: n, legalSource: DIBAO });
        expect(deadline).toEqual({
          kind: 'county_confirmation',
          startedOn: noticeEnds,
          dueOn: expected,
          unit: 'working_days',
          length: 10,
          legalSource: DIBAO,
          calendarId: cal.id,
        });
      },
    );

    it('counts a deadline across National Day: the holiday week does not count, the worked Sunday before it does', () => {
      // Fri 26 Sep → Sun 28 (调休), Mon 29, Tue 30.
      expect(addWorkingDays(cal, '2025-09-26', 3)).toBe('2025-09-30');
      // Tue 30 Sep → the holiday 1–8 Oct is skipped entirely.
      expect(addWorkingDays(cal, '2025-09-30', 1)).toBe('2025-10-09');
    });

    it('limits the whole process to 30 working days from acceptance, extendable by 15 (民发〔2021〕57号)', () => {
      // Accepted Mon 15 Sep 2025: 16–19 (4), 22–26 (9), Sun 28 调休 (10), 29–30 (12), 1–8 Oct off,
      // 9–10 (14), Sat 11 调休 (15), 13–17 (20), 20–24 (25), 27–31 (30).
      const limit = workingDaysDeadline(cal, { kind: 'whole_process', startedOn: '2025-09-15', length: 30, legalSource: DIBAO });
      expect(limit.dueOn).toBe('2025-10-31');
      // The extension adds 15 working days to the limit: 3–7 Nov (35), 10–14 (40), 17–21 (45).
      expect(addWorkingDays(cal, limit.dueOn, 15)).toBe('2025-11-21');
      expect(addWorkingDays(cal, '2025-09-15', 30 + 15)).toBe('2025-11-21');
    });

    it.each([
      ['2025-03-07', '2025-03-12', 'an ordinary Friday: Mon, Tue, Wed'],
      ['2026-04-03', '2026-04-09', 'the Friday before Qingming 2026 (4–6 Apr off): Tue, Wed, Thu'],
      ['2026-05-08', '2026-05-12', 'the Friday before the worked Saturday 9 May 2026: Sat, Mon, Tue'],
      ['2025-09-26', '2025-09-30', 'the Friday before the worked Sunday 28 Sep 2025: Sun, Mon, Tue'],
    ])('a refusal is notified in writing within 3 working days of the decision on Friday %s → %s (%s)', (decidedOn, expected) => {
      expect(addWorkingDays(cal, decidedOn, 3)).toBe(expected);
    });

    it('runs the public notice (公示) for 7 calendar days: holidays inside it do not stop it', () => {
      const notice = calendarDaysDeadline({ kind: 'public_notice', startedOn: '2025-09-29', length: 7, legalSource: DIBAO });
      expect(notice).toEqual({
        kind: 'public_notice',
        startedOn: '2025-09-29',
        dueOn: '2025-10-06',
        unit: 'calendar_days',
        length: 7,
        legalSource: DIBAO,
      });
    });
  });

  describe('a deadline is met on its due date: overdue only after it', () => {
    const due = workingDaysDeadline(cal, { kind: 'county_confirmation', startedOn: '2025-09-30', length: 10, legalSource: DIBAO });

    // Due Tuesday 2025-10-21: 10-01..08 are off, Saturday 10-11 is worked.
    it.each([
      ['2025-09-30', false, 10, 'the day the notice ended: all ten are left'],
      ['2025-10-01', false, 10, 'the National Day holiday uses none of them'],
      ['2025-10-10', false, 8, 'Friday 10-10: the 10-09 and 10-10 are used, the worked Saturday still counts'],
      ['2025-10-18', false, 2, 'Saturday: Monday and Tuesday are left'],
      ['2025-10-20', false, 1, 'the last working day before it'],
      ['2025-10-21', false, 0, 'the due date'],
      ['2025-10-22', true, -1, 'one working day late'],
      ['2025-10-27', true, -4, 'the weekend between is not counted late'],
    ])('due 2025-10-21, on %s: overdue %p, %i working days left (%s)', (today, overdue, workingDaysLeft) => {
      expect(workingDaysStatus(cal, due, today)).toEqual({ overdue, workingDaysLeft });
    });

    it('is overdue on the weekend after a Friday due date, with no working day yet lost', () => {
      const friday = workingDaysDeadline(cal, { kind: 'refusal_notice', startedOn: '2025-10-21', length: 3, legalSource: DIBAO });
      expect(friday.dueOn).toBe('2025-10-24');
      expect(workingDaysStatus(cal, friday, '2025-10-25')).toEqual({ overdue: true, workingDaysLeft: 0 });
      expect(workingDaysStatus(cal, friday, '2025-10-27')).toEqual({ overdue: true, workingDaysLeft: -1 });
    });

    it('past the published calendar the working days left are counted Monday to Friday and marked provisional', () => {
      const late = provisionalWorkingDaysDeadline(cal, { kind: 'k', startedOn: '2026-12-25', length: 7, legalSource: DIBAO });
      expect(workingDaysStatus(cal, late, '2026-12-31')).toEqual({ overdue: false, workingDaysLeft: 3, provisional: true });
      expect(workingDaysStatus(cal, late, '2026-12-24')).toEqual({ overdue: false, workingDaysLeft: 8, provisional: true });
    });

    it('counts calendar days left for a calendar-day deadline, across the turn of the year', () => {
      const yearEnd = calendarDaysDeadline({ kind: 'public_notice', startedOn: '2025-12-24', length: 7, legalSource: DIBAO });
      expect(yearEnd.dueOn).toBe('2025-12-31');
      expect(calendarDaysStatus(yearEnd, '2025-12-31')).toEqual({ overdue: false, daysLeft: 0 });
      expect(calendarDaysStatus(yearEnd, '2026-01-02')).toEqual({ overdue: true, daysLeft: -2 });
      expect(calendarDaysStatus(yearEnd, '2025-02-28')).toEqual({ overdue: false, daysLeft: 306 });
    });

    it('never counts a working-day limit in calendar days, nor the other way round', () => {
      expect(() => calendarDaysStatus(due, '2025-10-01')).toThrow(/working_days; use workingDaysStatus/);
      const notice = calendarDaysDeadline({ kind: 'public_notice', startedOn: '2025-12-24', length: 7, legalSource: DIBAO });
      expect(() => workingDaysStatus(cal, notice, '2025-12-25')).toThrow(/calendar_days; use calendarDaysStatus/);
    });
  });

  describe('workingDaysBetween counts (from, to], like addWorkingDays', () => {
    it.each([
      ['2025-09-30', '2025-09-30', 0, 'the same day'],
      ['2025-09-30', '2025-10-08', 0, 'across the holiday only'],
      ['2025-09-30', '2025-10-09', 1, 'to the first day back'],
      ['2025-09-26', '2025-09-28', 1, 'a weekend with a worked Sunday'],
      ['2025-10-21', '2025-09-30', -10, 'backwards is negative'],
    ])('%s to %s: %i (%s)', (from, to, expected) => {
      expect(workingDaysBetween(cal, from, to)).toBe(expected);
    });

    it('round-trips with addWorkingDays from every day of the covered range', () => {
      const counts = [0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 45];
      const days: LocalDate[] = [];
      for (let d: LocalDate = cal.coversFrom; compareLocalDate(d, cal.coversTo) <= 0; d = addDays(d, 1)) days.push(d);
      // Independent of the counting code: the working days of the range, in order.
      const workingDays = days.filter((d) => isWorkingDay(cal, d));
      const failures: string[] = [];
      let checked = 0;
      let next = 0; // index in workingDays of the first working day after `from`
      for (const from of days) {
        while (next < workingDays.length && workingDays[next] <= from) next += 1;
        for (const n of counts.filter((k) => next + k <= workingDays.length)) {
          const due = addWorkingDays(cal, from, n);
          const expected = n === 0 ? from : workingDays[next + n - 1];
          const between = workingDaysBetween(cal, from, due);
          if (due !== expected || between !== n) failures.push(`${from} + ${n}: got ${due} (${between} between), expected ${expected}`);
          checked += 1;
        }
        // Counting the working days up to a later date never overshoots that date.
        const to = addDays(from, 9) <= cal.coversTo ? addDays(from, 9) : cal.coversTo;
        const back = addWorkingDays(cal, from, workingDaysBetween(cal, from, to));
        if (back > to) failures.push(`${from} → ${to}: counting back lands on ${back}`);
      }
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(730 * 10);
    });
  });

  describe('a deadline shown on a case may run past the published calendar, marked provisional', () => {
    it('inside the calendar it is the exact deadline', () => {
      const spec = { kind: 'k', startedOn: '2026-09-30', length: 3, legalSource: 's' };
      expect(provisionalWorkingDaysDeadline(cal, spec)).toEqual(workingDaysDeadline(cal, spec));
    });

    it('past 2026-12-31 it counts Monday to Friday and says so', () => {
      // 2026-12-28..31 are 4 working days; then Fri 2027-01-01 counts (its holiday is not yet published), Mon 01-04, Tue 01-05.
      expect(provisionalWorkingDaysDeadline(cal, { kind: 'k', startedOn: '2026-12-25', length: 7, legalSource: 's' })).toMatchObject({
        dueOn: '2027-01-05',
        provisional: true,
        calendarId: 'CN-STATE-COUNCIL-2025-2026+weekdays',
      });
    });
  });

  describe('a date outside the calendar is an error, never a guess', () => {
    it.each([
      ['2027-01-04', 'after the last published year'],
      ['2024-12-31', 'before the first year'],
    ])('isWorkingDay(%s) throws (%s)', (d) => {
      expect(() => isWorkingDay(cal, d)).toThrow(RangeError);
      expect(() => isWorkingDay(cal, d)).toThrow(new RegExp(`${d}.*${cal.id}`));
    });

    it('a deadline that would end after the calendar throws instead of ignoring 2027 holidays', () => {
      expect(() => addWorkingDays(cal, '2026-12-28', 10)).toThrow(/2027-01-01.*CN-STATE-COUNCIL-2025-2026/);
      expect(() => workingDaysBetween(cal, '2026-12-30', '2027-01-05')).toThrow(RangeError);
    });

    it('refuses something that is not a date', () => {
      expect(() => isWorkingDay(cal, '2025-02-30')).toThrow(RangeError);
      const notice = calendarDaysDeadline({ kind: 'public_notice', startedOn: '2025-01-01', length: 7, legalSource: DIBAO });
      expect(() => calendarDaysStatus(notice, '2025/01/02')).toThrow(RangeError);
    });
  });

  describe('the calendar data matches the notices', () => {
    it('has no transcription errors', () => {
      expect(calendarProblems(cal)).toEqual([]);
    });

    it.each([
      ['2025', 28, 5, 'New Year 1 + Spring Festival 8 + Qingming 3 + Labour Day 5 + Dragon Boat 3 + National Day/Mid-Autumn 8'],
      ['2026', 33, 6, 'New Year 3 + Spring Festival 9 + Qingming 3 + Labour Day 5 + Dragon Boat 3 + Mid-Autumn 3 + National Day 7'],
    ])('%s: %i days off and %i worked weekend days (%s)', (year, holidays, adjusted) => {
      expect(cal.holidays.filter((d) => d.startsWith(year))).toHaveLength(holidays);
      expect(cal.adjustedWorkingDays.filter((d) => d.startsWith(year))).toHaveLength(adjusted);
    });

    it('covers 2025 and 2026 only: 2027 is not published, so the 2025–2027 name is the same calendar', () => {
      expect(cal.coversFrom).toBe('2025-01-01');
      expect(cal.coversTo).toBe('2026-12-31');
      expect(CHINA_CALENDAR_2025_2027).toBe(cal);
      expect(Object.isFrozen(cal.holidays)).toBe(true);
    });

    it.each<[string, WorkingDayCalendar, RegExp]>([
      ['a 调休 day that is a weekday', { ...cal, adjustedWorkingDays: ['2025-09-29'] }, /2025-09-29 is not a Saturday or Sunday/],
      ['a holiday outside the covered period', { ...cal, holidays: ['2027-01-01'] }, /2027-01-01 is outside/],
      ['a day both off and worked', { ...cal, holidays: ['2025-09-28'], adjustedWorkingDays: ['2025-09-28'] }, /both a holiday and an adjusted/],
      ['a duplicated day', { ...cal, holidays: ['2025-10-01', '2025-10-01'] }, /listed twice/],
      ['an impossible date', { ...cal, holidays: ['2025-02-29'] }, /not a date/],
      ['a reversed period', { ...cal, coversFrom: '2026-01-01', coversTo: '2025-12-31', holidays: [], adjustedWorkingDays: [] }, /after coversTo/],
    ])('reports %s', (_what, bad, problem) => {
      expect(calendarProblems(bad).join('\n')).toMatch(problem);
    });
  });
});
