import { IsUUID } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

/** A completed assessment was replaced by a newer one (a correction or a re-assessment after a dispute). */
export class AssessmentSupersededV1 {
  @IsUUID() assessmentId!: string;
  @IsUUID() supersededBy!: string;
  @IsRef() personRef!: string;
  @IsDistrictCode() districtCode!: string;
  @IsLocalDate() supersededOn!: string;
}

export const AssessmentSuperseded: EventContract<AssessmentSupersededV1> = {
  type: 'elder-assessment.assessment.superseded',
  version: 1,
  topic: TOPICS.elderAssessments,
  keyOf: (p) => p.personRef,
  payloadClass: AssessmentSupersededV1,
  description: 'A completed elder assessment was superseded by a newer one; the newer one is announced as assessment.completed.',
  example: {
    assessmentId: '6b0e2f1c-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
    supersededBy: '7c1f3a2d-4b5e-4f6a-9b0c-1d2e3f4a5b6c',
    personRef: 'b4e6d1f2a3c5978866554433221100998877665544332211009988776655ccdd',
    districtCode: '640205',
    supersededOn: '2026-04-02',
  },
};
