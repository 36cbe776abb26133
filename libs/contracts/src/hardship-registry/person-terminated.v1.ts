import { IsIn, IsUUID } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef, IsYearMonth } from '../value-types';
import { EXAMPLE_CASE_ID, EXAMPLE_PERSON_REF, TERMINATION_GROUNDS } from './vocabulary';

/** Special-hardship support of a person ended on a ground, after its 7-day notice; nothing is paid from `stopsFromMonth`. */
export class PersonTerminatedV1 {
  @IsUUID() caseId!: string;
  @IsRef() personRef!: string;
  @IsDistrictCode() districtCode!: string;
  @IsIn(TERMINATION_GROUNDS as unknown as string[]) ground!: (typeof TERMINATION_GROUNDS)[number];
  @IsLocalDate() terminatedOn!: string;
  @IsYearMonth() stopsFromMonth!: string;
}

export const PersonTerminated: EventContract<PersonTerminatedV1> = {
  type: 'hardship-registry.person.terminated',
  version: 1,
  topic: TOPICS.hardshipPersons,
  keyOf: (p) => p.personRef,
  payloadClass: PersonTerminatedV1,
  description: 'Special-hardship support of a person ended; payments stop from the given month.',
  example: { caseId: EXAMPLE_CASE_ID, personRef: EXAMPLE_PERSON_REF, districtCode: '640202', ground: 'came_of_age', terminatedOn: '2026-05-28', stopsFromMonth: '2026-06' },
};
