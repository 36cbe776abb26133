import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { CaseRejected } from '@jiuzhu/contracts';
import { EventPublisher, Outbox, OutboundMessage, OutboxRelay, RELAY_LOCK_KEY } from '../src';
import { eventually } from '../../../test/support/infra';
import { messagingDatabase } from './messaging-db';
import { systemClock } from '@jiuzhu/common';

const log = pino({ level: 'silent' });

/** Records what a relay hands over, as a transport would see it (with a delay, so relays overlap). */
class RecordingPublisher implements EventPublisher {
  constructor(
    readonly sink: OutboundMessage[],
    private readonly delayMs = 0,
    private readonly failAfter?: { batches: number },
  ) {}
  batches = 0;
  async start() {}
  async stop() {}
  async publish(batch: OutboundMessage[]) {
    this.batches++;
    if (this.delayMs) await new Promise((r) => setTimeout(r, Math.random() * this.delayMs));
    if (this.failAfter && this.batches > this.failAfter.batches) {
      // Half the batch reaches the broker, then the process "dies" before the relay commits.
      this.sink.push(...batch.slice(0, Math.ceil(batch.length / 2)));
      throw new Error('relay crashed mid-batch');
    }
    this.sink.push(...batch);
  }
}

const KEYS = Array.from({ length: 12 }, (_, i) => i.toString(16).padStart(64, '0'));

/** Writers that behave like services: lock the aggregate row, bump it, append its event. */
async function writeEvents(ds: DataSource, perKey: number): Promise<Map<string, string[]>> {
  const outbox = new Outbox('relay-test', systemClock);
  const order = new Map<string, string[]>(KEYS.map((k) => [k, []]));
  await ds.query(`INSERT INTO aggregates (id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [KEYS]);
  await Promise.all(
    KEYS.map(async (key) => {
      for (let i = 0; i < perKey; i++) {
        const id = await ds.transaction(async (m) => {
          await m.query(`SELECT counter FROM aggregates WHERE id = $1 FOR UPDATE`, [key]);
          await m.query(`UPDATE aggregates SET counter = counter + 1 WHERE id = $1`, [key]);
          return outbox.append(m, CaseRejected, {
            caseId: randomUUID(),
            householdRef: key,
            coverage: 'household',
            districtCode: '640205',
            reasonCode: 'OTHER',
            rejectedOn: '2026-03-02',
          });
        });
        order.get(key)!.push(id);
      }
    }),
  );
  return order;
}

function firstSeenOrderPerKey(sink: OutboundMessage[]): Map<string, string[]> {
  const seen = new Set<string>();
  const out = new Map<string, string[]>();
  for (const m of sink) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    out.set(m.key, [...(out.get(m.key) ?? []), m.id]);
  }
  return out;
}

describe('outbox relay on Postgres', () => {
  let db: Awaited<ReturnType<typeof messagingDatabase>>;
  beforeEach(async () => {
    db = await messagingDatabase('relay');
  });
  afterEach(() => db.drop());

  it('two relays running at once publish every row exactly once and keep each key in order', async () => {
    const writer = await db.open();
    const sink: OutboundMessage[] = [];
    const relays = [
      new OutboxRelay(db.url, new RecordingPublisher(sink, 5), log, systemClock, { batchSize: 37, idlePollMs: 50, retryBackoffMs: 10, maxBackoffMs: 50 }),
      new OutboxRelay(db.url, new RecordingPublisher(sink, 5), log, systemClock, { batchSize: 23, idlePollMs: 50, retryBackoffMs: 10, maxBackoffMs: 50 }),
    ];
    await Promise.all(relays.map((r) => r.start()));
    const written = await writeEvents(writer, 40);
    const total = KEYS.length * 40;
    await eventually(async () => sink.length >= total, `${total} events published`);
    await eventually(async () => Number((await writer.query(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`))[0].n) === 0, 'all rows marked sent');
    await Promise.all(relays.map((r) => r.stop()));

    expect(sink).toHaveLength(total);
    expect(new Set(sink.map((m) => m.id)).size).toBe(total);
    expect(firstSeenOrderPerKey(sink)).toEqual(written);
  });

  it('loses nothing when a relay dies mid-batch: after a restart every row is published, in order per key', async () => {
    const writer = await db.open();
    const written = await writeEvents(writer, 25);
    const total = KEYS.length * 25;
    const sink: OutboundMessage[] = [];

    const crashing = new OutboxRelay(db.url, new RecordingPublisher(sink, 0, { batches: 2 }), log, systemClock, { batchSize: 40, idlePollMs: 50, retryBackoffMs: 10, maxBackoffMs: 20 });
    await expect(crashing.drainOnce()).resolves.toBe(40);
    await expect(crashing.drainOnce()).resolves.toBe(40);
    await expect(crashing.drainOnce()).rejects.toThrow('relay crashed mid-batch');
    expect(Number((await writer.query(`SELECT count(*) AS n FROM outbox WHERE published_at IS NOT NULL`))[0].n)).toBe(80);

    const restarted = new OutboxRelay(db.url, new RecordingPublisher(sink), log, systemClock, { batchSize: 40, idlePollMs: 50, retryBackoffMs: 10, maxBackoffMs: 20 });
    await restarted.start();
    await eventually(async () => Number((await writer.query(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`))[0].n) === 0, 'all rows marked sent');
    await restarted.stop();

    const ids = new Set(sink.map((m) => m.id));
    expect(ids.size).toBe(total);
    // At-least-once: only the half-published batch is seen twice.
    expect(sink.length - total).toBe(20);
    expect(firstSeenOrderPerKey(sink)).toEqual(written);
  });

  it('wakes on NOTIFY instead of waiting for its poll: a committed event is handed over quickly', async () => {
    const writer = await db.open();
    const sink: OutboundMessage[] = [];
    const relay = new OutboxRelay(db.url, new RecordingPublisher(sink), log, systemClock, { batchSize: 100, idlePollMs: 60_000, retryBackoffMs: 10, maxBackoffMs: 20 });
    await relay.start();
    await writeEvents(writer, 1);
    // The idle poll is a minute; only the LISTEN/NOTIFY wake-up can deliver within the wait below.
    await eventually(async () => sink.length === KEYS.length, 'events delivered through NOTIFY', 5_000);
    await relay.stop();
  });

  it('a standby relay publishes nothing while another holds the lock', async () => {
    const writer = await db.open();
    await writeEvents(writer, 2);
    const holder = await db.open();
    const qr = holder.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    await qr.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [RELAY_LOCK_KEY]);
    const sink: OutboundMessage[] = [];
    const standby = new OutboxRelay(db.url, new RecordingPublisher(sink), log, systemClock);
    await expect(standby.drainOnce()).resolves.toBe(0);
    await qr.rollbackTransaction();
    await qr.release();
    await expect(standby.drainOnce()).resolves.toBe(KEYS.length * 2);
    expect(sink).toHaveLength(KEYS.length * 2);
  });
});
