import { IsInt, IsUUID, Min } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

/** The township's opinion is posted for public notice (公示) in the village or community until `endsOn`. */
export class NoticeStartedV1 {
  @IsUUID() applicationId!: string;
  @IsRef() householdRef!: string;
  @IsDistrictCode() districtCode!: string;
  @IsInt() @Min(1) round!: number;
  @IsLocalDate() startedOn!: string;
  @IsLocalDate() endsOn!: string;
}

export const NoticeStarted: EventContract<NoticeStartedV1> = {
  type: 'living-allowance.notice.started',
  version: 1,
  topic: TOPICS.livingAllowanceCases,
  keyOf: (p) => p.householdRef,
  payloadClass: NoticeStartedV1,
  description: 'A public notice of the township opinion started; it runs until endsOn (inclusive).',
  example: {
    applicationId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    districtCode: '640202',
    round: 1,
    startedOn: '2026-03-10',
    endsOn: '2026-03-17',
  },
};
