import { ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * Request/response over the IPC channel of a forked benchmark helper, so that the system under test
 * and the load generator each get their own event loop (as separate services would in production).
 */
export interface ChildHandle {
  pid: number;
  call<T = any>(cmd: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

let nextId = 1;

/** Forks bench/.build/bench/support/<script>.js and waits for its `{ type: 'up' }`. */
export async function forkHelper(script: string, env: Record<string, string> = {}): Promise<ChildHandle> {
  // BENCH_PROFILE_DIR=<dir>: every helper writes a V8 CPU profile there on exit (see cpuprofile-top).
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const child: ChildProcess = fork(join(__dirname, `${script}.js`), [], {
    env: { ...process.env, ...env },
    execArgv: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${script}-${Date.now()}.cpuprofile`] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('exit', (code, signal) => {
    for (const p of pending.values()) p.reject(new Error(`${script} exited (code ${code}, signal ${signal})`));
    pending.clear();
  });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${script} exited before it was up (code ${code})`)));
    const onUp = (m: { type?: string }) => {
      if (m?.type === 'up') {
        child.off('message', onUp);
        resolve();
      }
    };
    child.on('message', onUp);
  });
  child.on('message', (m: { id?: number; ok?: boolean; value?: unknown; error?: string }) => {
    const p = m?.id === undefined ? undefined : pending.get(m.id);
    if (!p) return;
    pending.delete(m.id!);
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(m.error));
  });
  // A crashed benchmark must not leave its helpers running.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  return {
    pid: child.pid!,
    call(cmd, args = {}, timeoutMs = 120_000) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${script}: ${cmd} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as never);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        child.send({ id, cmd, ...args });
      });
    },
    async stop() {
      process.removeListener('exit', kill);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ cmd: 'exit' });
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/**
 * A CPU profile of a chosen window (e.g. one measured phase), unlike `--cpu-prof` which covers the
 * whole process life. `profileStop` writes `<dir>/<name>.cpuprofile`.
 */
let session: Session | undefined;
const profiling: Record<string, (args: any) => Promise<unknown>> = {
  async profileStart() {
    session = new Session();
    session.connect();
    const post = (method: string, params?: object) =>
      new Promise<unknown>((resolve, reject) => session!.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 500 });
    await post('Profiler.start');
    return true;
  },
  async profileStop(a: { dir: string; name: string }) {
    const s = session!;
    const { profile } = await new Promise<{ profile: unknown }>((resolve, reject) =>
      s.post('Profiler.stop', (err, res) => (err ? reject(err) : resolve(res as { profile: unknown }))),
    );
    s.disconnect();
    session = undefined;
    mkdirSync(a.dir, { recursive: true });
    const file = join(a.dir, `${a.name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    return file;
  },
};

/** The helper side: answers `{ id, cmd, ...args }` with `{ id, ok, value | error }`. */
export function serveParent(handlers: Record<string, (args: any) => unknown | Promise<unknown>>, onExit: () => Promise<void>): void {
  process.on('message', async (m: { id?: number; cmd: string }) => {
    if (m.cmd === 'exit') {
      await onExit().catch(() => undefined);
      process.exit(0);
    }
    const h = handlers[m.cmd] ?? profiling[m.cmd];
    try {
      if (!h) throw new Error(`unknown command ${m.cmd}`);
      const value = await h(m);
      process.send!({ id: m.id, ok: true, value });
    } catch (e) {
      process.send!({ id: m.id, ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) });
    }
  });
  // The parent died: go too.
  process.on('disconnect', () => void onExit().finally(() => process.exit(0)));
  process.send!({ type: 'up' });
}
