import { IsIn, IsInt, IsUUID, Matches, Min } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { AREAS, IsDistrictCode, IsLocalDate, IsRef, IsYearMonth } from '../value-types';
import { CARE_SETTINGS, EXAMPLE_CASE_ID, EXAMPLE_PERSON_REF, SELF_CARE_ABILITIES } from './vocabulary';

/**
 * A person was confirmed as a special-hardship person (特困人员, 县级确认) and is supported from
 * `supportFromMonth`: the monthly entitlement, the self-care tier and the care setting it was
 * worked out on. The person is a keyed reference, never a name or an ID number.
 */
export class PersonRegisteredV1 {
  @IsUUID() caseId!: string;
  @IsRef() personRef!: string;
  @IsDistrictCode() districtCode!: string;
  @Matches(/^\d{9}$/) townshipCode!: string;
  @IsIn(AREAS as unknown as string[]) area!: 'urban' | 'rural';
  @IsLocalDate() registeredOn!: string;
  @IsYearMonth() supportFromMonth!: string;
  @IsInt() @Min(0) monthlyFen!: number;
  @IsIn(SELF_CARE_ABILITIES as unknown as string[]) selfCareAbility!: (typeof SELF_CARE_ABILITIES)[number];
  @IsIn(CARE_SETTINGS as unknown as string[]) careSetting!: (typeof CARE_SETTINGS)[number];
}

export const PersonRegistered: EventContract<PersonRegisteredV1> = {
  type: 'hardship-registry.person.registered',
  version: 1,
  topic: TOPICS.hardshipPersons,
  keyOf: (p) => p.personRef,
  payloadClass: PersonRegisteredV1,
  description: 'A person was confirmed for special-hardship support (特困人员救助供养), paid from the given month.',
  example: {
    caseId: EXAMPLE_CASE_ID,
    personRef: EXAMPLE_PERSON_REF,
    districtCode: '640202',
    townshipCode: '640202001',
    area: 'urban',
    registeredOn: '2026-03-25',
    supportFromMonth: '2026-04',
    monthlyFen: 111400,
    selfCareAbility: 'full',
    careSetting: 'home',
  },
};
