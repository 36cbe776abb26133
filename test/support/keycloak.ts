// A real Keycloak for the test suite, run in dev mode from the distribution that
// test/keycloak/fetch-keycloak.sh unpacks into .keycloak/, with the machine's Java, on an in-memory
// database with the realms of test/keycloak/*-realm.json imported at start. No Docker.
//
// It takes 25 s to start on a quiet 2-core machine (more under load), so jest's globalSetup starts it
// once per run, in the background, and only when a *.keycloak.spec.ts suite is selected; the suites
// wait for it with keycloakIssuer().
import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningKeycloak {
  /** `http://127.0.0.1:<port>`; a realm's issuer is `<url>/realms/<realm>`. */
  url: string;
  /** Settles when the imported realms answer (or rejects with the server's last lines). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

// Generous next to the 25 s of a quiet machine: on a shared 2-core one it took over 2 minutes.
const READY_TIMEOUT_MS = 300_000;
const STOP_GRACE_MS = 15_000;
const LOG_TAIL_LINES = 60;
/** The realm that must answer before the server counts as started (the last one imported). */
const REALMS = ['jiuzhu', 'elsewhere'];

/** Starts Keycloak on `port` and returns at once; `ready` says when it serves the test realms. */
export function startKeycloak(o: { port: number; log?: (line: string) => void }): RunningKeycloak {
  const log = o.log ?? (() => undefined);
  const url = `http://127.0.0.1:${o.port}`;
  const output: string[] = [];
  let child: ChildProcess | undefined;
  let watchdog: ChildProcess | undefined;
  let stopped = false;

  const ready = (async () => {
    const repoRoot = findRepoRoot();
    const home = await ensureDistribution(repoRoot, log);
    if (stopped) return;
    // --import-realm reads <home>/data/import; the in-memory database makes every start import afresh,
    // so an edited realm file is what the next run gets.
    const importDir = join(home, 'data', 'import');
    rmSync(importDir, { recursive: true, force: true });
    mkdirSync(importDir, { recursive: true });
    for (const f of readdirSync(join(repoRoot, 'test', 'keycloak')).filter((n) => n.endsWith('-realm.json'))) copyFileSync(join(repoRoot, 'test', 'keycloak', f), join(importDir, f));

    const started = Date.now();
    child = spawn(
      join(home, 'bin', 'kc.sh'),
      // dev-mem: H2 in memory, nothing left on disk. The options are the same every run: a change of a
      // build option (--db) makes Keycloak rebuild itself first, which costs another 20 s or more.
      ['start-dev', '--import-realm', '--db=dev-mem', `--http-port=${o.port}`, '--http-host=127.0.0.1', '--log-level=info'],
      // Its own process group: kc.sh runs java as a child, and stop() ends both.
      { cwd: home, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx768m' } },
    );
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (output.length > LOG_TAIL_LINES) output.shift();
        log(`[keycloak] ${line}`);
      });
    }
    watchdog = startWatchdog(child);
    const killOnExit = () => signalGroup(child!.pid!, 'SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));
    const exited = new Promise<never>((_, reject) =>
      child!.once('exit', (code, signal) => reject(new Error(`Keycloak exited during start-up (code ${code}, signal ${signal})`))),
    );
    const spawnFailed = new Promise<never>((_, reject) => child!.once('error', (e) => reject(new Error(`could not start ${join(home, 'bin', 'kc.sh')}: ${e.message}`))));
    try {
      await Promise.race([answers(`${url}/realms/${REALMS[REALMS.length - 1]}/.well-known/openid-configuration`, started + READY_TIMEOUT_MS), exited, spawnFailed]);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n--- Keycloak's last lines ---\n${output.join('\n')}`);
    }
    log(`[keycloak] ready at ${url} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  })();
  // Read by the suites through keycloakIssuer(); an unobserved rejection must not end the runner.
  ready.catch(() => undefined);

  const stop = async () => {
    stopped = true;
    watchdog?.kill('SIGKILL');
    const c = child;
    if (!c || c.pid === undefined || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    signalGroup(c.pid, 'SIGTERM');
    if (!(await within(gone, STOP_GRACE_MS))) {
      signalGroup(c.pid, 'SIGKILL');
      await gone;
    }
  };
  return { url, ready, stop };
}

/**
 * For a suite: the issuer of `realm` on the run's Keycloak, once it serves. globalSetup started it
 * (TEST_KEYCLOAK_URL) and writes why it failed to TEST_KEYCLOAK_FAILURE, read here.
 */
export async function keycloakIssuer(realm: string): Promise<string> {
  const url = process.env.TEST_KEYCLOAK_URL;
  if (!url) throw new Error('TEST_KEYCLOAK_URL is not set: Keycloak suites run through `npm test` (jest globalSetup starts Keycloak) or with KEYCLOAK_URL');
  const failure = process.env.TEST_KEYCLOAK_FAILURE;
  const deadline = Date.now() + READY_TIMEOUT_MS + 60_000;
  for (;;) {
    if (failure && existsSync(failure)) throw new Error(`Keycloak did not start: ${readFileSync(failure, 'utf8')}`);
    const res = await fetch(`${url}/realms/${realm}/.well-known/openid-configuration`).catch(() => undefined);
    if (res?.ok) return ((await res.json()) as { issuer: string }).issuer;
    if (Date.now() > deadline) throw new Error(`Keycloak at ${url} did not serve realm ${realm} in time`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The password every user of the test realms has (test/keycloak/*-realm.json). */
export const KEYCLOAK_TEST_PASSWORD = 'jiuzhu-test-password';

/**
 * A staff member's access token from a test realm, by the password grant: enabled on the test
 * client of the test realms only (docs/security.md); a bureau's console uses authorization code + PKCE.
 */
export async function keycloakToken(issuer: string, username: string, client = { id: 'jiuzhu-tests', secret: 'jiuzhu-tests-secret' }): Promise<string> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: client.id, client_secret: client.secret, username, password: KEYCLOAK_TEST_PASSWORD, scope: 'openid' }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`Keycloak refused ${username}: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

/** What globalSetup does with a background start that fails: keeps the reason for the suites. */
export function recordFailure(file: string, e: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, e instanceof Error ? e.message : String(e));
}

function findRepoRoot(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'test', 'keycloak', 'fetch-keycloak.sh'))) return dir;
  }
  throw new Error('cannot find the repository root (no test/keycloak/fetch-keycloak.sh above here)');
}

