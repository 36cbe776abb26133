import { MigrationInterface, QueryRunner } from 'typeorm';
import { openDataSource } from '../src';
import { freshDatabase } from '../../../test/support/infra';

/** A migration that is not safe to run twice, and slow enough that two starts overlap. */
class CountedRuns1732700009997 implements MigrationInterface {
  name = 'CountedRuns1732700009997';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE IF NOT EXISTS migration_runs (n serial PRIMARY KEY)`);
    await q.query(`SELECT pg_sleep(0.5)`);
    await q.query(`INSERT INTO migration_runs DEFAULT VALUES`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE migration_runs`);
  }
}

describe('migrations at start', () => {
  it('two replicas starting at once on one database run each migration once: the second waits for the first', async () => {
    const db = await freshDatabase('migration_lock');
    const open = (name: string) => openDataSource({ url: db.url, applicationName: name, entities: [], migrations: [CountedRuns1732700009997] });
    const both = await Promise.allSettled([open('replica-a'), open('replica-b')]);
    try {
      expect(both.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      const ds = (both[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof open>>>).value;
      expect(await ds.query(`SELECT count(*)::int AS n FROM migration_runs`)).toEqual([{ n: 1 }]);
      expect(await ds.query(`SELECT name FROM migrations`)).toEqual([{ name: 'CountedRuns1732700009997' }]);
    } finally {
      for (const r of both) if (r.status === 'fulfilled') await r.value.destroy();
      await db.drop();
    }
  });
});
