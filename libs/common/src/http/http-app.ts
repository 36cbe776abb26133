import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { InvalidInput } from '../errors';
import { ProblemDetailsFilter } from './problem-details.filter';
import { strictValidationPipe } from './validation';

/**
 * The largest JSON body any endpoint takes. The biggest real document (a household of 30 members
 * with 200 incomes and 200 deductions) is about 40 kB.
 */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The deepest nesting of objects and arrays a body may have. Real documents go five deep
 * (body → household → members → member → disability). Deeper bodies are refused before validation:
 * class-transformer and class-validator recurse once per level, and `{"household":[[[[…]]]]}` a few
 * thousand levels deep overflowed the stack there, a 500 on every write endpoint.
 */
export const MAX_BODY_DEPTH = 32;

/**
 * Keys that are never fields of ours but name an object's prototype machinery: class-transformer
 * skips them silently (so the whitelist never sees them), and anything that copies a body onto an
 * object could change its prototype. Refused like any other unknown field, only earlier.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A NUL character or half of a surrogate pair (with the u flag, a whole pair is one code point and
 * does not match): JSON can carry both as escapes, but neither is text, and Postgres refuses to
 * store them (in text and jsonb alike) — the insert failed, a 500 after validation had passed.
 */
const NOT_TEXT = /[\u0000\uD800-\uDFFF]/u;

/**
 * The first problem of a parsed body's shape: nested too deep, a prototype key, or a string that is
 * not text. Iterative (an explicit stack), because the point is to refuse bodies that are too deep
 * for recursion.
 */
export function bodyShapeProblem(body: unknown): { field: string; reason: string } | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string' && NOT_TEXT.test(value)) return { field: path || '(body)', reason: 'contains a NUL character or half of a surrogate pair, which is not text' };
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return { field: path || '(body)', reason: `is nested more than ${MAX_BODY_DEPTH} levels deep` };
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const [key, v] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key) || NOT_TEXT.test(key)) return { field, reason: 'should not exist' };
      stack.push({ value: v, path: field, depth: depth + 1 });
    }
  }
  return undefined;
}

function refuseMisshapenBodies(req: Request, _res: Response, next: NextFunction): void {
  const problem = bodyShapeProblem(req.body);
  next(problem ? new InvalidInput([problem], 'The request body is not a document this service reads.') : undefined);
}

/** The HTTP conventions every service shares: one error format, bounded JSON bodies, strict validation, OpenAPI at /docs. */
export function configureHttpApp(app: INestApplication, o: { title: string; description: string; version: string; log: Logger }): void {
  // Both run before any route: Nest adds its default JSON parser only when none is registered yet.
  (app as NestExpressApplication).useBodyParser('json', { limit: MAX_BODY_BYTES });
  app.use(refuseMisshapenBodies);
  app.useGlobalFilters(new ProblemDetailsFilter(o.log));
  app.useGlobalPipes(strictValidationPipe());
  const doc = new DocumentBuilder()
    .setTitle(o.title)
    .setDescription(o.description)
    .setVersion(o.version)
    .addGlobalParameters()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'docs/openapi.json' });
}
