import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ClockReading } from '@jiuzhu/common';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { eventually, freePorts } from '../../../test/support/infra';
import { transpiledSources, watched, WatchedProcess } from '../../../test/support/launcher-child';

/**
 * `npm start` as an operator runs it: the real launcher in a child process on a temp DATA_DIR and
 * free ports, the whole platform on an embedded Postgres.
 */
const sources = transpiledSources();
const dataDir = mkdtempSync(join(tmpdir(), 'jiuzhu-launcher-'));
// As root, Postgres runs as an unprivileged user that must be able to reach the data folder.
chmodSync(dataDir, 0o755);
let env: NodeJS.ProcessEnv;
let first: WatchedProcess;
let later: WatchedProcess | undefined;

const run = promisify(execFile);
const launcher = () => watched(process.execPath, [join(sources.dir, 'apps/launcher/src/main.js')], env, { detached: true });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  const [pg, la, ea, hr, idp] = await freePorts(5);
  // Only what the launcher needs: a KAFKA_BROKERS or a *_DATABASE_URL of the test run must not leak in.
  env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pg), LIVING_ALLOWANCE_PORT: String(la), ELDER_ASSESSMENT_PORT: String(ea), HARDSHIP_REGISTRY_PORT: String(hr), IDP_PORT: String(idp) };
  first = launcher();
  await first.waitFor(/Press Ctrl\+C to stop/, 180_000);
}, 200_000);

afterAll(async () => {
  for (const p of [first, later]) {
    if (p && p.child.exitCode === null) {
      p.child.kill('SIGTERM');
      await p.exited;
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  sources.dispose();
});

const health = async () => (await fetch(`http://127.0.0.1:${env.LIVING_ALLOWANCE_PORT}/health`)).status;
const clockOf = async (port: string | undefined) => (await (await fetch(`http://127.0.0.1:${port}/clock`)).json()) as ClockReading;
/** The banner: from "Jiuzhu is running" to "Press Ctrl+C to stop". */
const bannerOf = (p: WatchedProcess) => /Jiuzhu is running[\s\S]*?Press Ctrl\+C to stop\./.exec(p.output())![0];

it('without DEMO_CLOCK_OFFSET_DAYS the banner says nothing of a demo clock, and the services run on the real date', async () => {
  expect(bannerOf(first)).not.toMatch(/demo clock/);
  expect(await clockOf(env.LIVING_ALLOWANCE_PORT)).toMatchObject({ offsetDays: 0 });
});

it('hardship-registry runs on the first start with the dibao standards living-allowance seeded and announced before hardship-registry had started', async () => {
  // Events waited for every service to listen: in-process, an event goes only to the groups subscribed when it is delivered.
  const { stdout } = await run(process.execPath, [join(sources.dir, 'apps/launcher/src/identity/token.main.js'), 'cw-640202001'], { env });
  const standards = async () => {
    const res = await fetch(`http://127.0.0.1:${env.HARDSHIP_REGISTRY_PORT}/standards`, { headers: { authorization: `Bearer ${stdout.trim()}` } });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { districtCode: string; area: string }[] };
    return items.length >= 6 && items;
  };
  const items = await eventually(standards, 'hardship-registry to hold the six seeded standards');
  expect(items.map((s) => `${s.districtCode}/${s.area}`).sort()).toEqual(['640202/rural', '640202/urban', '640205/rural', '640205/urban', '640221/rural', '640221/urban']);
  expect(bannerOf(first)).toContain(`hardship-registry      http://127.0.0.1:${env.HARDSHIP_REGISTRY_PORT}`);
}, 60_000);

it('a second copy on the same data refuses at once with one line, and the first keeps answering', async () => {
  const postmasterBefore = readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8');

  const second = launcher();
  const { code } = await second.exited;

  expect(code).toBe(1);
  expect(second.output().trim().split('\n')).toEqual([
    `Jiuzhu is already running (pid ${first.child.pid}, data in ${dataDir}); stop it first or set DATA_DIR/EMBEDDED_PG_PORT and the ports`,
  ]);
  expect(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).toBe(postmasterBefore);
  expect(await health()).toBe(200);
}, 60_000);

it('prints the demo staff to sign in with, and `npm run token -- cw-640202001` prints an access token of that caseworker from the running provider', async () => {
  const issuer = `http://127.0.0.1:${env.IDP_PORT}`;
  expect(first.output()).toContain(`Sign in at ${issuer}`);
  expect(first.output()).toMatch(/^ {2}cw-640202001 +caseworker +640202001 +jiuzhu-demo +长胜街道经办人$/m);
  expect(first.output()).toMatch(/^ {2}admin-640200 +admin +640200 +jiuzhu-demo +石嘴山市管理员$/m);

  // What `npm run token` runs, on the sources as the build compiles them.
  const { stdout, stderr } = await run(process.execPath, [join(sources.dir, 'apps/launcher/src/identity/token.main.js'), 'cw-640202001'], { env });

  expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  expect(stderr).toMatch(/^cw-640202001: caseworker in 640202001, valid until \d\d:\d\d:\d\d\n$/);
  const { payload } = await jwtVerify(stdout.trim(), createRemoteJWKSet(new URL(`${issuer}/jwks`)), { issuer, audience: 'jiuzhu' });
  expect(payload).toMatchObject({ sub: 'cw-640202001', roles: ['caseworker'], jurisdiction: '640202001' });
}, 60_000);

it('Ctrl+C stops the services, then Postgres, and ends with "stopped" (no service loses its database first)', async () => {
  const postgresPid = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  expect(alive(postgresPid)).toBe(true);

  // What a terminal does on Ctrl+C: SIGINT to every process of the foreground process group.
  process.kill(-first.child.pid!, 'SIGINT');
  const { code } = await first.exited;

  expect(code).toBe(0);
  expect(first.output().trimEnd().split('\n').pop()).toBe('stopped');
  expect(first.output()).not.toContain('LISTEN connection lost');
  expect(alive(postgresPid)).toBe(false);
}, 60_000);

it('restarted with DEMO_CLOCK_OFFSET_DAYS=8 (the README walk-through), the banner says so and every service runs 8 days ahead', async () => {
  expect(first.child.exitCode).not.toBeNull();
  later = watched(process.execPath, [join(sources.dir, 'apps/launcher/src/main.js')], { ...env, DEMO_CLOCK_OFFSET_DAYS: '8' }, { detached: true });
  await later.waitFor(/Press Ctrl\+C to stop/, 120_000);

  const services = await Promise.all([clockOf(env.LIVING_ALLOWANCE_PORT), clockOf(env.ELDER_ASSESSMENT_PORT), clockOf(env.HARDSHIP_REGISTRY_PORT)]);
  expect(services.map((c) => c.offsetDays)).toEqual([8, 8, 8]);
  expect(bannerOf(later).split('\n')).toContain(`demo clock: 8 days ahead, today is ${services[0].today}`);
}, 150_000);
