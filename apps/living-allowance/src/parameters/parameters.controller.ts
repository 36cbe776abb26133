import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Clock, CLOCK, InvalidInput, isLocalDate } from '@jiuzhu/common';
import { Actor, CurrentActor } from '@jiuzhu/common/http';
import { DISTRICTS, AREAS } from './domain/parameter';
import { versionInForce } from './domain/resolve-parameters';
import { ParameterCatalog } from './parameter-catalog';
import { PublishParameter } from './publish-parameter';

export class PublishParameterDto {
  @ApiProperty({ example: 'dibao.standard' }) @IsString() key!: string;
  @ApiPropertyOptional({ example: '640202' }) @IsOptional() @IsString() districtCode?: string;
  @ApiPropertyOptional({ example: 'urban' }) @IsOptional() @IsString() area?: string;
  @ApiProperty({ example: '2027-01-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validFrom must be a date YYYY-MM-DD' }) validFrom!: string;
  @ApiProperty({ example: { monthlyFen: 80000 }, description: 'shape depends on the key; see GET /parameters' }) @IsDefined() value!: unknown;
  @ApiProperty({ example: '石嘴山市人民政府关于调整城乡低保标准的通知 (2026)' }) @IsString() @MinLength(4) @MaxLength(500) legalSource!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

@ApiTags('parameters')
@Controller()
export class ParametersController {
  constructor(
    private readonly catalog: ParameterCatalog,
    private readonly publish: PublishParameter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('parameters')
  @ApiOperation({ summary: 'All parameter versions (rules as data), with legal source and validity' })
  async list() {
    return { versions: await this.catalog.versions() };
  }

  @Get('standards')
  @ApiOperation({ summary: 'Dibao standards in force on a date, per district and area' })
  @ApiQuery({ name: 'on', required: false, example: '2026-03-01' })
  @ApiOkResponse({ description: 'one row per district × area' })
  async standards(@Query('on') on?: string) {
    const date = on ?? this.clock.today();
    if (!isLocalDate(date)) throw new InvalidInput([{ field: 'on', reason: 'must be a date YYYY-MM-DD' }]);
    const versions = await this.catalog.versions();
    const rows = [];
    for (const districtCode of Object.keys(DISTRICTS)) {
      for (const area of AREAS) {
        const v = versionInForce(versions, 'dibao.standard', `${districtCode}/${area}`, date);
        rows.push({ districtCode, districtName: DISTRICTS[districtCode as keyof typeof DISTRICTS].zh, area, monthlyFen: (v?.value as { monthlyFen?: number })?.monthlyFen ?? null, versionId: v?.versionId ?? null, validFrom: v?.validFrom ?? null, legalSource: v?.legalSource ?? null });
      }
    }
    return { on: date, standards: rows };
  }

  @Post('parameters')
  @HttpCode(201)
  @ApiOperation({ summary: 'Publish a new parameter version (admin). A dibao standard emits living-allowance.standard.published.' })
  @ApiHeader({ name: 'X-Actor-Id', required: true })
  @ApiHeader({ name: 'X-Actor-Role', required: true, description: 'admin' })
  @ApiBody({ type: PublishParameterDto })
  async publishVersion(@Body() dto: PublishParameterDto, @CurrentActor() actor: Actor) {
    return this.publish.execute(dto, actor);
  }
}
