import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

export const ABILITY_LEVELS = ['intact', 'mild', 'moderate', 'severe', 'complete'] as const;
export const SELF_CARE_ABILITIES = ['full', 'partly_lost', 'fully_lost'] as const;

/**
 * An elder ability assessment (老年人能力评估, GB/T 42195-2022) was completed by two assessors: the
 * final level (after the raises), the total, and the self-care ability the special-hardship scheme
 * uses — derived here so no other service re-derives it. The elder is a keyed reference, never a
 * name or an ID number.
 */
export class AssessmentCompletedV1 {
  @IsUUID() assessmentId!: string;
  @IsRef() personRef!: string;
  @IsDistrictCode() districtCode!: string;
  @IsOptional() @Matches(/^\d{9}$/) townshipCode?: string;
  @IsIn(['first', 'routine', 'immediate', 'dispute']) reason!: 'first' | 'routine' | 'immediate' | 'dispute';
  @IsIn(ABILITY_LEVELS as unknown as string[]) level!: (typeof ABILITY_LEVELS)[number];
  @IsInt() @Min(0) @Max(90) total!: number;
  @IsIn(SELF_CARE_ABILITIES as unknown as string[]) selfCareAbility!: (typeof SELF_CARE_ABILITIES)[number];
  @IsLocalDate() assessedOn!: string;
  /** The next routine assessment is due on this day; the result holds until then. */
  @IsLocalDate() validUntil!: string;
  /** The assessment this one replaces (a correction or a dispute re-assessment), if any. */
  @IsOptional() @IsUUID() supersedes?: string;
}

export const AssessmentCompleted: EventContract<AssessmentCompletedV1> = {
  type: 'elder-assessment.assessment.completed',
  version: 1,
  topic: TOPICS.elderAssessments,
  keyOf: (p) => p.personRef,
  payloadClass: AssessmentCompletedV1,
  description: "An elder's ability assessment was completed: level, total, self-care ability, and until when it holds.",
  example: {
    assessmentId: '6b0e2f1c-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
    personRef: 'b4e6d1f2a3c5978866554433221100998877665544332211009988776655ccdd',
    districtCode: '640205',
    townshipCode: '640205001',
    reason: 'first',
    level: 'severe',
    total: 38,
    selfCareAbility: 'partly_lost',
    assessedOn: '2026-03-10',
    validUntil: '2027-03-10',
  },
};
