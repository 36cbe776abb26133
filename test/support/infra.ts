import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withDatabase } from '../../libs/persistence/src/databases';

/** A fresh, empty database in the test Postgres server; dropped by `drop()`. */
export async function freshDatabase(prefix: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const admin = adminUrl();
  const name = `t_${prefix.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(admin, name);
  return { url: withDatabase(admin, name), name, drop: () => dropDatabase(admin, name) };
}

export function adminUrl(): string {
  const url = process.env.TEST_DATABASE_ADMIN_URL;
  if (!url) throw new Error('TEST_DATABASE_ADMIN_URL is not set: run the tests through `npm test` (jest globalSetup starts Postgres)');
  return url;
}

export function kafkaBrokers(): string[] {
  const b = process.env.TEST_KAFKA_BROKERS;
  if (!b) throw new Error('TEST_KAFKA_BROKERS is not set: Kafka suites must run through `npm test` with Java and Maven present (or KAFKA_BROKERS set)');
  return b.split(',');
}

/** Polls until `probe` returns a value (not undefined/false) or fails with the message — no fixed sleeps. */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
