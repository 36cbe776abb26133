import { DataSource } from 'typeorm';
import { pruneMessagingTables } from '../src';
import { messagingDatabase } from './messaging-db';

/** Published outbox rows and old inbox records are pruned after their retention; nothing still needed goes. */
describe('outbox and inbox retention', () => {
  let db: Awaited<ReturnType<typeof messagingDatabase>>;
  let ds: DataSource;

  beforeAll(async () => {
    db = await messagingDatabase('retention');
    ds = await db.open();
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    await ds.query(`TRUNCATE outbox, inbox`);
  });

  /** Outbox rows with the given publication ages in days (null: not published), written `writtenDaysAgo` ago. */
  async function outboxRows(rows: Array<{ key: string; publishedDaysAgo: number | null; writtenDaysAgo?: number }>) {
    for (const r of rows) {
      await ds.query(
        `INSERT INTO outbox (id, topic, key, type, version, source, payload, occurred_at, published_at)
         VALUES (gen_random_uuid(), 't', $1, 'e', 1, 's', '{}', now() - make_interval(days => $2), CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END)`,
        [r.key, r.writtenDaysAgo ?? r.publishedDaysAgo ?? 0, r.publishedDaysAgo],
      );
    }
  }

  async function inboxRows(ages: number[]) {
    for (const days of ages) {
      await ds.query(`INSERT INTO inbox (consumer, event_id, type, received_at) VALUES ('c', gen_random_uuid(), 'e', now() - make_interval(days => $1))`, [days]);
    }
  }

  const keys = async () => (await ds.query(`SELECT key FROM outbox ORDER BY seq`)).map((r: { key: string }) => r.key);
  const inboxAges = async () =>
    (await ds.query(`SELECT extract(day FROM now() - received_at)::int AS d FROM inbox ORDER BY received_at`)).map((r: { d: number }) => r.d);

  it('a published event older than the outbox retention is deleted; a younger one and any unpublished one stay, however old', async () => {
    await outboxRows([
      { key: 'published-8-days-ago', publishedDaysAgo: 8 },
      { key: 'published-6-days-ago', publishedDaysAgo: 6 },
      { key: 'unpublished-written-40-days-ago', publishedDaysAgo: null, writtenDaysAgo: 40 },
      { key: 'written-10-days-ago-published-today', publishedDaysAgo: 0, writtenDaysAgo: 10 },
    ]);

    const pruned = await pruneMessagingTables(ds, new Date(), { outboxDays: 7, inboxDays: 30, batchSize: 100 });

    expect(pruned.outbox).toBe(1);
    expect(await keys()).toEqual(['published-6-days-ago', 'unpublished-written-40-days-ago', 'written-10-days-ago-published-today']);
  });

  it('an inbox record older than the inbox retention is deleted; one younger stays', async () => {
    await inboxRows([31, 29, 1]);

    const pruned = await pruneMessagingTables(ds, new Date(), { outboxDays: 7, inboxDays: 30, batchSize: 100 });

    expect(pruned).toEqual({ outbox: 0, inbox: 1 });
    expect(await inboxAges()).toEqual([29, 1]);
  });

  it('works through more rows than one batch, batch by batch, until none past retention is left', async () => {
    await outboxRows(Array.from({ length: 7 }, (_, i) => ({ key: `old-${i}`, publishedDaysAgo: 9 })));
    await outboxRows([{ key: 'recent', publishedDaysAgo: 1 }]);
    await inboxRows([40, 40, 40, 40, 40, 2]);

    const pruned = await pruneMessagingTables(ds, new Date(), { outboxDays: 7, inboxDays: 30, batchSize: 3 });

    expect(pruned).toEqual({ outbox: 7, inbox: 5 });
    expect(await keys()).toEqual(['recent']);
    expect(await inboxAges()).toEqual([2]);
  });

  it('stops between batches when the service is stopping', async () => {
    await outboxRows(Array.from({ length: 5 }, (_, i) => ({ key: `old-${i}`, publishedDaysAgo: 9 })));
    let batches = 0;

    const pruned = await pruneMessagingTables(ds, new Date(), { outboxDays: 7, inboxDays: 30, batchSize: 2 }, () => batches++ >= 1);

    expect(pruned.outbox).toBe(2);
    expect(await keys()).toHaveLength(3);
  });
});
