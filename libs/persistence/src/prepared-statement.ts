import { EntityManager, QueryFailedError } from 'typeorm';

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * A statement of a hot path that Postgres parses and plans once per pooled connection (a named
 * prepared statement) instead of on every call, as TypeORM's `query` does. For a statement of a
 * few data-modifying CTEs, parsing and planning is more than half of Postgres' work per call:
 * measured on the filing statement, 540 µs of server CPU per call unnamed against 290 µs prepared
 * (docs/benchmarks.md, (c)).
 *
 * It runs on the caller's connection: inside `ds.transaction(m => …)` it joins that transaction;
 * on a manager without one it takes a pooled connection for the one statement, as `query` would.
 * A failure is a TypeORM `QueryFailedError`, like every other query's, so error handling is the same.
 *
 * Names are global per connection: each statement is a module-level constant, its text fixed.
 */
export class PreparedStatement {
  private static readonly names = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly text: string,
  ) {
    const other = PreparedStatement.names.get(name);
    // The same name with a different text would make Postgres run the first text on every connection that prepared it.
    if (other !== undefined && other !== text) throw new Error(`prepared statement ${name} is defined twice with different text`);
    PreparedStatement.names.set(name, text);
  }

  async run<T = Record<string, unknown>>(m: EntityManager, values: unknown[]): Promise<T[]> {
    const own = m.queryRunner && !m.queryRunner.isReleased ? undefined : m.connection.createQueryRunner();
    const runner = own ?? m.queryRunner!;
    const logger = m.connection.logger;
    try {
      const client = (await runner.connect()) as PgClient;
      const started = Date.now();
      const result = await client.query({ name: this.name, text: this.text, values });
      // Reported like every other statement (the data source's logger: text only, never the values).
      const ms = Date.now() - started;
      const slowAfter = m.connection.options.maxQueryExecutionTime;
      if (slowAfter && ms > slowAfter) logger.logQuerySlow(ms, this.text, undefined, runner);
      return result.rows as T[];
    } catch (e) {
      logger.logQueryError(e as Error, this.text, undefined, runner);
      throw e instanceof QueryFailedError ? e : new QueryFailedError(this.text, values, e as Error);
    } finally {
      if (own) await own.release();
    }
  }
}
