import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Matches, Min, ValidateNested } from 'class-validator';
import { InvalidInput, NotFound } from '@jiuzhu/common';
import { ReassessmentRunner } from './reassessment-runner';
import { WhatIf } from './what-if';

export class ProposedStandardDto {
  @ApiProperty({ example: '640202' }) @IsString() districtCode!: string;
  @ApiProperty({ example: 'urban' }) @IsString() area!: string;
  @ApiProperty({ example: 82000 }) @IsInt({ message: 'monthlyFen must be a whole number of fen' }) @Min(1) monthlyFen!: number;
}

export class WhatIfDto {
  @ApiProperty({ example: '2027-01-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validFrom must be a date YYYY-MM-DD' }) validFrom!: string;
  @ApiProperty({ type: [ProposedStandardDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(6) @ValidateNested({ each: true }) @Type(() => ProposedStandardDto) standards!: ProposedStandardDto[];
}

@ApiTags('reassessment')
@Controller('reassessments')
export class ReassessmentController {
  constructor(
    @Inject(ReassessmentRunner) private readonly runner: ReassessmentRunner,
    @Inject(WhatIf) private readonly whatIf: WhatIf,
  ) {}

  @Post('what-if')
  @HttpCode(200)
  @ApiOperation({ summary: 'What a new standard would do to the live caseload (no writes): changed benefits, households entering or leaving dibao and the low-income band, monthly budget difference per district' })
  @ApiBody({ type: WhatIfDto })
  async simulate(@Body() dto: WhatIfDto) {
    return this.whatIf.run(dto.validFrom, dto.standards);
  }

  @Get()
  @ApiOperation({ summary: 'Reassessment runs started by publishing a standard, newest first, with progress and totals' })
  async list(@Query('limit') limit = '50') {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500) throw new InvalidInput([{ field: 'limit', reason: 'must be an integer 1-500' }]);
    return { items: await this.runner.list(n) };
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput([{ field: 'id', reason: 'must be a UUID' }]) })) id: string) {
    const run = await this.runner.get(id);
    if (!run) throw new NotFound(`Reassessment run ${id}`);
    return run;
  }
}
