import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { FieldProblem, InvalidInput } from '@jiuzhu/common';
import { ApiPageResponse, PagedQuery, pageOfQuery } from '@jiuzhu/common/http';
import { areaFilter } from '../query-filters';
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
  @ApiOperation({ summary: "Elders whose current assessment's next routine date has passed (validUntil before today), most overdue first: { items, total, limit, offset }" })
  @ApiPageResponse(OverdueItem)
  async queue(@Query() q: OverdueQuery) {
    const problems: FieldProblem[] = [];
    const area = areaFilter(q.districtCode, q.townshipCode, problems);
    if (problems.length) throw new InvalidInput(problems);
    return this.overdue.list(area, pageOfQuery(q));
  }
}
