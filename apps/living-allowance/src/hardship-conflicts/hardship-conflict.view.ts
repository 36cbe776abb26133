import { ApiProperty } from '@nestjs/swagger';
import { CONFLICT_STATUSES, HardshipConflict } from './domain/hardship-conflict';

/** A conflict between a dibao case and special-hardship support, as the API answers it (references only, no names). */
export class HardshipConflictView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'the dibao case' }) applicationId!: string;
  @ApiProperty({ description: 'the member of the case (0-based) who is supported as 特困' }) memberIndex!: number;
  @ApiProperty({ description: 'keyed hash of the member’s ID number' }) personRef!: string;
  @ApiProperty({ format: 'uuid', description: 'the hardship-registry case the person is supported on' }) hardshipCaseId!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty({ nullable: true, type: String }) townshipCode!: string | null;
  @ApiProperty({ format: 'date', description: 'confirmed as 特困 on' }) registeredOn!: string;
  @ApiProperty({ example: '2026-04', description: 'first month of 特困 support' }) supportFromMonth!: string;
  @ApiProperty({ enum: CONFLICT_STATUSES, description: 'open: waits for an officer; excluding: left out of the covered count at the next decision; dismissed: no double support, with the reason; lifted: support ended, the next decision counts the person again' })
  status!: string;
  @ApiProperty({ description: 'false once hardship-registry ended the person’s support (an open conflict then waits to be closed with a reason)' }) current!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) hardshipEndedOn!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'who decided what, when, and why (exclude: note; dismiss: reason; lift: when support ended)' }) resolution!: object | null;
  @ApiProperty({ format: 'date-time' }) flaggedAt!: string;
  @ApiProperty() version!: number;
}

export function toConflictView(c: HardshipConflict): HardshipConflictView {
  return {
    id: c.id,
    applicationId: c.applicationId,
    memberIndex: c.memberIndex,
    personRef: c.personRef,
    hardshipCaseId: c.hardshipCaseId,
    districtCode: c.districtCode,
    townshipCode: c.townshipCode,
    registeredOn: c.registeredOn,
    supportFromMonth: c.supportFromMonth,
    status: c.status,
    current: c.hardshipEndedOn === null,
    hardshipEndedOn: c.hardshipEndedOn,
    resolution: c.resolution,
    flaggedAt: c.flaggedAt,
    version: c.version,
  };
}
