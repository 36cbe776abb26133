import { Client } from 'pg';
import type { Logger } from 'pino';
import type { Clock } from '@jiuzhu/common';
import { OutboundMessage } from './outbox';
import { EventPublisher } from './publisher';

export interface RelayOptions {
  batchSize: number;
  /** Fallback poll when no NOTIFY arrives (e.g. the listener connection dropped). */
  idlePollMs: number;
  /** Pause after a failed publish before retrying, doubled up to maxBackoffMs. */
  retryBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RELAY_OPTIONS: RelayOptions = { batchSize: 500, idlePollMs: 1000, retryBackoffMs: 200, maxBackoffMs: 10_000 };

// One relay per database may publish at a time (transaction-scoped advisory lock), so two relay
// instances — two replicas of a service — can never publish one key's events out of order.
// The key is exported so that a test can stand in for "another replica holds it" without a copy.
export const RELAY_LOCK_KEY = 'jiuzhu.outbox.relay';
const RELAY_LOCK_SQL = `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`;

// Named: prepared once on the relay's own connection, not parsed and planned for every batch.
const NEXT_BATCH_SQL = `SELECT seq, id, topic, key, type, version, source, payload, occurred_at FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1`;
// published_at on the service's clock, like occurred_at: the event log never shows an event published before it occurred.
const MARK_SENT_SQL = `UPDATE outbox SET published_at = $2 WHERE seq = ANY($1::bigint[])`;

/**
 * Publishes outbox rows in commit-safe order and marks them sent. The rows are marked in the same
 * transaction that holds the lock, after the transport acknowledged them: a crash before the commit
 * means the batch is published again (consumers' inboxes absorb it), never lost.
 *
 * Ordering per key relies on a service taking its aggregate's row lock before appending the event,
 * so two transactions for one aggregate commit in the order of their outbox sequence numbers.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private listener?: Client;
  private drainClient?: Client;
  private wake?: () => void;
  private pending = false;

  constructor(
    /** The service's own database: the relay's two connections (LISTEN, and draining) go there. */
    private readonly databaseUrl: string,
    private readonly publisher: EventPublisher,
    private readonly log: Logger,
    private readonly clock: Clock,
    private readonly options: RelayOptions = DEFAULT_RELAY_OPTIONS,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    this.dropDrainConnection();
  }

  /** Lets a caller in the same process skip the NOTIFY round-trip. */
  nudge(): void {
    this.pending = true;
    this.wake?.();
  }

  /** Publishes at most one batch; returns how many rows it published (0 when another relay holds the lock). */
  async drainOnce(): Promise<number> {
    // Its own connection, not the service's pool: under load, requests queueing for pool connections
    // would otherwise hold events back for seconds.
    const c = await this.drainConnection();
    try {
      await c.query('BEGIN');
      const [{ locked }] = (await c.query(RELAY_LOCK_SQL, [RELAY_LOCK_KEY])).rows;
      if (!locked) {
        await c.query('ROLLBACK');
        return 0;
      }
      const rows: Array<Record<string, unknown>> = (
        await c.query({ name: 'jz_relay_next', text: NEXT_BATCH_SQL, values: [this.options.batchSize] })
      ).rows;
      if (rows.length === 0) {
        await c.query('COMMIT');
        return 0;
      }
      const batch: OutboundMessage[] = rows.map((r) => ({
        seq: String(r.seq),
        id: String(r.id),
        topic: String(r.topic),
        key: String(r.key),
        type: String(r.type),
        version: Number(r.version),
        source: String(r.source),
        payload: r.payload,
        occurredAt: new Date(r.occurred_at as string).toISOString(),
      }));
      await this.publisher.publish(batch);
      await c.query({ name: 'jz_relay_mark', text: MARK_SENT_SQL, values: [batch.map((m) => m.seq), this.clock.now()] });
      await c.query('COMMIT');
      return batch.length;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => this.dropDrainConnection());
      throw e;
    }
  }

  private async drainConnection(): Promise<Client> {
    if (!this.drainClient) {
      const client = new Client({ connectionString: this.databaseUrl, application_name: 'outbox-relay' });
      client.on('error', () => this.dropDrainConnection());
      await client.connect();
      this.drainClient = client;
    }
    return this.drainClient;
  }

  private dropDrainConnection(): void {
    const c = this.drainClient;
    this.drainClient = undefined;
    c?.end().catch(() => undefined);
  }

  private async run(): Promise<void> {
    let backoff = this.options.retryBackoffMs;
    while (this.running) {
      this.pending = false;
      let published = 0;
      try {
        published = await this.drainOnce();
        backoff = this.options.retryBackoffMs;
      } catch (e) {
        this.log.warn({ err: e, retryInMs: backoff }, 'outbox relay: publish failed, will retry');
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs);
        continue;
      }
      if (published === this.options.batchSize || this.pending) continue;
      await this.sleep(this.options.idlePollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'outbox-relay-listener' });
    client.on('notification', () => this.nudge());
    client.on('error', (e) => {
      // The idle poll keeps the relay going; reconnect in the background.
      this.log.warn({ err: e }, 'outbox relay: LISTEN connection lost, polling until it is back');
      this.listener = undefined;
      if (this.running) setTimeout(() => this.running && this.listen().catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query('LISTEN jiuzhu_outbox');
    this.listener = client;
  }
}
