import { IsIn, IsUUID, Matches } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';
import { DANGER_KINDS, EXAMPLE_CASE_ID, EXAMPLE_PERSON_REF } from './vocabulary';

/**
 * A visitor found a special-hardship person in danger (主动发现): a lead for temporary assistance
 * to pick up. The kind of danger only — the visitor's notes stay with the visit.
 */
export class DangerFoundV1 {
  @IsUUID() caseId!: string;
  @IsUUID() visitId!: string;
  @IsRef() personRef!: string;
  @IsDistrictCode() districtCode!: string;
  @Matches(/^\d{9}$/) townshipCode!: string;
  @IsIn(DANGER_KINDS as unknown as string[]) danger!: (typeof DANGER_KINDS)[number];
  @IsLocalDate() foundOn!: string;
}

export const DangerFound: EventContract<DangerFoundV1> = {
  type: 'hardship-registry.danger.found',
  version: 1,
  topic: TOPICS.hardshipPersons,
  keyOf: (p) => p.personRef,
  payloadClass: DangerFoundV1,
  description: 'A visit found a special-hardship person in danger: a lead for temporary assistance.',
  example: {
    caseId: EXAMPLE_CASE_ID,
    visitId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    personRef: EXAMPLE_PERSON_REF,
    districtCode: '640202',
    townshipCode: '640202001',
    danger: 'no_food_or_heating',
    foundOn: '2026-12-03',
  },
};
