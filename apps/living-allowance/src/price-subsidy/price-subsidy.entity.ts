import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LocalizedText, RuleOutcome } from '@jiuzhu/common';
import { FEN } from '../applications/application.entity';
import { AssistanceCategory, PriceSubsidyBasis } from './domain/labels';

/** The figures in force for one index region and month (`price_indices`). */
@Entity({ name: 'price_indices' })
export class PriceIndexInForceRecord {
  @PrimaryColumn('char', { name: 'province_code', length: 6 }) provinceCode: string;
  @PrimaryColumn('char', { length: 7 }) month: string;
  @Column('int', { name: 'cpi_rise_bp' }) cpiRiseBp: number;
  @Column('int', { name: 'food_cpi_rise_bp' }) foodCpiRiseBp: number;
  @Column('text') source: string;
  @Column('int') revision: number;
  @Column('text', { name: 'recorded_by' }) recordedBy: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}

/** Every recording of an index, the first and each correction (`price_index_revisions`). */
@Entity({ name: 'price_index_revisions' })
export class PriceIndexRevisionRecord {
  @PrimaryColumn('char', { name: 'province_code', length: 6 }) provinceCode: string;
  @PrimaryColumn('char', { length: 7 }) month: string;
  @PrimaryColumn('int') revision: number;
  @Column('int', { name: 'cpi_rise_bp' }) cpiRiseBp: number;
  @Column('int', { name: 'food_cpi_rise_bp' }) foodCpiRiseBp: number;
  @Column('text') source: string;
  @Column('text', { name: 'recorded_by' }) recordedBy: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}

/** A settled month (`price_subsidy_batches`); its payments are written set-based (see the repository). */
@Entity({ name: 'price_subsidy_batches' })
export class PriceSubsidyBatchRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('char', { name: 'province_code', length: 6 }) provinceCode: string;
  @Column('char', { length: 7 }) month: string;
  @Column('char', { name: 'index_month', length: 7 }) indexMonth: string;
  @Column('int', { name: 'index_revision' }) indexRevision: number;
  @Column('int', { name: 'cpi_rise_bp' }) cpiRiseBp: number;
  @Column('int', { name: 'food_cpi_rise_bp' }) foodCpiRiseBp: number;
  @Column('text', { name: 'triggers_version_id' }) triggersVersionId: string;
  @Column('text') status: 'granted' | 'not_triggered';
  @Column('boolean') triggered: boolean;
  @Column('text', { nullable: true }) basis: PriceSubsidyBasis | null;
  @Column('int', { name: 'rate_bp' }) rateBp: number;
  @Column('int') households: number;
  @Column('int') people: number;
  @Column('bigint', { name: 'total_fen', transformer: FEN }) totalFen: number;
  @Column('jsonb', { name: 'district_totals' }) districtTotals: Array<{ districtCode: string; households: number; people: number; totalFen: number }>;
  @Column('jsonb') excluded: Array<{ category: AssistanceCategory; code: string; households: number }>;
  @Column('jsonb') rules: RuleOutcome[];
  @Column('jsonb') explanation: LocalizedText[];
  @Column('text', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}

/** One case paid in a batch (`price_subsidy_payments`). */
@Entity({ name: 'price_subsidy_payments' })
export class PriceSubsidyPaymentRecord {
  @PrimaryColumn('uuid', { name: 'batch_id' }) batchId: string;
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId: string;
  @Column('char', { name: 'household_ref', length: 64 }) householdRef: string;
  @Column('text') category: AssistanceCategory;
  @Column('char', { name: 'district_code', length: 6 }) districtCode: string;
  @Column('text') area: string;
  @Column('int') people: number;
  @Column('bigint', { name: 'standard_fen', transformer: FEN }) standardFen: number;
  @Column('bigint', { name: 'per_person_fen', transformer: FEN }) perPersonFen: number;
  @Column('bigint', { name: 'amount_fen', transformer: FEN }) amountFen: number;
}
