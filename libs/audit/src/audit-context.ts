import { AsyncLocalStorage } from 'node:async_hooks';

/** What the audit trail knows about the HTTP request a change is made in. */
export interface AuditRequestContext {
  /** The request's x-request-id (pino-http's `req.id`, kept from the caller or made by the platform). */
  requestId: string;
}

const storage = new AsyncLocalStorage<AuditRequestContext>();

/**
 * The request id reaches the trail through the async context rather than through every use case's
 * signature: the runtime's interceptor runs each HTTP handler inside `withAuditContext`, and work
 * that no request started (sweeps, reassessment runs, event consumers) has none.
 */
export function withAuditContext<T>(ctx: AuditRequestContext, work: () => T): T {
  return storage.run(ctx, work);
}

export function currentAuditContext(): AuditRequestContext | undefined {
  return storage.getStore();
}
