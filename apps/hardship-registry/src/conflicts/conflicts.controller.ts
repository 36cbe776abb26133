import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { ApiPageResponse, PagedQuery, pageOfQuery, UuidParam } from '@jiuzhu/common/http';
import { CASE_READERS, CONFLICT_ACKNOWLEDGERS } from '../access';
import { DibaoConflicts } from './dibao-conflicts.use-case';
import { DibaoConflictView, toDibaoConflictView } from './dibao-conflict.view';

export class ConflictListQuery extends PagedQuery() {
  @ApiPropertyOptional({ enum: ['open', 'acknowledged', 'all'], default: 'open', description: 'open: waiting to be acknowledged' })
  @IsOptional()
  @IsIn(['open', 'acknowledged', 'all'], { message: 'must be one of open, acknowledged, all' })
  state: 'open' | 'acknowledged' | 'all' = 'open';
}

export class AcknowledgeDto {
  @ApiProperty({ format: 'uuid', description: 'the dibao case of the conflict (dibaoCaseId)' }) @IsUUID('all', { message: 'dibaoCaseId must be a UUID' }) dibaoCaseId!: string;
  @ApiProperty({ description: 'what was checked or done (e.g. living-allowance excluded the person from the covered count)' }) @IsString({ message: 'note must say what was checked or done' }) @MaxLength(2000) note!: string;
}

/**
 * Persons supported or applying here who are counted in an active dibao household (from
 * living-allowance's events), and their acknowledgement by an officer of the case's jurisdiction.
 */
@ApiTags('conflicts')
@Controller('conflicts')
export class ConflictsController {
  constructor(@Inject(DibaoConflicts) private readonly conflicts: DibaoConflicts) {}

  @Get()
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Persons of your jurisdiction supported or applying here and counted in a dibao household (one ended while the case was open stays until acknowledged); each case shows its own (dibaoConflicts)' })
  @ApiPageResponse(DibaoConflictView)
  async list(@Query() q: ConflictListQuery, @CurrentActor() actor: Actor) {
    const page = await this.conflicts.list({ acknowledged: q.state === 'all' ? undefined : q.state === 'acknowledged' }, pageOfQuery(q), actor);
    return { ...page, items: page.items.map(toDibaoConflictView) };
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Access({ roles: CONFLICT_ACKNOWLEDGERS, jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Acknowledge the conflict of case {id} with a dibao case, with a note (400 naming note without one; 404 when there is no such conflict in your jurisdiction; 409 DIBAO_CONFLICT.ALREADY_ACKNOWLEDGED)' })
  @ApiOkResponse({ type: DibaoConflictView })
  async acknowledge(@UuidParam() id: string, @Body() dto: AcknowledgeDto, @CurrentActor() actor: Actor) {
    return toDibaoConflictView(await this.conflicts.acknowledge(id, dto.dibaoCaseId, dto.note, actor));
  }
}
