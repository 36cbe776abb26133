import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FieldProblem, InvalidInput } from '@jiuzhu/common';
import { areaFilter } from '../query-filters';
import { NeedsSummary, SummarizeNeeds } from './summarize-needs.use-case';

@ApiTags('needs')
@Controller('needs')
export class NeedsController {
  constructor(private readonly needs: SummarizeNeeds) {}

  @Get('summary')
  @ApiOperation({ summary: 'Demand for home-care help by kind (meals, bathing, medical…): elders with each need among current assessments, city-wide or per district or township' })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiQuery({ name: 'townshipCode', required: false })
  @ApiOkResponse({ type: NeedsSummary })
  async summary(@Query('districtCode') districtCode?: string, @Query('townshipCode') townshipCode?: string) {
    const problems: FieldProblem[] = [];
    const area = areaFilter(districtCode, townshipCode, problems);
    if (problems.length) throw new InvalidInput(problems);
    return this.needs.execute(area);
  }
}
