import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, log, machineInfo, resultsDir } from './support/stats';

/**
 * Runs every benchmark, one process each (so one's heap, JIT state and helpers cannot disturb the
 * next), then prints the figures that go into docs/benchmarks.md.
 *
 *   npm run bench                      # build + all three
 *   npm run bench -- assessment        # build + only the ones named
 */

const ALL = ['assessment', 'event-pipeline', 'filing-endpoint'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? ALL.filter((n) => wanted.includes(n)) : ALL;

const m = machineInfo();
log(`Jiuzhu benchmarks — ${m.date}`);
log(`machine: nproc ${m.nproc}, ${m.cpuModel}, ${m.memGiB} GiB, Node ${m.node}, ${m.os}`);
log(`code: ${m.commit}${m.uncommittedChanges ? ' + uncommitted changes in apps/libs/test' : ''}`);
const read = (n: string) => {
  const f = join(resultsDir(), `${n}.json`);
  return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : undefined;
};

/**
 * CPU (% of one core) that other work on the machine took during the measured phases of a result:
 * a build or test run started meanwhile on a 2-core box skews everything, so such a run is redone.
 */
function disturbance(name: string, r: any): number {
  if (!r) return 0;
  if (name === 'assessment') return Math.max(0, (r.machineBusyDuringRounds - 100 / r.machine.nproc) * r.machine.nproc);
  const phases =
    name === 'event-pipeline'
      ? [r.pipeline.steady.cpu, r.pipeline.max.cpu, r.pipeline.drain.cpu, r.raw.steady.cpu, r.raw.max.cpu]
      : r.rounds.flatMap((x: any) => [x.bare.cpu, x.filing.cpu]);
  return Math.max(...phases.map((p: { other: number }) => p.other));
}

const RETRIES = Number(process.env.BENCH_RETRIES ?? 2);
const DISTURBED = 25;
let failed = 0;
for (const name of names) {
  let best: { other: number; json: string } | undefined;
  for (let attempt = 0; ; attempt++) {
    log(`\n===== ${name}${attempt ? ` (attempt ${attempt + 1})` : ''} =====`);
    const t = Date.now();
    const r = spawnSync(process.execPath, [join(__dirname, `${name}.bench.js`)], { stdio: 'inherit' });
    log(`(${name}: ${((Date.now() - t) / 1000).toFixed(0)} s, exit ${r.status})`);
    if (r.status !== 0) {
      failed++;
      break;
    }
    const other = disturbance(name, read(name));
    if (!best || other < best.other) best = { other, json: readFileSync(join(resultsDir(), `${name}.json`), 'utf8') };
    if (other <= DISTURBED) break;
    if (attempt >= RETRIES) {
      log(`WARNING: ${name} was disturbed by other work in every attempt; keeping the least disturbed (${best.other.toFixed(0)} % of a core outside)`);
      writeFileSync(join(resultsDir(), `${name}.json`), best.json);
      break;
    }
    log(`${name} was disturbed by other work (${other.toFixed(0)} % of a core outside the benchmark): running it again`);
  }
}
const yes = (b: boolean) => (b ? 'met' : 'NOT met');
log('\n===== summary =====');
const a = names.includes('assessment') ? read('assessment') : undefined;
if (a) {
  log(
    `assessment: ${fmt(a.realPerSecondMedian)}/s with explanations vs ${fmt(a.barePerSecondMedian)}/s bare (ratio ${a.ratioRealToBare.toFixed(3)}; ` +
      `${fmt(a.renderedPerSecondMedian)}/s with the words rendered), ` +
      `mismatches ${a.mismatches}; target ≥ ${fmt(a.targetPerSecond)}/s ${yes(a.targetMet)} [other work: ${disturbance('assessment', a).toFixed(0)} % of a core]`,
  );
}
const e = names.includes('event-pipeline') ? read('event-pipeline') : undefined;
if (e) {
  log(
    `event pipeline: drain ${fmt(e.pipeline.drain.consumerPerSecond)}/s vs the same durable work by hand ${fmt(e.byHand.consumerPerSecond)}/s ` +
      `(${(e.throughputShareOfByHand * 100).toFixed(1)} %, target ≥ ${e.targets.throughputShare.target * 100} % ${yes(e.targets.throughputShare.met)}; ` +
      `reference: raw kafkajs without writes ${fmt(e.raw.max.consumerPerSecond)}/s, ${(e.throughputShareOfRaw * 100).toFixed(1)} %); ` +
      `at ${fmt(e.pipeline.steady.offeredPerSecond)}/s p50 ${fmt(e.pipeline.steady.latency.p50)} ms p99 ${fmt(e.pipeline.steady.latency.p99)} ms ` +
      `(raw p50 ${fmt(e.raw.steady.latency.p50)} / p99 ${fmt(e.raw.steady.latency.p99)} ms; target p99 ≤ 100 ms ${yes(e.targets.p99AtSteadyMs.met)}) ` +
      `[other work: ${disturbance('event-pipeline', e).toFixed(0)} % of a core]`,
  );
}
const f = names.includes('filing-endpoint') ? read('filing-endpoint') : undefined;
if (f) {
  log(
    `filing endpoint: ${fmt(f.filingRequestsPerSecond)} req/s (p99 ≤ ${f.filingP99Ms} ms) vs bare insert ${fmt(f.bareRequestsPerSecond)} req/s ` +
      `(p99 ≤ ${f.bareP99Ms} ms): ${(f.filingShareOfBare * 100).toFixed(1)} % (target ≥ ${f.target.share * 100} %), paced p99 ${f.paced?.run?.latencyP99 ?? "?"} ms (target ≤ ${f.target.pacedP99Ms} ms) ${yes(f.target.met)} ` +
      `[other work: ${disturbance('filing-endpoint', f).toFixed(0)} % of a core]`,
  );
}
process.exit(failed ? 1 : 0);
