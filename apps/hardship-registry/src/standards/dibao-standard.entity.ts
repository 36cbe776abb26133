import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Area } from '@jiuzhu/common';

/** A dibao standard as living-allowance announced it (`standard.published`), kept here as a local copy. */
@Entity({ name: 'dibao_standards' })
export class DibaoStandardRecord {
  @PrimaryColumn('text', { name: 'version_id' }) versionId: string;
  @Column('char', { name: 'district_code', length: 6 }) districtCode: string;
  @Column('text') area: Area;
  @Column('int', { name: 'monthly_fen' }) monthlyFen: number;
  @Column('date', { name: 'valid_from' }) validFrom: string;
  @Column('text', { name: 'legal_source' }) legalSource: string;
  @Column({ type: 'bigint', insert: false, update: false }) received: string;
  @Column('timestamptz', { name: 'received_at' }) receivedAt: Date;
}
