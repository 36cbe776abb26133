import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access, Actor, CurrentActor, jurisdictionFilter } from '@jiuzhu/auth';
import { FieldProblem, InvalidInput, orThrow } from '@jiuzhu/common';
import { NEEDS_READERS } from '../access';
import { areaFilter } from '../query-filters';
import { areaWithin } from '../within-jurisdiction';
import { NeedsSummary, SummarizeNeeds } from './summarize-needs.use-case';

@ApiTags('needs')
@Controller('needs')
export class NeedsController {
  constructor(private readonly needs: SummarizeNeeds) {}

  @Get('summary')
  @Access({ roles: NEEDS_READERS, jurisdiction: 'scoped' })
  @ApiOperation({
    summary:
      'Demand for home-care help by kind (meals, bathing, medical…): elders with each need among current assessments, in your jurisdiction or a district or township within it (403 outside it)',
  })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiQuery({ name: 'townshipCode', required: false })
  @ApiOkResponse({ type: NeedsSummary })
  async summary(@CurrentActor() actor: Actor, @Query('districtCode') districtCode?: string, @Query('townshipCode') townshipCode?: string) {
    const problems: FieldProblem[] = [];
    const asked = areaFilter(districtCode, townshipCode, problems);
    if (problems.length) throw new InvalidInput(problems);
    return this.needs.execute(orThrow(areaWithin(actor, asked)), jurisdictionFilter(actor.jurisdiction));
  }
}
