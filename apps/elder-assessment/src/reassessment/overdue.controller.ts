import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FieldProblem, InvalidInput } from '@jiuzhu/common';
import { ApiPageQuery, ApiPageResponse, readPage } from '@jiuzhu/common/http';
import { areaFilter } from '../query-filters';
import { OverdueItem, OverdueQueue } from './overdue-queue.use-case';

@ApiTags('queues')
@Controller('queues')
export class OverdueController {
  constructor(private readonly overdue: OverdueQueue) {}

  @Get('overdue')
  @ApiOperation({ summary: "Elders whose current assessment's next routine date has passed (validUntil before today), most overdue first: { items, total, limit, offset }" })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiQuery({ name: 'townshipCode', required: false })
  @ApiPageQuery()
  @ApiPageResponse(OverdueItem)
  async queue(@Query('districtCode') districtCode: string | undefined, @Query('townshipCode') townshipCode: string | undefined, @Query() query: Record<string, unknown>) {
    const problems: FieldProblem[] = [];
    const area = areaFilter(districtCode, townshipCode, problems);
    const page = readPage(query, problems);
    if (problems.length) throw new InvalidInput(problems);
    return this.overdue.list(area, page);
  }
}
