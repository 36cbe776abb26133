import { IsIn, IsString, IsUUID, Matches } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

/**
 * A dibao application was refused; the reason code is what the written notice explains.
 * @deprecated No longer produced: superseded by case.refused v1 (confirmation level, written-notice date).
 */
export class CaseRejectedV1 {
  @IsUUID() caseId!: string;
  @IsRef() householdRef!: string;
  @IsIn(['household', 'single_person']) coverage!: 'household' | 'single_person';
  @IsDistrictCode() districtCode!: string;
  @IsString() @Matches(/^[A-Z_]+(\.[A-Z_]+)*$/) reasonCode!: string;
  @IsLocalDate() rejectedOn!: string;
}

export const CaseRejected: EventContract<CaseRejectedV1> = {
  type: 'living-allowance.case.rejected',
  version: 1,
  topic: TOPICS.livingAllowanceCases,
  keyOf: (p) => p.householdRef,
  payloadClass: CaseRejectedV1,
  description: 'Deprecated, no longer produced (see living-allowance.case.refused v1). A dibao application was rejected with a reason code.',
  example: {
    caseId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    coverage: 'household',
    districtCode: '640205',
    reasonCode: 'INCOME_ABOVE_STANDARD',
    rejectedOn: '2026-03-20',
  },
};
