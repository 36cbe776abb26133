import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CareSetting } from '../persons/domain/vocabulary';
import type { BedKind } from '../reports/domain/reports';
import type { InstitutionKind } from './domain/care-institutions';

/** A row of `care_institutions` (defined by the migrations); only the repositories see it. */
@Entity({ name: 'care_institutions' })
export class CareInstitutionRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') kind: InstitutionKind;
  @Column('char', { name: 'district_code', length: 6 }) districtCode: string;
  @Column('char', { name: 'township_code', length: 9, nullable: true }) townshipCode: string | null;
  @Column('int') version: number;
  @Column('text', { name: 'registered_by' }) registeredBy: string;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt: Date;
  @Column('text', { name: 'updated_by' }) updatedBy: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** A row of `care_beds`. */
@Entity({ name: 'care_beds' })
export class CareBedRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'institution_id' }) institutionId: string;
  @Column('text') code: string;
  @Column('text') kind: BedKind;
  @Column('date', { name: 'added_on' }) addedOn: string;
  @Column('text', { name: 'added_by' }) addedBy: string;
  @Column('date', { name: 'retired_on', nullable: true }) retiredOn: string | null;
  @Column('text', { name: 'retired_by', nullable: true }) retiredBy: string | null;
}

/** A row of `care_setting_periods`: where a supported person was cared for, from when until when. */
@Entity({ name: 'care_setting_periods' })
export class CareSettingPeriodRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('text', { name: 'care_setting' }) careSetting: CareSetting;
  @Column('uuid', { name: 'institution_id', nullable: true }) institutionId: string | null;
  @Column('uuid', { name: 'bed_id', nullable: true }) bedId: string | null;
  @Column('date', { name: 'from_on' }) fromOn: string;
  @Column('date', { name: 'until_on', nullable: true }) untilOn: string | null;
  @Column('text') reason: string;
  @Column('text', { name: 'set_by' }) setBy: string;
  @Column('timestamptz', { name: 'set_at' }) setAt: Date;
  @Column('text', { name: 'end_reason', nullable: true }) endReason: string | null;
  @Column('text', { name: 'ended_by', nullable: true }) endedBy: string | null;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt: Date | null;
}
