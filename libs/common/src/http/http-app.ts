import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
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

export interface HttpAppOptions {
  title: string;
  description: string;
  version: string;
  log: Logger;
  /**
   * Origins of the web console allowed to call this API from a browser (CONSOLE_ORIGIN). None: no
   * CORS headers at all, so a browser lets only same-origin pages read the answers.
   */
  consoleOrigins?: readonly string[];
  /** The API takes bearer tokens (libs/auth): OpenAPI gets the `bearer` security scheme operations refer to. */
  bearerAuth?: boolean;
}

/**
 * The HTTP conventions every service shares: security headers (helmet), CORS for the console only,
 * one error format, bounded JSON bodies, strict validation, no unknown query parameters, OpenAPI at /docs.
 */
export function configureHttpApp(app: INestApplication, o: HttpAppOptions): void {
  // helmet's defaults (CSP `default-src 'self'`, nosniff, frame-ancestors, no X-Powered-By …) suit both
  // the JSON API and Swagger UI at /docs, whose scripts and styles are served from /docs itself. Only
  // `upgrade-insecure-requests` goes: the services speak plain HTTP on loopback and inside the cluster
  // (TLS ends at the ingress), and a browser obeying it would fetch /docs' own scripts over https.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  if (o.consoleOrigins?.length) {
    app.enableCors({
      origin: [...o.consoleOrigins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['Location', 'X-Request-Id', 'WWW-Authenticate'],
      maxAge: 600,
    });
  }
  // Both run before any route: Nest adds its default JSON parser only when none is registered yet.
  (app as NestExpressApplication).useBodyParser('json', { limit: MAX_BODY_BYTES });
  app.use(refuseMisshapenBodies);
  app.useGlobalFilters(new ProblemDetailsFilter(o.log));
  app.useGlobalGuards(new KnownQueryParameters());
  app.useGlobalPipes(strictValidationPipe());
  const builder = new DocumentBuilder().setTitle(o.title).setDescription(o.description).setVersion(o.version).addGlobalParameters();
  if (o.bearerAuth) {
    builder.addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An OIDC access token (RS256 or ES256) from the configured issuer' }, 'bearer');
  }
  const doc = builder.build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'docs/openapi.json' });
}
