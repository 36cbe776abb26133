import { IsIn, IsString, IsUUID, Matches } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef, IsYearMonth } from '../value-types';

/**
 * A paying dibao case ended; no payment is due from `stopsFromMonth` on. Reason codes are stable
 * upper-case identifiers (e.g. COVERED_BY_HOUSEHOLD_CASE: a single-person inclusion replaced by its
 * household's own dibao case).
 */
export class CaseTerminatedV1 {
  @IsUUID() caseId!: string;
  @IsRef() householdRef!: string;
  @IsIn(['household', 'single_person']) coverage!: 'household' | 'single_person';
  @IsDistrictCode() districtCode!: string;
  @IsString() @Matches(/^[A-Z_]+(\.[A-Z_]+)*$/) reasonCode!: string;
  @IsYearMonth() stopsFromMonth!: string;
  @IsLocalDate() terminatedOn!: string;
}

export const CaseTerminated: EventContract<CaseTerminatedV1> = {
  type: 'living-allowance.case.terminated',
  version: 1,
  topic: TOPICS.livingAllowanceCases,
  keyOf: (p) => p.householdRef,
  payloadClass: CaseTerminatedV1,
  description: 'A paying dibao case ended; payments stop from the given month.',
  example: {
    caseId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    coverage: 'single_person',
    districtCode: '640221',
    reasonCode: 'COVERED_BY_HOUSEHOLD_CASE',
    stopsFromMonth: '2026-10',
    terminatedOn: '2026-09-15',
  },
};
