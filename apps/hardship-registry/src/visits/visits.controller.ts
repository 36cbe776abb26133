import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '@jiuzhu/audit';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { Clock, CLOCK } from '@jiuzhu/common';
import { ApiPageResponse, pageOfQuery, UuidParam } from '@jiuzhu/common/http';
import { CASE_READERS, QUEUE_OVERSEERS, VISITORS } from '../access';
import { QueueQuery } from '../cases/case.dto';
import { VisitFinding } from './domain/visits';
import { FindVisits } from './find-visits.use-case';
import { RecordVisit } from './record-visit.use-case';
import { RECORD_VISIT_EXAMPLE, RecordVisitDto, VisitFindingDto, VisitListQuery } from './visit.dto';
import { CaseVisitsView, OverdueVisitItem, RecordedVisitView, toOverdueItem, toPlanView, toVisitView } from './visit.view';

/** Visits (巡视探访) to a person supported at home: recording one, and reading a case's with its plan. */
@ApiTags('visits')
@Controller('cases')
export class CaseVisitsController {
  constructor(
    @Inject(RecordVisit) private readonly recording: RecordVisit,
    @Inject(FindVisits) private readonly visits: FindVisits,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/visits')
  @HttpCode(201)
  @Access({ roles: VISITORS, jurisdiction: 'scoped' })
  @ApiOperation({
    summary:
      'Record a visit to a person supported at home in your jurisdiction (404 otherwise): the day (not after today, not before support at home began or the previous visit: 400 naming visitedOn) and what was found. The next visit is counted from it by the tier’s interval (hardship.visit-intervals). Each danger found raises a danger.found lead for temporary assistance (主动发现), in the same transaction. 409 HARDSHIP.VISIT.NOT_SUPPORTED / HARDSHIP.VISIT.NOT_HOME_CARE for a case not supported, or cared for in an institution.',
  })
  @ApiBody({ type: RecordVisitDto, examples: { visit: { value: RECORD_VISIT_EXAMPLE } } })
  @ApiCreatedResponse({ type: RecordedVisitView })
  async record(@UuidParam() id: string, @Body() dto: RecordVisitDto, @CurrentActor() actor: Actor): Promise<RecordedVisitView> {
    const r = await this.recording.execute(id, { visitedOn: dto.visitedOn, findings: dto.findings.map(findingOf) }, actor);
    return { ...toVisitView(r.visit), plan: toPlanView(r.plan, this.clock.today()) };
  }

  @Get(':id/visits')
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @AuditedRead('hardship_case', { action: 'hardship_case.visits.read' })
  @ApiOperation({ summary: 'The visits to a person of your jurisdiction (404 otherwise), the latest first, with the visit plan while they are supported at home' })
  @ApiOkResponse({ type: CaseVisitsView })
  async list(@UuidParam() id: string, @Query() q: VisitListQuery, @CurrentActor() actor: Actor): Promise<CaseVisitsView> {
    const r = await this.visits.ofCase(id, pageOfQuery(q), actor);
    return { ...r, plan: r.plan ? toPlanView(r.plan, this.clock.today()) : null, items: r.items.map(toVisitView) };
  }
}

/** The township's overdue-visit queue. */
@ApiTags('queues')
@Controller('queues')
export class VisitQueueController {
  constructor(@Inject(FindVisits) private readonly visits: FindVisits) {}

  @Get('visits')
  @Access({ roles: [...VISITORS, ...QUEUE_OVERSEERS], jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Persons supported at home in your jurisdiction whose visit is overdue (due before today), the most overdue first; by district or township (no personal data in the list)' })
  @ApiPageResponse(OverdueVisitItem)
  async overdue(@Query() q: QueueQuery, @CurrentActor() actor: Actor) {
    const page = await this.visits.overdue({ districtCode: q.districtCode, townshipCode: q.townshipCode }, pageOfQuery(q), actor);
    const { today, ...rest } = page;
    return { ...rest, items: page.items.map((r) => toOverdueItem(r, today)) };
  }
}

function findingOf(f: VisitFindingDto): VisitFinding {
  if (f.kind === 'danger') return { kind: 'danger', danger: f.danger!, ...(f.note?.trim() ? { note: f.note.trim() } : {}) };
  if (f.kind === 'needs_help') return { kind: 'needs_help', note: f.note?.trim() ?? '' };
  return { kind: 'no_concern' };
}
