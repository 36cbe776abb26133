import { IsInt, IsUUID, Min } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

/**
 * The township's opinion is posted for public notice (公示) in the village or community until `endsOn`.
 *
 * v2: the case id is `caseId`, as in every other living-allowance event (v1 called it
 * `applicationId`; v1 stays as released, for consumers that have not moved yet).
 */
export class NoticeStartedV2Payload {
  @IsUUID() caseId!: string;
  @IsRef() householdRef!: string;
  @IsDistrictCode() districtCode!: string;
  @IsInt() @Min(1) round!: number;
  @IsLocalDate() startedOn!: string;
  @IsLocalDate() endsOn!: string;
}

export const NoticeStartedV2: EventContract<NoticeStartedV2Payload> = {
  type: 'living-allowance.notice.started',
  version: 2,
  topic: TOPICS.livingAllowanceCases,
  keyOf: (p) => p.householdRef,
  payloadClass: NoticeStartedV2Payload,
  description: 'A public notice of the township opinion started; it runs until endsOn (inclusive).',
  example: {
    caseId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    districtCode: '640202',
    round: 1,
    startedOn: '2026-03-10',
    endsOn: '2026-03-17',
  },
};
