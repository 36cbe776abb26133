import { Inject, Injectable, OnApplicationShutdown, OnModuleInit, Provider } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { safeError } from '@jiuzhu/common/logger';

/** What a service runs in the background while it is up. */
export interface BackgroundWork {
  log: Logger;
  /** Runs on `schedule`; a run still going when the next is due is not doubled. */
  sweep(): Promise<unknown>;
  /** A cron expression with seconds (@nestjs/schedule); every minute unless given. */
  schedule?: string;
  /** The zone `schedule` is read in (a daily sweep at 00:10 in Asia/Shanghai, the zone of legal dates); the host's unless given. */
  timeZone?: string;
  /** Long-running workers started with the service and stopped (awaited) with it. */
  start?(): void;
  stop?(): Promise<void>;
}

/** The sweep of one service's work: a scheduled job (@nestjs/schedule) that never overlaps itself, and that stopping waits for. */
export abstract class ScheduledSweep implements OnApplicationShutdown {
  private sweeping?: Promise<unknown>;
  protected stopping = false;

  protected constructor(
    private readonly log: Logger,
    private readonly what: string,
  ) {}

  /** Called by the schedule; `waitForCompletion` on the job also skips a tick while a run is going. */
  protected tick(run: () => Promise<unknown>): Promise<unknown> | undefined {
    if (this.sweeping || this.stopping) return this.sweeping;
    this.sweeping = run()
      .catch((e: unknown) => this.log.error({ err: safeError(e) }, `${this.what} failed`))
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.sweeping;
  }
}

/**
 * Background work of a service (sweeps that announce due items, runners of batch jobs). Every replica
 * runs it: the work itself must be guarded by row locks, so that replicas share it rather than
 * repeat it. Stopping waits for a sweep in progress. Needs ScheduleModule.forRoot() in the app
 * (the service runtime imports it).
 */
export function backgroundWork(work: BackgroundWork, enabled = true): Provider[] {
  if (!enabled) return [];
  // A token of each call's own: a module with two kinds of background work (a minute's sweep and a
  // daily one) gets both, where one shared token let the second's provider replace the first's.
  const BACKGROUND_WORK = Symbol('background-work');

  @Injectable()
  class BackgroundSweep extends ScheduledSweep implements OnModuleInit {
    constructor(@Inject(BACKGROUND_WORK) private readonly work: BackgroundWork) {
      super(work.log, 'background sweep');
    }

    // Workers start in onModuleInit: @nestjs/schedule starts its cron jobs in onApplicationBootstrap,
    // which Nest runs only after every module's onModuleInit, so no sweep can come before the
    // workers it may rely on (on a loaded machine the first tick did).
    onModuleInit() {
      this.work.start?.();
    }

    @Cron(work.schedule ?? CronExpression.EVERY_MINUTE, { waitForCompletion: true, ...(work.timeZone ? { timeZone: work.timeZone } : {}) })
    sweep() {
      return this.tick(() => this.work.sweep());
    }

    override async onApplicationShutdown() {
      await super.onApplicationShutdown();
      await this.work.stop?.();
    }
  }

  return [{ provide: BACKGROUND_WORK, useValue: work }, BackgroundSweep];
}
