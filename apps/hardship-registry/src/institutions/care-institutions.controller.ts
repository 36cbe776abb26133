import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { ApiPageResponse, pageOfQuery, UuidParam, VersionedDto } from '@jiuzhu/common/http';
import { INSTITUTION_KEEPERS, INSTITUTION_READERS } from '../access';
import { AddBedsDto, InstitutionListQuery, RegisterInstitutionDto } from './care-institution.dto';
import { InstitutionView, toInstitutionView } from './care-institution.view';
import { CareInstitutions } from './care-institutions.use-case';

const KEEPER = Access({ roles: INSTITUTION_KEEPERS, jurisdiction: 'scoped' });
const READER = Access({ roles: INSTITUTION_READERS, jurisdiction: 'scoped' });

/** The register of care institutions (供养服务机构, 敬老院) and their beds, within the caller's jurisdiction. */
@ApiTags('institutions')
@Controller('institutions')
export class CareInstitutionsController {
  constructor(@Inject(CareInstitutions) private readonly institutions: CareInstitutions) {}

  @Post()
  @HttpCode(201)
  @KEEPER
  @ApiOperation({
    summary:
      'Register a care institution of your jurisdiction with its beds (403 JURISDICTION.OUTSIDE naming townshipCode or districtCode otherwise; 409 HARDSHIP.INSTITUTION_NAME_TAKEN for a name the district already has). A facility of the district has no township and serves all its townships.',
  })
  @ApiCreatedResponse({ type: InstitutionView })
  async register(@Body() dto: RegisterInstitutionDto, @CurrentActor() actor: Actor): Promise<InstitutionView> {
    const r = await this.institutions.register({ name: dto.name, kind: dto.kind, districtCode: dto.districtCode, townshipCode: dto.townshipCode ?? null, beds: dto.beds }, actor);
    return toInstitutionView(r);
  }

  @Get()
  @READER
  @ApiOperation({ summary: 'Institutions within reach (a township’s own and its district’s facilities), with their beds and how many are taken' })
  @ApiPageResponse(InstitutionView)
  async list(@Query() q: InstitutionListQuery, @CurrentActor() actor: Actor) {
    const page = await this.institutions.list({ districtCode: q.districtCode }, pageOfQuery(q), actor);
    return { ...page, items: page.items.map(toInstitutionView) };
  }

  @Get(':institutionId')
  @READER
  @ApiOperation({ summary: 'An institution within reach (404 otherwise), with its beds and their occupancy' })
  @ApiOkResponse({ type: InstitutionView })
  async get(@UuidParam('institutionId') id: string, @CurrentActor() actor: Actor): Promise<InstitutionView> {
    return toInstitutionView(await this.institutions.get(id, actor));
  }

  @Post(':institutionId/beds')
  @HttpCode(200)
  @KEEPER
  @ApiOperation({ summary: 'Add beds to an institution of your jurisdiction at the version you read (409 HARDSHIP.BED_CODE_TAKEN for a code a bed in service has)' })
  @ApiOkResponse({ type: InstitutionView })
  async addBeds(@UuidParam('institutionId') id: string, @Body() dto: AddBedsDto, @CurrentActor() actor: Actor): Promise<InstitutionView> {
    return toInstitutionView(await this.institutions.addBeds(id, dto.expectedVersion, dto.beds, actor));
  }

  @Post(':institutionId/beds/:bedId/retire')
  @HttpCode(200)
  @KEEPER
  @ApiOperation({ summary: 'Take an empty bed out of service from today (409 HARDSHIP.BED_OCCUPIED while someone lies in it: move them first)' })
  @ApiOkResponse({ type: InstitutionView })
  async retireBed(@UuidParam('institutionId') id: string, @UuidParam('bedId') bedId: string, @Body() dto: VersionedDto, @CurrentActor() actor: Actor): Promise<InstitutionView> {
    return toInstitutionView(await this.institutions.retireBed(id, bedId, dto.expectedVersion, actor));
  }
}
