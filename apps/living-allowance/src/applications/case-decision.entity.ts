import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Decision, Outcome } from '../assessment/domain/decision';
import { Household } from '../assessment/domain/household';
import { DECISION_ID, FEN } from './application.entity';

/**
 * A row of `case_decisions`: one decision of a case, kept for good (the table refuses updates and
 * deletes). A re-decision under a new standard is stored compactly — no `assessment`, no `household`:
 * `basisDecisionId` names the decision whose facts it re-decided, and the explanation is the pure
 * assessment re-run on those facts with `parameterVersions` (see `saveRedecisions`).
 */
@Entity({ name: 'case_decisions' })
export class CaseDecisionRecord {
  /** bigint, text from the driver (see DECISION_ID). */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column('uuid', { name: 'application_id' }) applicationId: string;
  @Column('text') trigger: string;
  @Column('date', { name: 'decided_on' }) decidedOn: string;
  @Column('date', { name: 'effective_on' }) effectiveOn: string;
  @Column('char', { name: 'from_month', length: 7, nullable: true }) fromMonth: string | null;
  @Column('text') outcome: Outcome;
  @Column('text', { nullable: true }) granted: 'dibao' | 'low_income' | null;
  @Column('bigint', { name: 'monthly_benefit_fen', nullable: true, transformer: FEN }) monthlyBenefitFen: number | null;
  @Column('text', { name: 'reason_code', nullable: true }) reasonCode: string | null;
  /** The trigger's own facts (confirmation level, review outcome, run and standard…). */
  @Column('jsonb') facts: Record<string, unknown>;
  @Column('jsonb', { name: 'parameter_versions' }) parameterVersions: Record<string, string>;
  @Column('jsonb', { nullable: true }) assessment: Decision | null;
  @Column('jsonb', { nullable: true }) household: Household | null;
  @Column('bigint', { name: 'basis_decision_id', nullable: true, transformer: DECISION_ID }) basisDecisionId: number | null;
  @Column('text', { name: 'decided_by' }) decidedBy: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
