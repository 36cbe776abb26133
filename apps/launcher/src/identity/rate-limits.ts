import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Abuse limits of the login form and the token endpoint (issue 12). The provider is Koa, not Nest, so
 * @nestjs/throttler does not apply; rate-limiter-flexible is framework-free, maintained, and its
 * counters can move to Redis or Postgres unchanged when a provider runs on several machines. In the
 * embedded default one process holds them in memory.
 *
 * The login limits follow the library's brute-force recipe (and OWASP's authentication cheat sheet):
 * attempts are counted per account and address (a success gives its attempt back, so what remains
 * counted are consecutive failures), so guessing one person's password is
 * stopped after a few tries without locking that person out from everywhere; failures per address
 * stop one machine trying many accounts.
 */
export interface LoginLimits {
  failuresPerAccountAndAddress: number;
  failuresPerAddress: number;
  blockMinutes: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { failuresPerAccountAndAddress: 5, failuresPerAddress: 50, blockMinutes: 15 };

/** Token requests per address per minute: a console refreshes a handful, a script far fewer. */
export const TOKEN_REQUESTS_PER_MINUTE = 120;

export class LoginThrottle {
  private readonly byAccountAndAddress: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    const window = limits.blockMinutes * 60;
    this.byAccountAndAddress = new RateLimiterMemory({ keyPrefix: 'login-account', points: limits.failuresPerAccountAndAddress, duration: window, blockDuration: window });
    this.byAddress = new RateLimiterMemory({ keyPrefix: 'login-address', points: limits.failuresPerAddress, duration: 60 * 60, blockDuration: window });
  }

  /**
   * Counts a sign-in attempt before its password is checked, and answers the seconds to wait when it
   * is one too many (0: go on). Counting first matters: checking a password takes scrypt's time, and
   * a limiter that only counted failures afterwards let a burst of parallel guesses all pass its
   * check before the first failure was counted. A success gives its attempt back (`succeeded`).
   */
  async attempt(address: string, account: string): Promise<number> {
    const outcomes = await Promise.allSettled([this.byAccountAndAddress.consume(accountKey(address, account)), this.byAddress.consume(address)]);
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    const unexpected = refused.find((e) => !(e instanceof RateLimiterRes));
    if (unexpected) throw unexpected;
    return refused.length ? Math.max(1, Math.ceil(Math.max(...(refused as RateLimiterRes[]).map((r) => r.msBeforeNext)) / 1000)) : 0;
  }

  /** A successful sign-in forgets that account's failures from that address, and does not count against the address. */
  async succeeded(address: string, account: string): Promise<void> {
    await Promise.all([this.byAccountAndAddress.delete(accountKey(address, account)), this.byAddress.reward(address, 1)]);
  }
}

export class RequestRate {
  private readonly limiter: RateLimiterMemory;

  constructor(perMinute: number, name: string) {
    this.limiter = new RateLimiterMemory({ keyPrefix: name, points: perMinute, duration: 60 });
  }

  /** Counts a request; the seconds to wait when it is one too many, else 0. */
  async take(address: string): Promise<number> {
    try {
      await this.limiter.consume(address);
      return 0;
    } catch (e) {
      if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      throw e;
    }
  }
}

function accountKey(address: string, account: string): string {
  return `${account.toLowerCase()}|${address}`;
}
