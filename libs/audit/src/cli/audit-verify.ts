import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataDirInUse, startEmbeddedPostgres, withDatabase } from '@jiuzhu/persistence';
import type { AuditCheck } from '../verify-audit-log';
import { runOnClient } from '../audit-log.repository';
import { describeCheck, verifyAuditLog } from '../verify-audit-log';

/** A service as the launcher registers it: its variables' prefix and its database in the embedded default. */
export interface VerifiableService {
  name: string;
  envPrefix: string;
  database: string;
}

export interface VerifyOutcome {
  line: string;
  check: AuditCheck;
}

/**
 * Checks one service's audit chain. The database is the one the service is configured with
 * (`<PREFIX>_DATABASE_URL`, then `DATABASE_URL`, as the service itself reads them); without one, the
 * embedded default's: the launcher's Postgres on EMBEDDED_PG_PORT (54320) with its data in
 * DATA_DIR (./data). When the launcher is not running, that Postgres is started on the data folder
 * for the check and stopped after it (refused while another process owns the folder).
 */
export async function verifyServiceAuditLog(svc: VerifiableService, env: NodeJS.ProcessEnv = process.env): Promise<VerifyOutcome> {
  const configured = env[`${svc.envPrefix}_DATABASE_URL`] || env.DATABASE_URL;
  const db = configured ? { url: configured, stop: async () => undefined } : await embeddedDatabase(svc, env);
  try {
    const client = new Client({ connectionString: db.url, application_name: 'jiuzhu-audit-verify' });
    try {
      await client.connect();
    } catch (e) {
      throw new Error(`cannot reach the database of ${svc.name} (${redacted(db.url)}): ${describeError(e)}`);
    }
    try {
      const check = await verifyAuditLog(runOnClient(client));
      return { line: describeCheck(svc.name, check), check };
    } finally {
      await client.end().catch(() => undefined);
    }
  } finally {
    await db.stop();
  }
}

async function embeddedDatabase(svc: VerifiableService, env: NodeJS.ProcessEnv): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const port = Number(env.EMBEDDED_PG_PORT ?? 54320);
  const running = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  if (await accepts(running)) return { url: withDatabase(running, svc.database), stop: async () => undefined };
  const pgDir = join(dataDir, 'pg');
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    throw new Error(`no database for ${svc.name}: set ${svc.envPrefix}_DATABASE_URL, or run the embedded default once (npm start; data in ${dataDir})`);
  }
  try {
    const pg = await startEmbeddedPostgres({ dataDir: pgDir, port, persistent: true });
    return { url: withDatabase(pg.url, svc.database), stop: () => pg.stop() };
  } catch (e) {
    if (e instanceof DataDirInUse) throw new Error(`the embedded Postgres of ${dataDir} belongs to process ${e.pid} but does not answer on port ${port} (set EMBEDDED_PG_PORT to the port it uses)`);
    throw e;
  }
}

async function accepts(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

function redacted(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

function describeError(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === '3D000') return 'the database does not exist (the service has never started on it)';
  return e instanceof Error ? e.message : String(e);
}
