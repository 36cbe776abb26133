import { randomBytes } from 'node:crypto';
import { AddressInfo, createServer } from 'node:net';
import { join, relative } from 'node:path';
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

/**
 * The transport a suite's services use unless it names one: the jest project sets
 * TEST_EVENT_TRANSPORT=kafka to run the API suites once more on the real broker (test/jest.config.js).
 */
export function suiteTransport(): 'kafka' | 'in-process' {
  const t = process.env.TEST_EVENT_TRANSPORT ?? 'in-process';
  if (t !== 'kafka' && t !== 'in-process') throw new Error(`TEST_EVENT_TRANSPORT must be kafka or in-process, not ${t}`);
  return t;
}

/**
 * Put before every topic this test file uses on the shared broker. Jest loads support modules once
 * per test file, so each file gets its own: its services see one another's events and no other
 * file's (consumers start from the beginning of a topic, so a shared topic would feed a suite every
 * event that earlier suites published, about the same test people).
 */
export const SUITE_TOPIC_PREFIX = `t${randomBytes(4).toString('hex')}.`;

/** The name of `topic` on the broker, for this test file. */
export function suiteTopic(topic: string): string {
  return SUITE_TOPIC_PREFIX + topic;
}

export function kafkaBrokers(): string[] {
  const b = process.env.TEST_KAFKA_BROKERS;
  if (!b) throw new Error('TEST_KAFKA_BROKERS is not set: Kafka suites must run through `npm test` with Java and Maven present (or KAFKA_BROKERS set)');
  return b.split(',');
}

/**
 * A file under the run directory for logs this test file captures (`what`: whose), named after the
 * test file and its transport so that a hit of the run's personal-data scan says which suite wrote
 * it; undefined outside a jest run.
 */
export function runLogFile(what: string): string | undefined {
  const runDir = process.env.TEST_RUN_DIR;
  if (!runDir) return undefined;
  const testPath = (globalThis as { expect?: { getState(): { testPath?: string } } }).expect?.getState().testPath;
  const suite = testPath ? relative(join(__dirname, '..', '..'), testPath).replace(/[\\/]/g, '_') : `worker-${process.env.JEST_WORKER_ID ?? process.pid}`;
  return join(runDir, 'logs', `${suiteTransport()}-${suite}.${what}.log`);
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

/** `count` distinct free TCP ports on 127.0.0.1 (all probe sockets stay open until every port is known). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => {
      const server = createServer();
      return new Promise<typeof server>((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolveListen(server));
      });
    }),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolveClose) => server.close(resolveClose))));
  return ports;
}
