import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiPropertyOptional, ApiQuery } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import type { Request } from 'express';
import { FieldProblem, InvalidInput } from '../errors';
import { readsQuery } from './query';

/** Which slice of a list a caller asks for. */
export interface PageRequest {
  limit: number;
  offset: number;
}

/** One slice of a list, with the size of the whole list, so a caller knows whether to ask for more. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface PagingBounds {
  /** When the caller gives no `limit`. */
  defaultLimit?: number;
  /** The largest `limit` a caller may ask for: a list is read into memory and sent whole. */
  maxLimit?: number;
}

/** Past this an offset is no way through a list anyone reads (and Postgres still reads every skipped row). */
export const MAX_OFFSET = 1_000_000;

function whole(raw: unknown, field: string, min: number, max: number, problems: FieldProblem[]): number {
  const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) problems.push({ field, reason: `must be a whole number from ${min} to ${max}` });
  return n;
}

/**
 * `limit` and `offset` of a query string, checked against their bounds; each bad one is added to
 * `problems` (so it is reported with the request's other bad fields in one 400).
 */
export function readPage(query: { limit?: unknown; offset?: unknown }, problems: FieldProblem[], bounds: PagingBounds = {}): PageRequest {
  const defaultLimit = bounds.defaultLimit ?? 50;
  const maxLimit = bounds.maxLimit ?? 500;
  const limit = query.limit === undefined ? defaultLimit : whole(query.limit, 'limit', 1, maxLimit, problems);
  const offset = query.offset === undefined ? 0 : whole(query.offset, 'offset', 0, MAX_OFFSET, problems);
  return { limit, offset };
}

/** `@PageQuery() page: PageRequest` — the request's `limit` and `offset`; a bad one is a 400 naming it. */
export const PageQuery = createParamDecorator((bounds: PagingBounds | undefined, ctx: ExecutionContext): PageRequest => {
  const problems: FieldProblem[] = [];
  const page = readPage(ctx.switchToHttp().getRequest<Request>().query, problems, bounds);
  if (problems.length) throw new InvalidInput(problems);
  return page;
}, [readsQuery('limit', 'offset')]);

/** The OpenAPI lines of `limit` and `offset`. */
export function ApiPageQuery(bounds: PagingBounds = {}): MethodDecorator {
  return applyDecorators(
    ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: bounds.maxLimit ?? 500, default: bounds.defaultLimit ?? 50 } }),
    ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 } }),
  );
}

/** A query string's digits as a number; anything else is left for the validator to refuse, naming the field. */
const wholeNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value);

function bounded(min: number, max: number, byDefault: number): PropertyDecorator {
  const message = `must be a whole number from ${min} to ${max}`;
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: min, maximum: max, default: byDefault }),
    Transform(wholeNumber),
    ValidateBy({ name: 'wholeNumberBetween', constraints: [min, max], validator: { validate: (v) => Number.isSafeInteger(v) && v >= min && v <= max, defaultMessage: () => message } }),
  );
}

/**
 * The base of a list's query DTO: `limit` and `offset`, checked against their bounds and turned into
 * numbers by the strict pipe, in one 400 with the query's other bad fields.
 * `class CaseListQuery extends PagedQuery({ defaultLimit: 100 }) { …filters… }`
 */
export function PagedQuery(bounds: PagingBounds = {}) {
  const defaultLimit = bounds.defaultLimit ?? 50;
  const maxLimit = bounds.maxLimit ?? 500;
  class PagedQueryDto implements PageRequest {
    @bounded(1, maxLimit, defaultLimit) limit: number = defaultLimit;
    @bounded(0, MAX_OFFSET, 0) offset: number = 0;
  }
  return PagedQueryDto;
}

/** A list's query with nothing but `limit` (default 50, at most 500) and `offset`. */
export class PageQueryDto extends PagedQuery() {}

/** The slice a paged query DTO asks for (without the DTO's other fields). */
export function pageOfQuery(q: PageRequest): PageRequest {
  return { limit: q.limit, offset: q.offset };
}

export function pageOf<T>(items: T[], total: number, page: PageRequest): Page<T> {
  return { items, total, limit: page.limit, offset: page.offset };
}
