import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsBoolean, IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AREAS, DISTRICT_CHOICES, DISTRICT_CODES } from '@jiuzhu/common';
import { ContactDto, IsResidentId, NestedArray, NestedObject, PagedQuery, VersionedDto } from '@jiuzhu/common/http';
import { DISABILITY_KINDS, INCOME_KINDS, SUPPORTER_RELATIONS } from '../persons/domain/vocabulary';
import { CASE_STATUSES, REFUSAL_REASONS } from './domain/case-status';
import { TERMINATION_GROUNDS } from './domain/termination';

const MAX_FEN = 1_000_000_00; // 1,000,000 yuan: anything above is a typing error, not a person's means.
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FEN = (what: string) => [IsInt({ message: `${what} must be a whole number of fen` }), Min(0, { message: `${what} must not be negative` }), Max(MAX_FEN, { message: `${what} must be at most ${MAX_FEN}` })];
function Fen(what: string): PropertyDecorator {
  return (target, key) => FEN(what).forEach((d) => d(target, key));
}

export class DisabilityDto {
  @ApiProperty({ enum: DISABILITY_KINDS, description: '残疾类别 (GB/T 26341-2010); a multiple disability is given as its components' }) @IsIn(DISABILITY_KINDS as unknown as string[]) kind!: (typeof DISABILITY_KINDS)[number];
  @ApiProperty({ enum: [1, 2, 3, 4], description: '残疾等级 (1 most severe)' }) @IsInt() @IsIn([1, 2, 3, 4]) grade!: 1 | 2 | 3 | 4;
}

export class IncomeDto {
  @ApiProperty({ enum: INCOME_KINDS, description: 'the kinds hardship.income.excluded-kinds names are not counted' }) @IsIn(INCOME_KINDS as unknown as string[]) kind!: (typeof INCOME_KINDS)[number];
  @ApiProperty({ description: 'monthly average over the last 12 months, in fen', example: 20000 }) @Fen('monthlyFen') monthlyFen!: number;
}

export class VehicleDto {
  @ApiProperty({ description: 'needed for living or work (a disabled person’s mobility vehicle): not counted' }) @IsBoolean() exempt!: boolean;
}

export class PropertyDto {
  @ApiProperty({ description: 'cash, deposits, securities, insurance with a cash value, in fen', example: 500000 }) @Fen('moneyFen') moneyFen!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(0) @Max(100) homes!: number;
  @ApiPropertyOptional({ type: [VehicleDto] }) @IsOptional() @ArrayMaxSize(20) @NestedArray(() => VehicleDto) vehicles?: VehicleDto[];
}

export class SupporterDto {
  @ApiProperty({ enum: SUPPORTER_RELATIONS, description: '法定赡养、抚养、扶养义务人 by relation' }) @IsIn(SUPPORTER_RELATIONS as unknown as string[]) relation!: (typeof SUPPORTER_RELATIONS)[number];
  @ApiProperty({ example: '640202198603020019', description: "the supporter's 居民身份证号码: only the birth date is read from it; never stored, logged or returned" }) @IsResidentId() idNumber!: string;
  @ApiProperty({ description: "the supporter's own monthly income, in fen" }) @Fen('monthlyIncomeFen') monthlyIncomeFen!: number;
  @ApiPropertyOptional({ description: 'is a special-hardship person (特困人员)' }) @IsOptional() @IsBoolean() specialHardship?: boolean;
  @ApiPropertyOptional({ description: 'receives dibao (最低生活保障对象)' }) @IsOptional() @IsBoolean() dibaoRecipient?: boolean;
  @ApiPropertyOptional({ type: [DisabilityDto] }) @IsOptional() @ArrayMaxSize(6) @NestedArray(() => DisabilityDto) disabilities?: DisabilityDto[];
  @ApiPropertyOptional({ description: '无民事行为能力 (declared by a court)' }) @IsOptional() @IsBoolean() legallyIncapacitated?: boolean;
  @ApiPropertyOptional({ description: '被宣告失踪' }) @IsOptional() @IsBoolean() declaredMissing?: boolean;
  @ApiPropertyOptional({ description: '在监狱服刑' }) @IsOptional() @IsBoolean() inPrison?: boolean;
}

