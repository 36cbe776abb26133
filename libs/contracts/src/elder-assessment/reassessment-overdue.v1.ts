import { IsOptional, IsUUID, Matches } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

/** An elder's routine re-assessment fell due and has not been done; announced once per due date. */
export class ReassessmentOverdueV1 {
  @IsRef() personRef!: string;
  @IsDistrictCode() districtCode!: string;
  @IsOptional() @Matches(/^\d{9}$/) townshipCode?: string;
  @IsUUID() lastAssessmentId!: string;
  @IsLocalDate() dueOn!: string;
}

export const ReassessmentOverdue: EventContract<ReassessmentOverdueV1> = {
  type: 'elder-assessment.reassessment.overdue',
  version: 1,
  topic: TOPICS.elderAssessments,
  keyOf: (p) => p.personRef,
  payloadClass: ReassessmentOverdueV1,
  description: "An elder's routine re-assessment is overdue.",
  example: {
    personRef: 'b4e6d1f2a3c5978866554433221100998877665544332211009988776655ccdd',
    districtCode: '640205',
    townshipCode: '640205001',
    lastAssessmentId: '6b0e2f1c-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
    dueOn: '2027-03-10',
  },
};
