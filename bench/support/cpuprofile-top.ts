import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof`) and prints where the time went: the functions
 * with the most self time, and the most inclusive time (self + callees) for functions in our code.
 *
 *   node bench/.build/bench/support/cpuprofile-top.js <file.cpuprofile> [top=25] [filter-regex]
 */

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, filterArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: cpuprofile-top <file.cpuprofile> [top] [filter-regex]\n');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const filter = filterArg ? new RegExp(filterArg) : /\b(apps|libs)\//;
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Time per sample: the delta that follows it (V8 convention).
const selfUs = new Map<number, number>();
for (let i = 0; i < p.samples.length; i++) {
  const dt = p.timeDeltas[i + 1] ?? 0;
  selfUs.set(p.samples[i], (selfUs.get(p.samples[i]) ?? 0) + dt);
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const where = (n: Node) => {
  const url = n.callFrame.url.replace(/^file:\/\//, '');
  const short = url ? relative(process.cwd(), url).replace(/^bench\/\.build\//, '') : '(native)';
  return `${n.callFrame.functionName || '(anonymous)'} ${short}${url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
};

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  self.set(where(n), (self.get(where(n)) ?? 0) + us);
  // Inclusive: every distinct frame on the stack gets the sample once (recursion counted once).
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = where(byId.get(cur)!);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + us);
  }
}

const pct = (us: number) => ((us / total) * 100).toFixed(1).padStart(5) + ' %';
process.stdout.write(`profile ${file}: ${(total / 1000).toFixed(0)} ms sampled\n\nSelf time, top ${top}:\n`);
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`  ${pct(us)}  ${k}\n`);
process.stdout.write(`\nInclusive time (self + callees), frames matching ${filter}, top ${top}:\n`);
for (const [k, us] of [...inclusive].filter(([k]) => filter.test(k)).sort((a, b) => b[1] - a[1]).slice(0, top)) {
  process.stdout.write(`  ${pct(us)}  ${k}\n`);
}
