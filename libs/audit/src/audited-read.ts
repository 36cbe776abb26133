import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata, Type } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { from, mergeMap, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { AppError, Unavailable } from '@jiuzhu/common';
import { digestOf } from './audit-chain';
import { withAuditContext } from './audit-context';
import { AuditActor, AuditTrail, auditTarget } from './audit-trail';

/**
 * Resolves what a read is about when the route cannot say it by itself (a search by ID number: the
 * personRef). An id is of the declared type; a `{ type, id }` names another (a search by name within
 * a township is about the township, since the name itself may not be recorded).
 */
export interface AuditedReadTarget {
  idOf(req: Request): string | { type: string; id: string } | Promise<string | { type: string; id: string }>;
}

export interface AuditedReadOptions {
  /** Default `<type>.read`. */
  action?: string;
  /**
   * Where the target's id comes from: the route's `:id` by default; a function of the request
   * (`(req) => req.params.personRef`); or a provider of the service implementing `AuditedReadTarget`
   * (it needs the service's own keys, e.g. to turn a searched ID number into its personRef).
   */
  id?: ((req: Request) => string | undefined) | Type<AuditedReadTarget>;
}

interface AuditedReadDeclaration {
  type: string;
  action: string;
  id?: AuditedReadOptions['id'];
}

const AUDITED_READ = 'jiuzhu:audited-read';

/**
 * Marks a route that shows a person's or a case's full record: once it has answered, who read which
 * record is appended to the audit trail (PIPL art. 51 and 54: processing of personal information is
 * logged and audited). `@AuditedRead('application')` on `GET /applications/:id` records
 * `application.read` on `application:<id>`, with the digest of the answer as it was sent.
 */
export function AuditedRead(type: string, o: AuditedReadOptions = {}): MethodDecorator {
  return SetMetadata(AUDITED_READ, { type, action: o.action ?? `${type}.read`, id: o.id } satisfies AuditedReadDeclaration);
}

export interface AuditInterceptorSources {
  audit: AuditTrail;
  dataSource: DataSource;
  /** Who is reading: the admitted actor of the request (libs/auth), or the X-Actor headers until tokens land. */
  actorOf(req: Request): AuditActor;
  log: Logger;
}

export const AUDIT_SOURCES = Symbol('AUDIT_SOURCES');

/** Who reads which record, as resolved before the handler runs; `unresolved`: the request named no record the trail can hold. */
type ReadSubject = { actor: AuditActor; target: string } | { actor: AuditActor; unresolved: unknown };

/**
 * The runtime's global interceptor (every HTTP route of every service): runs the handler inside the
 * request's audit context, so that changes it makes are recorded with the request id, and records
 * the routes marked `@AuditedRead`. Who reads which record is resolved before the handler runs, so
 * that a read the trail could not attribute is refused before any data is read rather than after.
 * The read is recorded in its own short transaction after the handler succeeded and before the
 * answer leaves: if the row cannot be written the caller gets an error instead of the data — no one
 * reads a record without a trace (fail closed). A refused read (404, 400) is not a read of anyone's
 * record and writes nothing.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    @Inject(AUDIT_SOURCES) private readonly s: AuditInterceptorSources,
    private readonly reflector: Reflector,
    private readonly modules: ModuleRef,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { id?: unknown }>();
    const read = this.reflector.get<AuditedReadDeclaration | undefined>(AUDITED_READ, context.getHandler());
    // pino-http (nestjs-pino) gave the request its id before any route ran.
    const requestId = typeof req.id === 'string' ? req.id : String(req.id ?? '');
    // Nest binds the handler to the async context `handle()` is called in: call it inside the request's.
    const inContext = <T>(work: () => T): T => withAuditContext({ requestId }, work);
    if (!read) return inContext(() => next.handle());
    return from(this.subjectOf(read, req)).pipe(
      mergeMap((subject) =>
        inContext(() => next.handle()).pipe(
          mergeMap((body) =>
            inContext(async () => {
              await this.recordRead(read, req, subject, body);
              return body;
            }),
          ),
        ),
      ),
    );
  }

  /**
   * The reader and the target, before the handler. A malformed actor header, or a resolver's own
   * refusal (an AppError), refuses the request now, with that error. Any other failure (no id, an id
   * the trail refuses, a resolver that could not read a body) comes from a request the route's own
   * pipes have not checked yet: they run inside the handler, after the interceptors. The route then
   * refuses it, naming the field at fault, and nothing is read.
   */
  private async subjectOf(read: AuditedReadDeclaration, req: Request): Promise<ReadSubject> {
    const actor = this.s.actorOf(req);
    try {
      const found = await this.targetIdOf(read, req);
      return { actor, target: typeof found === 'string' ? auditTarget(read.type, found) : auditTarget(found.type, found.id) };
    } catch (e) {
      if (e instanceof AppError) throw e;
      return { actor, unresolved: e };
    }
  }

  private async recordRead(read: AuditedReadDeclaration, req: Request, subject: ReadSubject, body: unknown): Promise<void> {
    if ('unresolved' in subject) {
      // The route answered a request whose record the declaration could not name: the declaration
      // does not fit the route (a bug, 500), and the answer is withheld.
      const why = subject.unresolved instanceof Error ? subject.unresolved.message : String(subject.unresolved);
      this.s.log.error({ err: why, action: read.action }, 'audit: a read names no record the trail can hold; the answer is withheld');
      throw new Error(`@AuditedRead('${read.type}') on ${req.method} ${req.route?.path ?? req.path} names no record for the trail: ${why}`);
    }
    const entry = { actor: subject.actor, action: read.action, target: subject.target, after: body === undefined ? null : digestOf(body) };
    try {
      await this.s.audit.appendAlone(this.s.dataSource, entry);
    } catch (e) {
      this.s.log.error({ err: e instanceof Error ? e.message : String(e), action: entry.action, target: entry.target }, 'audit: a read could not be recorded; the answer is withheld');
      throw new Unavailable('AUDIT.UNAVAILABLE', 'The read could not be recorded in the audit trail, so the record is not shown; try again.');
    }
  }

  private async targetIdOf(read: AuditedReadDeclaration, req: Request): Promise<string | { type: string; id: string }> {
    const from = read.id;
    let id: string | { type: string; id: string } | undefined;
    if (from === undefined) id = (req.params as Record<string, string | undefined>)?.id;
    else if (isProvider(from)) id = await this.modules.get(from, { strict: false }).idOf(req);
    else id = from(req);
    if (id === undefined || id === '') throw new Error(`@AuditedRead('${read.type}') found no target id on ${req.method} ${req.route?.path ?? req.path}`);
    return id;
  }
}

function isProvider(f: NonNullable<AuditedReadOptions['id']>): f is Type<AuditedReadTarget> {
  return typeof f === 'function' && typeof (f as Type<AuditedReadTarget>).prototype?.idOf === 'function';
}
