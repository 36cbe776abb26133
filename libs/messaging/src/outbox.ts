import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EventContract, validatePayload } from '@jiuzhu/contracts';

/** A row ready to leave the service: what the relay hands to a transport. */
export interface OutboundMessage {
  seq: string;
  id: string;
  topic: string;
  key: string;
  type: string;
  version: number;
  source: string;
  payload: unknown;
  occurredAt: string;
}

/**
 * Writes integration events in the caller's transaction, so the state change and its event commit
 * or roll back together. The event id is made here, once; a re-publication reuses it.
 */
export class Outbox {
  constructor(private readonly source: string) {}

  async append<T extends object>(manager: EntityManager, contract: EventContract<T>, payload: NoInfer<T>): Promise<string> {
    // A payload that breaks its own contract is a bug in this service; refuse it before it leaves.
    const checked = validatePayload(contract, payload);
    if (!checked.ok) {
      throw new Error(`event ${contract.type} v${contract.version} breaks its contract: ${JSON.stringify(checked.violations)}`);
    }
    const id = randomUUID();
    await manager.query(
      `INSERT INTO outbox (id, topic, key, type, version, source, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, contract.topic, contract.keyOf(payload), contract.type, contract.version, this.source, JSON.stringify(payload)],
    );
    return id;
  }
}
