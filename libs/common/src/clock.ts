import { todayInShanghai, LocalDate } from './local-date';

/** Time comes from an injected clock so that rules and tests never read the machine's time directly. */
export interface Clock {
  now(): Date;
  /** The legal calendar date: Asia/Shanghai, whatever the server's zone. */
  today(): LocalDate;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => todayInShanghai(new Date()),
};

export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at), today: () => todayInShanghai(at) };
}

export const CLOCK = Symbol('Clock');
