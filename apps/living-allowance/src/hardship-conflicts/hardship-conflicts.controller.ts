import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { ApiPageResponse, PagedQuery, pageOfQuery, UuidParam, VersionedDto } from '@jiuzhu/common/http';
import { CASE_READERS, CONFLICT_RESOLVERS } from '../access';
import { CONFLICT_STATUSES, ConflictStatus } from './domain/hardship-conflict';
import { HardshipConflicts } from './hardship-conflicts.use-case';
import { HardshipConflictView, toConflictView } from './hardship-conflict.view';

export class ConflictListQuery extends PagedQuery() {
  @ApiPropertyOptional({ enum: CONFLICT_STATUSES, description: 'open: waiting for an officer' })
  @IsOptional()
  @IsIn(CONFLICT_STATUSES, { message: `must be one of ${CONFLICT_STATUSES.join(', ')}` })
  status?: ConflictStatus;

  @ApiPropertyOptional({ example: '640202' }) @IsOptional() @Matches(/^\d{6}$/, { message: 'must be a 6-digit district code' }) districtCode?: string;
}

export class ExcludeDto extends VersionedDto {
  @ApiPropertyOptional({ description: 'what the officer checked (kept on the conflict, never in events)' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class DismissDto extends VersionedDto {
  @ApiProperty({ description: 'why there is no double support (a different person, support already ended, …)' }) @IsString({ message: 'reason must say why' }) @MaxLength(2000) reason!: string;
}

const RESOLVER = Access({ roles: CONFLICT_RESOLVERS, jurisdiction: 'scoped' });

/**
 * Dibao cases with a member supported as a special-hardship person (特困), flagged from
 * hardship-registry's events, and their resolution by an officer of the case's jurisdiction.
 */
@ApiTags('hardship-conflicts')
@Controller('hardship-conflicts')
export class HardshipConflictsController {
  constructor(@Inject(HardshipConflicts) private readonly conflicts: HardshipConflicts) {}

  @Get()
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Conflicts of your jurisdiction (a dibao case counting a person supported as 特困), oldest first; each case shows its own too (hardshipConflicts)' })
  @ApiPageResponse(HardshipConflictView)
  async list(@Query() q: ConflictListQuery, @CurrentActor() actor: Actor) {
    const page = await this.conflicts.list({ status: q.status, districtCode: q.districtCode }, pageOfQuery(q), actor);
    return { ...page, items: page.items.map(toConflictView) };
  }

  @Post(':id/exclude')
  @HttpCode(200)
  @RESOLVER
  @ApiOperation({
    summary:
      'Leave the member out of the case’s covered count at its next decision (submission or review), which explains it; 409 HARDSHIP_CONFLICT.NO_LONGER_CURRENT once support ended, HARDSHIP_CONFLICT.WOULD_COVER_NOBODY for the last member covered, HARDSHIP_CONFLICT.ALREADY_RESOLVED',
  })
  @ApiOkResponse({ type: HardshipConflictView })
  async exclude(@UuidParam() id: string, @Body() dto: ExcludeDto, @CurrentActor() actor: Actor) {
    return toConflictView(await this.conflicts.exclude(id, dto.expectedVersion, dto.note, actor));
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @RESOLVER
  @ApiOperation({ summary: 'Dismiss with the reason there is no double support (400 naming reason without one); also how a conflict no longer current is closed' })
  @ApiOkResponse({ type: HardshipConflictView })
  async dismiss(@UuidParam() id: string, @Body() dto: DismissDto, @CurrentActor() actor: Actor) {
    return toConflictView(await this.conflicts.dismiss(id, dto.expectedVersion, dto.reason, actor));
  }
}
