import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { NestedArray, PagedQuery } from '@jiuzhu/common/http';
import { DANGER_KINDS, VISIT_FINDING_KINDS } from './domain/visits';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class VisitFindingDto {
  @ApiProperty({ enum: VISIT_FINDING_KINDS, description: 'no_concern (alone), needs_help (say what help in note), danger (say which in danger: a lead for temporary assistance)' })
  @IsIn(VISIT_FINDING_KINDS as unknown as string[])
  kind!: (typeof VISIT_FINDING_KINDS)[number];

  @ApiPropertyOptional({ enum: DANGER_KINDS, description: 'required for a danger' })
  @ValidateIf((f: VisitFindingDto) => f.kind === 'danger' || f.danger !== undefined)
  @IsIn(DANGER_KINDS as unknown as string[], { message: `danger must be one of ${DANGER_KINDS.join(', ')} when kind is danger` })
  danger?: (typeof DANGER_KINDS)[number];

  @ApiPropertyOptional({ maxLength: 200, description: 'what was found, in a few words — no names (the note stays with the visit, never in an event)', example: '屋顶漏雨，需维修' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class RecordVisitDto {
  @ApiProperty({ format: 'date', example: '2026-04-20', description: 'the day of the visit: a real date, not after today, not before the start of support at home or the previous visit' })
  @Matches(DATE, { message: 'visitedOn must be a date (YYYY-MM-DD)' })
  visitedOn!: string;

  @ApiProperty({ type: [VisitFindingDto], description: 'at least one finding' })
  @ArrayMaxSize(10)
  @NestedArray(() => VisitFindingDto)
  findings!: VisitFindingDto[];
}

export const RECORD_VISIT_EXAMPLE = { visitedOn: '2026-04-20', findings: [{ kind: 'needs_help', note: '屋顶漏雨，需维修' }] };

export class VisitListQuery extends PagedQuery({ defaultLimit: 20, maxLimit: 200 }) {}
