import { IsIn, IsInt, IsString, Min, MinLength } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { AREAS, IsDistrictCode, IsLocalDate } from '../value-types';

/** A dibao standard (monthly, per person) took effect for a district and area. */
export class StandardPublishedV1 {
  @IsDistrictCode() districtCode!: string;
  @IsIn(AREAS as unknown as string[]) area!: 'urban' | 'rural';
  @IsInt() @Min(0) monthlyFen!: number;
  @IsLocalDate() validFrom!: string;
  @IsString() @MinLength(1) versionId!: string;
  @IsString() @MinLength(1) legalSource!: string;
}

export const StandardPublished: EventContract<StandardPublishedV1> = {
  type: 'living-allowance.standard.published',
  version: 1,
  topic: TOPICS.livingAllowanceStandards,
  keyOf: (p) => `${p.districtCode}/${p.area}`,
  payloadClass: StandardPublishedV1,
  description: 'A new dibao standard version was published; other services keep their own copy.',
  example: {
    districtCode: '640202',
    area: 'urban',
    monthlyFen: 80000,
    validFrom: '2026-01-01',
    versionId: 'dibao.standard/640202/urban@2026-01-01',
    legalSource: '石嘴山市民政局 2026 年城乡低保标准通知 (illustrative)',
  },
};
