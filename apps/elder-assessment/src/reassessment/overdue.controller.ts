import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { Access, Actor, CurrentActor, jurisdictionFilter } from '@jiuzhu/auth';
import { FieldProblem, InvalidInput, orThrow } from '@jiuzhu/common';
import { ApiPageResponse, PagedQuery, pageOfQuery } from '@jiuzhu/common/http';
import { OVERSEERS } from '../access';
import { areaFilter } from '../query-filters';
import { areaWithin } from '../within-jurisdiction';
import { OverdueItem, OverdueQueue } from './overdue-queue.use-case';

export class OverdueQuery extends PagedQuery() {
  @ApiPropertyOptional({ example: '640202' }) @IsOptional() @IsString() districtCode?: string;
  @ApiPropertyOptional({ example: '640202001' }) @IsOptional() @IsString() townshipCode?: string;
}

@ApiTags('queues')
@Controller('queues')
export class OverdueController {
  constructor(private readonly overdue: OverdueQueue) {}

  @Get('overdue')
  @Access({ roles: OVERSEERS, jurisdiction: 'scoped' })
  @ApiOperation({
    summary:
      "Elders whose current assessment's next routine date has passed (validUntil before today), most overdue first, within your jurisdiction (a district or township asked for must lie within it: 403 otherwise): { items, total, limit, offset }",
  })
  @ApiPageResponse(OverdueItem)
  async queue(@Query() q: OverdueQuery, @CurrentActor() actor: Actor) {
    const problems: FieldProblem[] = [];
    const asked = areaFilter(q.districtCode, q.townshipCode, problems);
    if (problems.length) throw new InvalidInput(problems);
    return this.overdue.list(orThrow(areaWithin(actor, asked)), jurisdictionFilter(actor.jurisdiction), pageOfQuery(q));
  }
}
