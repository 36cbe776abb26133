import { IsIn, IsInt, IsUUID, Min } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef, IsYearMonth } from '../value-types';

/**
 * A household's income rose above the standard through work: payment continues through the gradual
 * exit period (渐退期) and the case ends after `lastPaidMonth`.
 */
export class CaseExitingV1 {
  @IsUUID() caseId!: string;
  @IsRef() householdRef!: string;
  @IsIn(['household', 'single_person']) coverage!: 'household' | 'single_person';
  @IsDistrictCode() districtCode!: string;
  @IsInt() @Min(1) months!: number;
  @IsYearMonth() lastPaidMonth!: string;
  @IsInt() @Min(0) monthlyBenefitFen!: number;
  @IsLocalDate() decidedOn!: string;
}

export const CaseExiting: EventContract<CaseExitingV1> = {
  type: 'living-allowance.case.exiting',
  version: 1,
  topic: TOPICS.livingAllowanceCases,
  keyOf: (p) => p.householdRef,
  payloadClass: CaseExitingV1,
  description: 'A case entered its gradual exit period; payment continues until lastPaidMonth.',
  example: {
    caseId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    coverage: 'household',
    districtCode: '640202',
    months: 6,
    lastPaidMonth: '2027-03',
    monthlyBenefitFen: 96000,
    decidedOn: '2026-09-20',
  },
};
