import { systemActor } from '@jiuzhu/auth';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { addMonths, AppError, Clock, monthOf, orThrow } from '@jiuzhu/common';
import { ReviewDue } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { ApplicationRepository } from '../applications/application.repository';
import { CaseChange } from '../applications/case-change';
import { householdTypeOf } from './domain/periodic-review';

/**
 * The background sweep of periodic review: announces reviews that have fallen due (once per due
 * date) and ends cases whose gradual exit is over. Safe to run on every replica at once.
 */
export class PeriodicReviewSweep {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ApplicationRepository,
    private readonly change: CaseChange,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly audit: AuditTrail,
  ) {}

  async sweep(): Promise<{ announced: number; exitsCompleted: number }> {
    const today = this.clock.today();
    const announced = await this.audit.transaction(this.ds, async (m) => {
      const due = await this.repo.markDueReviewsAnnounced(m, today, 1000);
      if (due.length) {
        this.audit.record(m, { actor: { id: 'system:periodic-review' }, action: 'review.announce_due', target: auditTarget('review_sweep', today), count: due.length, after: digestOf(due.map((r) => r.id)) });
      }
      await this.outbox.appendMany(
        m,
        ReviewDue,
        due.map((r) => ({ caseId: r.id, householdRef: r.householdRef, districtCode: r.districtCode, householdType: householdTypeOf(r.household), dueOn: r.reviewDueOn })),
      );
      return due.length;
    });

    let exitsCompleted = 0;
    const system = systemActor('gradual-exit');
    for (const f of await this.repo.finishedGradualExits(this.ds.manager, monthOf(today))) {
      const stopsFromMonth = monthOf(addMonths(`${f.exitingUntil}-01`, 1));
      try {
        await this.change.run(f.id, f.version, system, (app, _m, at) => orThrow(app.completeGradualExit(system.id, at, today, stopsFromMonth)));
        exitsCompleted++;
      } catch (e) {
        // Another replica ended it first (a conflict): nothing to do.
        if (!(e instanceof AppError && e.kind === 'conflict')) throw e;
      }
    }
    if (announced || exitsCompleted) this.log.info({ announced, exitsCompleted }, 'periodic review sweep');
    return { announced, exitsCompleted };
  }
}
