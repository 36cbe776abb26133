import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Min } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

/**
 * The township gave its opinion after the economic check (乡镇审核意见). Round 2 and later follow an
 * objection to the notice. The reviewer's findings stay on the case; only the opinion travels.
 */
export class ApplicationReviewedV1 {
  @IsUUID() applicationId!: string;
  @IsRef() householdRef!: string;
  @IsDistrictCode() districtCode!: string;
  @IsOptional() @Matches(/^\d{9}$/) townshipCode?: string;
  @IsInt() @Min(1) round!: number;
  @IsIn(['approve', 'refuse']) opinion!: 'approve' | 'refuse';
  @IsOptional() @IsString() @Matches(/^[A-Z_]+$/) reasonCode?: string;
  @IsLocalDate() reviewedOn!: string;
}

export const ApplicationReviewed: EventContract<ApplicationReviewedV1> = {
  type: 'living-allowance.application.reviewed',
  version: 1,
  topic: TOPICS.livingAllowanceCases,
  keyOf: (p) => p.householdRef,
  payloadClass: ApplicationReviewedV1,
  description: 'The township recorded its economic check and its opinion on a dibao application.',
  example: {
    applicationId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    districtCode: '640202',
    townshipCode: '640202001',
    round: 1,
    opinion: 'approve',
    reviewedOn: '2026-03-10',
  },
};
