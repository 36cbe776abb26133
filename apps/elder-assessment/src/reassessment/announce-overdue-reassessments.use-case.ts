import type { Logger } from 'pino';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { DataSource } from 'typeorm';
import { Clock } from '@jiuzhu/common';
import { systemActor } from '@jiuzhu/auth';
import { ReassessmentOverdue } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { AssessmentRepository } from '../assessment/assessment.repository';

/** Rows announced per transaction: small enough to keep locks short, large enough for a backlog. */
const SWEEP_BATCH = 500;

/** The sweep acts for the service itself, city-wide: it announces every overdue elder the service keeps. */
const SWEEPER = systemActor('reassessment-overdue');

/**
 * Announces every routine re-assessment fallen overdue (`reassessment.overdue`), once per person and
 * due date, so other services can follow up. Safe on every replica at once: the repository takes
 * rows no other transaction holds, and their mark commits with the events.
 */
export class AnnounceOverdueReassessments {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: AssessmentRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly audit: AuditTrail,
  ) {}

  async sweep(): Promise<number> {
    const today = this.clock.today();
    let announced = 0;
    for (;;) {
      const n = await this.audit.transaction(this.ds, async (m) => {
        const due = await this.repo.takeOverdueToAnnounce(m, today, SWEEP_BATCH);
        if (due.length === 0) return 0;
        this.audit.record(m, { actor: SWEEPER, action: 'reassessment.announce_overdue', target: auditTarget('overdue_sweep', today), count: due.length, after: digestOf(due.map((r) => r.id)) });
        await this.outbox.appendMany(
          m,
          ReassessmentOverdue,
          due.map((r) => ({
            personRef: r.person_ref,
            districtCode: r.district_code,
            ...(r.township_code ? { townshipCode: r.township_code } : {}),
            lastAssessmentId: r.id,
            dueOn: r.due_on,
          })),
        );
        return due.length;
      });
      announced += n;
      if (n < SWEEP_BATCH) break;
    }
    if (announced > 0) this.log.info({ announced }, 'announced overdue re-assessments');
    return announced;
  }
}
