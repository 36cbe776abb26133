import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsResidentId, NestedArray, NestedObject, VersionedDto } from '@jiuzhu/common/http';
import { DISTRICT_CHOICES, DISTRICT_CODES } from '@jiuzhu/common';
import { PERSON_STAFF_ID } from '@jiuzhu/auth';
import { CARE_RISK_EVENT_KINDS, CareRiskEventKind } from './domain/assessment-input';
import { DEFAULT_ITEM_SCORE_RANGES } from './domain/assessment-parameters';
import { NEED_KINDS, NEED_NOTE_MAX_LENGTH, NeedKind } from './domain/needs';
import { ASSESSMENT_REASONS, AssessmentReason } from './domain/next-due';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * A staff id as a token's subject gives it, without `:` and `|`: the second assessor is a person,
 * and `system:…` names the service's own jobs. Whether that person is an assessor of the district is
 * the identity provider's to know — this service keeps no staff directory — and it is shown when
 * they complete the assessment signed in (the route needs an assessor token of that jurisdiction).
 */
const SECOND_ASSESSOR_SHAPE = 'secondAssessor must be a staff id (1-64 letters, digits or ._@-)';

const SCORES_EXAMPLE = Object.fromEntries(Object.entries(DEFAULT_ITEM_SCORE_RANGES).map(([code, r]) => [code, r.max - (code.startsWith('SELF_CARE') ? 1 : 0)]));

export class CareRiskEventDto {
  @ApiProperty({ enum: CARE_RISK_EVENT_KINDS, description: '照护风险事件: fall 跌倒, choking 噎食, self_harm 自杀/自伤, wandering 走失' })
  @IsIn(CARE_RISK_EVENT_KINDS as unknown as string[], { message: `kind must be one of ${CARE_RISK_EVENT_KINDS.join(', ')}` })
  kind!: CareRiskEventKind;

  @ApiProperty({ example: '2026-02-20' }) @Matches(DATE, { message: 'on must be a date YYYY-MM-DD' }) on!: string;
}

/** Facts beyond the item scores that change the level (GB/T 42195-2022). */
export class ConditionsDto {
  @ApiProperty({ description: '昏迷: assessed directly as complete loss of ability' }) @IsBoolean() coma!: boolean;
  @ApiProperty({ description: '确诊痴呆 (ICD-10 F00–F03)' }) @IsBoolean() dementiaDiagnosed!: boolean;
  @ApiProperty({ description: '精神科专科医生诊断的其他精神和行为障碍 (F04–F99)' }) @IsBoolean() psychiatricDisorderDiagnosed!: boolean;
  @ApiProperty({ type: [CareRiskEventDto], description: 'care-risk events of the last 30 days (older ones are listed but not counted)' })
  @NestedArray(() => CareRiskEventDto) @ArrayMaxSize(100)
  careRiskEvents!: CareRiskEventDto[];
}

export class NeedDto {
  @ApiProperty({ enum: NEED_KINDS, description: 'kind of home-care help (需求评估): 助餐 meals, 助浴 bathing, 助医 medical, 助洁 cleaning, 助急 emergency, 助行 mobility, 助购 shopping, 助乐 recreation, 精神慰藉 companionship, 助学 learning' })
  @IsIn(NEED_KINDS as unknown as string[], { message: `kind must be one of ${NEED_KINDS.join(', ')}` })
  kind!: NeedKind;

  @ApiPropertyOptional({ example: 'lunch delivered on weekdays', description: 'what exactly; kept on the assessment, never published' })
  @IsOptional() @IsString() @MaxLength(NEED_NOTE_MAX_LENGTH)
  note?: string;
}

/** The form fields a draft holds; every one may be changed while it is a draft. */
class AssessmentFormDto {
  @ApiProperty({ enum: DISTRICT_CODES, example: '640205' })
  @IsIn(DISTRICT_CODES as unknown as string[], { message: `districtCode must be one of ${DISTRICT_CHOICES}` })
  districtCode!: string;

  @ApiPropertyOptional({ example: '640205001', description: 'township or street (乡镇/街道) of residence: 9 digits beginning with the district code' })
  @IsOptional() @Matches(/^\d{9}$/, { message: 'townshipCode must be a 9-digit township code (乡镇/街道代码)' })
  townshipCode?: string | null;

  @ApiProperty({ enum: ASSESSMENT_REASONS, description: 'first 首次, routine 常规, immediate 即时 (after a change), dispute 复评 after a disputed result (name it in supersedes)' })
  @IsIn(ASSESSMENT_REASONS as unknown as string[], { message: `reason must be one of ${ASSESSMENT_REASONS.join(', ')}` })
  reason!: AssessmentReason;

