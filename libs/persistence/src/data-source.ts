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

export async function openDataSource(o: DataSourceOptions): Promise<DataSource> {
  const ds = createDataSource(o);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
