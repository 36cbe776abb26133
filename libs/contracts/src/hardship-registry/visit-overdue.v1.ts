import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';
import { EXAMPLE_CASE_ID, EXAMPLE_PERSON_REF, SELF_CARE_ABILITIES } from './vocabulary';

/** A person cared for at home was not visited (巡视探访) by the day the visit plan set for their tier; announced once per due date. */
export class VisitOverdueV1 {
  @IsUUID() caseId!: string;
  @IsRef() personRef!: string;
  @IsDistrictCode() districtCode!: string;
  @Matches(/^\d{9}$/) townshipCode!: string;
  @IsIn(SELF_CARE_ABILITIES as unknown as string[]) selfCareAbility!: (typeof SELF_CARE_ABILITIES)[number];
  /** The last visit; absent when none was made since home care began. */
  @IsOptional() @IsLocalDate() lastVisitOn?: string;
  @IsLocalDate() dueOn!: string;
}

export const VisitOverdue: EventContract<VisitOverdueV1> = {
  type: 'hardship-registry.visit.overdue',
  version: 1,
  topic: TOPICS.hardshipPersons,
  keyOf: (p) => p.personRef,
  payloadClass: VisitOverdueV1,
  description: 'A visit to a special-hardship person cared for at home is overdue.',
  example: { caseId: EXAMPLE_CASE_ID, personRef: EXAMPLE_PERSON_REF, districtCode: '640202', townshipCode: '640202001', selfCareAbility: 'partly_lost', lastVisitOn: '2026-05-01', dueOn: '2026-05-15' },
};
