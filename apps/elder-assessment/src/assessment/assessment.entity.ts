import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { AssessmentConditions } from './domain/assessment-input';
import { AssessmentResult } from './domain/assessment-result';
import { AssessmentStatus, Dispute } from './domain/assessment-workflow';
import { Need } from './domain/needs';
import { AssessmentReason } from './domain/next-due';

/** What the assessors recorded, kept as one document: the form changes as a whole while it is a draft. */
export interface AssessmentInputColumn {
  scores: Record<string, number>;
  conditions: AssessmentConditions;
  needs: Need[];
}

/**
 * A row of `assessments` as TypeORM maps it (the table is defined by the migrations). Only the
 * repository sees it: it maps it to and from the plain domain `ElderAssessment`.
 *
 * `level`, `total` and `self_care` repeat what the result holds, so queues and summaries filter on
 * them without opening the result.
 */
@Entity({ name: 'assessments' })
export class AssessmentRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('char', { name: 'person_ref', length: 64 }) personRef: string;
  @Column('text', { name: 'masked_id' }) maskedId: string;
  @Column('date', { name: 'birth_date' }) birthDate: string;
  @Column('char', { name: 'district_code', length: 6 }) districtCode: string;
  @Column('char', { name: 'township_code', length: 9, nullable: true }) townshipCode: string | null;
  @Column('text') reason: AssessmentReason;
  @Column('text') status: AssessmentStatus;
  @Column('text', { array: true }) assessors: string[];
  @Column('date', { name: 'assessed_on' }) assessedOn: string;
  @Column('jsonb') input: AssessmentInputColumn;
  @Column('jsonb', { nullable: true }) result: AssessmentResult | null;
  @Column('text', { nullable: true }) level: string | null;
  @Column('int', { nullable: true }) total: number | null;
  @Column('text', { name: 'self_care', nullable: true }) selfCare: string | null;
  @Column('date', { name: 'valid_until', nullable: true }) validUntil: string | null;
  @Column('uuid', { nullable: true }) supersedes: string | null;
  @Column('uuid', { name: 'superseded_by', nullable: true }) supersededBy: string | null;
  @Column('jsonb', { nullable: true }) dispute: Dispute | null;
  @Column('text', { name: 'completed_by', nullable: true }) completedBy: string | null;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
  @Column('date', { name: 'overdue_announced_on', nullable: true }) overdueAnnouncedOn: string | null;
  @Column('int') version: number;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('text', { name: 'updated_by' }) updatedBy: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** A line of an assessment's history: who did what, when, from which status to which. */
@Entity({ name: 'assessment_history' })
export class AssessmentHistoryRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid', { name: 'assessment_id' }) assessmentId: string;
  @Column('text') action: string;
  @Column('text', { name: 'from_status', nullable: true }) fromStatus: string | null;
  @Column('text', { name: 'to_status' }) toStatus: string;
  @Column('text') actor: string;
  @Column('timestamptz') at: Date;
  @Column('text', { nullable: true }) note: string | null;
}

export const ELDER_ASSESSMENT_ENTITIES = [AssessmentRecord, AssessmentHistoryRecord];
