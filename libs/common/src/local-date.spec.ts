import {
  addDays,
  addMonths,
  ageOn,
  compareLocalDate,
  dateOfReachingAge,
  dateNumberOf,
  fullYearsBetween,
  firstDayOfNextMonth,
  isLocalDate,
  localDateOf,
  monthOf,
  todayInShanghai,
} from './local-date';

describe('LocalDate — legal dates in Asia/Shanghai', () => {
  it.each([
    ['2025-01-01', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['20250101', false],
    ['0000-01-01', false],
    [' 2025-01-01', false],
    [20250101, false],
  ])('isLocalDate(%p) is %p', (s, expected) => {
    expect(isLocalDate(s)).toBe(expected);
  });

  describe("today's date is China's date, whatever the server's time zone", () => {
    it.each([
      ['2024-12-31T15:59:59.999Z', '2024-12-31'],
      ['2024-12-31T16:00:00.000Z', '2025-01-01'], // 00:00 in Shanghai, still 31 December in UTC
      ['2025-06-15T03:00:00Z', '2025-06-15'],
      ['2024-02-28T16:30:00Z', '2024-02-29'],
    ])('at %s it is %s in Shanghai', (instant, expected) => {
      expect(todayInShanghai(new Date(instant))).toBe(expected);
    });
  });

  describe('age in full years (周岁)', () => {
    it.each([
      ['1965-06-15', '2025-06-15', 60, 'on the 60th birthday'],
      ['1965-06-16', '2025-06-15', 59, 'the day before the 60th birthday'],
      ['1965-06-14', '2025-06-15', 60, 'the day after the 60th birthday'],
      ['2025-06-15', '2025-06-15', 0, 'on the day of birth'],
      ['2007-06-16', '2025-06-15', 17, 'a minor one day before turning 18'],
      ['1980-02-29', '2023-02-28', 42, 'born 29 February, on 28 February of a common year'],
      ['1980-02-29', '2023-03-01', 43, 'born 29 February, on 1 March of a common year'],
      ['1980-02-29', '2024-02-29', 44, 'born 29 February, on 29 February of a leap year'],
      ['1980-02-29', '2024-02-28', 43, 'born 29 February, the day before in a leap year'],
    ])('born %s, on %s: %i (%s)', (birth, on, age) => {
      expect(ageOn(birth, on)).toBe(age);
    });

    it('refuses to compute an age before birth', () => {
      expect(() => ageOn('2025-06-16', '2025-06-15')).toThrow(RangeError);
    });

    it.each([
      ['2008-06-15', 18, '2026-06-15'],
      ['2008-02-29', 18, '2026-03-01'],
      ['2008-02-29', 20, '2028-02-29'],
    ])('born %s, reaches %i full years on %s, the first day ageOn says so', (birth, years, on) => {
      expect(dateOfReachingAge(birth, years)).toBe(on);
      expect(ageOn(birth, on)).toBe(years);
      expect(ageOn(birth, addDays(on, -1))).toBe(years - 1);
    });
  });

  describe('adding months clamps to the end of the month', () => {
    it.each([
      ['2025-01-31', 1, '2025-02-28'],
      ['2024-01-31', 1, '2024-02-29'],
      ['2025-03-31', -1, '2025-02-28'],
      ['2025-08-31', 1, '2025-09-30'],
      ['2025-11-15', 2, '2026-01-15'],
      ['2025-01-15', -13, '2023-12-15'],
      ['2024-02-29', 12, '2025-02-28'],
      ['2025-06-15', 0, '2025-06-15'],
    ])('%s + %i months = %s', (d, n, expected) => {
      expect(addMonths(d, n)).toBe(expected);
    });
  });

  it.each([
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-06-15', 0, '2025-06-15'],
  ])('%s + %i days = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
  });

  it.each([
    ['2025-03-20', '2025-04-01'],
    ['2025-12-31', '2026-01-01'],
    ['2025-01-01', '2025-02-01'],
  ])('payment starts the month after approval: %s → %s', (d, expected) => {
    expect(firstDayOfNextMonth(d)).toBe(expected);
  });

  it('compares dates in calendar order', () => {
    expect(compareLocalDate('2025-01-01', '2025-01-02')).toBeLessThan(0);
    expect(compareLocalDate('2025-01-02', '2025-01-01')).toBeGreaterThan(0);
    expect(compareLocalDate('2025-01-01', '2025-01-01')).toBe(0);
    expect(['2025-10-01', '2024-12-31', '2025-02-01'].sort(compareLocalDate)).toEqual(['2024-12-31', '2025-02-01', '2025-10-01']);
  });

  it('names the month of a date', () => {
    expect(monthOf('2025-03-20')).toBe('2025-03');
  });

  it('builds dates from numbers and refuses days that do not exist', () => {
    expect(localDateOf(2025, 3, 9)).toBe('2025-03-09');
    expect(() => localDateOf(2023, 2, 29)).toThrow(RangeError);
  });

  it('treats a malformed date as a programming error', () => {
    expect(() => addMonths('2025-02-30', 1)).toThrow(RangeError);
    expect(() => monthOf('March')).toThrow(RangeError);
  });

  describe('dates as numbers (YYYYMMDD), for code that handles many of them', () => {
    it.each([
      ['2025-06-15', 20250615],
      ['0001-01-01', 10101],
      ['2024-02-29', 20240229],
      ['2023-02-29', -1],
      ['2025-06-1', -1],
      ['2025/06/15', -1],
      ['２025-06-15', -1],
      [' 2025-06-15', -1],
      [null, -1],
    ])('dateNumberOf(%p) is %p', (s, n) => {
      expect(dateNumberOf(s)).toBe(n);
    });

    it('orders like the calendar and gives the same full years as ageOn', () => {
      const pairs: [string, string][] = [
        ['1980-02-29', '2023-02-28'],
        ['1980-02-29', '2023-03-01'],
        ['1965-06-16', '2025-06-15'],
        ['2025-06-15', '2025-06-15'],
        ['1999-12-31', '2000-01-01'],
      ];
      for (const [birth, on] of pairs) {
        expect(fullYearsBetween(dateNumberOf(birth), dateNumberOf(on))).toBe(ageOn(birth, on));
        expect(Math.sign(dateNumberOf(birth) - dateNumberOf(on))).toBe(compareLocalDate(birth, on));
      }
    });
  });
});
