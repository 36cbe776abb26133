import { IsIn, IsString, Matches } from 'class-validator';
import { DISTRICT_CODES } from '@jiuzhu/common';

/**
 * References are keyed hashes (HMAC-SHA256, hex) of a resident ID number: stable across services,
 * useless to anyone without the key. Events carry these, never names or ID numbers.
 */
export const REF_PATTERN = /^[0-9a-f]{64}$/;
export type PersonRef = string;
export type HouseholdRef = string;

// The districts are reference data kept once, in libs/common (administrative-divisions.ts).
export { DISTRICT_CODES } from '@jiuzhu/common';
export type { DistrictCode } from '@jiuzhu/common';
export { AREAS } from '@jiuzhu/common';

export const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const YEAR_MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

function applyDecorators(...ds: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => ds.forEach((d) => d(target, key));
}

export function IsRef(): PropertyDecorator {
  return applyDecorators(IsString(), Matches(REF_PATTERN, { message: '$property must be a 64-hex keyed hash reference' }));
}
export function IsDistrictCode(): PropertyDecorator {
  return applyDecorators(IsIn(DISTRICT_CODES as unknown as string[], { message: '$property must be a known district code (GB/T 2260)' }));
}
export function IsLocalDate(): PropertyDecorator {
  return applyDecorators(IsString(), Matches(LOCAL_DATE_PATTERN, { message: '$property must be a calendar date YYYY-MM-DD' }));
}
export function IsYearMonth(): PropertyDecorator {
  return applyDecorators(IsString(), Matches(YEAR_MONTH_PATTERN, { message: '$property must be a month YYYY-MM' }));
}
