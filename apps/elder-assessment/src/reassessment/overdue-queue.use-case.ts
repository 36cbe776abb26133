import { ApiProperty } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Clock } from '@jiuzhu/common';
import { Page, PageRequest, pageOf } from '@jiuzhu/common/http';
import { AreaFilter, AssessmentRepository, Scope } from '../assessment/assessment.repository';

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

  /** The queue of an area (`areaWithin` the actor's jurisdiction), kept to `scope` in the query. */
  async list(f: AreaFilter, scope: Scope, page: PageRequest): Promise<Page<OverdueItem>> {
    const { rows, total } = await this.repo.overdueQueue(this.ds.manager, this.clock.today(), f, scope, page);
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

/** A line of the overdue queue, as the API answers it. */
export class OverdueItem {
  @ApiProperty({ format: 'uuid', description: 'the current assessment whose routine date has passed' }) assessmentId!: string;
  @ApiProperty() personRef!: string;
  @ApiProperty({ example: '640205********1235' }) maskedIdNumber!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty({ nullable: true, type: String }) townshipCode!: string | null;
  @ApiProperty({ example: 'completed' }) status!: string;
  @ApiProperty({ example: 'severe' }) level!: string;
  @ApiProperty({ example: 'partly_lost' }) selfCareAbility!: string;
  @ApiProperty({ format: 'date' }) assessedOn!: string;
  @ApiProperty({ format: 'date', description: 'the routine re-assessment was due on this day' }) dueOn!: string;
  @ApiProperty({ description: 'calendar days past dueOn' }) daysOverdue!: number;
}
