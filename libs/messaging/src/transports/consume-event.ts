import { applyDecorators, ArgumentsHost, Catch, RpcExceptionFilter, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, MessageHandler, Payload, Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom, Observable, of, throwError } from 'rxjs';
import { EntityManager } from 'typeorm';
import { contractForPattern, EventContract, EventEnvelope, patternOf } from '@jiuzhu/contracts';
import { ConsumerLookup, EventConsumer } from '../dispatcher';

const CONSUMER_NAME = 'jiuzhu.consumer';

/**
 * The handler's error, as it was, for the transport: the transport retries and dead-letters with
 * the real reason. Without it, Nest hands a handler's error to the service's global filters — the
 * HTTP problem-details filter, which failed on `res.status` and dead-lettered every failure as
 * "TypeError: res.status is not a function" (issue 10).
 */
@Catch()
class HandToTransport implements RpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * Registers a method as the consumer of an event (one or more versions of it), named for its effect.
 * The transport runs it inside the inbox — its effect commits with the `(consumer, event id)`
 * record, once however often the event arrives — and calls it with the event and the transaction's
 * manager: `method(event: EventEnvelope<T>, manager: EntityManager)`; all its writes go through the
 * manager. The name is the inbox key: renaming it makes events already handled count as new.
 */
export function ConsumeEvent(contracts: EventContract<any> | readonly EventContract<any>[], consumer: string): MethodDecorator {
  const list = Array.isArray(contracts) ? contracts : [contracts as EventContract<any>];
  if (!consumer) throw new Error('@ConsumeEvent needs the name of the consumer');
  return applyDecorators(EventPattern(list.map(patternOf), { [CONSUMER_NAME]: consumer }), UseFilters(new HandToTransport()), eventAndManager);
}

/** The transport calls a handler with (event, manager): Nest's own parameter decorators say so (`@Payload() e, @Ctx() m`). */
const eventAndManager: MethodDecorator = (target, key) => {
  Payload()(target, key, 0);
  Ctx()(target, key, 1);
};

export type ConsumerMethod<T> = (event: EventEnvelope<T>, manager: EntityManager) => Promise<void>;

/**
 * What a Nest transport strategy has registered: a consumer per pattern and the topics to subscribe
 * to. Refuses handlers the transport could not run inside the inbox.
 */
export function registeredConsumers(server: Server): ConsumerLookup & { topics: string[] } {
  const byPattern = new Map<string, EventConsumer>();
  const types = new Set<string>();
  const topics = new Set<string>();
  for (const [pattern, handler] of server.getHandlers()) {
    const contract = contractForPattern(pattern);
    if (!contract) throw new Error(`@ConsumeEvent('${pattern}') names no known event contract`);
    const name = (handler.extras as Record<string, unknown> | undefined)?.[CONSUMER_NAME];
    if (typeof name !== 'string') {
      throw new Error(`the handler of ${pattern} has no consumer name: register it with @ConsumeEvent(contract, '<effect>'), which runs it inside the inbox`);
    }
    // Nest would call a second handler of the pattern from the first, inside the first one's claim.
    if (handler.next) throw new Error(`${pattern} has two handlers in this service: one consumer per event, whose effect may do several things`);
    byPattern.set(pattern, { name, apply: (e, m) => invoke(handler, e, m) });
    types.add(contract.type);
    topics.add(contract.topic);
  }
  return { consumerOf: (p) => byPattern.get(p), consumesType: (t) => types.has(t), topics: [...topics] };
}

/** Calls the handler and waits for it (Nest's own `handleEvent` fires and forgets, which would ack a failed effect). */
async function invoke(handler: MessageHandler, envelope: EventEnvelope, manager: EntityManager): Promise<void> {
  const result: unknown = await handler(envelope, manager);
  await lastValueFrom(isObservable(result) ? result : of(result), { defaultValue: undefined });
}
