import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AbilityLevel } from '../persons/domain/vocabulary';

/** A person's latest elder ability assessment, as elder-assessment announced it (`assessment.completed`). */
@Entity({ name: 'elder_ability_results' })
export class ElderAbilityResultRecord {
  @PrimaryColumn('char', { name: 'person_ref', length: 64 }) personRef: string;
  @Column('uuid', { name: 'assessment_id' }) assessmentId: string;
  @Column('text') level: AbilityLevel;
  @Column('date', { name: 'assessed_on' }) assessedOn: string;
  @Column('char', { name: 'district_code', length: 6 }) districtCode: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
