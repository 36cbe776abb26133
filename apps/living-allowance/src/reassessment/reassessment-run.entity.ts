import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FEN } from '../applications/application.entity';
import { Area } from '../parameters/domain/parameter';
import { RunStatus } from './domain/reassessment-run';

/** A row of `reassessment_runs` as TypeORM maps it; only its repository sees it. */
@Entity({ name: 'reassessment_runs' })
export class ReassessmentRunRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('char', { name: 'district_code', length: 6 }) districtCode: string;
  @Column('text') area: Area;
  @Column('text', { name: 'standard_version_id' }) standardVersionId: string;
  @Column('date', { name: 'valid_from' }) validFrom: string;
  @Column('text') status: RunStatus;
  @Column('uuid', { name: 'cursor_case_id', nullable: true }) cursorCaseId: string | null;
  @Column('int') examined: number;
  @Column('int') changed: number;
  @Column('int') increased: number;
  @Column('int') decreased: number;
  @Column('int', { name: 'leaving_dibao' }) leavingDibao: number;
  @Column('int') failed: number;
  @Column('bigint', { name: 'monthly_budget_delta_fen', transformer: FEN }) monthlyBudgetDeltaFen: number;
  @Column('bigint', { name: 'settlement_fen', transformer: FEN }) settlementFen: number;
  @Column('int') attempts: number;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  @Column('timestamptz', { name: 'failed_at', nullable: true }) failedAt: Date | null;
  @Column('text', { name: 'requested_by' }) requestedBy: string;
  @Column('timestamptz', { name: 'requested_at' }) requestedAt: Date;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
  @Column('text', { name: 'retried_by', nullable: true }) retriedBy: string | null;
  @Column('timestamptz', { name: 'retried_at', nullable: true }) retriedAt: Date | null;
  @Column('text', { name: 'cancelled_by', nullable: true }) cancelledBy: string | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt: Date | null;
}
