import { Body, Controller, Get, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { Response } from 'express';
import { InvalidInput, NotFound } from '@jiuzhu/common';
import { Access, Actor, CurrentActor, STAFF_ROLES } from '@jiuzhu/auth';
import { isYearMonth } from './domain/price-index';
import { GrantPriceSubsidy } from './grant-price-subsidy.use-case';
import { PriceIndexRepository } from './price-index.repository';
import { PriceSubsidyBatchRepository } from './price-subsidy-batch.repository';
import { DEFAULT_INDEX_REGION, RecordPriceIndex, REGION_CODE } from './record-price-index.use-case';
import { PriceIndexWithRevisionsDoc, PriceIndicesDoc, PriceSubsidyBatchDoc, PriceSubsidyBatchesDoc, PriceSubsidyPaymentsDoc, RecordedPriceIndexDoc } from './price-subsidy.view';

const RISE_BP = 'a whole number of basis points (3.5 % = 350; negative when prices fell)';

export class RecordPriceIndexDto {
  @ApiProperty({ example: 350, description: `CPI change over the same month of the previous year, ${RISE_BP}` })
  @IsInt({ message: `cpiRiseBp must be ${RISE_BP}` })
  @Min(-9999, { message: 'cpiRiseBp must be above -10000 (prices cannot fall by 100 %)' })
  @Max(100000)
  cpiRiseBp!: number;

  @ApiProperty({ example: 600, description: `Food component of the CPI (CPI中的食品价格), ${RISE_BP}` })
  @IsInt({ message: `foodCpiRiseBp must be ${RISE_BP}` })
  @Min(-9999, { message: 'foodCpiRiseBp must be above -10000 (prices cannot fall by 100 %)' })
  @Max(100000)
  foodCpiRiseBp!: number;

  @ApiProperty({ example: '国家统计局宁夏调查总队 2026年2月宁夏居民消费价格数据', description: 'the statistical release the figures come from' })
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  source!: string;
}

export class GrantPriceSubsidyDto {
  @ApiPropertyOptional({ example: DEFAULT_INDEX_REGION, description: 'region of the index (GB/T 2260); default 640000 Ningxia' })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'provinceCode must be a six-digit GB/T 2260 region code' })
  provinceCode?: string;

  @ApiPropertyOptional({ example: '2026-02', description: 'month of the index the batch is decided on; default the month paid' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'indexMonth must be a month YYYY-MM' })
  indexMonth?: string;
}

// The price-linkage subsidy is city-wide (one index, one batch a month for every district): kept by
// the administrator. The published index is public statistics that every member of staff may read;
// the batches and their payments are read by the administrator and the city auditor.
const ADMIN = Access({ roles: ['admin'], jurisdiction: 'any' });
const BATCH_READERS = Access({ roles: ['admin', 'city_auditor'], jurisdiction: 'any' });

function limitOf(limit: string, max: number): number {
  const n = Number(limit);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidInput([{ field: 'limit', reason: `must be an integer 1-${max}` }]);
  return n;
}

function regionOf(provinceCode: string | undefined): string | undefined {
  if (provinceCode !== undefined && !REGION_CODE.test(provinceCode)) throw new InvalidInput([{ field: 'provinceCode', reason: 'must be a six-digit GB/T 2260 region code' }]);
  return provinceCode;
}

function monthParam(month: string): string {
  if (!isYearMonth(month)) throw new InvalidInput([{ field: 'month', reason: 'must be a month YYYY-MM' }]);
  return month;
}

@ApiTags('price-subsidy')
@Controller('price-indices')
export class PriceIndicesController {
  constructor(
    @Inject(RecordPriceIndex) private readonly recordIndex: RecordPriceIndex,
    @Inject(PriceIndexRepository) private readonly indices: PriceIndexRepository,
  ) {}

