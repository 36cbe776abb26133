import { DataSource, MigrationInterface, QueryFailedError, QueryRunner } from 'typeorm';
import { openDataSource, PreparedStatement } from '../src';
import { freshDatabase } from '../../../test/support/infra';

class Counters1732700009998 implements MigrationInterface {
  name = 'Counters1732700009998';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE counters (id text PRIMARY KEY, n int NOT NULL CHECK (n >= 0))`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE counters`);
  }
}

const INSERT = new PreparedStatement('test_insert_counter', `INSERT INTO counters (id, n) VALUES ($1, $2) RETURNING id, n`);

describe('a prepared statement (hot-path SQL planned once per connection)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let ds: DataSource;

  beforeAll(async () => {
    db = await freshDatabase('prepared');
    ds = await openDataSource({ url: db.url, applicationName: 'prepared-test', entities: [], migrations: [Counters1732700009998] });
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('outside a transaction it runs on a pooled connection, returns its rows and gives the connection back', async () => {
    for (let k = 0; k < 25; k++) await INSERT.run(ds.manager, [`a${k}`, k]);
    expect(await INSERT.run(ds.manager, ['b', 7])).toEqual([{ id: 'b', n: 7 }]);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM counters WHERE id LIKE 'a%'`);
    expect(n).toBe(25);
    // 26 runs on a pool of 10: a connection not given back would have exhausted it long ago.
    const pool = (ds.driver as unknown as { master: { idleCount: number; totalCount: number } }).master;
    expect(pool.idleCount).toBe(pool.totalCount);
  });

  it('is prepared once per connection: the named statement is on the server afterwards', async () => {
    await ds.transaction(async (m) => {
      await INSERT.run(m, ['c1', 1]);
      const prepared = await m.query(`SELECT name FROM pg_prepared_statements WHERE name = 'test_insert_counter'`);
      expect(prepared).toHaveLength(1);
      await INSERT.run(m, ['c2', 2]);
    });
  });

  it('inside a transaction it joins it: a rollback undoes what it wrote', async () => {
    await expect(
      ds.transaction(async (m) => {
        await INSERT.run(m, ['rolled-back', 1]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await ds.query(`SELECT id FROM counters WHERE id = 'rolled-back'`)).toEqual([]);
  });

  it("a failure is a QueryFailedError carrying Postgres' code, like any other query's, and is logged without its values", async () => {
    const logged: unknown[][] = [];
    const spy = jest.spyOn(ds.logger, 'logQueryError').mockImplementation((...a: unknown[]) => void logged.push(a));
    try {
      const failure = await INSERT.run(ds.manager, ['negative', -1]).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(QueryFailedError);
      expect((failure as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('23514');
      expect(logged).toHaveLength(1);
      expect(logged[0][1]).toBe(INSERT.text);
      expect(logged[0][2]).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
  });

  it('one name cannot stand for two texts', () => {
    expect(() => new PreparedStatement('test_insert_counter', `INSERT INTO counters (id, n) VALUES ($1, 0)`)).toThrow(/defined twice/);
    expect(() => new PreparedStatement('test_insert_counter', INSERT.text)).not.toThrow();
  });
});
