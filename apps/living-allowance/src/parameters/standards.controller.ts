import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AREAS, Clock, CLOCK, DISTRICT_CODES, DISTRICTS, InvalidInput, isLocalDate } from '@jiuzhu/common';
import { Access, STAFF_ROLES } from '@jiuzhu/auth';
import { ParameterCatalog } from './parameter-catalog';

class StandardDoc {
  @ApiProperty({ example: '640202' }) districtCode!: string;
  @ApiProperty({ example: '大武口区' }) districtName!: string;
  @ApiProperty({ enum: ['urban', 'rural'] }) area!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'fen/month; null when none is in force' }) monthlyFen!: number | null;
  @ApiProperty({ nullable: true, type: String }) versionId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) validFrom!: string | null;
  @ApiProperty({ nullable: true, type: String }) legalSource!: string | null;
}

class StandardsDoc {
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ type: [StandardDoc], description: 'one row per district × area' }) standards!: StandardDoc[];
}

/** The dibao standards of every district and area on one date (publication is POST /parameters, libs/parameters). */
@ApiTags('parameters')
@Controller()
export class StandardsController {
  constructor(
    private readonly catalog: ParameterCatalog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // The standards are public law, read by every member of staff (and other systems) to explain a decision.
  @Get('standards')
  @Access({ roles: [...STAFF_ROLES, 'service'], jurisdiction: 'any' })
  @ApiOperation({ summary: 'Dibao standards in force on a date, per district and area' })
  @ApiQuery({ name: 'on', required: false, example: '2026-03-01' })
  @ApiOkResponse({ type: StandardsDoc })
  async standards(@Query('on') on?: string): Promise<StandardsDoc> {
    const date = on ?? this.clock.today();
    if (!isLocalDate(date)) throw new InvalidInput([{ field: 'on', reason: 'must be a date YYYY-MM-DD' }]);
    const rows = [];
    for (const districtCode of DISTRICT_CODES) {
      for (const area of AREAS) {
        const v = await this.catalog.inForce('dibao.standard', `${districtCode}/${area}`, date);
        rows.push({ districtCode, districtName: DISTRICTS[districtCode].zh, area, monthlyFen: (v?.value as { monthlyFen?: number })?.monthlyFen ?? null, versionId: v?.versionId ?? null, validFrom: v?.validFrom ?? null, legalSource: v?.legalSource ?? null });
      }
    }
    return { on: date, standards: rows };
  }
}
