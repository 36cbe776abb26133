import { DataSource } from 'typeorm';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { MessagingTables1732700000000 } from '../src';
import { openDataSource } from '../../persistence/src';
import { freshDatabase } from '../../../test/support/infra';

/** A scratch aggregate table for tests of the messaging machinery itself. */
class ScratchAggregates1732700009999 implements MigrationInterface {
  name = 'ScratchAggregates1732700009999';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE aggregates (id text PRIMARY KEY, counter int NOT NULL DEFAULT 0)`);
    await q.query(`CREATE TABLE effects (consumer text NOT NULL, event_id uuid NOT NULL, key text NOT NULL, seq int NOT NULL)`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE effects`);
    await q.query(`DROP TABLE aggregates`);
  }
}

export async function messagingDatabase(prefix: string): Promise<{ url: string; open(): Promise<DataSource>; drop(): Promise<void> }> {
  const db = await freshDatabase(prefix);
  const opened: DataSource[] = [];
  return {
    url: db.url,
    async open() {
      const ds = await openDataSource({
        url: db.url,
        applicationName: 'messaging-test',
        entities: [],
        migrations: [MessagingTables1732700000000, ScratchAggregates1732700009999],
      });
      opened.push(ds);
      return ds;
    },
    async drop() {
      for (const ds of opened) if (ds.isInitialized) await ds.destroy();
      await db.drop();
    },
  };
}
