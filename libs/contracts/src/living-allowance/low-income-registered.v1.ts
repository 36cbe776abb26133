import { IsIn, IsInt, IsUUID, Min } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { AREAS, IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

/** A household entered the low-income database (per-capita income below 1.5 × the standard). */
export class LowIncomeRegisteredV1 {
  @IsRef() householdRef!: string;
  @IsUUID() caseId!: string;
  @IsDistrictCode() districtCode!: string;
  @IsIn(AREAS as unknown as string[]) area!: 'urban' | 'rural';
  @IsInt() @Min(1) householdSize!: number;
  @IsInt() @Min(0) perCapitaIncomeFen!: number;
  @IsLocalDate() registeredOn!: string;
}

export const LowIncomeRegistered: EventContract<LowIncomeRegisteredV1> = {
  type: 'living-allowance.low-income.registered',
  version: 1,
  topic: TOPICS.livingAllowanceLowIncome,
  keyOf: (p) => p.householdRef,
  payloadClass: LowIncomeRegisteredV1,
  description: 'A household was registered as a low-income (dibao-edge) household.',
  example: {
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    caseId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    districtCode: '640221',
    area: 'rural',
    householdSize: 4,
    perCapitaIncomeFen: 70000,
    registeredOn: '2026-03-20',
  },
};
