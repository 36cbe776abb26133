import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import ts from 'typescript';

/**
 * The launcher loads the ES-module `embedded-postgres` with a dynamic import, which Jest's module
 * sandbox cannot do; so the real launcher code is transpiled as is and run in a plain Node child.
 */
function launcherInChild(dataDir: string, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const src = readFileSync(join(__dirname, '../src/embedded-postgres.ts'), 'utf8');
  const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const file = join(__dirname, '../../../node_modules/.cache-embedded-postgres-launcher.js');
  writeFileSync(file, js);
  const child = spawn(
    process.execPath,
    ['-e', `require(${JSON.stringify(file)}).startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, persistent: true })
      .then((pg) => { process.stdout.write('URL ' + pg.url + '\\n'); process.stdin.on('data', () => pg.stop().then(() => process.exit(0))); })
      .catch((e) => { console.error(e); process.exit(1); });`],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  return new Promise((res, rej) => {
    child.stdout!.on('data', (b: Buffer) => {
      const m = /URL (\S+)/.exec(b.toString());
      if (m) res({ url: m[1], stop: () => new Promise<void>((done) => { child.once('exit', () => done()); child.stdin!.write('stop\n'); }) });
    });
    child.on('exit', (code) => rej(new Error(`launcher child exited with ${code}`)));
  });
}

const freePort = () =>
  new Promise<number>((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
  });

async function query(url: string, sql: string) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe('embedded Postgres launcher', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jiuzhu-pg-launcher-'));
  // As root, Postgres runs as an unprivileged user that must be able to reach the data folder.
  chmodSync(dir, 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps data across restarts and starts again after its owner was killed (no orphan blocks the next start)', async () => {
    const dataDir = join(dir, 'pg');
    const port = await freePort();

    // A process that starts Postgres and is then killed with SIGKILL, leaving its server running.
    const child = spawn(process.execPath, ['-e', childProgram(dataDir, port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((res, rej) => {
      child.stdout!.on('data', (b: Buffer) => b.toString().includes('READY') && res());
      child.on('exit', (code) => rej(new Error(`child exited early with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(true);
    const orphanPid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(() => process.kill(orphanPid, 0)).not.toThrow();

    const pg = await launcherInChild(dataDir, port);
    try {
      expect(await query(pg.url, `SELECT note FROM survivor`)).toEqual([{ note: 'written before the kill' }]);
      expect(() => process.kill(orphanPid, 0)).toThrow();
    } finally {
      await pg.stop();
    }
  });
});

/** A plain Node child that starts the server the way the launcher does and then hangs. */
function childProgram(dataDir: string, port: number): string {
  return `
    (async () => {
      const { default: EmbeddedPostgres } = await import('embedded-postgres');
      const { Client } = require('pg');
      const isRoot = process.getuid && process.getuid() === 0;
      const pg = new EmbeddedPostgres({ databaseDir: ${JSON.stringify(dataDir)}, user: 'postgres', password: 'postgres', port: ${port}, persistent: true, createPostgresUser: isRoot, onLog: () => {}, onError: () => {} });
      await pg.initialise();
      await pg.start();
      const c = new Client({ connectionString: 'postgres://postgres:postgres@127.0.0.1:${port}/postgres' });
      await c.connect();
      await c.query("CREATE TABLE survivor (note text)");
      await c.query("INSERT INTO survivor VALUES ('written before the kill')");
      await c.end();
      process.stdout.write('READY\\n');
      setInterval(() => {}, 1000);
    })().catch((e) => { console.error(e); process.exit(1); });
  `;
}
