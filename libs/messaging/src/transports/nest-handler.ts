import { lastValueFrom, isObservable, from, of, mergeMap, Observable } from 'rxjs';
import { Server } from '@nestjs/microservices';
import { EventEnvelope } from '@jiuzhu/contracts';

/**
 * Calls an `@EventPattern` handler and waits for it to finish, surfacing its error. (Nest's own
 * `handleEvent` fires and forgets, which would ack a message whose effect failed.)
 */
export async function invokeNestHandler(server: Server, pattern: string, envelope: EventEnvelope, context: unknown): Promise<void> {
  // Our patterns are plain strings, registered as they are; Nest's own lookup first tries each as
  // JSON, and the exception it catches for every message was a measurable share of a consumer's CPU.
  const handler = server.getHandlers().get(pattern) ?? server.getHandlerByPattern(pattern);
  if (!handler) throw new Error(`no handler for ${pattern}`);
  const result = await handler(envelope, context);
  await lastValueFrom(toObservable(result), { defaultValue: undefined });
}

function toObservable(r: unknown): Observable<unknown> {
  if (r instanceof Promise) return from(r).pipe(mergeMap((v) => (isObservable(v) ? v : of(v))));
  return isObservable(r) ? r : of(r);
}
