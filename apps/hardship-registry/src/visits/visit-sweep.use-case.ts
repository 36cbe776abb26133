import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AuditTrail, auditTarget } from '@jiuzhu/audit';
import { systemActor } from '@jiuzhu/auth';
import { Clock } from '@jiuzhu/common';
import { VisitOverdue } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { HardshipParameterCatalog } from '../parameters/hardship-parameter-catalog';
import { planOf } from './visit-plan.policy';
import { VisitsRepository } from './visits.repository';

/** How many plans one transaction announces; a sweep goes on until none is left. */
const BATCH = 500;

/**
 * The daily visit sweep (00:10 Asia/Shanghai, on every replica): each person supported at home whose
 * visit was due before today and not yet announced for that due day gets one `visit.overdue` — the
 * mark and the event are written by one statement's rows in one transaction, so a second sweep, a
 * restart or a racing replica announces nothing again (visit-plans: `overdue_announced_for`). A new
 * visit moves the due day on; when that one is missed too, it is announced in its turn. First, a
 * person supported at home with no plan (supported before visits were kept) is put on it, from the
 * start of support.
 */
export class VisitSweep {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: VisitsRepository,
    private readonly outbox: Outbox,
    private readonly catalog: HardshipParameterCatalog,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly log: Logger,
  ) {}

  async sweep(): Promise<{ planned: number; announced: number }> {
    const today = this.clock.today();
    const actor = systemActor('visit-sweep');
    let planned = 0;
    for (;;) {
      const unplanned = await this.repo.unplannedHomeCases(this.ds.manager, BATCH);
      if (unplanned.length === 0) break;
      const params = await this.catalog.inForceOn(today);
      const n = await this.audit.transaction(this.ds, async (m) => {
        const at = this.clock.now().toISOString();
        const made = await this.repo.insertPlansIfMissing(
          m,
          unplanned.map((u) => planOf({ id: u.caseId, districtCode: u.districtCode, townshipCode: u.townshipCode, selfCare: u.selfCare }, `${u.supportFromMonth}-01`, u.lastVisitedOn, params)),
          at,
        );
        if (made) this.audit.record(m, { actor, action: 'hardship_visit_plan.enrol', target: auditTarget('visit_sweep', today), count: made, at });
        return made;
      });
      planned += n;
      if (unplanned.length < BATCH) break;
    }
    let announced = 0;
    for (;;) {
      const n = await this.audit.transaction(this.ds, async (m) => {
        const at = this.clock.now().toISOString();
        const due = await this.repo.announceOverdue(m, today, BATCH, at);
        if (due.length === 0) return 0;
        await this.outbox.appendMany(
          m,
          VisitOverdue,
          due.map((d) => ({
            caseId: d.caseId,
            personRef: d.personRef,
            districtCode: d.districtCode,
            townshipCode: d.townshipCode,
            selfCareAbility: d.selfCare,
            ...(d.lastVisitedOn ? { lastVisitOn: d.lastVisitedOn } : {}),
            dueOn: d.dueOn,
          })),
        );
        this.audit.record(m, { actor, action: 'hardship_visit_plan.announce_overdue', target: auditTarget('visit_sweep', today), count: due.length, at });
        return due.length;
      });
      announced += n;
      if (n < BATCH) break;
    }
    if (planned || announced) this.log.info({ planned, announced }, 'hardship-registry visit sweep');
    return { planned, announced };
  }
}
