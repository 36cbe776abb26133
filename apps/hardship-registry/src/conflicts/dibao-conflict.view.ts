import { ApiProperty } from '@nestjs/swagger';
import { LocalizedText } from '@jiuzhu/common';
import { LocalizedTextDoc } from '@jiuzhu/common/http';
import { CONFLICT_EXPLANATION, DibaoConflict } from './domain/dibao-conflict';

class AcknowledgementView {
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() note!: string;
}

/** A person of a case here who is counted in a dibao household (references only, no names). */
export class DibaoConflictView {
  @ApiProperty({ format: 'uuid', description: 'the case here' }) caseId!: string;
  @ApiProperty() personRef!: string;
  @ApiProperty({ description: 'the case’s status here' }) caseStatus!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty() townshipCode!: string;
  @ApiProperty({ format: 'uuid', description: 'living-allowance’s case' }) dibaoCaseId!: string;
  @ApiProperty({ enum: ['household', 'single_person'] }) coverage!: string;
  @ApiProperty({ format: 'date' }) approvedOn!: string;
  @ApiProperty({ example: '2026-04' }) effectiveMonth!: string;
  @ApiProperty({ description: 'false once the dibao case ended (still shown until acknowledged)' }) dibaoActive!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dibaoEndedOn!: string | null;
  @ApiProperty({ type: LocalizedTextDoc }) explanation!: LocalizedText;
  @ApiProperty({ nullable: true, type: AcknowledgementView, description: 'who acknowledged it, when, with what note; null while it waits' }) acknowledged!: AcknowledgementView | null;
}

export function toDibaoConflictView(c: DibaoConflict): DibaoConflictView {
  return {
    caseId: c.caseId,
    personRef: c.personRef,
    caseStatus: c.caseStatus,
    districtCode: c.districtCode,
    townshipCode: c.townshipCode,
    dibaoCaseId: c.dibaoCaseId,
    coverage: c.coverage,
    approvedOn: c.approvedOn,
    effectiveMonth: c.effectiveMonth,
    dibaoActive: c.dibaoEndedOn === null,
    dibaoEndedOn: c.dibaoEndedOn,
    explanation: CONFLICT_EXPLANATION,
    acknowledged: c.acknowledged,
  };
}
