import { Inject, Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { Clock } from '@jiuzhu/common';
import { pruneMessagingTables, RetentionPolicy } from '@jiuzhu/messaging';
import { ScheduledSweep } from './background-sweep';

export interface RetentionSources {
  dataSource: DataSource;
  policy: RetentionPolicy;
  /** The service's clock, which wrote the times retention compares. */
  clock: Clock;
  log: Logger;
}

export const RETENTION_SOURCES = Symbol('retention-sources');

/**
 * Keeps the outbox and inbox from growing for ever: every hour, published events and inbox records
 * past their retention (OUTBOX_RETENTION_DAYS, INBOX_RETENTION_DAYS) are deleted in batches. Every
 * replica runs it; the batches skip rows another replica is deleting.
 */
@Injectable()
export class MessagingRetentionJob extends ScheduledSweep {
  constructor(@Inject(RETENTION_SOURCES) private readonly s: RetentionSources) {
    super(s.log, 'outbox/inbox retention');
  }

  @Cron(CronExpression.EVERY_HOUR, { waitForCompletion: true })
  prune() {
    return this.tick(async () => {
      const pruned = await pruneMessagingTables(this.s.dataSource, this.s.clock.now(), this.s.policy, () => this.stopping);
      if (pruned.outbox || pruned.inbox) this.s.log.info({ pruned, policy: this.s.policy }, 'pruned the outbox and inbox');
    });
  }
}
