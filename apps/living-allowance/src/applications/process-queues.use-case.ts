import { DataSource } from 'typeorm';
import { Clock } from '@jiuzhu/common';
import { jurisdictionFilter, type Actor } from '@jiuzhu/auth';
import { ApplicationRepository, ApplicationRow } from './application.repository';
import { CaseClaims } from '@jiuzhu/platform';
import { CaseStatus } from './domain/case-status';
import { processDeadlines, roundOf } from './domain/process';
import { FindCases } from './find-cases.use-case';
import { ProcessRulesSource } from './process-rules';

/**
 * The work queues of the process: the township's (new submissions and re-checks after an objection)
 * and the confirmers' (cases whose notice is over). Each is ordered overdue first, then oldest.
 */
export type ProcessQueue = 'township' | 'confirmation';

const QUEUE_STATUSES: Record<ProcessQueue, readonly CaseStatus[]> = {
  township: ['submitted', 'rechecking'],
  confirmation: ['confirming'],
};

export interface QueueFilter {
  districtCode?: string;
  townshipCode?: string;
  limit: number;
  offset?: number;
}

/** Reading a process queue with each case's deadlines, and claiming the next case from it. */
export class ProcessQueues {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ApplicationRepository,
    private readonly rules: ProcessRulesSource,
    private readonly claims: CaseClaims,
    private readonly cases: FindCases,
    private readonly clock: Clock,
  ) {}

  /**
   * A queue with each case's deadlines; claimed cases show who holds them. The township queue read
   * by an officer leaves out the cases that officer filed: they may not review them (four-eyes), so
   * offering them is only a trap.
   */
  async queue(name: ProcessQueue, f: QueueFilter, reader: Actor) {
    const today = this.clock.today();
    const rules = await this.rules.inForceOn(today);
    const notFiledBy = name === 'township' ? reader.id : undefined;
    const within = jurisdictionFilter(reader.jurisdiction);
    const entries = await this.repo.processQueue(this.ds.manager, { statuses: QUEUE_STATUSES[name], districtCode: f.districtCode, townshipCode: f.townshipCode, notFiledBy, today, limit: f.limit, offset: f.offset ?? 0, within });
    const now = this.clock.now();
    return entries.map((r) => {
      const d = processDeadlines(r.status, r.process, rules, today);
      return {
        id: r.id,
        status: r.status,
        coverage: r.coverage,
        householdRef: r.householdRef,
        districtCode: r.districtCode,
        townshipCode: r.townshipCode,
        area: r.area,
        submittedOn: r.process.submittedOn,
        round: roundOf(r.status, r.process),
        dueOn: r.dueOn,
        overdue: !!(d.stage?.overdue || d.whole?.overdue),
        deadlines: d,
        claimedBy: r.claimExpiresAt && r.claimExpiresAt > now ? r.claimedBy : null,
        version: r.version,
      };
    });
  }

  /**
   * Hands the officer the first unclaimed case of the queue (overdue first, then oldest) that they
   * may work, with a lease: never a case they filed, and at confirmation never one they reviewed.
   */
  async claimNext(name: ProcessQueue, actor: Actor, f: { districtCode?: string; townshipCode?: string }): Promise<ApplicationRow | undefined> {
    const lease = this.claims.lease(actor);
    const id = await this.claims.take(actor, lease, (m) =>
      this.repo.claimNextInProcessQueue(
        m,
        {
          statuses: QUEUE_STATUSES[name],
          districtCode: f.districtCode,
          townshipCode: f.townshipCode,
          today: this.clock.today(),
          skipReviewedByClaimer: name === 'confirmation',
          within: jurisdictionFilter(actor.jurisdiction),
        },
        lease,
      ),
    );
    return id ? this.cases.get(id, actor) : undefined;
  }
}
