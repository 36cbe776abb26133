import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import type { Logger } from 'pino';

/** What a service runs in the background while it is up. */
export interface BackgroundWork {
  log: Logger;
  /** Runs every `everyMs`; a run still going when the next is due is not doubled. */
  sweep(): Promise<unknown>;
  everyMs?: number;
  /** Long-running workers started with the service and stopped (awaited) with it. */
  start?(): void;
  stop?(): Promise<void>;
}

const BACKGROUND_WORK = Symbol('background-work');

/**
 * Background work of a service (sweeps that announce due items, runners of batch jobs). Every replica
 * runs it: the work itself must be guarded by row locks, so that replicas share it rather than
 * repeat it. Stopping waits for a sweep in progress.
 */
@Injectable()
class BackgroundSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;

  constructor(@Inject(BACKGROUND_WORK) private readonly work: BackgroundWork) {}

  onApplicationBootstrap() {
    this.work.start?.();
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.work
        .sweep()
        .catch((e: unknown) => this.work.log.error({ err: e instanceof Error ? e.message : String(e) }, 'background sweep failed'))
        .finally(() => (this.sweeping = undefined));
    }, this.work.everyMs ?? 60_000);
  }

  async onApplicationShutdown() {
    clearInterval(this.timer);
    await this.sweeping;
    await this.work.stop?.();
  }
}

/** The providers that run `work` in a service module (none when background jobs are off, as in tests of the jobs themselves). */
export function backgroundWork(work: BackgroundWork, enabled = true): Provider[] {
  return enabled ? [{ provide: BACKGROUND_WORK, useValue: work }, BackgroundSweep] : [];
}
