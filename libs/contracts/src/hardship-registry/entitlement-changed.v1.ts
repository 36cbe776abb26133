import { IsIn, IsInt, IsString, IsUUID, Min, MinLength } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef, IsYearMonth } from '../value-types';
import { CARE_SETTINGS, ENTITLEMENT_TRIGGERS, EXAMPLE_CASE_ID, EXAMPLE_PERSON_REF, SELF_CARE_ABILITIES } from './vocabulary';

/**
 * A supported person's monthly entitlement (救助供养金 = basic living standard + care allowance)
 * changed from `fromMonth`: a new dibao standard, a new self-care result, or a new care setting.
 * Announced only when the amounts change, once however often its cause was delivered.
 */
export class EntitlementChangedV1 {
  @IsUUID() caseId!: string;
  @IsRef() personRef!: string;
  @IsDistrictCode() districtCode!: string;
  @IsIn(ENTITLEMENT_TRIGGERS as unknown as string[]) trigger!: (typeof ENTITLEMENT_TRIGGERS)[number];
  @IsYearMonth() fromMonth!: string;
  @IsInt() @Min(0) monthlyFen!: number;
  @IsInt() @Min(0) previousMonthlyFen!: number;
  @IsInt() @Min(0) basicLivingFen!: number;
  @IsInt() @Min(0) careAllowanceFen!: number;
  @IsIn(SELF_CARE_ABILITIES as unknown as string[]) selfCareAbility!: (typeof SELF_CARE_ABILITIES)[number];
  @IsIn(CARE_SETTINGS as unknown as string[]) careSetting!: (typeof CARE_SETTINGS)[number];
  /** The dibao standard version the basic living standard was measured against. */
  @IsString() @MinLength(1) standardVersionId!: string;
  @IsLocalDate() changedOn!: string;
}

export const EntitlementChanged: EventContract<EntitlementChangedV1> = {
  type: 'hardship-registry.entitlement.changed',
  version: 1,
  topic: TOPICS.hardshipPersons,
  keyOf: (p) => p.personRef,
  payloadClass: EntitlementChangedV1,
  description: "A special-hardship person's monthly entitlement changed from the given month (new dibao standard, self-care result or care setting).",
  example: {
    caseId: EXAMPLE_CASE_ID,
    personRef: EXAMPLE_PERSON_REF,
    districtCode: '640202',
    trigger: 'standard_published',
    fromMonth: '2026-07',
    monthlyFen: 114000,
    previousMonthlyFen: 111400,
    basicLivingFen: 104000,
    careAllowanceFen: 10000,
    selfCareAbility: 'full',
    careSetting: 'home',
    standardVersionId: 'dibao.standard/640202/urban@2026-07-01',
    changedOn: '2026-06-20',
  },
};
