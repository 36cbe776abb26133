import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@jiuzhu/contracts';

export type InboxResult = 'applied' | 'duplicate';

/**
 * Exactly-once effect on top of at-least-once delivery: the `(consumer, event id)` record and the
 * consumer's effect commit in one transaction, so a second delivery finds the record and does nothing.
 */
export class Inbox {
  constructor(private readonly dataSource: DataSource) {}

  async handleOnce(
    consumer: string,
    event: Pick<EventEnvelope, 'id' | 'type'>,
    effect: (manager: EntityManager) => Promise<void>,
  ): Promise<InboxResult> {
    return this.dataSource.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO inbox (consumer, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
        [consumer, event.id, event.type],
      );
      if (inserted.length === 0) return 'duplicate';
      await effect(m);
      return 'applied';
    });
  }
}
