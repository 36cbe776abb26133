import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FieldProblem, InvalidInput, parseResidentId } from '@jiuzhu/common';
import { Actor, CurrentActor } from '@jiuzhu/common/http';
import { REF_PATTERN } from '@jiuzhu/contracts';
import { CreateAssessmentDto, DisputeDto, EditAssessmentDto, VersionedDto } from './assessment.dto';
import { toAssessmentListItem, toAssessmentView } from './assessment.view';
import { AssessmentsService } from './assessments.service';
import { paging } from '../query-filters';

const ACTOR_HEADER = ApiHeader({ name: 'X-Actor-Id', required: true, description: 'staff id of the acting officer (recorded on every change)' });

@ApiTags('assessments')
@Controller('assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post()
  @HttpCode(201)
  @ACTOR_HEADER
  @ApiOperation({ summary: 'Open a draft assessment (老年人能力评估 and 需求评估) for an elder; items may still be unscored' })
  @ApiBody({ type: CreateAssessmentDto })
  async create(@Body() dto: CreateAssessmentDto, @CurrentActor() actor: Actor) {
    return toAssessmentView(await this.assessments.draft(dto, actor));
  }

  @Get()
  @ApiOperation({ summary: "A person's assessments, newest first (by personRef, or by ID number — hashed at once, never kept)" })
  @ApiQuery({ name: 'personRef', required: false })
  @ApiQuery({ name: 'idNumber', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  async ofPerson(@Query('personRef') personRef?: string, @Query('idNumber') idNumber?: string, @Query('limit') limit = '50', @Query('offset') offset = '0') {
    const problems: FieldProblem[] = [];
    if ((personRef === undefined) === (idNumber === undefined)) problems.push({ field: 'personRef', reason: 'give exactly one of personRef or idNumber' });
    else if (personRef !== undefined && !REF_PATTERN.test(personRef)) problems.push({ field: 'personRef', reason: 'must be a 64-hex person reference' });
    else if (idNumber !== undefined && !parseResidentId(idNumber.trim()).ok) problems.push({ field: 'idNumber', reason: 'must be a valid resident ID number' });
    const page = paging(limit, offset, problems);
    if (problems.length) throw new InvalidInput(problems);
    const found = await this.assessments.ofPerson({ personRef, idNumber }, page.limit, page.offset);
    return { personRef: found.personRef, items: found.rows.map(toAssessmentListItem) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'An assessment: the form, the needs and the result with its explanation line by line (ID number masked)' })
  async get(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => badId() })) id: string) {
    return toAssessmentView(await this.assessments.get(id));
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every change of the assessment: who, when, from which status to which' })
  async history(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => badId() })) id: string) {
    return { items: await this.assessments.history(id) };
  }

  @Put(':id')
  @ACTOR_HEADER
  @ApiOperation({ summary: 'Edit a draft (fields given replace the draft’s). A completed assessment is never edited: correct it with a new one that supersedes it.' })
  async edit(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => badId() })) id: string, @Body() dto: EditAssessmentDto, @CurrentActor() actor: Actor) {
    const { expectedVersion, ...changes } = dto;
    return toAssessmentView(await this.assessments.edit(id, expectedVersion, changes, actor));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ACTOR_HEADER
  @ApiHeader({ name: 'X-Actor-Role', required: true, description: 'assessor — and the actor must be one of the two assessors named' })
  @ApiOperation({
    summary:
      'Complete (role assessor): score all 26 items with the parameters in force on the assessment date, fix the result and the next routine date, supersede the person’s current assessment. Emits assessment.completed, and ability-loss.discovered for a severe or complete loss.',
  })
  async complete(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => badId() })) id: string, @Body() dto: VersionedDto, @CurrentActor() actor: Actor) {
    return toAssessmentView(await this.assessments.complete(id, dto.expectedVersion, actor));
  }

  @Post(':id/dispute')
  @HttpCode(200)
  @ACTOR_HEADER
  @ApiOperation({ summary: 'Record a dispute of a completed result; it holds until a re-assessment with reason dispute (naming it in supersedes) completes' })
  async dispute(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => badId() })) id: string, @Body() dto: DisputeDto, @CurrentActor() actor: Actor) {
    return toAssessmentView(await this.assessments.dispute(id, dto.expectedVersion, dto.reason, actor));
  }
}

function badId() {
  return new InvalidInput([{ field: 'id', reason: 'must be a UUID' }]);
}
