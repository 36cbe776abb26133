import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, withDatabase } from '@jiuzhu/persistence';
import { startKafkaBroker } from '../../test/support/kafka-broker';
import { log } from './stats';

/**
 * Infrastructure for the benchmarks, started inside the run unless given from outside:
 *
 *   BENCH_DATABASE_ADMIN_URL   a Postgres admin URL (database `postgres`); else an embedded Postgres
 *   BENCH_PG_FSYNC=off         embedded Postgres without fsync (as the test suite runs it); default on,
 *                              as in production, since commits are what these benchmarks exercise
 *   KAFKA_BROKERS              a running Kafka; else a single-node broker from .kafka/lib
 */

export interface Infra {
  adminUrl: string;
  fsync: 'on' | 'off' | 'external';
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<Infra> {
  const external = process.env.BENCH_DATABASE_ADMIN_URL;
  if (external) return { adminUrl: external, fsync: 'external', stop: async () => undefined };
  const fsyncOn = process.env.BENCH_PG_FSYNC !== 'off';
  const dataDir = mkdtempSync(join(tmpdir(), 'jiuzhu-bench-pg-'));
  const t = Date.now();
  // `persistent` is what turns fsync on in startEmbeddedPostgres; the folder is removed here instead.
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: fsyncOn });
  log(`[infra] embedded Postgres (fsync ${fsyncOn ? 'on' : 'off'}) ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return {
    adminUrl: pg.url,
    fsync: fsyncOn ? 'on' : 'off',
    async stop() {
      await pg.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startKafka(): Promise<{ brokers: string[]; external: boolean; stop(): Promise<void> }> {
  const external = process.env.KAFKA_BROKERS;
  if (external) return { brokers: external.split(','), external: true, stop: async () => undefined };
  const t = Date.now();
  const kafka = await startKafkaBroker({ workDir: mkdtempSync(join(tmpdir(), 'jiuzhu-bench-kafka-')) });
  log(`[infra] Kafka broker ${kafka.brokers} ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return { brokers: kafka.brokers.split(','), external: false, stop: () => kafka.stop() };
}

export async function freshDatabase(adminUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${prefix}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(adminUrl, name);
  return { url: withDatabase(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
