import { IsIn, IsUUID } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

export const LOW_INCOME_REMOVAL_REASONS = ['now_dibao', 'above_band', 'property_over_limit'] as const;

/** A household left the low-income database (now dibao, or no longer in the band). */
export class LowIncomeRemovedV1 {
  @IsRef() householdRef!: string;
  @IsUUID() caseId!: string;
  @IsDistrictCode() districtCode!: string;
  @IsIn(LOW_INCOME_REMOVAL_REASONS as unknown as string[]) reason!: (typeof LOW_INCOME_REMOVAL_REASONS)[number];
  @IsLocalDate() removedOn!: string;
}

export const LowIncomeRemoved: EventContract<LowIncomeRemovedV1> = {
  type: 'living-allowance.low-income.removed',
  version: 1,
  topic: TOPICS.livingAllowanceLowIncome,
  keyOf: (p) => p.householdRef,
  payloadClass: LowIncomeRemovedV1,
  description: 'A household was removed from the low-income database.',
  example: {
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    caseId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    districtCode: '640221',
    reason: 'now_dibao',
    removedOn: '2026-09-01',
  },
};
