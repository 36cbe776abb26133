import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FieldProblem, InvalidInput } from '@jiuzhu/common';
import { areaFilter, paging } from '../query-filters';
import { OverdueReassessments } from './overdue-reassessments';

@ApiTags('queues')
@Controller('queues')
export class OverdueController {
  constructor(private readonly overdue: OverdueReassessments) {}

  @Get('overdue')
  @ApiOperation({ summary: "Elders whose current assessment's next routine date has passed (validUntil before today), most overdue first" })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiQuery({ name: 'townshipCode', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  async queue(@Query('districtCode') districtCode?: string, @Query('townshipCode') townshipCode?: string, @Query('limit') limit = '50', @Query('offset') offset = '0') {
    const problems: FieldProblem[] = [];
    const area = areaFilter(districtCode, townshipCode, problems);
    const page = paging(limit, offset, problems);
    if (problems.length) throw new InvalidInput(problems);
    return { items: await this.overdue.queue({ ...area, ...page }) };
  }
}
