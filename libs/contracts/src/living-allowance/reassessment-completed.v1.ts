import { IsIn, IsInt, IsString, IsUUID, Min, MinLength } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate } from '../value-types';

/** Every paying case of a district and area has been re-decided under a new standard. */
export class ReassessmentCompletedV1 {
  @IsUUID() runId!: string;
  @IsDistrictCode() districtCode!: string;
  @IsIn(['urban', 'rural']) area!: 'urban' | 'rural';
  @IsString() @MinLength(1) standardVersionId!: string;
  @IsInt() @Min(0) casesExamined!: number;
  @IsInt() @Min(0) casesChanged!: number;
  @IsInt() @Min(0) casesLeavingDibao!: number;
  @IsInt() monthlyBudgetDeltaFen!: number;
  @IsInt() settlementFen!: number;
  @IsLocalDate() completedOn!: string;
}

export const ReassessmentCompleted: EventContract<ReassessmentCompletedV1> = {
  type: 'living-allowance.reassessment.completed',
  version: 1,
  topic: TOPICS.livingAllowanceStandards,
  keyOf: (p) => `${p.districtCode}/${p.area}`,
  payloadClass: ReassessmentCompletedV1,
  description: 'A reassessment run after a new standard finished, with its totals.',
  example: {
    runId: '9b2f0c51-1e7a-4c1b-8a55-3c7d9e0f1a22',
    districtCode: '640202',
    area: 'urban',
    standardVersionId: 'dibao.standard/640202/urban@2026-01-01',
    casesExamined: 1200,
    casesChanged: 1187,
    casesLeavingDibao: 0,
    monthlyBudgetDeltaFen: 5120000,
    settlementFen: 15360000,
    completedOn: '2026-03-15',
  },
};
