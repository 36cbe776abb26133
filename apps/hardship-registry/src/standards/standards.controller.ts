import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access, STAFF_ROLES } from '@jiuzhu/auth';
import { DibaoStandardRepository } from './dibao-standard.repository';

class DibaoStandardDoc {
  @ApiProperty({ example: '640202' }) districtCode!: string;
  @ApiProperty({ enum: ['urban', 'rural'] }) area!: string;
  @ApiProperty({ example: 78000, description: 'fen per person a month' }) monthlyFen!: number;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty({ example: 'dibao.standard/640202/urban@2026-01-01' }) versionId!: string;
  @ApiProperty() legalSource!: string;
}

class DibaoStandardsDoc {
  @ApiProperty({ type: [DibaoStandardDoc] }) items!: DibaoStandardDoc[];
}

/** The dibao standards received from living-allowance: public law, read by every member of staff to explain an entitlement. */
@ApiTags('standards')
@Controller('standards')
export class StandardsController {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(DibaoStandardRepository) private readonly standards: DibaoStandardRepository,
  ) {}

  @Get()
  @Access({ roles: STAFF_ROLES, jurisdiction: 'any' })
  @ApiOperation({ summary: 'The dibao standards received from living-allowance (standard.published), by district, area and date: what the conditions and the entitlements are measured against' })
  @ApiOkResponse({ type: DibaoStandardsDoc })
  async list(): Promise<DibaoStandardsDoc> {
    return { items: await this.standards.all(this.ds.manager) };
  }
}
