import { randomUUID } from 'node:crypto';
import { EventContract } from '@jiuzhu/contracts';
import { OutboundMessage } from '@jiuzhu/messaging';

/**
 * An event as a producer's relay would publish it, for tests that inject events straight onto a
 * transport: keyed by the contract's own key, with a fresh id unless one is given (a redelivery).
 */
export function outboundMessage<T extends object>(contract: EventContract<T>, payload: T, o: { id?: string; source?: string } = {}): OutboundMessage {
  return {
    seq: '0',
    id: o.id ?? randomUUID(),
    topic: contract.topic,
    key: contract.keyOf(payload),
    type: contract.type,
    version: contract.version,
    source: o.source ?? 'test',
    payload,
    occurredAt: new Date().toISOString(),
  };
}
