import { ArrayMinSize, IsArray, IsIn, IsInt, IsUUID, Min } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { AREAS, IsDistrictCode, IsLocalDate, IsRef, IsYearMonth, REF_PATTERN } from '../value-types';
import { Matches } from 'class-validator';

/**
 * A dibao case was approved. Payment starts from the month after approval
 * (民发〔2021〕57号: 自批准之日的次月起发放), hence `effectiveMonth`.
 */
export class CaseApprovedV1 {
  @IsUUID() caseId!: string;
  @IsRef() householdRef!: string;
  @IsIn(['household', 'single_person']) coverage!: 'household' | 'single_person';
  @IsDistrictCode() districtCode!: string;
  @IsIn(AREAS as unknown as string[]) area!: 'urban' | 'rural';
  @IsInt() @Min(1) peopleCovered!: number;
  @IsArray() @ArrayMinSize(1) @Matches(REF_PATTERN, { each: true }) personRefs!: string[];
  @IsInt() @Min(0) monthlyBenefitFen!: number;
  @IsInt() @Min(0) standardFen!: number;
  @IsYearMonth() effectiveMonth!: string;
  @IsLocalDate() approvedOn!: string;
}

export const CaseApproved: EventContract<CaseApprovedV1> = {
  type: 'living-allowance.case.approved',
  version: 1,
  topic: TOPICS.livingAllowanceCases,
  keyOf: (p) => p.householdRef,
  payloadClass: CaseApprovedV1,
  description: 'A dibao case (a household, or a single-person inclusion) was approved with its monthly benefit.',
  example: {
    caseId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    coverage: 'household',
    districtCode: '640202',
    area: 'urban',
    peopleCovered: 3,
    personRefs: [
      'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
      '0b1c2d3e4f5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
      '1111222233334444555566667777888899990000aaaabbbbccccddddeeeeffff',
    ],
    monthlyBenefitFen: 126000,
    standardFen: 78000,
    effectiveMonth: '2026-04',
    approvedOn: '2026-03-20',
  },
};
