import { IsInt, IsUUID, Min } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

/**
 * An objection was received during the notice; the case goes back to the township for a re-check.
 * Neither the objection's text nor who raised it travels (it may name people).
 *
 * v2: the case id is `caseId`, as in every other living-allowance event (v1 called it
 * `applicationId`; v1 stays as released, for consumers that have not moved yet).
 */
export class NoticeObjectedV2Payload {
  @IsUUID() caseId!: string;
  @IsRef() householdRef!: string;
  @IsDistrictCode() districtCode!: string;
  @IsInt() @Min(1) round!: number;
  @IsLocalDate() receivedOn!: string;
}

export const NoticeObjectedV2: EventContract<NoticeObjectedV2Payload> = {
  type: 'living-allowance.notice.objected',
  version: 2,
  topic: TOPICS.livingAllowanceCases,
  keyOf: (p) => p.householdRef,
  payloadClass: NoticeObjectedV2Payload,
  description: 'An objection to the public notice sent the application back for a re-check.',
  example: {
    caseId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    districtCode: '640202',
    round: 1,
    receivedOn: '2026-03-13',
  },
};
