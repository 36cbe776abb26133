import { Client } from 'pg';
import type { Logger } from 'pino';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { SafeQueryLogger } from './query-logger';

export interface DataSourceOptions {
  url: string;
  /** Name shown in pg_stat_activity, so an operator can tell the services apart. */
  applicationName: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  poolSize?: number;
  log?: Logger;
}

/**
 * One DataSource per service. Schema changes only through migrations (never `synchronize`), run at
 * start; TypeORM's migrations table and a transaction per migration keep a crashed start repeatable.
 */
export function createDataSource(o: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: o.url,
    applicationName: o.applicationName,
    entities: o.entities,
    migrations: o.migrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn', 'migration'],
    logger: new SafeQueryLogger(o.log),
    maxQueryExecutionTime: 2000,
    extra: { max: o.poolSize ?? 10 },
  });
}

// One key per database (advisory locks are per database): every service's migrations take the same.
const MIGRATIONS_LOCK_SQL = `SELECT pg_advisory_lock(hashtext('jiuzhu.migrations'))`;

/**
 * Opens the service's DataSource and brings its schema up to date. Replicas starting together would
 * each find a migration pending and run it twice (the second fails on the table the first made, or
 * worse, applies a data migration twice): the migrations run under a session advisory lock, held on
 * a connection of its own, so the others wait and then find nothing left to do.
 */
export async function openDataSource(o: DataSourceOptions): Promise<DataSource> {
  const ds = createDataSource(o);
  await ds.initialize();
  const lock = new Client({ connectionString: o.url, application_name: `${o.applicationName}-migrations` });
  try {
    await lock.connect();
    await lock.query(MIGRATIONS_LOCK_SQL);
    await ds.runMigrations({ transaction: 'each' });
  } catch (e) {
    await ds.destroy().catch(() => undefined);
    throw e;
  } finally {
    // Ending the session releases the lock (also when the process dies mid-migration).
    await lock.end().catch(() => undefined);
  }
  return ds;
}
