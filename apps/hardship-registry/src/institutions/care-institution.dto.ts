import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsDefined, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { DISTRICT_CODES } from '@jiuzhu/common';
import { NestedArray, NestedObject, PagedQuery, VersionedDto } from '@jiuzhu/common/http';
import { CARE_SETTINGS } from '../persons/domain/vocabulary';
import type { BedKind } from '../reports/domain/reports';
import { BED_CODE, BED_KINDS, INSTITUTION_KINDS, InstitutionKind, MAX_BEDS_PER_REQUEST } from './domain/care-institutions';

export class NewBedDto {
  @ApiProperty({ example: 'A-101', description: 'the bed’s number in the institution: 1–20 letters, digits or hyphens' })
  @IsString()
  @Matches(BED_CODE, { message: 'code must be 1 to 20 letters, digits or hyphens' })
  code!: string;
  @ApiProperty({ enum: BED_KINDS, description: 'nursing: 护理型床位 (counted in the plan’s nursing-bed ratio); ordinary: 普通床位' })
  @IsIn(BED_KINDS as unknown as string[])
  kind!: BedKind;
}

export class RegisterInstitutionDto {
  @ApiProperty({ example: '大武口区特困人员供养服务中心', maxLength: 100 }) @IsString() @MaxLength(100) name!: string;
  @ApiProperty({ enum: INSTITUTION_KINDS, description: 'support_facility: 特困人员供养服务机构 (the county’s); elderly_home: 敬老院 (usually a township’s)' })
  @IsIn(INSTITUTION_KINDS as unknown as string[])
  kind!: InstitutionKind;
  @ApiProperty({ enum: DISTRICT_CODES }) @IsIn(DISTRICT_CODES as unknown as string[]) districtCode!: string;
  @ApiPropertyOptional({ example: '640202001', description: 'the township it belongs to; absent for a facility of the district, which serves all its townships' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'townshipCode must be a 9-digit township code' })
  townshipCode?: string;
  @ApiProperty({ type: [NewBedDto], description: `its beds (at most ${MAX_BEDS_PER_REQUEST} at once; none is allowed)` })
  @IsDefined({ message: 'beds is required (an empty list when none is ready yet)' })
  @ArrayMaxSize(MAX_BEDS_PER_REQUEST)
  @NestedArray(() => NewBedDto)
  beds!: NewBedDto[];
}

export class AddBedsDto extends VersionedDto {
  @ApiProperty({ type: [NewBedDto] })
  @IsDefined({ message: 'beds is required' })
  @ArrayMinSize(1, { message: 'beds must list at least one bed' })
  @ArrayMaxSize(MAX_BEDS_PER_REQUEST)
  @NestedArray(() => NewBedDto)
  beds!: NewBedDto[];
}

export class InstitutionListQuery extends PagedQuery() {
  @ApiPropertyOptional({ enum: DISTRICT_CODES }) @IsOptional() @IsIn(DISTRICT_CODES as unknown as string[]) districtCode?: string;
}

export class PlacementDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'institutionId must be a UUID' }) institutionId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'bedId must be a UUID' }) bedId!: string;
}

export class CareSettingDto extends VersionedDto {
  @ApiProperty({ enum: CARE_SETTINGS, description: 'institution: 集中供养 in the bed named; home: 分散供养' })
  @IsIn(CARE_SETTINGS as unknown as string[])
  careSetting!: (typeof CARE_SETTINGS)[number];
  @ApiPropertyOptional({ type: PlacementDto, description: 'the institution and bed, for institutional care only' })
  @ValidateIf((o: CareSettingDto) => o.placement !== undefined && o.placement !== null)
  @NestedObject(() => PlacementDto)
  placement?: PlacementDto | null;
}
