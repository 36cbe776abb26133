import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, IsUUID, Matches, Min, MinLength, ValidateNested } from 'class-validator';
import { JSONSchema, targetConstructorToSchema } from 'class-validator-jsonschema';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { DISTRICT_CODES, IsDistrictCode, IsLocalDate, IsYearMonth } from '../value-types';

/** One district's share of a price-subsidy batch: counts and money only, nobody's identity. */
export class PriceSubsidyDistrictTotalV1 {
  @IsDistrictCode() districtCode!: string;
  @IsInt() @Min(1) households!: number;
  @IsInt() @Min(1) people!: number;
  @IsInt() @Min(0) totalFen!: number;
}

/**
 * The month's price-linkage subsidy (物价上涨挂钩联动机制, 发改价格〔2021〕1553号) was granted: one event
 * per payment batch, published only when an index triggered the mechanism. A month in which neither
 * index reached its trigger is recorded as settled but announces nothing — there is nothing to pay,
 * and a subsidy running in earlier months simply has no batch for it. Totals only: the per-household
 * payments stay in the living-allowance service (GET /price-subsidies/{month}/payments).
 */
export class PriceSubsidyGrantedV1 {
  @IsUUID() batchId!: string;
  /** GB/T 2260 code of the region whose index decided the batch (640000 Ningxia). */
  @IsString() @Matches(/^[1-9]\d{5}$/, { message: '$property must be a GB/T 2260 region code' }) provinceCode!: string;
  /** The month paid for. */
  @IsYearMonth() month!: string;
  /** The month of the price index the batch was decided on (the paid month or an earlier one). */
  @IsYearMonth() indexMonth!: string;
  /** The index whose rise sets the rate: the CPI or its food component (the higher when both trigger). */
  @IsIn(['cpi', 'food_cpi']) basis!: 'cpi' | 'food_cpi';
  /** The rise applied to each household's monthly dibao standard, bp (3.5 % = 350). */
  @IsInt() @Min(1) rateBp!: number;
  /** The `price-subsidy.triggers` parameter version the month was decided with. */
  @IsString() @MinLength(1) triggersVersionId!: string;
  @IsInt() @Min(0) households!: number;
  @IsInt() @Min(0) people!: number;
  @IsInt() @Min(0) totalFen!: number;
  @IsArray()
  @ArrayMaxSize(DISTRICT_CODES.length)
  @ValidateNested({ each: true })
  @Type(() => PriceSubsidyDistrictTotalV1)
  // Inline the item schema: the published documents carry payload schemas only, no shared components.
  @JSONSchema(() => ({ type: 'array', maxItems: DISTRICT_CODES.length, items: targetConstructorToSchema(PriceSubsidyDistrictTotalV1) }))
  districtTotals!: PriceSubsidyDistrictTotalV1[];
  @IsLocalDate() grantedOn!: string;
}

export const PriceSubsidyGranted: EventContract<PriceSubsidyGrantedV1> = {
  type: 'living-allowance.price-subsidy.granted',
  version: 1,
  topic: TOPICS.livingAllowancePriceSubsidies,
  // The batch's identity: one region's one month (never paid twice).
  keyOf: (p) => `${p.provinceCode}/${p.month}`,
  payloadClass: PriceSubsidyGrantedV1,
  description:
    'The monthly price-linkage subsidy was granted for a month (one event per payment batch, only when the CPI or food-CPI rise reached its trigger), with totals per district.',
  example: {
    batchId: '5d0e7a3c-2b1f-4e8a-9c6d-7f1a2b3c4d5e',
    provinceCode: '640000',
    month: '2026-03',
    indexMonth: '2026-02',
    basis: 'food_cpi',
    rateBp: 620,
    triggersVersionId: 'price-subsidy.triggers@2025-01-01',
    households: 3,
    people: 6,
    totalFen: 27652,
    districtTotals: [
      { districtCode: '640202', households: 2, people: 5, totalFen: 24180 },
      { districtCode: '640221', households: 1, people: 1, totalFen: 3472 },
    ],
    grantedOn: '2026-03-05',
  },
};
