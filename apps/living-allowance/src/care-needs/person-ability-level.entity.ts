import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AssessmentCompletedV1 } from '@jiuzhu/contracts';

/** What this service knows of a person's elder ability assessment (one row per person). */
@Entity({ name: 'person_ability_levels' })
export class PersonAbilityLevelRecord {
  @PrimaryColumn('text', { name: 'person_ref' }) personRef: string;
  @Column('uuid', { name: 'assessment_id' }) assessmentId: string;
  @Column('text') level: AssessmentCompletedV1['level'];
  @Column('int') total: number;
  @Column('text', { name: 'self_care_ability' }) selfCareAbility: string;
  @Column('text', { name: 'district_code' }) districtCode: string;
  @Column('date', { name: 'assessed_on' }) assessedOn: string;
  @Column('date', { name: 'valid_until' }) validUntil: string;
  @Column('boolean', { default: false }) superseded: boolean;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