  @Put(':provinceCode/:month')
  @ADMIN
  @ApiOperation({
    summary:
      'Record a month\'s year-on-year CPI and food-CPI rises. 201 when first recorded; 200 for a correction (a new revision, the earlier figures kept) or an identical re-send.',
  })
  @ApiBody({ type: RecordPriceIndexDto })
  @ApiCreatedResponse({ type: RecordedPriceIndexDoc, description: 'first recorded' })
  @ApiOkResponse({ type: RecordedPriceIndexDoc, description: 'a correction (a new revision) or an identical re-send' })
  async record(
    @Param('provinceCode') provinceCode: string,
    @Param('month') month: string,
    @Body() dto: RecordPriceIndexDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecordedPriceIndexDoc> {
    const r = await this.recordIndex.execute({ provinceCode, month, cpiRiseBp: dto.cpiRiseBp, foodCpiRiseBp: dto.foodCpiRiseBp, source: dto.source }, actor);
    res.status(r.outcome === 'recorded' ? 201 : 200);
    return { ...r.index, outcome: r.outcome };
  }

  @Get()
  @Access({ roles: STAFF_ROLES, jurisdiction: 'any' })
  @ApiOperation({ summary: 'Recorded price indices, newest month first' })
  @ApiQuery({ name: 'provinceCode', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiOkResponse({ type: PriceIndicesDoc })
  async list(@Query('provinceCode') provinceCode?: string, @Query('limit') limit = '120'): Promise<PriceIndicesDoc> {
    return { items: await this.indices.list({ provinceCode: regionOf(provinceCode), limit: limitOf(limit, 1000) }) };
  }

  @Get(':provinceCode/:month')
  @Access({ roles: STAFF_ROLES, jurisdiction: 'any' })
  @ApiOperation({ summary: 'One month\'s index with every revision (who recorded which figures, when, from which source)' })
  @ApiOkResponse({ type: PriceIndexWithRevisionsDoc })
  async get(@Param('provinceCode') provinceCode: string, @Param('month') month: string): Promise<PriceIndexWithRevisionsDoc> {
    const index = await this.indices.get(regionOf(provinceCode)!, monthParam(month));
    if (!index) throw new NotFound(`The price index of ${provinceCode} ${month}`);
    return index;
  }
}

@ApiTags('price-subsidy')
@Controller('price-subsidies')
export class PriceSubsidiesController {
  constructor(
    @Inject(GrantPriceSubsidy) private readonly grantSubsidy: GrantPriceSubsidy,
    @Inject(PriceSubsidyBatchRepository) private readonly batches: PriceSubsidyBatchRepository,
  ) {}

  @Post(':month/batches')
  @ADMIN
  @ApiOperation({
    summary:
      'Settle a month of the price-linkage subsidy: pays every covered case of the live caseload standard × rise × people and emits one living-allowance.price-subsidy.granted (201). ' +
      'When neither index triggers, the month is recorded as settled with nothing to pay and no event (200). A month is settled once: a second request is 409 PRICE_SUBSIDY.MONTH_ALREADY_SETTLED.',
  })
  @ApiBody({ type: GrantPriceSubsidyDto, required: false })
  @ApiCreatedResponse({ type: PriceSubsidyBatchDoc, description: 'the month is paid' })
  @ApiOkResponse({ type: PriceSubsidyBatchDoc, description: 'no index triggered: the month is settled with nothing to pay' })
  async grant(@Param('month') month: string, @Body() dto: GrantPriceSubsidyDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<PriceSubsidyBatchDoc> {
    const batch = await this.grantSubsidy.execute({ month, provinceCode: dto.provinceCode, indexMonth: dto.indexMonth }, actor);
    res.status(batch.triggered ? 201 : 200);
    return batch;
  }

  @Get()
  @BATCH_READERS
  @ApiOperation({ summary: 'Settled months, newest first' })
  @ApiQuery({ name: 'provinceCode', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiOkResponse({ type: PriceSubsidyBatchesDoc })
  async list(@Query('provinceCode') provinceCode?: string, @Query('limit') limit = '60'): Promise<PriceSubsidyBatchesDoc> {
    return { items: await this.batches.list({ provinceCode: regionOf(provinceCode), limit: limitOf(limit, 500) }) };
  }

  @Get(':month')
  @BATCH_READERS
  @ApiOperation({ summary: 'A month\'s batch: the index and triggers it was decided on, the rate, totals per district, households not paid and why, and the explanation' })
  @ApiQuery({ name: 'provinceCode', required: false, example: DEFAULT_INDEX_REGION })
  @ApiOkResponse({ type: PriceSubsidyBatchDoc })
  async get(@Param('month') month: string, @Query('provinceCode') provinceCode = DEFAULT_INDEX_REGION): Promise<PriceSubsidyBatchDoc> {
    const batch = await this.batches.get(monthParam(month), regionOf(provinceCode) ?? DEFAULT_INDEX_REGION);
    if (!batch) throw new NotFound(`The price-subsidy batch of ${month}`);
    return batch;
  }

  @Get(':month/payments')
  @BATCH_READERS
  @ApiOperation({ summary: 'A month\'s payments, by district then case (references only, no personal data)' })
  @ApiQuery({ name: 'provinceCode', required: false, example: DEFAULT_INDEX_REGION })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiOkResponse({ type: PriceSubsidyPaymentsDoc })
  async payments(
    @Param('month') month: string,
    @Query('provinceCode') provinceCode = DEFAULT_INDEX_REGION,
    @Query('districtCode') districtCode?: string,
    @Query('limit') limit = '500',
    @Query('offset') offset = '0',
  ): Promise<PriceSubsidyPaymentsDoc> {
    const l = limitOf(limit, 5000);
    const o = Number(offset);
    if (!Number.isInteger(o) || o < 0) throw new InvalidInput([{ field: 'offset', reason: 'must be a non-negative integer' }]);
    const batch = await this.batches.get(monthParam(month), regionOf(provinceCode) ?? DEFAULT_INDEX_REGION);
    if (!batch) throw new NotFound(`The price-subsidy batch of ${month}`);
    return { batchId: batch.id, items: await this.batches.payments(batch.id, { districtCode, limit: l, offset: o }) };
  }
}
