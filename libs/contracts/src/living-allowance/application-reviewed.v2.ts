import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Min } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

/**
 * The township gave its opinion after the economic check (乡镇审核意见). Round 2 and later follow an
 * objection to the notice. The reviewer's findings stay on the case; only the opinion travels.
 *
 * v2: the case id is `caseId`, as in every other living-allowance event (v1 called it
 * `applicationId`; v1 stays as released, for consumers that have not moved yet).
 */
export class ApplicationReviewedV2Payload {
  @IsUUID() caseId!: string;
  @IsRef() householdRef!: string;
  @IsDistrictCode() districtCode!: string;
  @IsOptional() @Matches(/^\d{9}$/) townshipCode?: string;
  @IsInt() @Min(1) round!: number;
  @IsIn(['approve', 'refuse']) opinion!: 'approve' | 'refuse';
  @IsOptional() @IsString() @Matches(/^[A-Z_]+$/) reasonCode?: string;
  @IsLocalDate() reviewedOn!: string;
}

export const ApplicationReviewedV2: EventContract<ApplicationReviewedV2Payload> = {
  type: 'living-allowance.application.reviewed',
  version: 2,
  topic: TOPICS.livingAllowanceCases,
  keyOf: (p) => p.householdRef,
  payloadClass: ApplicationReviewedV2Payload,
  description: 'The township recorded its economic check and its opinion on a dibao application.',
  example: {
    caseId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    districtCode: '640202',
    townshipCode: '640202001',
    round: 1,
    opinion: 'approve',
    reviewedOn: '2026-03-10',
  },
};