/** What is declared (or established by the investigation) about the person: the facts of the three conditions. */
export class PersonFactsDto {
  @ApiPropertyOptional({ type: [DisabilityDto], description: 'as certified on the disability card (残疾人证)' }) @IsOptional() @ArrayMaxSize(6) @NestedArray(() => DisabilityDto) disabilities?: DisabilityDto[];
  @ApiPropertyOptional({ type: [String], description: 'codes of the province-set cases of no ability to work (parameter hardship.no-work-ability)' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(/^[A-Z][A-Z0-9_.]{1,63}$/, { each: true, message: 'each province case must be a code such as NX.SERIOUS_ILLNESS' })
  provinceCases?: string[];
  @ApiPropertyOptional({ type: [IncomeDto], description: "the person's own income by kind" }) @IsOptional() @ArrayMaxSize(50) @NestedArray(() => IncomeDto) incomes?: IncomeDto[];
  @ApiProperty({ type: PropertyDto }) @IsDefined({ message: 'property is required' }) @NestedObject(() => PropertyDto) property!: PropertyDto;
  @ApiPropertyOptional({ type: [SupporterDto], description: 'every legal supporter; none when the person has none' }) @IsOptional() @ArrayMaxSize(30) @NestedArray(() => SupporterDto) supporters?: SupporterDto[];
}

export const APPLY_EXAMPLE = {
  idNumber: '640202195003150019',
  districtCode: '640202',
  townshipCode: '640202001',
  area: 'urban',
  facts: { incomes: [{ kind: 'basic_pension', monthlyFen: 20000 }], property: { moneyFen: 300000, homes: 1 }, supporters: [] },
  contact: { name: '王某某', address: '石嘴山市大武口区长胜街道某某小区3号楼2单元501', phone: '13995212345' },
};

export class ApplyDto {
  @ApiProperty({ example: APPLY_EXAMPLE.idNumber, description: "the person's 居民身份证号码: the birth date is read from it; kept only as its keyed reference and a masked copy, never logged or sent in events" })
  @IsResidentId()
  idNumber!: string;
  @ApiProperty({ enum: DISTRICT_CODES, description: DISTRICT_CHOICES }) @IsIn(DISTRICT_CODES as unknown as string[], { message: `districtCode must be one of ${DISTRICT_CHOICES}` }) districtCode!: string;
  @ApiProperty({ example: '640202001', description: 'the township (乡镇/街道) of household registration, where the written application was accepted' })
  @Matches(/^\d{9}$/, { message: 'townshipCode must be a 9-digit township code' })
  townshipCode!: string;
  @ApiProperty({ enum: AREAS, description: 'the dibao standard of this area applies' }) @IsIn(AREAS as unknown as string[]) area!: 'urban' | 'rural';
  @ApiPropertyOptional({ format: 'date', description: 'the day the written application was accepted (default today)' }) @IsOptional() @Matches(DATE, { message: 'appliedOn must be a date YYYY-MM-DD' }) appliedOn?: string;
  @ApiProperty({ type: PersonFactsDto }) @IsDefined({ message: 'facts is required' }) @NestedObject(() => PersonFactsDto) facts!: PersonFactsDto;
  @ApiPropertyOptional({ type: ContactDto, description: "the person's name, address and phone (shown in the case only, never in events or logs)" }) @IsOptional() @NestedObject(() => ContactDto) contact?: ContactDto;
}

export class InvestigationDto extends VersionedDto {
  @ApiProperty({ enum: ['grant', 'refuse'], description: 'the township’s opinion: to grant is posted for 7 days (never for a minor); to refuse goes to the county unposted' }) @IsIn(['grant', 'refuse']) opinion!: 'grant' | 'refuse';
  @ApiPropertyOptional({ enum: Object.keys(REFUSAL_REASONS), description: 'required for an opinion to refuse' }) @IsOptional() @IsIn(Object.keys(REFUSAL_REASONS)) reasonCode?: keyof typeof REFUSAL_REASONS;
  @ApiPropertyOptional({ description: 'required with reasonCode OTHER (kept on the case, never published)' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({ type: PersonFactsDto, description: 'the facts as the investigation established them (入户调查, 信息核对); without them, those declared on applying stand' })
  @IsOptional()
  @NestedObject(() => PersonFactsDto)
  facts?: PersonFactsDto;
}

/** The six activities of daily living (生活自理能力): true when the person does it on their own. */
export class ActivitiesDto {
  @ApiProperty({ description: '自主吃饭' }) @IsBoolean() eating!: boolean;
  @ApiProperty({ description: '自主穿衣' }) @IsBoolean() dressing!: boolean;
  @ApiProperty({ description: '自主上下床' }) @IsBoolean() getting_in_out_of_bed!: boolean;
  @ApiProperty({ description: '自主如厕' }) @IsBoolean() toileting!: boolean;
  @ApiProperty({ description: '室内行走' }) @IsBoolean() walking_indoors!: boolean;
  @ApiProperty({ description: '自主洗澡' }) @IsBoolean() bathing!: boolean;
}

export class ConfirmDto extends VersionedDto {
  @ApiPropertyOptional({ type: ActivitiesDto, description: 'the six activities assessed now, for a person under 60 (from 60 the tier is the elder assessment’s, received from elder-assessment)' })
  @IsOptional()
  @NestedObject(() => ActivitiesDto)
  activities?: ActivitiesDto;
}

export class RefuseDto extends VersionedDto {
  @ApiProperty({ enum: Object.keys(REFUSAL_REASONS), description: 'the reason the written notice explains (不予认定)' }) @IsIn(Object.keys(REFUSAL_REASONS)) reasonCode!: keyof typeof REFUSAL_REASONS;
  @ApiPropertyOptional({ description: 'required with reasonCode OTHER' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ReasonDto extends VersionedDto {
  @ApiProperty({ description: 'why' }) @IsString() @IsNotEmpty({ message: 'reason is required' }) @MaxLength(2000) reason!: string;
}

export class DeliveryDto extends VersionedDto {
  @ApiProperty({ format: 'date', description: 'the day the written refusal reached the applicant (送达)' }) @Matches(DATE, { message: 'deliveredOn must be a date YYYY-MM-DD' }) deliveredOn!: string;
}

export class WithdrawDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/** Grounds an officer proposes; `came_of_age` is proposed by the 18th-birthday review itself. */
export const PROPOSED_GROUNDS = TERMINATION_GROUNDS.filter((g) => g !== 'came_of_age');

export class ProposeTerminationDto extends VersionedDto {
  @ApiProperty({ enum: PROPOSED_GROUNDS, description: '终止 ground (民发〔2021〕43号); came_of_age comes from the 18th-birthday review' }) @IsIn(PROPOSED_GROUNDS) ground!: (typeof PROPOSED_GROUNDS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class SelfCareDto extends VersionedDto {
  @ApiProperty({ type: ActivitiesDto }) @IsDefined({ message: 'activities is required' }) @NestedObject(() => ActivitiesDto) activities!: ActivitiesDto;
}

export class SchoolingDto extends VersionedDto {
  @ApiProperty({ description: 'in school (在校就读) as the certificate says' }) @IsBoolean() enrolled!: boolean;
  @ApiProperty({ format: 'date', description: 'the day of the certificate (入学/在读证明)' }) @Matches(DATE, { message: 'recordedOn must be a date YYYY-MM-DD' }) recordedOn!: string;
}

export class ReassignDto {
  @ApiProperty({ example: 'officer-17' }) @IsString() to!: string;
}

export class CaseListQuery extends PagedQuery() {
  @ApiPropertyOptional({ enum: CASE_STATUSES }) @IsOptional() @IsIn(CASE_STATUSES as unknown as string[]) status?: (typeof CASE_STATUSES)[number];
  @ApiPropertyOptional({ enum: DISTRICT_CODES }) @IsOptional() @IsIn(DISTRICT_CODES as unknown as string[]) districtCode?: string;
  @ApiPropertyOptional({ example: '640202001' }) @IsOptional() @Matches(/^\d{9}$/, { message: 'townshipCode must be a 9-digit township code' }) townshipCode?: string;
}

export class QueueQuery extends PagedQuery() {
  @ApiPropertyOptional({ enum: DISTRICT_CODES }) @IsOptional() @IsIn(DISTRICT_CODES as unknown as string[]) districtCode?: string;
  @ApiPropertyOptional({ example: '640202001' }) @IsOptional() @Matches(/^\d{9}$/, { message: 'townshipCode must be a 9-digit township code' }) townshipCode?: string;
}

export class ClaimQuery {
  @ApiPropertyOptional({ enum: DISTRICT_CODES }) @IsOptional() @IsIn(DISTRICT_CODES as unknown as string[]) districtCode?: string;
  @ApiPropertyOptional({ example: '640202001' }) @IsOptional() @Matches(/^\d{9}$/, { message: 'townshipCode must be a 9-digit township code' }) townshipCode?: string;
}
