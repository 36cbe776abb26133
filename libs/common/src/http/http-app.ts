import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { documentShapeProblem } from '../document-shape';
import { InvalidInput } from '../errors';
import { ProblemDetailsFilter } from './problem-details.filter';
import { KnownQueryParameters } from './query';
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
 * The first problem of a parsed body's shape (see `documentShapeProblem`), worded for the caller.
 * A prototype key is refused like any other unknown field, only earlier.
 */
export function bodyShapeProblem(body: unknown): { field: string; reason: string } | undefined {
  const p = documentShapeProblem(body, MAX_BODY_DEPTH);
  if (!p) return undefined;
  const field = p.field || '(body)';
  if (p.kind === 'too-deep') return { field, reason: `is nested more than ${MAX_BODY_DEPTH} levels deep` };
  if (p.kind === 'not-text') return { field, reason: 'contains a NUL character or half of a surrogate pair, which is not text' };
  return { field, reason: 'should not exist' };
}

function refuseMisshapenBodies(req: Request, _res: Response, next: NextFunction): void {
  const problem = bodyShapeProblem(req.body);
  next(problem ? new InvalidInput([problem], 'The request body is not a document this service reads.') : undefined);
}

/** The HTTP conventions every service shares: one error format, bounded JSON bodies, strict validation, no unknown query parameters, OpenAPI at /docs. */
export function configureHttpApp(app: INestApplication, o: { title: string; description: string; version: string; log: Logger }): void {
  // Both run before any route: Nest adds its default JSON parser only when none is registered yet.
  (app as NestExpressApplication).useBodyParser('json', { limit: MAX_BODY_BYTES });
  app.use(refuseMisshapenBodies);
  app.useGlobalFilters(new ProblemDetailsFilter(o.log));
  app.useGlobalGuards(new KnownQueryParameters());
  app.useGlobalPipes(strictValidationPipe());
  const doc = new DocumentBuilder()
    .setTitle(o.title)
    .setDescription(o.description)
    .setVersion(o.version)
    .addGlobalParameters()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'docs/openapi.json' });
}
