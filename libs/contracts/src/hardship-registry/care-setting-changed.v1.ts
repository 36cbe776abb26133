import { IsIn, IsUUID } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';
import { CARE_SETTINGS, EXAMPLE_CASE_ID, EXAMPLE_PERSON_REF } from './vocabulary';

/** A supported person moved between home care (分散供养) and an institution (集中供养). */
export class CareSettingChangedV1 {
  @IsUUID() caseId!: string;
  @IsRef() personRef!: string;
  @IsDistrictCode() districtCode!: string;
  @IsIn(CARE_SETTINGS as unknown as string[]) from!: (typeof CARE_SETTINGS)[number];
  @IsIn(CARE_SETTINGS as unknown as string[]) to!: (typeof CARE_SETTINGS)[number];
  @IsLocalDate() changedOn!: string;
}

export const CareSettingChanged: EventContract<CareSettingChangedV1> = {
  type: 'hardship-registry.care-setting.changed',
  version: 1,
  topic: TOPICS.hardshipPersons,
  keyOf: (p) => p.personRef,
  payloadClass: CareSettingChangedV1,
  description: 'A special-hardship person moved between home care and institutional care.',
  example: { caseId: EXAMPLE_CASE_ID, personRef: EXAMPLE_PERSON_REF, districtCode: '640202', from: 'home', to: 'institution', changedOn: '2026-06-15' },
};
