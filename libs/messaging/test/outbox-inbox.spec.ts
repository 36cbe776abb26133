import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CaseRejected, CaseRejectedV1, EventEnvelope } from '@jiuzhu/contracts';
import { ConsumerLookup, dispatchBatch, Inbox, Outbox } from '../src';
import { messagingDatabase } from './messaging-db';
import { systemClock } from '@jiuzhu/common';

const REF = 'a'.repeat(64);
const payload = (caseId = randomUUID()): CaseRejectedV1 => ({
  caseId,
  householdRef: REF,
  coverage: 'household',
  districtCode: '640202',
  reasonCode: 'ASSETS_OVER_LIMIT',
  rejectedOn: '2026-03-02',
});

describe('outbox and inbox on Postgres', () => {
  let db: Awaited<ReturnType<typeof messagingDatabase>>;
  let ds: DataSource;
  const outbox = new Outbox('test-service', systemClock);

  beforeAll(async () => {
    db = await messagingDatabase('outbox');
    ds = await db.open();
  });
  afterAll(() => db.drop());

  const count = async (sql: string) => Number((await ds.query(sql))[0].n);

  it('commits the state change and its event row together', async () => {
    const before = await count(`SELECT count(*) AS n FROM outbox`);
    await ds.transaction(async (m) => {
      await m.query(`INSERT INTO aggregates (id) VALUES ('committed')`);
      await outbox.append(m, CaseRejected, payload());
    });
    expect(await count(`SELECT count(*) AS n FROM aggregates WHERE id = 'committed'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM outbox`)).toBe(before + 1);
  });

  it('rolls the event row back with a failed state change: no event without its state', async () => {
    const before = await count(`SELECT count(*) AS n FROM outbox`);
    await expect(
      ds.transaction(async (m) => {
        await outbox.append(m, CaseRejected, payload());
        await m.query(`INSERT INTO aggregates (id) VALUES ('rolled-back')`);
        throw new Error('the use case failed after writing');
      }),
    ).rejects.toThrow('the use case failed');
    expect(await count(`SELECT count(*) AS n FROM aggregates WHERE id = 'rolled-back'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM outbox`)).toBe(before);
  });

  it('gives each event its id once, when the row is written, with the aggregate reference as key and CloudEvents type/version', async () => {
    const id = await ds.transaction((m) => outbox.append(m, CaseRejected, payload()));
    const [row] = await ds.query(`SELECT id, key, type, version, source, topic FROM outbox WHERE id = $1`, [id]);
    expect(row).toEqual({ id, key: REF, type: 'living-allowance.case.rejected', version: 1, source: 'test-service', topic: 'living-allowance.cases.v1' });
  });

  it('refuses to write an event that breaks its own contract (and writes nothing)', async () => {
    const before = await count(`SELECT count(*) AS n FROM outbox`);
    await expect(ds.transaction((m) => outbox.append(m, CaseRejected, { ...payload(), districtCode: '999999' }))).rejects.toThrow(/breaks its contract/);
    expect(await count(`SELECT count(*) AS n FROM outbox`)).toBe(before);
  });

  it('applies an event once: a second delivery of the same event id changes nothing', async () => {
    const inbox = new Inbox(ds, systemClock);
    const event = { id: randomUUID(), type: 'living-allowance.case.rejected' };
    const effect = (key: string) => async (m: import('typeorm').EntityManager) => {
      await m.query(`INSERT INTO effects (consumer, event_id, key, seq) VALUES ('c1', $1, $2, 1)`, [event.id, key]);
    };
    expect(await inbox.handleOnce('c1', event, effect('first'))).toBe('applied');
    expect(await inbox.handleOnce('c1', event, effect('second'))).toBe('duplicate');
    expect(await ds.query(`SELECT key FROM effects WHERE event_id = $1`, [event.id])).toEqual([{ key: 'first' }]);
  });

  it('applies an event once even when two deliveries race', async () => {
    const inbox = new Inbox(ds, systemClock);
    const event = { id: randomUUID(), type: 'x' };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        inbox.handleOnce('c-race', event, async (m) => {
          await m.query(`INSERT INTO effects (consumer, event_id, key, seq) VALUES ('c-race', $1, 'k', $2)`, [event.id, i]);
        }),
      ),
    );
    expect(results.filter((r) => r === 'applied')).toHaveLength(1);
    expect(await count(`SELECT count(*) AS n FROM effects WHERE consumer = 'c-race'`)).toBe(1);
  });

  it('records the effect and the inbox entry together: a failing effect leaves no inbox entry, so a redelivery is applied', async () => {
    const inbox = new Inbox(ds, systemClock);
    const event = { id: randomUUID(), type: 'x' };
    await expect(
      inbox.handleOnce('c2', event, async (m) => {
        await m.query(`INSERT INTO effects (consumer, event_id, key, seq) VALUES ('c2', $1, 'k', 1)`, [event.id]);
        throw new Error('effect failed');
      }),
    ).rejects.toThrow('effect failed');
    expect(await count(`SELECT count(*) AS n FROM inbox WHERE consumer = 'c2'`)).toBe(0);
    expect(await inbox.handleOnce('c2', event, async () => undefined)).toBe('applied');
  });

  it('keeps consumers apart: the same event is applied once per consumer', async () => {
    const inbox = new Inbox(ds, systemClock);
    const event = { id: randomUUID(), type: 'x' };
    expect(await inbox.handleOnce('consumer-a', event, async () => undefined)).toBe('applied');
    expect(await inbox.handleOnce('consumer-b', event, async () => undefined)).toBe('applied');
  });
});

