import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { firstUntraversableDirectory } from '../src/embedded-postgres';
import { freePorts } from '../../../test/support/infra';
import { transpiledSources, watched, WatchedProcess } from '../../../test/support/launcher-child';

/**
 * startEmbeddedPostgres loads the ES-module `embedded-postgres` with a dynamic import, which Jest's
 * module sandbox cannot do; so the real code runs in plain Node children, each an "owner" of the
 * server the way the launcher is.
 */
const sources = transpiledSources();
const dir = mkdtempSync(join(tmpdir(), 'jiuzhu-pg-launcher-'));
// As root, Postgres runs as an unprivileged user that must be able to reach the data folder.
chmodSync(dir, 0o755);
const dataDir = join(dir, 'pg');
let port: number;
const url = () => `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;

beforeAll(async () => {
  [port] = await freePorts(1);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  sources.dispose();
});

/** A child that starts the server on `dataDir`, runs `sql`, prints READY and stops the server on a line on stdin. */
function owner(sql = ''): WatchedProcess {
  const module = JSON.stringify(join(sources.dir, 'libs/persistence/src/embedded-postgres.js'));
  const program = `
    const { startEmbeddedPostgres, DataDirInUse } = require(${module});
    const { Client } = require('pg');
    startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, persistent: true, detached: true })
      .then(async (pg) => {
        const c = new Client({ connectionString: pg.url });
        await c.connect();
        await c.query(${JSON.stringify(sql)});
        await c.end();
        process.stdout.write('READY\\n');
        process.stdin.on('data', () => pg.stop().then(() => process.exit(0)));
      })
      .catch((e) => { process.stdout.write(e instanceof DataDirInUse ? 'IN USE BY ' + e.pid + '\\n' : String(e.stack) + '\\n'); process.exit(1); });`;
  return watched(process.execPath, ['-e', program], { PATH: process.env.PATH, HOME: process.env.HOME });
}

async function stopped(p: WatchedProcess): Promise<void> {
  p.child.stdin?.write('stop\n');
  await p.exited;
}

async function query(sql: string) {
  const c = new Client({ connectionString: url() });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

const postmasterPid = () => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it('keeps data across restarts and starts again after its owner was killed (the orphaned server is stopped first)', async () => {
  const killed = owner(`CREATE TABLE survivor (note text); INSERT INTO survivor VALUES ('written before the kill')`);
  await killed.waitFor(/READY/);
  killed.child.kill('SIGKILL');
  await killed.exited;
  const orphan = postmasterPid();
  expect(alive(orphan)).toBe(true);

  const next = owner();
  await next.waitFor(/READY/);
  try {
    expect(await query(`SELECT note FROM survivor`)).toEqual([{ note: 'written before the kill' }]);
    expect(alive(orphan)).toBe(false);
  } finally {
    await stopped(next);
  }
}, 120_000);

it('a second owner of a live server is refused, and the server goes on answering', async () => {
  const first = owner();
  await first.waitFor(/READY/);
  try {
    const second = owner();
    try {
      await second.waitFor(/READY|IN USE BY \d+/);
      expect(second.output().trim()).toBe(`IN USE BY ${first.child.pid}`);
      expect(await query(`SELECT 1 AS up`)).toEqual([{ up: 1 }]);
    } finally {
      if (second.child.exitCode === null) await stopped(second);
    }
  } finally {
    await stopped(first);
  }
}, 120_000);

it('a postmaster.pid naming a live process that is not our postgres is not signalled', async () => {
  expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  const unrelated = spawn('sleep', ['300'], { stdio: 'ignore' });
  const unrelatedExit = new Promise((r) => unrelated.once('exit', r));
  try {
    // What a server killed with its machine leaves behind once its pid went to another process.
    writeFileSync(join(dataDir, 'postmaster.pid'), `${unrelated.pid}\n${dataDir}\n1700000000\n${port}\n/tmp\n127.0.0.1\n  1234567     98304\nready   \n`);

    const next = owner();
    await next.waitFor(/READY/);
    await stopped(next);

    expect(alive(unrelated.pid!)).toBe(true);
  } finally {
    unrelated.kill('SIGKILL');
    await unrelatedExit;
  }
}, 120_000);

describe('started as root, Postgres must be able to reach its binaries and data as the postgres user', () => {
  it('names the first directory on the way that others cannot enter (a mode-700 folder, as /root or mktemp -d make)', () => {
    const closed = mkdtempSync(join(tmpdir(), 'jiuzhu-closed-'));
    chmodSync(closed, 0o700);
    mkdirSync(join(closed, 'repo', 'data'), { recursive: true });
    expect(firstUntraversableDirectory(join(closed, 'repo', 'data', 'pg'))).toBe(closed);
    chmodSync(closed, 0o755);
    expect(firstUntraversableDirectory(join(closed, 'repo', 'data', 'pg'))).toBeUndefined();
    rmSync(closed, { recursive: true, force: true });
  });
});
