import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Area } from '@jiuzhu/common';
import type { SelfCareDetermination } from '../care/domain/self-care';
import type { CriteriaDecision } from '../criteria/domain/criteria-decision';
import type { Entitlement } from '../entitlement/domain/compute-entitlement';
import type { PersonFacts } from '../persons/domain/person-facts';
import type { CareSetting } from '../persons/domain/vocabulary';
import type { CaseStatus } from './domain/case-status';
import type { Investigation, Placement, PublicNotice, Refusal, Termination } from './domain/hardship-case';

/**
 * A row of `hardship_cases` as TypeORM maps it (the table is defined by the migrations). Only the
 * repository sees it: it maps it to and from the plain domain `HardshipCase`.
 *
 * `investigated_by`, `self_care_ability` and `monthly_fen` repeat what the documents hold, so the
 * queues, claims and sweeps select on them without opening the documents.
 */
@Entity({ name: 'hardship_cases' })
export class HardshipCaseRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('char', { name: 'person_ref', length: 64 }) personRef: string;
  @Column('text', { name: 'masked_id' }) maskedId: string;
  @Column('date', { name: 'birth_date' }) birthDate: string;
  @Column('char', { name: 'district_code', length: 6 }) districtCode: string;
  @Column('char', { name: 'township_code', length: 9 }) townshipCode: string;
  @Column('text') area: Area;
  @Column('text') status: CaseStatus;
  @Column('date', { name: 'applied_on' }) appliedOn: string;
  @Column('text', { name: 'filed_by' }) filedBy: string;
  @Column('timestamptz', { name: 'filed_at' }) filedAt: Date;
  @Column('jsonb') facts: PersonFacts;
  @Column('jsonb', { name: 'applied_criteria' }) appliedCriteria: CriteriaDecision;
  @Column('jsonb', { nullable: true }) investigation: Investigation | null;
  @Column('text', { name: 'investigated_by', nullable: true }) investigatedBy: string | null;
  @Column('jsonb', { nullable: true }) notice: PublicNotice | null;
  @Column('jsonb', { nullable: true }) confirmation: { by: string; on: string } | null;
  @Column('jsonb', { nullable: true }) refusal: Refusal | null;
  @Column('text', { name: 'support_from_month', nullable: true }) supportFromMonth: string | null;
  @Column('boolean', { name: 'supported_as_minor' }) supportedAsMinor: boolean;
  @Column('date', { name: 'minor_review_due_on', nullable: true }) minorReviewDueOn: string | null;
  @Column('jsonb', { name: 'self_care', nullable: true }) selfCare: SelfCareDetermination | null;
  @Column('text', { name: 'self_care_ability', nullable: true }) selfCareAbility: string | null;
  @Column('text', { name: 'care_setting', nullable: true }) careSetting: CareSetting | null;
  @Column('jsonb', { nullable: true }) placement: Placement | null;
  @Column('jsonb', { nullable: true }) entitlement: Entitlement | null;
  @Column('int', { name: 'monthly_fen', nullable: true }) monthlyFen: number | null;
  @Column('text', { name: 'entitlement_from_month', nullable: true }) entitlementFromMonth: string | null;
  @Column('jsonb', { nullable: true }) termination: Termination | null;
  @Column('date', { name: 'due_on', nullable: true }) dueOn: string | null;
  @Column('text', { name: 'claimed_by', nullable: true }) claimedBy: string | null;
  @Column('timestamptz', { name: 'claim_expires_at', nullable: true }) claimExpiresAt: Date | null;
  // The person's contact (personal data: shown in the case view only, never in events or logs).
  @Column('text', { name: 'contact_name', nullable: true }) contactName: string | null;
  @Column('text', { name: 'contact_address', nullable: true }) contactAddress: string | null;
  @Column('text', { name: 'contact_phone', nullable: true }) contactPhone: string | null;
  @Column('int') version: number;
  @Column('text', { name: 'updated_by' }) updatedBy: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** A line of a case's history: who did what, when, from which status to which, why. */
@Entity({ name: 'hardship_case_history' })
export class HardshipCaseHistoryRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('text') action: string;
  @Column('text', { name: 'from_status', nullable: true }) fromStatus: string | null;
  @Column('text', { name: 'to_status' }) toStatus: string;
  @Column('text') actor: string;
  @Column('timestamptz') at: Date;
  @Column('text', { name: 'reason_code', nullable: true }) reasonCode: string | null;
  @Column('text', { nullable: true }) note: string | null;
}