describe('batched consumption (one transaction per batch, claims first, careful replay on failure)', () => {
  let db: Awaited<ReturnType<typeof messagingDatabase>>;
  let ds: DataSource;
  beforeAll(async () => {
    db = await messagingDatabase('batch');
    ds = await db.open();
  });
  afterAll(() => db.drop());

  const envelope = (key: string, seq: number) => ({
    id: randomUUID(),
    source: 'test',
    type: CaseRejected.type,
    specversion: '1.0' as const,
    time: new Date().toISOString(),
    subject: REF,
    datacontenttype: 'application/json' as const,
    dataschema: 'urn:test',
    version: 1,
    data: { ...payload(), caseId: randomUUID() },
    seq,
  });

  /** Every event goes to one consumer whose effect is `effect`. */
  const oneConsumer = (name: string, effect: (e: EventEnvelope, m: EntityManager) => Promise<void>): ConsumerLookup => ({
    consumerOf: () => ({ name, apply: effect }),
    consumesType: () => true,
  });
  const seqOf = (e: EventEnvelope) => (e as unknown as { seq: number }).seq;

  it('applies every event of a batch once, in order, and a failing one is replayed alone and dead-lettered after its attempts', async () => {
    const inbox = new Inbox(ds, systemClock);
    const batch = Array.from({ length: 50 }, (_, i) => envelope('k', i));
    const poison = batch[30].id;
    const calls = new Map<string, number>();
    const outcomes = await dispatchBatch(
      batch,
      oneConsumer('batch-consumer', async (e, m) => {
        calls.set(e.id, (calls.get(e.id) ?? 0) + 1);
        await m.query(`INSERT INTO effects (consumer, event_id, key, seq) VALUES ('batch-consumer', $1, 'k', $2)`, [e.id, seqOf(e)]);
        if (e.id === poison) throw new Error('cannot apply');
      }),
      inbox,
      { maxAttempts: 3, backoffMs: 1 },
    );

    expect(outcomes.filter((o) => o.kind === 'handled')).toHaveLength(49);
    expect(outcomes[30]).toEqual({ kind: 'dead-letter', reason: 'handler-failed', error: 'Error: cannot apply', attempts: 3 });
    expect(calls.get(poison)).toBe(3);
    const rows = await ds.query(`SELECT seq FROM effects WHERE consumer = 'batch-consumer' ORDER BY seq`);
    expect(rows.map((r: { seq: number }) => r.seq)).toEqual([...Array(50).keys()].filter((i) => i !== 30));
    expect(Number((await ds.query(`SELECT count(*) AS n FROM inbox WHERE consumer = 'batch-consumer'`))[0].n)).toBe(49);
  });

  /** Runs `batch` through dispatchBatch with a handler that records its effect for `consumer`. */
  const consume = (inbox: Inbox, consumer: string, batch: ReturnType<typeof envelope>[]) =>
    dispatchBatch(
      batch,
      oneConsumer(consumer, async (e, m) => {
        await m.query(`INSERT INTO effects (consumer, event_id, key, seq) VALUES ($1, $2, 'k', $3)`, [consumer, e.id, seqOf(e)]);
      }),
      inbox,
      { maxAttempts: 3, backoffMs: 1 },
    );
  const effectsOf = async (consumer: string) =>
    (await ds.query(`SELECT seq FROM effects WHERE consumer = $1 ORDER BY seq`, [consumer])).map((r: { seq: number }) => r.seq);

  it('a batch redelivered after its events were handled changes nothing: each effect exists once, and the handled ones count as duplicates', async () => {
    const inbox = new Inbox(ds, systemClock);
    const batch = Array.from({ length: 20 }, (_, i) => envelope('k', i));
    // The first 12 were applied before (the consumer crashed after committing them, before committing its offsets).
    await consume(inbox, 'redelivered', batch.slice(0, 12));
    const outcomes = await consume(inbox, 'redelivered', batch);
    expect(outcomes.map((o) => o.kind)).toEqual([...Array(12).fill('duplicate'), ...Array(8).fill('handled')]);
    expect(await effectsOf('redelivered')).toEqual([...Array(20).keys()]);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM inbox WHERE consumer = 'redelivered'`))[0].n)).toBe(20);
  });

  it('an event delivered twice within one batch (re-published by a relay that crashed before marking it) is applied once', async () => {
    const inbox = new Inbox(ds, systemClock);
    const batch = Array.from({ length: 5 }, (_, i) => envelope('k', i));
    const outcomes = await consume(inbox, 'twice-in-batch', [...batch, batch[2]]);
    expect(outcomes.map((o) => o.kind)).toEqual(['handled', 'handled', 'handled', 'handled', 'handled', 'duplicate']);
    expect(await effectsOf('twice-in-batch')).toEqual([0, 1, 2, 3, 4]);
  });

  it('two replicas consuming the same batch at once apply each event once', async () => {
    const batch = Array.from({ length: 30 }, (_, i) => envelope('k', i));
    const outcomes = await Promise.all([consume(new Inbox(ds, systemClock), 'replicas', batch), consume(new Inbox(ds, systemClock), 'replicas', [...batch].reverse())]);
    expect(outcomes.flat().every((o) => o.kind === 'handled' || o.kind === 'duplicate')).toBe(true);
    expect(outcomes.flat().filter((o) => o.kind === 'handled')).toHaveLength(30);
    expect(await effectsOf('replicas')).toEqual([...Array(30).keys()]);
  });

  it('inside a batch the inbox records are claimed first, in one statement, and commit with the effects', async () => {
    const inbox = new Inbox(ds, systemClock);
    const batch = Array.from({ length: 10 }, (_, i) => envelope('k', i));
    const seenInside: number[] = [];
    const outside = await ds.createQueryRunner();
    const entry = (e: EventEnvelope) => ({
      consumer: 'claims-first',
      event: e,
      effect: async (m: EntityManager) => {
        seenInside.push(Number((await m.query(`SELECT count(*) AS n FROM inbox WHERE consumer = 'claims-first'`))[0].n));
        // Not visible to anyone else before the commit.
        expect(Number((await outside.query(`SELECT count(*) AS n FROM inbox WHERE consumer = 'claims-first'`))[0].n)).toBe(0);
      },
    });
    await inbox.inBatch(batch.map(entry));
    await outside.release();
    // Every record was there before the first effect ran; all ten are there after the commit.
    expect(seenInside).toEqual(Array(10).fill(10));
    expect(Number((await ds.query(`SELECT count(*) AS n FROM inbox WHERE consumer = 'claims-first'`))[0].n)).toBe(10);
  });

  it('a batch whose effect fails commits nothing: neither its records nor the other effects', async () => {
    const inbox = new Inbox(ds, systemClock);
    const batch = Array.from({ length: 6 }, (_, i) => envelope('k', i));
    await expect(
      inbox.inBatch(
        batch.map((e, i) => ({
          consumer: 'failed-batch',
          event: e,
          effect: async (m: EntityManager) => {
            await m.query(`INSERT INTO effects (consumer, event_id, key, seq) VALUES ('failed-batch', $1, 'k', $2)`, [e.id, i]);
            if (i === 4) throw new Error('cannot apply');
          },
        })),
      ),
    ).rejects.toMatchObject({ index: 4 });
    expect(await effectsOf('failed-batch')).toEqual([]);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM inbox WHERE consumer = 'failed-batch'`))[0].n)).toBe(0);
  });
});
