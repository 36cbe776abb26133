import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { ApiPageQuery, ApiPageResponse, HistoryDoc, PagedQuery, PageQuery, pageOfQuery, PageRequest, UuidParam, VersionedDto } from '@jiuzhu/common/http';
import { AuditedRead } from '@jiuzhu/audit';
import { REF_PATTERN } from '@jiuzhu/contracts';
import { CreateAssessmentDto, DisputeDto, EditAssessmentDto } from './assessment.dto';
import { AssessmentListItem, AssessmentView, toAssessmentListItem, toAssessmentView } from './assessment.view';
import { CompleteAssessment } from './complete-assessment.use-case';
import { DisputeAssessment } from './dispute-assessment.use-case';
import { DraftAssessment } from './draft-assessment.use-case';
import { EditDraft } from './edit-draft.use-case';
import { FindAssessments } from './find-assessments.use-case';
import { SearchAssessmentsDto, SearchedPerson } from './search-assessments.dto';
import { DISPUTE_RECORDERS, OVERSEERS, RECORDERS, RESULT_READERS } from '../access';

export class PersonAssessmentsQuery extends PagedQuery() {
  @ApiProperty({ description: "the elder's 64-hex personRef" }) @Matches(REF_PATTERN, { message: 'must be a 64-hex person reference' }) personRef!: string;
}

@ApiTags('assessments')
@Controller('assessments')
export class AssessmentsController {
  constructor(
    private readonly draft: DraftAssessment,
    private readonly editDraft: EditDraft,
    private readonly completion: CompleteAssessment,
    private readonly disputes: DisputeAssessment,
    private readonly find: FindAssessments,
  ) {}

  @Post()
  @HttpCode(201)
  @Access({ roles: RECORDERS, jurisdiction: 'scoped' })
  @ApiOperation({
    summary:
      'Open a draft assessment (老年人能力评估 and 需求评估) for an elder living within your jurisdiction (403 JURISDICTION.OUTSIDE naming the field otherwise); items may still be unscored. You are the first of the two assessors; name the second in secondAssessor.',
  })
  @ApiBody({ type: CreateAssessmentDto })
  @ApiCreatedResponse({ type: AssessmentView, description: 'the draft' })
  async create(@Body() dto: CreateAssessmentDto, @CurrentActor() actor: Actor) {
    return toAssessmentView(await this.draft.execute(dto, actor));
  }

  @Get()
  @Access({ roles: RESULT_READERS, jurisdiction: 'scoped' })
  @AuditedRead('person', { action: 'assessment.list.read', id: (req) => req.query.personRef as string })
  @ApiOperation({ summary: "A person's assessments by personRef, newest first (to find them by ID number, POST /assessments/search)" })
  @ApiPageResponse(AssessmentListItem)
  async ofPerson(@Query() q: PersonAssessmentsQuery, @CurrentActor() actor: Actor) {
    const found = await this.find.ofPerson(q.personRef, pageOfQuery(q), actor);
    return { ...found, items: found.items.map(toAssessmentListItem) };
  }

  @Post('search')
  @HttpCode(200)
  @Access({ roles: RESULT_READERS, jurisdiction: 'scoped' })
  @AuditedRead('person', { action: 'assessment.search', id: SearchedPerson })
  @ApiOperation({
    summary:
      'The assessments of the person with this ID number (in the body, never in a URL), newest first, within your jurisdiction. Only assessments that exist: a person never assessed gets an empty list, and no answer names a personRef.',
  })
  @ApiBody({ type: SearchAssessmentsDto })
  @ApiPageQuery()
  @ApiPageResponse(AssessmentListItem)
  async search(@Body() dto: SearchAssessmentsDto, @PageQuery() page: PageRequest, @CurrentActor() actor: Actor) {
    const found = await this.find.ofIdNumber(dto.idNumber, page, actor);
    return { ...found, items: found.items.map(toAssessmentListItem) };
  }

  @Get(':id')
  @Access({ roles: RESULT_READERS, jurisdiction: 'scoped' })
  @AuditedRead('assessment')
  @ApiOperation({ summary: 'An assessment within your jurisdiction (404 otherwise): the form, the needs and the result with its explanation line by line (ID number masked)' })
  @ApiOkResponse({ type: AssessmentView })
  async get(@UuidParam() id: string, @CurrentActor() actor: Actor) {
    return toAssessmentView(await this.find.get(id, actor));
  }

  @Get(':id/history')
  @Access({ roles: OVERSEERS, jurisdiction: 'scoped' })
  @AuditedRead('assessment', { action: 'assessment.history.read' })
  @ApiOperation({ summary: 'Every change of the assessment: who, when, from which status to which' })
  @ApiOkResponse({ type: HistoryDoc })
  async history(@UuidParam() id: string, @CurrentActor() actor: Actor) {
    return { items: await this.find.history(id, actor) };
  }

  @Put(':id')
  @Access({ roles: RECORDERS, jurisdiction: 'scoped' })
  @ApiOperation({
    summary:
      'Edit a draft, as one of its two assessors (fields given replace the draft’s; secondAssessor replaces the second, the first stays). A completed assessment is never edited: correct it with a new one that supersedes it.',
  })
  @ApiOkResponse({ type: AssessmentView })
  async edit(@UuidParam() id: string, @Body() dto: EditAssessmentDto, @CurrentActor() actor: Actor) {
    const { expectedVersion, ...changes } = dto;
    return toAssessmentView(await this.editDraft.execute(id, expectedVersion, changes, actor));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Access({ roles: RECORDERS, jurisdiction: 'scoped' })
  @ApiOperation({
    summary:
      'Complete, as the second assessor (not the one who opened the draft: 403 ASSESSMENT.DRAFTER_CANNOT_COMPLETE): score all 26 items with the parameters in force on the assessment date, fix the result and the next routine date, supersede the person’s current assessment. Emits assessment.completed, and ability-loss.discovered for a severe or complete loss.',
  })
  @ApiOkResponse({ type: AssessmentView, description: 'the completed assessment with its result and explanation' })
  async complete(@UuidParam() id: string, @Body() dto: VersionedDto, @CurrentActor() actor: Actor) {
    return toAssessmentView(await this.completion.execute(id, dto.expectedVersion, actor));
  }

  @Post(':id/dispute')
  @HttpCode(200)
  @Access({ roles: DISPUTE_RECORDERS, jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Record a dispute of a completed result; it holds until a re-assessment with reason dispute (naming it in supersedes) completes' })
  @ApiOkResponse({ type: AssessmentView })
  async dispute(@UuidParam() id: string, @Body() dto: DisputeDto, @CurrentActor() actor: Actor) {
    return toAssessmentView(await this.disputes.execute(id, dto.expectedVersion, dto.reason, actor));
  }
}
