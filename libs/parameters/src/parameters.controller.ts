import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, Actor, CurrentActor, STAFF_ROLES } from '@jiuzhu/auth';
import { CachedParameterCatalog } from './parameter-catalog';
import { PublishParameterDto } from './publish-parameter.dto';
import { PublishParameter } from './publish-parameter.use-case';

/** A published parameter version, as the API answers it. */
class ParameterVersionDoc {
  @ApiProperty({ example: 'dibao.standard' }) key!: string;
  @ApiProperty({ description: "'' for a city-wide value, else e.g. <districtCode>/<area>", example: '640202/urban' }) scope!: string;
  @ApiProperty({ example: 'dibao.standard/640202/urban@2026-01-01' }) versionId!: string;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty({ description: "the value, in the key's exact shape", example: { monthlyFen: 78000 } }) value!: unknown;
  @ApiProperty({ example: 'fen/month' }) unit!: string;
  @ApiProperty({ description: 'the document that sets the number' }) legalSource!: string;
  @ApiProperty({ required: false }) note?: string;
  @ApiProperty({ required: false, format: 'date-time' }) publishedAt?: string;
  @ApiProperty({ required: false }) publishedBy?: string;
}

class ParameterCatalogDoc {
  @ApiProperty({ type: [ParameterVersionDoc] }) versions!: ParameterVersionDoc[];
}

@ApiTags('parameters')
@Controller('parameters')
export class ParametersController {
  constructor(
    private readonly catalog: CachedParameterCatalog,
    private readonly publish: PublishParameter,
  ) {}

  // The rules are public law, read by every member of staff (and other systems) to explain a decision.
  @Get()
  @Access({ roles: [...STAFF_ROLES, 'service'], jurisdiction: 'any' })
  @ApiOperation({ summary: 'All parameter versions (rules as data), with unit, legal source, validity and who published them' })
  @ApiOkResponse({ type: ParameterCatalogDoc })
  async list() {
    return { versions: await this.catalog.versions() };
  }

  // Publishing a standard re-decides every case it covers, city-wide: administrators only.
  @Post()
  @Access({ roles: ['admin'], jurisdiction: 'any' })
  @ApiOperation({
    summary:
      'Publish a new parameter version. Never edited in place: another value for a day that has one is a correction (…#2) that wins. Publishing the version already in force for that key, scope and day again changes nothing and answers 200 with it.',
  })
  @ApiBody({ type: PublishParameterDto })
  @ApiCreatedResponse({ type: ParameterVersionDoc, description: 'a new version was stored (and the service reacted to it, e.g. a dibao standard is announced and reassessed)' })
  @ApiOkResponse({ type: ParameterVersionDoc, description: 'the same key, scope, date and value is already the version of that day: that version, unchanged; nothing else happens' })
  async publishVersion(@Body() dto: PublishParameterDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const { version, created } = await this.publish.execute(dto, actor);
    res.status(created ? 201 : 200);
    return version;
  }
}
