import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SelfCareAbility } from '../persons/domain/vocabulary';
import type { DangerKind, VisitFindingKind } from './domain/visits';

/** A row of `hardship_visits` (the migrations define the table); only the visits repository sees it. */
@Entity({ name: 'hardship_visits' })
export class HardshipVisitRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('date', { name: 'visited_on' }) visitedOn: string;
  @Column('text') visitor: string;
  @Column('date', { name: 'due_on' }) dueOn: string;
  @Column('boolean') late: boolean;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}

/** One finding of a visit, in the order the visitor gave them. */
@Entity({ name: 'hardship_visit_findings' })
export class HardshipVisitFindingRecord {
  @PrimaryColumn('uuid', { name: 'visit_id' }) visitId: string;
  @PrimaryColumn('int') position: number;
  @Column('text') kind: VisitFindingKind;
  @Column('text', { name: 'danger_kind', nullable: true }) dangerKind: DangerKind | null;
  @Column('text', { nullable: true }) note: string | null;
}

/** The visit plan of a person cared for at home: their next due day, kept for the queue and the sweep. */
@Entity({ name: 'hardship_visit_plans' })
export class HardshipVisitPlanRecord {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId: string;
  @Column('char', { name: 'district_code', length: 6 }) districtCode: string;
  @Column('char', { name: 'township_code', length: 9 }) townshipCode: string;
  @Column('date', { name: 'home_care_since' }) homeCareSince: string;
  @Column('date', { name: 'last_visited_on', nullable: true }) lastVisitedOn: string | null;
  @Column('text', { name: 'self_care_ability' }) selfCareAbility: SelfCareAbility;
  @Column('int', { name: 'interval_days' }) intervalDays: number;
  @Column('date', { name: 'next_visit_due_on' }) nextVisitDueOn: string;
  @Column('text', { name: 'parameter_version' }) parameterVersion: string;
  @Column('date', { name: 'overdue_announced_for', nullable: true }) overdueAnnouncedFor: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
