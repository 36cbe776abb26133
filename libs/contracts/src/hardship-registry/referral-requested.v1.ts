import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsUUID, Matches } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';
import { EXAMPLE_CASE_ID, EXAMPLE_PERSON_REF, REFERRAL_TARGETS, TERMINATION_GROUNDS } from './vocabulary';

/**
 * A person whose special-hardship support ended may qualify for dibao or temporary assistance
 * (转介, policy.md §3 "Ends"); the receiving service assesses them. Announced with the termination.
 */
export class ReferralRequestedV1 {
  @IsUUID() caseId!: string;
  @IsRef() personRef!: string;
  @IsDistrictCode() districtCode!: string;
  @Matches(/^\d{9}$/) townshipCode!: string;
  @IsIn(TERMINATION_GROUNDS as unknown as string[]) ground!: (typeof TERMINATION_GROUNDS)[number];
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(REFERRAL_TARGETS as unknown as string[], { each: true }) targets!: (typeof REFERRAL_TARGETS)[number][];
  @IsLocalDate() requestedOn!: string;
}

export const ReferralRequested: EventContract<ReferralRequestedV1> = {
  type: 'hardship-registry.referral.requested',
  version: 1,
  topic: TOPICS.hardshipPersons,
  keyOf: (p) => p.personRef,
  payloadClass: ReferralRequestedV1,
  description: 'A person leaving special-hardship support is referred to dibao or temporary assistance, which assesses them.',
  example: { caseId: EXAMPLE_CASE_ID, personRef: EXAMPLE_PERSON_REF, districtCode: '640202', townshipCode: '640202001', ground: 'came_of_age', targets: ['dibao'], requestedOn: '2026-05-28' },
};
