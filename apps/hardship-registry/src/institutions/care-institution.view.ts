import { ApiProperty } from '@nestjs/swagger';
import type { LocalizedText } from '@jiuzhu/common';
import { LocalizedTextDoc } from '@jiuzhu/common/http';
import { CARE_SETTING_NAMES } from '../persons/domain/vocabulary';
import type { InstitutionRow } from './care-institution.repository';
import type { CareSettingPeriod } from './care-setting-history.repository';
import { BED_KIND_NAMES, BED_KINDS, INSTITUTION_KIND_NAMES, INSTITUTION_KINDS } from './domain/care-institutions';

export class BedView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'A-101' }) code!: string;
  @ApiProperty({ enum: BED_KINDS }) kind!: string;
  @ApiProperty({ type: LocalizedTextDoc }) kindName!: LocalizedText;
  @ApiProperty({ format: 'date' }) addedOn!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'taken out of service from this day' }) retiredOn!: string | null;
  @ApiProperty({ description: 'someone lies in it now (never who)' }) occupied!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) occupiedSince!: string | null;
}

export class InstitutionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: INSTITUTION_KINDS }) kind!: string;
  @ApiProperty({ type: LocalizedTextDoc }) kindName!: LocalizedText;
  @ApiProperty({ example: '640202' }) districtCode!: string;
  @ApiProperty({ nullable: true, type: String, example: '640202001', description: 'absent for a facility of the district' }) townshipCode!: string | null;
  @ApiProperty({ description: 'beds in service' }) bedsInService!: number;
  @ApiProperty({ description: 'nursing-type beds in service' }) nursingBeds!: number;
  @ApiProperty() occupiedBeds!: number;
  @ApiProperty() freeBeds!: number;
  @ApiProperty({ type: [BedView], description: 'in service first, by code' }) beds!: BedView[];
  @ApiProperty() version!: number;
  @ApiProperty() registeredBy!: string;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty() updatedBy!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function toInstitutionView(r: InstitutionRow): InstitutionView {
  const inService = r.beds.filter((b) => b.retiredOn === null);
  const occupied = inService.filter((b) => b.occupied).length;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    kindName: INSTITUTION_KIND_NAMES[r.kind],
    districtCode: r.districtCode,
    townshipCode: r.townshipCode,
    bedsInService: inService.length,
    nursingBeds: inService.filter((b) => b.kind === 'nursing').length,
    occupiedBeds: occupied,
    freeBeds: inService.length - occupied,
    beds: r.beds.map((b) => ({ ...b, kindName: BED_KIND_NAMES[b.kind] })),
    version: r.version,
    registeredBy: r.registeredBy,
    registeredAt: r.registeredAt,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt,
  };
}

class PeriodInstitutionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty({ nullable: true, type: String }) townshipCode!: string | null;
}

class PeriodBedView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ enum: BED_KINDS }) kind!: string;
}

export class CareSettingPeriodView {
  @ApiProperty({ enum: ['home', 'institution'] }) careSetting!: string;
  @ApiProperty({ type: LocalizedTextDoc }) careSettingName!: LocalizedText;
  @ApiProperty({ nullable: true, type: PeriodInstitutionView }) institution!: PeriodInstitutionView | null;
  @ApiProperty({ nullable: true, type: PeriodBedView }) bed!: PeriodBedView | null;
  @ApiProperty({ format: 'date' }) fromOn!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'absent for the current period' }) untilOn!: string | null;
  @ApiProperty({ enum: ['registered', 'placed', 'transferred', 'returned_home'] }) reason!: string;
  @ApiProperty() setBy!: string;
  @ApiProperty({ format: 'date-time' }) setAt!: string;
  @ApiProperty({ nullable: true, enum: ['placed', 'transferred', 'returned_home', 'terminated'], type: String }) endReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) endedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) endedAt!: string | null;
}

export class CareSettingHistoryView {
  @ApiProperty({ type: [CareSettingPeriodView], description: 'oldest first; the last, without untilOn, is where the person is cared for now' }) items!: CareSettingPeriodView[];
}

export function toPeriodView(p: CareSettingPeriod): CareSettingPeriodView {
  return { ...p, careSettingName: CARE_SETTING_NAMES[p.careSetting] };
}
