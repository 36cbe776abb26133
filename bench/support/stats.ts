import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

/** Small statistics and reporting helpers shared by the benchmarks. No timing assertions: numbers only. */

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile (p in 0–100) of an unsorted sample; NaN for an empty one. */
export function percentile(xs: readonly number[] | Float64Array, p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = Float64Array.from(xs as ArrayLike<number>).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export function summarize(xs: readonly number[] | Float64Array): { n: number; p50: number; p90: number; p99: number; max: number; mean: number } {
  let sum = 0;
  let max = -Infinity;
  for (const x of xs as ArrayLike<number> & Iterable<number>) {
    sum += x;
    if (x > max) max = x;
  }
  return { n: xs.length, p50: percentile(xs, 50), p90: percentile(xs, 90), p99: percentile(xs, 99), max, mean: xs.length ? sum / xs.length : NaN };
}

export interface MachineInfo {
  date: string;
  nproc: number;
  cpuModel: string;
  node: string;
  os: string;
  memGiB: number;
  /** The code measured: HEAD, and whether apps/libs/test had uncommitted changes. */
  commit: string;
  uncommittedChanges: boolean;
}

export function machineInfo(): MachineInfo {
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    /* keep os.cpus() */
  }
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpuModel = m[1].trim();
  } catch {
    /* not Linux */
  }
  let memGiB = NaN;
  try {
    const m = /^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (m) memGiB = Math.round((Number(m[1]) / 1024 / 1024) * 10) / 10;
  } catch {
    /* not Linux */
  }
  let commit = 'unknown';
  let uncommittedChanges = false;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    uncommittedChanges = execFileSync('git', ['status', '--porcelain', '--', 'apps', 'libs', 'test'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    /* not a git checkout */
  }
  return { date: new Date().toISOString(), nproc, cpuModel, node: process.version, os: `${process.platform} ${process.arch}`, memGiB, commit, uncommittedChanges };
}

/** bench/.build/results/<name>.json: the last run's figures, read by run-all for its summary. */
export function writeResult(name: string, result: unknown): string {
  const dir = resultsDir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ machine: machineInfo(), ...(result as object) }, null, 2) + '\n');
  return file;
}

export function resultsDir(): string {
  // Compiled to bench/.build/bench/support: results go to bench/.build/results.
  return resolve(__dirname, '..', '..', 'results');
}

export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return String(n);
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Whole-machine CPU counters from /proc/stat (Linux), to show how busy the box was during a phase. */
export function cpuSnapshot(): { busy: number; total: number } {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] ?? 0);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** Busy share of all cores between two snapshots, 0–1. */
export function cpuBusy(a: { busy: number; total: number }, b: { busy: number; total: number }): number {
  return b.total > a.total ? (b.busy - a.busy) / (b.total - a.total) : NaN;
}

/**
 * CPU seconds used so far by this process and all its descendants (Postgres and its backends, the
 * Kafka JVM, forked helpers), grouped by command name, from /proc (Linux; empty elsewhere).
 */
export function cpuByCommand(rootPid = process.pid): Record<string, number> {
  const TICKS = 100; // USER_HZ on Linux
  const procs: { pid: number; ppid: number; comm: string; ticks: number }[] = [];
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const s = readFileSync(`/proc/${d}/stat`, 'utf8');
        const close = s.lastIndexOf(')');
        const comm = s.slice(s.indexOf('(') + 1, close);
        const f = s.slice(close + 2).split(' ');
        // utime + stime + the times of its children that have exited (cutime + cstime), so that a
        // pool connection's backend closing mid-phase moves its CPU to the postmaster, not away.
        procs.push({ pid: Number(d), ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
      } catch {
        /* gone meanwhile */
      }
    }
  } catch {
    return {};
  }
  const children = new Map<number, number[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  const out: Record<string, number> = {};
  const visit = (pid: number, depth: number) => {
    const p = byPid.get(pid);
    if (p) {
      const name = depth === 0 ? 'bench (node)' : p.comm === 'node' ? 'helper (node)' : p.comm;
      out[name] = (out[name] ?? 0) + p.ticks / TICKS;
    }
    for (const c of children.get(pid) ?? []) visit(c, depth + 1);
  };
  visit(rootPid, 0);
  return out;
}

export function cpuDelta(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(b)) {
    const d = b[k] - (a[k] ?? 0);
    if (d >= 0.05) out[k] = Math.round(d * 100) / 100;
  }
  return out;
}

export function fmtCpu(d: Record<string, number>, seconds: number): string {
  return Object.entries(d)
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${k} ${((v / seconds) * 100).toFixed(0)} %`)
    .join(', ');
}

export interface PhaseCpu {
  seconds: number;
  /** % of one core used by each process group of this benchmark (see cpuByCommand). */
  byProcess: Record<string, number>;
  /** Whole machine, % of all cores busy. */
  machineBusy: number;
  /**
   * % of one core busy outside this benchmark's processes: other work on the machine, plus kernel
   * threads (disk, network) partly caused by the benchmark itself. A noise indicator.
   */
  other: number;
}

export function phaseStart(): { procs: Record<string, number>; machine: { busy: number; total: number }; t: number } {
  return { procs: cpuByCommand(), machine: cpuSnapshot(), t: Date.now() };
}

export function phaseEnd(start: ReturnType<typeof phaseStart>): PhaseCpu {
  const seconds = (Date.now() - start.t) / 1000;
  const procs = cpuDelta(start.procs, cpuByCommand());
  const machine = cpuSnapshot();
  const ours = Object.values(procs).reduce((a, b) => a + b, 0);
  const busySeconds = (machine.busy - start.machine.busy) / 100;
  const pct = (cpuSeconds: number) => Math.round((cpuSeconds / seconds) * 100);
  return {
    seconds,
    byProcess: Object.fromEntries(Object.entries(procs).map(([k, v]) => [k, pct(v)])),
    machineBusy: Math.round(cpuBusy(start.machine, machine) * 100),
    other: Math.max(0, pct(busySeconds - ours)),
  };
}

export function fmtPhase(p: PhaseCpu): string {
  const procs = Object.entries(p.byProcess)
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${k} ${v} %`)
    .join(', ');
  return `CPU (% of one core): ${procs}; outside the benchmark ${p.other} %; machine ${p.machineBusy} % busy`;
}

/**
 * Waits (up to BENCH_WAIT_IDLE_S, default 120 s) for the machine to be idle — below 10 % busy over a
 * second — so that a benchmark does not start on top of a build or a test run; returns the last
 * reading (% of all cores) and warns if the machine never went quiet.
 */
export async function idleCheck(): Promise<number> {
  const deadline = Date.now() + Number(process.env.BENCH_WAIT_IDLE_S ?? 120) * 1000;
  let warned = false;
  for (;;) {
    const a = cpuSnapshot();
    await sleep(1000);
    const busy = Math.round(cpuBusy(a, cpuSnapshot()) * 100);
    if (busy <= 10 || Number.isNaN(busy)) return busy;
    if (Date.now() > deadline) {
      log(`WARNING: the machine is still ${busy} % busy; starting anyway, results will be noisy`);
      return busy;
    }
    if (!warned) log(`the machine is ${busy} % busy (other work running); waiting for it to go idle…`);
    warned = true;
  }
}
