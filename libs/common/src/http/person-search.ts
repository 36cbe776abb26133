import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsResidentId } from './resident-id.validator';

const ID_NUMBER = {
  example: '640205195503011233',
  description: "the person's 居民身份证号码, in the body: never in a URL (access logs, proxies and browser history keep URLs). Hashed to the personRef at once; never stored, logged or returned",
};

/**
 * The ID number a search is for, in a POST body. Every service's search by ID number takes it this
 * way and answers alike: only what exists (a person the service never saw gets an empty page) and no
 * personRef, so a search is no way to turn an ID number into its reference.
 */
export function SearchedIdNumber(o: { required?: boolean } = {}): PropertyDecorator {
  return o.required === false ? applyDecorators(ApiPropertyOptional(ID_NUMBER), IsOptional(), IsResidentId()) : applyDecorators(ApiProperty(ID_NUMBER), IsResidentId());
}

/** `{ "idNumber": "…" }`: a search by ID number alone. */
export class IdNumberSearchDto {
  @SearchedIdNumber() idNumber!: string;
}
