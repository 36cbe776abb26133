import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

/**
 * A mainland mobile number (11 digits from 13…19, optionally +86), or a landline with its area code
 * (0952-2012345, 09522012345) and an optional extension.
 */
export const PHONE_PATTERN = /^(?:(?:\+?86[- ]?)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$/;

/** Letters, not line breaks or other control characters (a name or an address is printed on notices). */
const PRINTABLE = /^[^\p{Cc}]*$/u;

/** Whitespace around a typed value is not part of it; NFC so that a name searched is the name stored. */
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().normalize('NFC') : value);

/**
 * Whom the office contacts about a case: the applicant's (联系人/户主) name, address and phone.
 * Optional, but a case nobody can tell apart or reach is of little use, so filing asks for them.
 * Personal data: kept with the case and shown in its view only; never in events, logs or URLs, and a
 * refusal names the field, never its value. Every service that files cases takes this one shape.
 */
export class ContactDto {
  @ContactName() name?: string;

  @ApiPropertyOptional({ description: '住址: up to 200 characters', example: '石嘴山市大武口区长胜街道某某小区3号楼2单元501' })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'address must be text' })
  @Length(1, 200, { message: 'address must be 1 to 200 characters' })
  @Matches(PRINTABLE, { message: 'address must not contain line breaks or control characters' })
  address?: string;

  @ApiPropertyOptional({ description: '联系电话: a mobile number (11 digits) or a landline with its area code', example: '13995212345' })
  @IsOptional()
  @Transform(trimmed)
  @IsString({ message: 'phone must be text' })
  @Matches(PHONE_PATTERN, { message: 'phone must be a mobile number (11 digits, 13…19) or a landline with its area code (0952-2012345)' })
  phone?: string;
}

/** An optional person's name (联系人/户主姓名), trimmed: as a case's contact, and as what a search by name looks for. */
export function ContactName(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: '联系人/户主姓名: the name as on the ID card, 1–50 characters', example: '王某某' }),
    IsOptional(),
    Transform(trimmed),
    IsString({ message: 'name must be text' }),
    Length(1, 50, { message: 'name must be 1 to 50 characters' }),
    Matches(PRINTABLE, { message: 'name must not contain line breaks or control characters' }),
  );
}

/** A case's contact as stored and shown: each field, or null where none was given. */
export interface Contact {
  name: string | null;
  address: string | null;
  phone: string | null;
}

export function contactOf(dto: ContactDto | undefined): Contact | undefined {
  return dto === undefined ? undefined : { name: dto.name ?? null, address: dto.address ?? null, phone: dto.phone ?? null };
}
