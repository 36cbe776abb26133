import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, FieldProblem, Unauthenticated, ViolationKind } from '../errors';
import { censorUrl, safeError } from '../logger';

/** RFC 9457 problem details: the one error format of every service. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  /** The same detail in Chinese, when the rule that was violated words it. */
  detailZh?: string;
  errors?: FieldProblem[];
}

/** The one place a kind of failure becomes an HTTP status. */
export const STATUS_OF_KIND: Record<ViolationKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const problem = this.toProblem(exception);
    // The request's own URL, without the value of a personal query parameter: an error body names a field, never its value.
    problem.instance = req?.originalUrl === undefined ? undefined : censorUrl(req.originalUrl);
    if (problem.status >= 500) {
      this.log.error({ err: safeError(exception), path: req?.path, method: req?.method }, 'unhandled error');
    }
    if (exception instanceof Unauthenticated) res.setHeader('WWW-Authenticate', exception.challenge);
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(e: unknown): ProblemDetails {
    if (e instanceof AppError) {
      const p = problem(STATUS_OF_KIND[e.kind], e.code, e.message, e.fields.length ? e.fields : undefined);
      return e.messageZh ? { ...p, detailZh: e.messageZh } : p;
    }
    const pg = postgresProblem(e);
    if (pg) return pg;
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const body = e.getResponse();
      // Body-parser failures (malformed JSON, too large) arrive as HttpExceptions.
      const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? e.message);
      return problem(status, status === 400 ? 'MALFORMED_REQUEST' : `HTTP_${status}`, detail);
    }
    const status = (e as { status?: number; statusCode?: number })?.status ?? (e as { statusCode?: number })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // express body-parser errors (entity.parse.failed, entity.too.large) carry a status.
      return problem(status, status === 400 ? 'MALFORMED_REQUEST' : `HTTP_${status}`, (e as Error).message);
    }
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', 'An unexpected error occurred; it has been logged.');
  }
}

function problem(status: number, code: string, detail: string, errors?: FieldProblem[]): ProblemDetails {
  return {
    type: `https://jiuzhu.example/problems/${code.toLowerCase().replace(/[._]/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
}

/** Constraint violations that reach the database are the caller's conflict, not our 500. */
function postgresProblem(e: unknown): ProblemDetails | undefined {
  const code = (e as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (e as { code?: string })?.code;
  if (code === '23505') return problem(409, 'DUPLICATE', 'A record with the same identity already exists.');
  if (code === '40001' || code === '40P01') return problem(409, 'CONCURRENT_UPDATE', 'A concurrent change interfered; reload and retry.');
  return undefined;
}
