import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Actor, CurrentActor } from '@jiuzhu/common/http';
import { ELDER_PARAMETER_SPECS } from '../assessment/domain/assessment-parameters';
import { ParameterCatalog } from './parameter-catalog';
import { PublishParameter } from './publish-parameter';

export class PublishParameterDto {
  @ApiProperty({ enum: Object.keys(ELDER_PARAMETER_SPECS), example: 'elder.reassessment-interval' }) @IsString() key!: string;
  @ApiProperty({ example: '2027-01-01', description: 'first day the version applies; today or later' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validFrom must be a date YYYY-MM-DD' }) validFrom!: string;
  @ApiProperty({ example: { routineMonths: 6 }, description: 'shape depends on the key; see GET /parameters' }) @IsDefined() value!: unknown;
  @ApiProperty({ example: '宁夏回族自治区民政厅关于老年人能力评估工作的通知（示例）' }) @IsString() @MinLength(4) @MaxLength(500) legalSource!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

@ApiTags('parameters')
@Controller('parameters')
export class ParametersController {
  constructor(
    private readonly catalog: ParameterCatalog,
    private readonly publish: PublishParameter,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All parameter versions (rules as data): item ranges, level cut-offs, raises, re-assessment interval, self-care mapping, elder age — with legal source and validity' })
  async list() {
    return { versions: await this.catalog.versions() };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Publish a new parameter version (admin); valid from today or later, never edited in place' })
  @ApiHeader({ name: 'X-Actor-Id', required: true })
  @ApiHeader({ name: 'X-Actor-Role', required: true, description: 'admin' })
  @ApiBody({ type: PublishParameterDto })
  async publishVersion(@Body() dto: PublishParameterDto, @CurrentActor() actor: Actor) {
    return this.publish.execute(dto, actor);
  }
}
