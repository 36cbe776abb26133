import { IsIn, IsString, IsUUID, Matches } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

/**
 * A dibao application was refused (不予批准) at confirmation. The written notice with the reasons
 * must reach the household by `writtenNoticeDueOn` (3 working days). Replaces case.rejected v1,
 * which carried neither the confirming level nor the notice date.
 */
export class CaseRefusedV1 {
  @IsUUID() caseId!: string;
  @IsRef() householdRef!: string;
  @IsIn(['household', 'single_person']) coverage!: 'household' | 'single_person';
  @IsDistrictCode() districtCode!: string;
  @IsString() @Matches(/^[A-Z_]+(\.[A-Z_]+)*$/) reasonCode!: string;
  @IsIn(['county', 'township']) confirmedBy!: 'county' | 'township';
  @IsLocalDate() refusedOn!: string;
  @IsLocalDate() writtenNoticeDueOn!: string;
}

export const CaseRefused: EventContract<CaseRefusedV1> = {
  type: 'living-allowance.case.refused',
  version: 1,
  topic: TOPICS.livingAllowanceCases,
  keyOf: (p) => p.householdRef,
  payloadClass: CaseRefusedV1,
  description: 'A dibao application was refused at confirmation, with the reason code the written notice explains and its delivery deadline.',
  example: {
    caseId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    coverage: 'household',
    districtCode: '640205',
    reasonCode: 'INCOME_ABOVE_STANDARD',
    confirmedBy: 'county',
    refusedOn: '2026-03-20',
    writtenNoticeDueOn: '2026-03-25',
  },
};
