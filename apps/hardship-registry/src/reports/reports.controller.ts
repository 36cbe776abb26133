import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { DISTRICT_CODES, LocalizedText } from '@jiuzhu/common';
import { LocalizedTextDoc } from '@jiuzhu/common/http';
import { REPORT_READERS } from '../access';
import { DistrictReports } from './district-reports.use-case';

export class DistrictReportsQuery {
  @ApiPropertyOptional({ enum: DISTRICT_CODES, description: 'one district only' }) @IsOptional() @IsIn(DISTRICT_CODES as unknown as string[]) districtCode?: string;
}

class PlanTargetsDoc {
  @ApiProperty({ example: 5000, description: 'concentrated care among those who partly or fully lost self-care, at least (basis points)' }) concentratedCareMinBp!: number;
  @ApiProperty({ example: 6000, description: 'nursing-type beds among all beds in service, at least (basis points)' }) nursingBedRatioMinBp!: number;
}

class RateAgainstTargetDoc {
  @ApiProperty() numerator!: number;
  @ApiProperty() denominator!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'basis points rounded half up; null when there is nothing to measure' }) rateBp!: number | null;
  @ApiProperty() targetBp!: number;
  @ApiProperty({ nullable: true, type: Boolean, description: 'compared exactly, not on the rounded rate' }) meetsTarget!: boolean | null;
  @ApiProperty({ type: LocalizedTextDoc }) message!: LocalizedText;
}

class CaseloadDoc {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'persons by self-care tier (full, partly_lost, fully_lost), then care setting (institution, home); every cell present' }) counts!: object;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'persons by self-care tier' }) byTier!: object;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'persons by care setting' }) bySetting!: object;
  @ApiProperty() total!: number;
}

class DistrictReportDoc {
  @ApiProperty({ example: '640202' }) districtCode!: string;
  @ApiProperty({ type: CaseloadDoc }) caseload!: CaseloadDoc;
  @ApiProperty({ type: RateAgainstTargetDoc, description: '集中供养率 among those who partly or fully lost self-care' }) concentratedCare!: RateAgainstTargetDoc;
  @ApiProperty({ type: RateAgainstTargetDoc, description: '护理型床位占比 among the beds in service' }) nursingBeds!: RateAgainstTargetDoc;
}

class DistrictReportsDoc {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: PlanTargetsDoc }) targets!: PlanTargetsDoc;
  @ApiProperty({ example: 'hardship.plan-targets@2025-01-01' }) targetsVersion!: string;
  @ApiProperty({ type: [DistrictReportDoc], description: 'each district of your jurisdiction with a supported person or a bed, in code order' }) items!: DistrictReportDoc[];
}

/** The district reports against the city plan, within the reader's jurisdiction. */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(@Inject(DistrictReports) private readonly reports: DistrictReports) {}

  @Get('districts')
  @Access({ roles: REPORT_READERS, jurisdiction: 'scoped' })
  @ApiOperation({
    summary:
      'Per district of your jurisdiction, today: the supported persons by self-care tier and care setting, the concentrated-care rate among those who partly or fully lost self-care (plan: at least 50 %), and the share of nursing-type beds in service (plan: 60 % by 2025), against the targets in force (parameter hardship.plan-targets)',
  })
  @ApiOkResponse({ type: DistrictReportsDoc })
  async districts(@Query() q: DistrictReportsQuery, @CurrentActor() actor: Actor): Promise<DistrictReportsDoc> {
    return this.reports.execute({ districtCode: q.districtCode }, actor);
  }
}
