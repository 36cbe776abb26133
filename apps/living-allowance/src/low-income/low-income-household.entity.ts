import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FEN } from '../applications/application.entity';

/** A row of the low-income household database, one per household (its history is in case_history). */
@Entity({ name: 'low_income_households' })
export class LowIncomeHouseholdRecord {
  @PrimaryColumn('char', { name: 'household_ref', length: 64 }) householdRef: string;
  @Column('uuid', { name: 'application_id' }) applicationId: string;
  @Column('char', { name: 'district_code', length: 6 }) districtCode: string;
  @Column('text') area: string;
  @Column('int', { name: 'household_size' }) householdSize: number;
  @Column('bigint', { name: 'per_capita_income_fen', transformer: FEN }) perCapitaIncomeFen: number;
  @Column('date', { name: 'registered_on' }) registeredOn: string;
  @Column('text', { name: 'registered_by' }) registeredBy: string;
  @Column('boolean') active: boolean;
  @Column('date', { name: 'removed_on', nullable: true }) removedOn: string | null;
  @Column('text', { name: 'removal_reason', nullable: true }) removalReason: string | null;
  @Column('text', { name: 'removed_by', nullable: true }) removedBy: string | null;
}
