import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, ValueTransformer } from 'typeorm';
import { Decision } from '../assessment/domain/decision';
import { Household } from '../assessment/domain/household';
import { Coverage } from './domain/application';
import { CaseStatus, RejectionReason } from './domain/case-status';
import { CaseProcess } from './domain/process';
import { OpenReview } from '../periodic-review/domain/periodic-review';

/** Money is integer fen; Postgres' bigint comes back from the driver as text. */
export const FEN: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** A decision's bigint id, also text from the driver; ids stay far below 2^53. */
export const DECISION_ID: ValueTransformer = FEN;

/**
 * A row of `applications` as TypeORM maps it. Only the repository sees it: it is mapped to and from
 * the plain domain `Application` there (the domain knows no columns).
 */
@Entity({ name: 'applications' })
export class ApplicationRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('text') coverage: Coverage;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId: string | null;
  @Column('int', { name: 'member_index', nullable: true }) memberIndex: number | null;
  @Column('char', { name: 'household_ref', length: 64 }) householdRef: string;
  @Column('char', { name: 'district_code', length: 6 }) districtCode: string;
  @Column('text', { name: 'township_code', nullable: true }) townshipCode: string | null;
  @Column('text') area: string;
  @Column('jsonb') household: Household;
  @Column('text') status: CaseStatus;
  @Column('jsonb', { nullable: true }) assessment: Decision | null;
  @Column('text', { nullable: true }) granted: 'dibao' | 'low_income' | null;
  @Column('bigint', { name: 'monthly_benefit_fen', nullable: true, transformer: FEN }) monthlyBenefitFen: number | null;
  @Column('char', { name: 'effective_month', length: 7, nullable: true }) effectiveMonth: string | null;
  @Column('date', { name: 'decided_on', nullable: true }) decidedOn: string | null;
  @Column('text', { name: 'rejection_reason', nullable: true }) rejectionReason: RejectionReason | null;
  @Column('int') version: number;
  @Column('text', { name: 'filed_by' }) filedBy: string;
  @Column('timestamptz', { name: 'filed_at' }) filedAt: Date;
  @Column('text', { name: 'updated_by' }) updatedBy: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('date', { name: 'review_due_on', nullable: true }) reviewDueOn: string | null;
  @Column('date', { name: 'review_announced_on', nullable: true }) reviewAnnouncedOn: string | null;
  @Column('char', { name: 'exiting_until', length: 7, nullable: true }) exitingUntil: string | null;
  @Column('jsonb', { name: 'open_review', nullable: true }) openReview: OpenReview | null;
  @Column('text', { name: 'claimed_by', nullable: true }) claimedBy: string | null;
  @Column('timestamptz', { name: 'claim_expires_at', nullable: true }) claimExpiresAt: Date | null;
  @Column('jsonb') process: CaseProcess;
  @Column('date', { name: 'due_on', nullable: true }) dueOn: string | null;
  /** The decision now in force (case_decisions); null until the case is decided. */
  @Column('bigint', { name: 'current_decision_id', nullable: true, transformer: DECISION_ID }) currentDecisionId: number | null;
  // The applicant's contact (personal data: shown in the case view only, never in events or logs).
  @Column('text', { name: 'contact_name', nullable: true }) contactName: string | null;
  @Column('text', { name: 'contact_address', nullable: true }) contactAddress: string | null;
  @Column('text', { name: 'contact_phone', nullable: true }) contactPhone: string | null;
}

/** A line of a case's history (who did what, when, from which status to which, why). */
@Entity({ name: 'case_history' })
export class CaseHistoryRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid', { name: 'application_id' }) applicationId: string;
  @Column('text') action: string;
  @Column('text', { name: 'from_status', nullable: true }) fromStatus: string | null;
  @Column('text', { name: 'to_status' }) toStatus: string;
  @Column('text') actor: string;
  @Column('timestamptz') at: Date;
  @Column('text', { name: 'reason_code', nullable: true }) reasonCode: string | null;
  @Column('text', { nullable: true }) note: string | null;
}

/** A person's membership of a household case; the partial unique index keeps one active per person. */
@Entity({ name: 'household_memberships' })
export class HouseholdMembershipRecord {
  @PrimaryColumn('uuid', { name: 'application_id' }) applicationId: string;
  @PrimaryColumn('int', { name: 'member_index' }) memberIndex: number;
  @Column('char', { name: 'person_ref', length: 64 }) personRef: string;
  @Column('boolean', { default: true }) active: boolean;
}
