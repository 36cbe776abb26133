import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '@jiuzhu/audit';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { Clock, CLOCK, InvalidInput, isLocalDate } from '@jiuzhu/common';
import { ApiPageResponse, PageQueryDto, pageOfQuery, UuidParam } from '@jiuzhu/common/http';
import { CaseDecisionDoc } from './case-decision.doc';
import { toDecisionView } from './case-decision.view';
import { CaseDecisions } from './case-decisions.use-case';
import { CASE_READERS } from '../access';

/** Every decision of a case, and the one in force on a day (a dispute, an appeal, an audit), to the readers of the case's jurisdiction. */
@ApiTags('applications')
@Controller('applications')
@Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
export class CaseDecisionsController {
  constructor(
    @Inject(CaseDecisions) private readonly decisions: CaseDecisions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id/decisions')
  @AuditedRead('application', { action: 'application.decisions.read' })
  @ApiOperation({ summary: "Every decision of the case, newest first: the application's, each periodic review's, each re-decision under a new standard — with its trigger, dates, amounts, explanation and parameter versions" })
  @ApiPageResponse(CaseDecisionDoc)
  @ApiNotFoundResponse({ description: 'no such case in the reader’s jurisdiction' })
  async list(@UuidParam() id: string, @Query() q: PageQueryDto, @CurrentActor() actor: Actor) {
    const found = await this.decisions.list(id, pageOfQuery(q), actor);
    return { ...found, items: found.items.map(toDecisionView) };
  }

  @Get(':id/decisions/in-force')
  @AuditedRead('application', { action: 'application.decisions.read' })
  @ApiOperation({
    summary: 'The decision in force on a day: the latest made on or before it',
    description: "A later decision is not in force yet on that day, even one decided for an earlier date (a standard published after its effective date: its `effectiveOn` and `fromMonth` say which months it settles). 404 when the case had no decision yet.",
  })
  @ApiQuery({ name: 'on', required: false, description: 'YYYY-MM-DD (Asia/Shanghai); default today', example: '2026-03-01' })
  @ApiOkResponse({ type: CaseDecisionDoc })
  @ApiNotFoundResponse({ description: 'no such case, or no decision in force on that day' })
  async inForce(@UuidParam() id: string, @CurrentActor() actor: Actor, @Query('on') on?: string) {
    if (on !== undefined && !isLocalDate(on)) throw new InvalidInput([{ field: 'on', reason: 'must be a real calendar date YYYY-MM-DD' }]);
    return toDecisionView(await this.decisions.inForceOn(id, on ?? this.clock.today(), actor));
  }
}
