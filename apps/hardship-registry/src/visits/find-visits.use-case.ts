import { DataSource } from 'typeorm';
import { Clock, LocalDate, NotFound } from '@jiuzhu/common';
import { Page, PageRequest, pageOf } from '@jiuzhu/common/http';
import { Actor, jurisdictionFilter } from '@jiuzhu/auth';
import { HardshipCaseRepository } from '../cases/hardship-case.repository';
import { OverdueVisitRow, VisitPlanRow, VisitRow, VisitsRepository } from './visits.repository';

export interface CaseVisits extends Page<VisitRow> {
  /** The plan of a person on it (supported at home); null otherwise. */
  plan: VisitPlanRow | null;
}

/**
 * Reading visits: a case's, with its plan, and the township's overdue-visit queue — each within
 * the reader's jurisdiction, in the query itself (a case outside it is not found).
 */
export class FindVisits {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: VisitsRepository,
    private readonly cases: HardshipCaseRepository,
    private readonly clock: Clock,
  ) {}

  async ofCase(caseId: string, page: PageRequest, reader: Pick<Actor, 'jurisdiction'>): Promise<CaseVisits> {
    const scope = jurisdictionFilter(reader.jurisdiction);
    if (!(await this.cases.exists(this.ds.manager, caseId, scope))) throw new NotFound(`Case ${caseId}`);
    const [plan, { rows, total }] = await Promise.all([this.repo.planWithin(this.ds.manager, caseId, scope), this.repo.visitsWithin(this.ds.manager, caseId, page, scope)]);
    return { plan: plan ?? null, ...pageOf(rows, total, page) };
  }

  /** Persons supported at home whose visit is overdue today, the most overdue first. */
  async overdue(area: { districtCode?: string; townshipCode?: string }, page: PageRequest, reader: Pick<Actor, 'jurisdiction'>): Promise<Page<OverdueVisitRow> & { today: LocalDate }> {
    const today = this.clock.today();
    const { rows, total } = await this.repo.overdueQueue(this.ds.manager, { ...area, today }, page, jurisdictionFilter(reader.jurisdiction));
    return { ...pageOf(rows, total, page), today };
  }
}
