import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsResidentId, NestedArray, NestedObject } from '@jiuzhu/common/http';
import { DEDUCTION_KINDS, INCOME_KINDS, RELATIONS } from './domain/household';
import { DISTRICT_CHOICES } from '@jiuzhu/common';
import { AREAS, DISTRICTS } from '../parameters/domain/parameter';

const MAX_FEN = 10_000_000_00; // 1,000,000 yuan a month: anything above is a typing error, not a household.

export class DisabilityDto {
  @ApiProperty({ enum: [1, 2, 3, 4], description: '残疾等级 disability grade (1 most severe)' })
  @IsInt() @IsIn([1, 2, 3, 4]) grade!: 1 | 2 | 3 | 4;

  @ApiProperty({ enum: ['physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple'] })
  @IsIn(['physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple']) kind!: 'physical' | 'visual' | 'hearing' | 'speech' | 'intellectual' | 'mental' | 'multiple';
}

export class HouseholdMemberDto {
  @ApiProperty({ example: '640202198001011238', description: '居民身份证号码 (never logged, never in events)' })
  @IsResidentId() idNumber!: string;

  @ApiProperty({ enum: RELATIONS, description: 'relation to the applicant; exactly one member is the applicant' })
  @IsIn(RELATIONS as unknown as string[]) relation!: (typeof RELATIONS)[number];

  @ApiPropertyOptional({ type: DisabilityDto })
  @IsOptional() @NestedObject(() => DisabilityDto) disability?: DisabilityDto;

  @ApiPropertyOptional({ description: '重病 recognised serious illness' })
  @IsOptional() @IsBoolean() seriousIllness?: boolean;

  @ApiPropertyOptional({ description: 'full-time student' })
  @IsOptional() @IsBoolean() student?: boolean;

  @ApiPropertyOptional({ description: 'able to work (drives the review interval)' })
  @IsOptional() @IsBoolean() ableToWork?: boolean;
}

export class IncomeDto {
  @ApiProperty({ description: 'index into members' }) @IsInt() @Min(0) memberIndex!: number;
  @ApiProperty({ enum: INCOME_KINDS }) @IsIn(INCOME_KINDS as unknown as string[]) kind!: (typeof INCOME_KINDS)[number];
  @ApiProperty({ description: 'monthly average over the last 12 months, in fen', example: 150000 })
  @IsInt({ message: 'monthlyFen must be a whole number of fen' }) @Min(0, { message: 'monthlyFen must not be negative' }) @Max(MAX_FEN) monthlyFen!: number;
}

export class DeductionDto {
  @ApiProperty({ enum: DEDUCTION_KINDS }) @IsIn(DEDUCTION_KINDS as unknown as string[]) kind!: (typeof DEDUCTION_KINDS)[number];
  @ApiPropertyOptional({ description: 'member the spending is for (required for employment)' }) @IsOptional() @IsInt() @Min(0) memberIndex?: number;
  @ApiProperty({ description: 'monthly amount in fen', example: 20000 })
  @IsInt({ message: 'monthlyFen must be a whole number of fen' }) @Min(0, { message: 'monthlyFen must not be negative' }) @Max(MAX_FEN) monthlyFen!: number;
}

export class VehicleDto {
  @ApiProperty({ description: 'needed for living or work (e.g. a disabled person\'s mobility vehicle)' }) @IsBoolean() exempt!: boolean;
}

export class AssetsDto {
  @ApiProperty({ description: 'cash, deposits, securities in fen', example: 500000 })
  @IsInt({ message: 'moneyFen must be a whole number of fen' }) @Min(0, { message: 'moneyFen must not be negative' }) moneyFen!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(0) @Max(100) homes!: number;
  @ApiProperty({ description: 'total usable housing area, m²', example: 60 }) @IsNumber() @Min(0) @Max(100000) housingAreaSqm!: number;
  @ApiProperty({ type: [VehicleDto] }) @NestedArray(() => VehicleDto) @ArrayMaxSize(50) vehicles!: VehicleDto[];
}

/** The household document a caseworker files (共同生活的家庭成员, incomes, deductions, property). */
export class HouseholdDto {
  @ApiProperty({ enum: Object.keys(DISTRICTS), example: '640202' })
  @IsString() @IsIn(Object.keys(DISTRICTS), { message: `districtCode must be one of ${DISTRICT_CHOICES}` }) districtCode!: string;

  @ApiPropertyOptional({ description: 'township or street (乡镇/街道) of residence, 9-digit code beginning with the district code; decides whose township queue the case is in', example: '640202001' })
  @IsOptional() @Matches(/^\d{9}$/, { message: 'townshipCode must be a 9-digit township code (乡镇/街道代码)' }) townshipCode?: string;

  @ApiProperty({ enum: AREAS, example: 'urban' }) @IsIn(AREAS as unknown as string[]) area!: 'urban' | 'rural';

  @ApiProperty({ type: [HouseholdMemberDto] })
  @NestedArray(() => HouseholdMemberDto) @ArrayMinSize(1, { message: 'members must list at least one person: a household cannot be empty' }) @ArrayMaxSize(30)
  members!: HouseholdMemberDto[];

  @ApiProperty({ type: [IncomeDto] }) @NestedArray(() => IncomeDto) @ArrayMaxSize(200) incomes!: IncomeDto[];
  @ApiProperty({ type: [DeductionDto] }) @NestedArray(() => DeductionDto) @ArrayMaxSize(200) deductions!: DeductionDto[];
  @ApiProperty({ type: AssetsDto }) @IsDefined({ message: 'assets is required (money, homes, housing area, vehicles)' }) @NestedObject(() => AssetsDto) assets!: AssetsDto;
}

export class TrialAssessmentDto {
  @ApiProperty({ type: HouseholdDto }) @IsDefined({ message: 'household is required' }) @NestedObject(() => HouseholdDto) household!: HouseholdDto;
  @ApiPropertyOptional({ description: 'assessment date (Asia/Shanghai), default today', example: '2026-03-01' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'assessedOn must be a date YYYY-MM-DD' }) assessedOn?: string;
}

export const HOUSEHOLD_EXAMPLE = {
  districtCode: '640202',
  townshipCode: '640202001',
  area: 'urban',
  members: [
    { idNumber: '640202198001011238', relation: 'applicant', ableToWork: true },
    { idNumber: '640202198203052345', relation: 'spouse', disability: { grade: 2, kind: 'physical' } },
    { idNumber: '640202201509093355', relation: 'child', student: true },
  ],
  incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 150000 }],
  deductions: [{ kind: 'medical', memberIndex: 1, monthlyFen: 20000 }],
  assets: { moneyFen: 500000, homes: 1, housingAreaSqm: 60, vehicles: [] },
};
