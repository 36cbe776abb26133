import { LocalDate } from './local-date';

/** Time comes from an injected clock so that rules and tests never read the machine's time directly. */
export interface Clock {
  now(): Date;
  /** The legal calendar date: Asia/Shanghai, whatever the server's zone. */
  today(): LocalDate;
}

/**
 * China has kept UTC+8 without daylight saving since 1991, so the Shanghai calendar date is the UTC
 * date of the instant shifted by eight hours — far cheaper than Intl on every request. The Intl-based
 * `todayInShanghai` stays the reference and is checked against this in the tests.
 */
export function shanghaiDateOf(at: Date): LocalDate {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => shanghaiDateOf(new Date()),
};

/**
 * The system clock moved by whole days — only for the embedded demo (launcher `DEMO_CLOCK_OFFSET_DAYS`),
 * so a visitor can walk a case past its 7-day public notice by restarting the demo a week "later".
 */
export function offsetClock(days: number): Clock {
  const shift = days * 86_400_000;
  return { now: () => new Date(Date.now() + shift), today: () => shanghaiDateOf(new Date(Date.now() + shift)) };
}

/** What a service's clock says: `GET /clock` answers it, and the launcher's banner prints it. */
export interface ClockReading {
  /** The instant, ISO 8601. */
  now: string;
  /** The legal calendar date (Asia/Shanghai). */
  today: LocalDate;
  /** Whole days between the clock's date and the real one: 0 on the real clock, 8 with `DEMO_CLOCK_OFFSET_DAYS=8`. */
  offsetDays: number;
}

/**
 * Reads the clock. The offset is measured against the machine's own date — the one place besides
 * `systemClock` that looks at it, and only to say how far the clock is moved.
 */
export function readClock(clock: Clock): ClockReading {
  const today = clock.today();
  return { now: clock.now().toISOString(), today, offsetDays: Math.round((dayNumber(today) - dayNumber(systemClock.today())) / 86_400_000) };
}

const dayNumber = (d: LocalDate) => Date.parse(`${d}T00:00:00Z`);

export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at), today: () => shanghaiDateOf(at) };
}

export const CLOCK = Symbol('Clock');
