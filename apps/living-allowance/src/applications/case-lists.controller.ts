import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { AuditedRead, AuditedReadTarget } from '@jiuzhu/audit';
import { InvalidInput, isTownshipCodeOf, normalizeResidentId } from '@jiuzhu/common';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { ApiPageQuery, ApiPageResponse, ContactName, PagedQuery, pageOfQuery, PageQuery, PageRequest, SearchedIdNumber } from '@jiuzhu/common/http';
import { CaseListItem, toQueueItem } from './application.view';
import { CaseLists, MY_STAGES, MyStage } from './case-lists.use-case';
import { CASE_STATUSES, CaseStatus } from './domain/case-status';
import { PersonRefs } from './person-refs';
import { CASE_READERS } from '../access';

export class CaseListQuery extends PagedQuery() {
  @ApiPropertyOptional({ enum: CASE_STATUSES, description: 'the stage the cases are at' })
  @IsOptional()
  @IsIn(CASE_STATUSES, { message: `must be one of ${CASE_STATUSES.join(', ')}` })
  status?: CaseStatus;

  @ApiPropertyOptional({ example: '640202' }) @IsOptional() @Matches(/^\d{6}$/, { message: 'must be a 6-digit district code' }) districtCode?: string;

  @ApiPropertyOptional({ example: '640202001', description: '乡镇/街道: the township whose cases to list' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'must be a 9-digit township code' })
  townshipCode?: string;

  @ApiPropertyOptional({ description: "a member's 64-character personRef (a refused filing's 409 names it); by ID number: POST /applications/search" })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be a 64-character personRef' })
  personRef?: string;
}

export class MyCasesQuery extends PagedQuery() {
  @ApiPropertyOptional({ enum: MY_STAGES, default: 'filed', description: 'draft: my drafts; filed: every case I filed, any status; claimed: the cases I hold a live claim on (the lease lapsing first comes first)' })
  @IsOptional()
  @IsIn(MY_STAGES, { message: `must be one of ${MY_STAGES.join(', ')}` })
  stage: MyStage = 'filed';
}

/** `{ "idNumber": "…" }`, or `{ "name": "…", "townshipCode": "…" }`: in the body, never in a URL. */
export class SearchCasesDto {
  @SearchedIdNumber({ required: false }) idNumber?: string;
  @ContactName() name?: string;
  @ApiPropertyOptional({ example: '640202001', description: 'required with name: a name is searched within one township' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'must be a 9-digit township code' })
  townshipCode?: string;
}

/**
 * What a search read about, for its audit row: the person searched by ID number (their personRef,
 * never the number), or the township searched by name (a name is personal data and stays out).
 */
export class SearchedPersonOrTownship implements AuditedReadTarget {
  constructor(private readonly refs: PersonRefs) {}

  idOf(req: Request) {
    const dto = req.body as SearchCasesDto;
    return dto.idNumber !== undefined ? this.refs.ofIdNumber(normalizeResidentId(dto.idNumber)) : { type: 'township', id: String(dto.townshipCode) };
  }
}

/**
 * The lists of cases a caseworker or an officer reads, each paged with its total, within the reader's
 * jurisdiction (the query keeps to it: a filter for another place finds nothing). Registered before
 * ApplicationsController: `GET /applications/mine` must be matched before `GET /applications/:id`.
 */
@ApiTags('applications')
@Controller('applications')
export class CaseListsController {
  constructor(@Inject(CaseLists) private readonly lists: CaseLists) {}

  @Get()
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @ApiOperation({
    summary:
      'Cases of the reader’s jurisdiction, newest filed first, paged with the total: all of them without filters, or those of a status (stage), district, township or member (personRef; any status unless one is given). The work queues, overdue first, are GET /queues/*.',
  })
  @ApiPageResponse(CaseListItem)
  async list(@Query() q: CaseListQuery, @CurrentActor() actor: Actor) {
    if (q.districtCode !== undefined && q.townshipCode !== undefined && !isTownshipCodeOf(q.districtCode, q.townshipCode)) {
      throw new InvalidInput([{ field: 'townshipCode', reason: `must be a township of district ${q.districtCode} (begin with ${q.districtCode})` }]);
    }
    const page = await this.lists.list({ status: q.status, districtCode: q.districtCode, townshipCode: q.townshipCode, personRef: q.personRef }, pageOfQuery(q), actor);
    return { ...page, items: page.items.map(toQueueItem) };
  }

  // Those who file cases or claim them from a queue have cases of their own; any other reader's list is empty.
  @Get('mine')
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @ApiOperation({ summary: "My cases (the signed-in officer's, from the token): drafts, every case I filed, or the cases I hold a claim on; newest first, paged with the total" })
  @ApiPageResponse(CaseListItem)
  async mine(@Query() q: MyCasesQuery, @CurrentActor() actor: Actor) {
    const page = await this.lists.mine(actor, q.stage, pageOfQuery(q));
    return { ...page, items: page.items.map(toQueueItem) };
  }

  @Post('search')
  @HttpCode(200)
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @AuditedRead('person', { action: 'application.search', id: SearchedPersonOrTownship })
  @ApiOperation({
    summary:
      "Find a person's cases: by ID number (in the body, never in a URL), every household case they are or were a member of, as applicant or otherwise; or by the applicant's name as given on the case, within one township. Newest first, paged with the total, within the caller's jurisdiction; the answer names no personRef and no ID number.",
  })
  @ApiBody({ type: SearchCasesDto, examples: { 'by ID number': { value: { idNumber: '640202198001011238' } }, 'by name in a township': { value: { name: '王某某', townshipCode: '640202001' } } } })
  @ApiPageQuery()
  @ApiPageResponse(CaseListItem)
  async search(@Body() dto: SearchCasesDto, @PageQuery() page: PageRequest, @CurrentActor() actor: Actor) {
    const found = await this.lists.search({ idNumber: dto.idNumber, name: dto.name, townshipCode: dto.townshipCode }, page, actor);
    return { ...found, items: found.items.map(toQueueItem) };
  }
}
