import { IsIn, IsUUID } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

/** A paying case is due for its periodic review (复核: yearly, or every 6 months for irregular income or members able to work). */
export class ReviewDueV1 {
  @IsUUID() caseId!: string;
  @IsRef() householdRef!: string;
  @IsDistrictCode() districtCode!: string;
  @IsIn(['stable', 'irregular']) householdType!: 'stable' | 'irregular';
  @IsLocalDate() dueOn!: string;
}

export const ReviewDue: EventContract<ReviewDueV1> = {
  type: 'living-allowance.review.due',
  version: 1,
  topic: TOPICS.livingAllowanceCases,
  keyOf: (p) => p.householdRef,
  payloadClass: ReviewDueV1,
  description: 'A paying dibao case has come up for its periodic review.',
  example: {
    caseId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    districtCode: '640205',
    householdType: 'irregular',
    dueOn: '2026-09-20',
  },
};
