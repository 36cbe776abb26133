import type { Logger as Pino } from 'pino';
import { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's own logging prints failed statements with their parameters — household documents with
 * resident ID numbers. This one logs the statement text and the error code only. Conflicts are
 * expected outcomes (mapped to 409 by the caller), so they are debug, not error.
 */
export class SafeQueryLogger implements TypeOrmLogger {
  constructor(private readonly pino?: Pino) {}

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    const code = typeof error === 'string' ? undefined : (error as { code?: string }).code;
    const entry = { code, statement: query.replace(/\s+/g, ' ').slice(0, 300) };
    // 23505 unique violation: an expected conflict (e.g. a member active in another household).
    if (code === '23505') this.pino?.debug(entry, 'statement refused (expected conflict)');
    else this.pino?.warn(entry, 'statement failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.pino?.warn({ ms: time, statement: query.replace(/\s+/g, ' ').slice(0, 300) }, 'slow statement');
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.pino?.info({ migration: message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.pino?.warn({ typeorm: String(message) });
  }
}