/** The unpacked server's folder; fetched first by test/keycloak/fetch-keycloak.sh when missing. */
async function ensureDistribution(repoRoot: string, log: (line: string) => void): Promise<string> {
  const script = join(repoRoot, 'test', 'keycloak', 'fetch-keycloak.sh');
  const version = /^version="([^"]+)"/m.exec(readFileSync(script, 'utf8'))?.[1];
  const home = join(repoRoot, '.keycloak', `keycloak-${version}`);
  if (existsSync(join(home, '.fetched'))) return home;
  log('[keycloak] server missing; running test/keycloak/fetch-keycloak.sh');
  const lines: string[] = [];
  const fetch = spawn('bash', [script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [fetch.stdout, fetch.stderr]) createInterface({ input: stream }).on('line', (l) => lines.push(l));
  const code = await new Promise<number | null>((resolve, reject) => {
    fetch.once('error', reject);
    fetch.once('close', resolve);
  });
  if (code !== 0 || !existsSync(join(home, '.fetched'))) throw new Error(`test/keycloak/fetch-keycloak.sh failed (exit code ${code}):\n${lines.slice(-LOG_TAIL_LINES).join('\n')}`);
  return home;
}

async function answers(at: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const res = await fetch(at, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (res?.ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Keycloak did not answer ${at} within ${READY_TIMEOUT_MS / 1000} s`);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function startWatchdog(child: ChildProcess): ChildProcess | undefined {
  // A runner killed by a signal (CI timeout, OOM killer) runs no exit handler: a detached shell ends
  // the server's process group once this process is gone, so no JVM keeps the port and 700 MB.
  if (child.pid === undefined) return undefined;
  const script = 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -9 -"$2" 2>/dev/null';
  const watchdog = spawn('sh', ['-c', script, 'keycloak-watchdog', String(process.pid), String(child.pid)], { stdio: 'ignore', detached: true });
  watchdog.on('error', () => undefined);
  watchdog.unref();
  return watchdog;
}

async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
