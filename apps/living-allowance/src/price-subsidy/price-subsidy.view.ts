import { ApiProperty } from '@nestjs/swagger';
import { LocalizedTextDoc, RuleOutcomeDoc } from '@jiuzhu/common/http';
import { ASSISTANCE_CATEGORIES } from './domain/labels';

/**
 * The price-linkage answers as the OpenAPI document describes them. The controllers are typed to
 * return these, so a documented field the answer lacks, or of another type, does not compile.
 */

class PriceIndexRevisionDoc {
  @ApiProperty({ description: 'year-on-year CPI rise in basis points (350 = 3.5 %)', example: 350 }) cpiRiseBp!: number;
  @ApiProperty({ description: 'year-on-year food-CPI rise in basis points', example: 620 }) foodCpiRiseBp!: number;
  @ApiProperty({ example: '宁夏统计局 2026年3月 居民消费价格指数' }) source!: string;
  @ApiProperty({ description: '1 for the first recording; each correction adds one' }) revision!: number;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class PriceIndexDoc extends PriceIndexRevisionDoc {
  @ApiProperty({ example: '640000' }) provinceCode!: string;
  @ApiProperty({ example: '2026-03' }) month!: string;
}

export class RecordedPriceIndexDoc extends PriceIndexDoc {
  @ApiProperty({ enum: ['recorded', 'corrected', 'unchanged'] }) outcome!: 'recorded' | 'corrected' | 'unchanged';
}

export class PriceIndexWithRevisionsDoc extends PriceIndexDoc {
  @ApiProperty({ type: [PriceIndexRevisionDoc], description: 'every recording, oldest first' }) revisions!: PriceIndexRevisionDoc[];
}

export class PriceIndicesDoc {
  @ApiProperty({ type: [PriceIndexDoc] }) items!: PriceIndexDoc[];
}

class BatchIndexDoc {
  @ApiProperty() month!: string;
  @ApiProperty() cpiRiseBp!: number;
  @ApiProperty() foodCpiRiseBp!: number;
  @ApiProperty() revision!: number;
}

class DistrictTotalDoc {
  @ApiProperty() districtCode!: string;
  @ApiProperty() households!: number;
  @ApiProperty() people!: number;
  @ApiProperty({ description: 'fen' }) totalFen!: number;
}

class ExclusionDoc {
  @ApiProperty({ enum: ASSISTANCE_CATEGORIES }) category!: string;
  @ApiProperty({ description: 'the rule that left them unpaid' }) code!: string;
  @ApiProperty() households!: number;
}

export class PriceSubsidyBatchDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty({ example: '2026-04' }) month!: string;
  @ApiProperty({ enum: ['granted', 'not_triggered'] }) status!: 'granted' | 'not_triggered';
  @ApiProperty() triggered!: boolean;
  @ApiProperty({ type: BatchIndexDoc, description: 'the index the batch was decided on, as it stood then' }) index!: BatchIndexDoc;
  @ApiProperty() triggersVersionId!: string;
  @ApiProperty({ nullable: true, enum: ['cpi', 'food_cpi'], type: String, description: 'which index triggered' }) basis!: 'cpi' | 'food_cpi' | null;
  @ApiProperty({ description: 'the rate in basis points of the standard' }) rateBp!: number;
  @ApiProperty() households!: number;
  @ApiProperty() people!: number;
  @ApiProperty({ description: 'fen' }) totalFen!: number;
  @ApiProperty({ type: [DistrictTotalDoc] }) districtTotals!: DistrictTotalDoc[];
  @ApiProperty({ type: [ExclusionDoc], description: 'households on the rolls not paid, and why' }) excluded!: ExclusionDoc[];
  @ApiProperty({ type: [RuleOutcomeDoc] }) rules!: RuleOutcomeDoc[];
  @ApiProperty({ type: [LocalizedTextDoc] }) explanation!: LocalizedTextDoc[];
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PriceSubsidyBatchesDoc {
  @ApiProperty({ type: [PriceSubsidyBatchDoc] }) items!: PriceSubsidyBatchDoc[];
}

class PriceSubsidyPaymentDoc {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() householdRef!: string;
  @ApiProperty({ enum: ASSISTANCE_CATEGORIES }) category!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty({ enum: ['urban', 'rural'] }) area!: string;
  @ApiProperty() people!: number;
  @ApiProperty({ description: 'the dibao standard the amount was computed from, fen/month' }) standardFen!: number;
  @ApiProperty({ description: 'fen' }) perPersonFen!: number;
  @ApiProperty({ description: 'fen' }) amountFen!: number;
}

export class PriceSubsidyPaymentsDoc {
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty({ type: [PriceSubsidyPaymentDoc] }) items!: PriceSubsidyPaymentDoc[];
}
