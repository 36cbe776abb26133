import { IsIn, IsInt, IsOptional, IsString, IsUUID, Min, MinLength } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef, IsYearMonth } from '../value-types';

/**
 * A paying case's monthly benefit changed: a new standard took effect (one event per changed case
 * and reassessment run) or a periodic review found new facts. `settlementFen` settles months already paid at the old amount
 * (positive: owed to the household; negative: overpaid).
 */
export class BenefitAdjustedV1 {
  @IsUUID() caseId!: string;
  @IsIn(['NEW_STANDARD', 'PERIODIC_REVIEW']) reason!: 'NEW_STANDARD' | 'PERIODIC_REVIEW';
  @IsRef() householdRef!: string;
  @IsIn(['household', 'single_person']) coverage!: 'household' | 'single_person';
  @IsDistrictCode() districtCode!: string;
  @IsIn(['urban', 'rural']) area!: 'urban' | 'rural';
  @IsInt() @Min(0) oldMonthlyBenefitFen!: number;
  @IsInt() @Min(0) newMonthlyBenefitFen!: number;
  @IsYearMonth() adjustedFromMonth!: string;
  @IsInt() @Min(0) monthsPaidAtOldAmount!: number;
  @IsInt() settlementFen!: number;
  @IsString() @MinLength(1) standardVersionId!: string;
  /** Set when a reassessment run made the change. */
  @IsOptional() @IsUUID() reassessmentRunId?: string;
  @IsLocalDate() adjustedOn!: string;
}

export const BenefitAdjusted: EventContract<BenefitAdjustedV1> = {
  type: 'living-allowance.benefit.adjusted',
  version: 1,
  topic: TOPICS.livingAllowanceCases,
  keyOf: (p) => p.householdRef,
  payloadClass: BenefitAdjustedV1,
  description: 'A paying case was re-decided under a new standard and its monthly benefit changed.',
  example: {
    caseId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    reason: 'NEW_STANDARD',
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    coverage: 'household',
    districtCode: '640202',
    area: 'urban',
    oldMonthlyBenefitFen: 96000,
    newMonthlyBenefitFen: 100400,
    adjustedFromMonth: '2026-01',
    monthsPaidAtOldAmount: 3,
    settlementFen: 13200,
    standardVersionId: 'dibao.standard/640202/urban@2026-01-01',
    reassessmentRunId: '9b2f0c51-1e7a-4c1b-8a55-3c7d9e0f1a22',
    adjustedOn: '2026-03-15',
  },
};
