import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { Clock } from '@jiuzhu/common';
import { EventContract, validatePayload } from '@jiuzhu/contracts';
import { PreparedStatement } from '@jiuzhu/persistence';

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

// unnest keeps the rows in array order, so sequence numbers follow the caller's order. Prepared: it
// runs in every state-changing transaction of every service. Its gain was measured only together
// with the filing statement's (3befce2, docs/benchmarks.md), not on its own; measure it alone
// before adding another prepared statement on the same grounds.
const APPEND = new PreparedStatement(
  'jz_outbox_append',
  `INSERT INTO outbox (id, topic, key, type, version, source, payload, occurred_at)
   SELECT id, $4, key, $5, $6, $7, payload, $8::timestamptz FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS t(id, key, payload, n) ORDER BY n`,
);

/**
 * Writes integration events in the caller's transaction, so the state change and its event commit
 * or roll back together. The event id is made here, once; a re-publication reuses it.
 *
 * `occurredAt` is the service's clock, not the database's now(): an event must carry the same time
 * as the history line and the decision it announces, also when the demo runs the clock days ahead.
 */
export class Outbox {
  constructor(
    private readonly source: string,
    private readonly clock: Clock,
  ) {}

  async append<T extends object>(manager: EntityManager, contract: EventContract<T>, payload: NoInfer<T>): Promise<string> {
    const [id] = await this.appendMany(manager, contract, [payload]);
    return id;
  }

  /** Many events of one type in one statement (batch jobs: thousands of events per transaction). */
  async appendMany<T extends object>(manager: EntityManager, contract: EventContract<T>, payloads: NoInfer<T>[]): Promise<string[]> {
    if (payloads.length === 0) return [];
    const ids: string[] = [];
    const keys: string[] = [];
    const bodies: string[] = [];
    for (const payload of payloads) {
      // A payload that breaks its own contract is a bug in this service; refuse it before it leaves.
      const checked = validatePayload(contract, payload);
      if (!checked.ok) {
        throw new Error(`event ${contract.type} v${contract.version} breaks its contract: ${JSON.stringify(checked.violations)}`);
      }
      ids.push(randomUUID());
      keys.push(contract.keyOf(payload));
      bodies.push(JSON.stringify(payload));
    }
    // unnest keeps the rows in array order, so sequence numbers follow the caller's order.
    await APPEND.run(manager, [ids, keys, bodies, contract.topic, contract.type, contract.version, this.source, this.clock.now()]);
    return ids;
  }
}