  @ApiProperty({ example: '2026-03-02', description: 'day of the assessment visit; not after today' })
  @Matches(DATE, { message: 'assessedOn must be a date YYYY-MM-DD' })
  assessedOn!: string;

  @ApiProperty({
    example: 'as2-640205',
    description:
      'staff id of the second assessor (GB/T 42195-2022: two per assessment). The first is the signed-in assessor who opens the draft; the second, another assessor of the district, completes it signed in themselves.',
  })
  @Matches(PERSON_STAFF_ID, { message: SECOND_ASSESSOR_SHAPE })
  secondAssessor!: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: SCORES_EXAMPLE, description: 'item code → points; all 26 items by completion (a draft may be incomplete); ranges per GET /parameters (elder.item-score-ranges)' })
  @IsObject({ message: 'scores must be an object of item code → points' })
  scores!: Record<string, number>;

  @ApiProperty({ type: ConditionsDto })
  @IsDefined({ message: 'conditions is required (coma, diagnoses, care-risk events)' }) @NestedObject(() => ConditionsDto)
  conditions!: ConditionsDto;

  @ApiPropertyOptional({ type: [NeedDto], description: 'needs assessment: kinds of home-care help needed, each at most once' })
  @IsOptional() @NestedArray(() => NeedDto) @ArrayMaxSize(NEED_KINDS.length, { message: `needs lists at most ${NEED_KINDS.length} kinds` })
  needs?: NeedDto[];

  @ApiPropertyOptional({ description: 'the current assessment this one replaces: a correction, or the disputed one (required for reason dispute)' })
  @IsOptional() @IsUUID('all', { message: 'supersedes must be an assessment id (UUID)' })
  supersedes?: string | null;
}

export class CreateAssessmentDto extends AssessmentFormDto {
  @ApiProperty({ example: '640205195503011233', description: "the elder's 居民身份证号码: hashed to a reference and masked; never stored, logged or published" })
  @IsResidentId()
  idNumber!: string;
}


/** Fields given replace the draft's; fields left out stay as they are. */
export class EditAssessmentDto extends VersionedDto {
  @ApiPropertyOptional({ enum: DISTRICT_CODES }) @IsOptional() @IsIn(DISTRICT_CODES as unknown as string[], { message: `districtCode must be one of ${DISTRICT_CODES.join(', ')}` }) districtCode?: string;
  @ApiPropertyOptional({ description: 'null clears it' }) @IsOptional() @Matches(/^\d{9}$/, { message: 'townshipCode must be a 9-digit township code (乡镇/街道代码)' }) townshipCode?: string | null;
  @ApiPropertyOptional({ enum: ASSESSMENT_REASONS }) @IsOptional() @IsIn(ASSESSMENT_REASONS as unknown as string[], { message: `reason must be one of ${ASSESSMENT_REASONS.join(', ')}` }) reason?: AssessmentReason;
  @ApiPropertyOptional({ example: '2026-03-02' }) @IsOptional() @Matches(DATE, { message: 'assessedOn must be a date YYYY-MM-DD' }) assessedOn?: string;
  @ApiPropertyOptional({ description: 'replaces the second assessor; the first (who opened the draft) stays' })
  @IsOptional() @Matches(PERSON_STAFF_ID, { message: SECOND_ASSESSOR_SHAPE })
  secondAssessor?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer' }, description: 'replaces all scores' }) @IsOptional() @IsObject({ message: 'scores must be an object of item code → points' }) scores?: Record<string, number>;
  @ApiPropertyOptional({ type: ConditionsDto }) @IsOptional() @NestedObject(() => ConditionsDto) conditions?: ConditionsDto;
  @ApiPropertyOptional({ type: [NeedDto], description: 'replaces all needs' })
  @IsOptional() @NestedArray(() => NeedDto) @ArrayMaxSize(NEED_KINDS.length, { message: `needs lists at most ${NEED_KINDS.length} kinds` })
  needs?: NeedDto[];
  @ApiPropertyOptional({ description: 'null clears it' }) @IsOptional() @IsUUID('all', { message: 'supersedes must be an assessment id (UUID)' }) supersedes?: string | null;
}

export class DisputeDto extends VersionedDto {
  @ApiProperty({ description: 'what the elder or the family contest (kept on the assessment, never published)', example: 'the family says she cannot walk indoors unaided' })
  @IsString() @IsNotEmpty({ message: 'reason must say what is contested' }) @MaxLength(2000)
  reason!: string;
}
