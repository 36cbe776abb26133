import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class PublishParameterDto {
  @ApiProperty({ example: 'dibao.standard', description: 'one of the keys GET /parameters lists' }) @IsString() @MaxLength(100) key!: string;
  @ApiPropertyOptional({ example: '640202', description: 'only for a value set per district and area (e.g. dibao.standard)' }) @IsOptional() @IsString() districtCode?: string;
  @ApiPropertyOptional({ example: 'urban', description: "only for a value set per district and area: 'urban' or 'rural'" }) @IsOptional() @IsString() area?: string;
  @ApiProperty({
    example: '2027-01-01',
    description: 'first day the version applies: not before the catalog’s first day, not in the past (unless the key allows back-dating, as dibao.standard does), at most 5 years ahead (50 with farFuture)',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validFrom must be a date YYYY-MM-DD' })
  validFrom!: string;
  @ApiProperty({ example: { monthlyFen: 80000 }, description: 'exactly the shape of the key (no other fields; amounts in whole fen within bounds); see GET /parameters' })
  @IsDefined()
  // Kept exactly as sent: class-transformer copies a plain object key by key and silently skips a
  // key named like a method of Object.prototype (`toString`, `valueOf`…), so a stray key would be
  // dropped instead of refused by the key's shape check.
  @Transform(({ obj }) => (obj as { value?: unknown }).value, { toClassOnly: true })
  value!: unknown;
  @ApiProperty({ example: '石嘴山市人民政府关于调整城乡低保标准的通知 (2026)' }) @IsString() @MinLength(4) @MaxLength(500) legalSource!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({ description: 'true to publish a version dated more than 5 years ahead (a typing slip otherwise)' }) @IsOptional() @IsBoolean() farFuture?: boolean;
}
