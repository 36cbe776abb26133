import { IsInt, IsUUID, Min } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

/**
 * An objection was received during the notice; the case goes back to the township for a re-check.
 * Neither the objection's text nor who raised it travels (it may name people).
 */
export class NoticeObjectedV1 {
  @IsUUID() applicationId!: string;
  @IsRef() householdRef!: string;
  @IsDistrictCode() districtCode!: string;
  @IsInt() @Min(1) round!: number;
  @IsLocalDate() receivedOn!: string;
}

export const NoticeObjected: EventContract<NoticeObjectedV1> = {
  type: 'living-allowance.notice.objected',
  version: 1,
  topic: TOPICS.livingAllowanceCases,
  keyOf: (p) => p.householdRef,
  payloadClass: NoticeObjectedV1,
  description: 'An objection to the public notice sent the application back for a re-check.',
  example: {
    applicationId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    districtCode: '640202',
    round: 1,
    receivedOn: '2026-03-13',
  },
};
