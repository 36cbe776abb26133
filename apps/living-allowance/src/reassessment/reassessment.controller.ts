import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ReassessmentRunDoc, ReassessmentRunsDoc, WhatIfDoc } from './reassessment.doc';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsString, Matches, Min } from 'class-validator';
import { InvalidInput, NotFound } from '@jiuzhu/common';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { NestedArray, UuidParam } from '@jiuzhu/common/http';
import { ReassessmentRunner } from './reassessment-runner';
import { RetryOrCancelRun } from './retry-or-cancel-run.use-case';
import { WhatIf } from './what-if';

export class ProposedStandardDto {
  @ApiProperty({ example: '640202' }) @IsString() districtCode!: string;
  @ApiProperty({ example: 'urban' }) @IsString() area!: string;
  @ApiProperty({ example: 82000 }) @IsInt({ message: 'monthlyFen must be a whole number of fen' }) @Min(1) monthlyFen!: number;
}

export class WhatIfDto {
  @ApiProperty({ example: '2027-01-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validFrom must be a date YYYY-MM-DD' }) validFrom!: string;
  @ApiProperty({ type: [ProposedStandardDto] })
  @NestedArray(() => ProposedStandardDto) @ArrayMinSize(1) @ArrayMaxSize(6) standards!: ProposedStandardDto[];
}

// Runs re-decide every paying case of a district when a standard is published: a city-wide matter of
// the administrator, who also weighs a standard before publishing it; the city auditor reads the runs.
// A run's report holds totals per district and area, no case.
const ADMIN = Access({ roles: ['admin'], jurisdiction: 'any' });
const RUN_READERS = Access({ roles: ['admin', 'city_auditor'], jurisdiction: 'any' });

@ApiTags('reassessment')
@Controller('reassessments')
export class ReassessmentController {
  constructor(
    @Inject(ReassessmentRunner) private readonly runner: ReassessmentRunner,
    @Inject(WhatIf) private readonly whatIf: WhatIf,
    @Inject(RetryOrCancelRun) private readonly decisions: RetryOrCancelRun,
  ) {}

  @Post('what-if')
  @HttpCode(200)
  @ADMIN
  @ApiOperation({ summary: 'What a new standard would do to the live caseload (no writes): changed benefits, households entering or leaving dibao and the low-income band, monthly budget difference per district' })
  @ApiBody({ type: WhatIfDto })
  @ApiOkResponse({ type: WhatIfDoc })
  async simulate(@Body() dto: WhatIfDto): Promise<WhatIfDoc> {
    return this.whatIf.run(dto.validFrom, dto.standards);
  }

  @Get()
  @RUN_READERS
  @ApiOperation({ summary: 'Reassessment runs started by publishing a standard, newest first, with progress and totals' })
  @ApiOkResponse({ type: ReassessmentRunsDoc })
  async list(@Query('limit') limit = '50'): Promise<ReassessmentRunsDoc> {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500) throw new InvalidInput([{ field: 'limit', reason: 'must be an integer 1-500' }]);
    return { items: await this.runner.list(n) };
  }

  @Get(':id')
  @RUN_READERS
  @ApiOkResponse({ type: ReassessmentRunDoc })
  async get(@UuidParam() id: string): Promise<ReassessmentRunDoc> {
    const run = await this.runner.get(id);
    if (!run) throw new NotFound(`Reassessment run ${id}`);
    return run;
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ADMIN
  @ApiOperation({ summary: 'Put a failed run back in the queue: it resumes from its cursor with a fresh count of attempts; 409 REASSESSMENT.RUN_NOT_FAILED otherwise' })
  @ApiOkResponse({ type: ReassessmentRunDoc, description: 'the run, back in the queue' })
  async retry(@UuidParam() id: string, @CurrentActor() actor: Actor): Promise<ReassessmentRunDoc> {
    return this.decisions.retry(id, actor);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ADMIN
  @ApiOperation({ summary: 'Cancel a run that has not finished; batches already committed stay adjusted and announced. 409 REASSESSMENT.RUN_CLOSED for a completed or cancelled run' })
  @ApiOkResponse({ type: ReassessmentRunDoc, description: 'the cancelled run' })
  async cancel(@UuidParam() id: string, @CurrentActor() actor: Actor): Promise<ReassessmentRunDoc> {
    return this.decisions.cancel(id, actor);
  }
}
