import { DataSource } from 'typeorm';
import { Clock } from '@jiuzhu/common';
import { Page, PageRequest, pageOf } from '@jiuzhu/common/http';
import { jurisdictionFilter, type Actor } from '@jiuzhu/auth';
import { CaseClaims } from '@jiuzhu/platform';
import { CaseStatus } from './domain/case-status';
import { CaseReading, FindCases } from './find-cases.use-case';
import { HardshipCaseRepository } from './hardship-case.repository';

/**
 * The two step queues of the process: the township's investigation (调查核实) and the county's
 * confirmation (确认). Each holds the cases of the reader's jurisdiction only, in the query, ordered
 * overdue first (by the step's limit: 15 working days each), then by the day the step falls due.
 */
export type StepQueue = 'investigation' | 'confirmation';

const QUEUE_STATUSES: Record<StepQueue, readonly CaseStatus[]> = {
  investigation: ['investigating'],
  confirmation: ['confirming'],
};

export interface QueueArea {
  districtCode?: string;
  townshipCode?: string;
}

export class StepQueues {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: HardshipCaseRepository,
    private readonly claims: CaseClaims,
    private readonly cases: FindCases,
    private readonly clock: Clock,
  ) {}

  /**
   * A queue with each case's deadline and who holds it. Read by an officer who works it, it leaves
   * out what they may not work (four-eyes): their own filings, and at confirmation the cases they
   * investigated. Overseers (supervisor, city auditor) see the whole queue of their jurisdiction.
   */
  async queue(name: StepQueue, area: QueueArea, page: PageRequest, reader: Actor): Promise<Page<CaseReading>> {
    const works = reader.role === 'township_reviewer' || reader.role === 'county_approver' || reader.role === 'township_approver';
    const { rows, total } = await this.repo.queue(
      this.ds.manager,
      { statuses: QUEUE_STATUSES[name], ...area, today: this.clock.today(), ...(works ? { officer: reader.id, notInvestigatedBy: name === 'confirmation' } : {}) },
      page,
      jurisdictionFilter(reader.jurisdiction),
    );
    return pageOf(await this.cases.withDeadlines(rows), total, page);
  }

  /** Hands the officer the first unclaimed case of the queue they may work, with a lease; none: undefined. */
  async claimNext(name: StepQueue, area: QueueArea, actor: Actor): Promise<CaseReading | undefined> {
    const lease = this.claims.lease(actor);
    const id = await this.claims.take(actor, lease, (m) =>
      this.repo.claimNext(
        m,
        { statuses: QUEUE_STATUSES[name], ...area, today: this.clock.today(), officer: actor.id, notInvestigatedBy: name === 'confirmation' },
        lease,
        jurisdictionFilter(actor.jurisdiction),
      ),
    );
    return id ? this.cases.get(id, actor) : undefined;
  }
}
