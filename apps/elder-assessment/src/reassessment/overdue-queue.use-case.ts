import { DataSource } from 'typeorm';
import { Clock } from '@jiuzhu/common';
import { Page, PageRequest, pageOf } from '@jiuzhu/common/http';
import { AreaFilter, AssessmentRepository } from '../assessment/assessment.repository';

/**
 * The overdue queue the assessors work from (policy.md §5: every assessment holds until the next
 * routine one): elders whose current assessment's due date has passed, most overdue first.
 */
export class OverdueQueue {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: AssessmentRepository,
    private readonly clock: Clock,
  ) {}

  async list(f: AreaFilter, page: PageRequest): Promise<Page<OverdueItem>> {
    const { rows, total } = await this.repo.overdueQueue(this.ds.manager, this.clock.today(), f, page);
    return pageOf(
      rows.map((r) => ({
        assessmentId: r.id,
        personRef: r.person_ref,
        maskedIdNumber: r.masked_id,
        districtCode: r.district_code,
        townshipCode: r.township_code,
        status: r.status,
        level: r.level,
        selfCareAbility: r.self_care,
        assessedOn: r.assessed_on,
        dueOn: r.due_on,
        daysOverdue: r.days_overdue,
      })),
      total,
      page,
    );
  }
}

export interface OverdueItem {
  assessmentId: string;
  personRef: string;
  maskedIdNumber: string;
  districtCode: string;
  townshipCode: string | null;
  status: string;
  level: string;
  selfCareAbility: string;
  assessedOn: string;
  dueOn: string;
  daysOverdue: number;
}
