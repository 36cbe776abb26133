import './support/runtime';
import { performance } from 'node:perf_hooks';
import { addDays, LocalDate } from '@jiuzhu/common';
import { CARE_RISK_EVENT_KINDS, ElderAssessmentInput } from '../apps/elder-assessment/src/assessment/domain/assessment-input';
import { DEFAULT_ELDER_PARAMETERS, resolveElderParameters } from '../apps/elder-assessment/src/assessment/domain/assessment-parameters';
import { ITEM_CODES } from '../apps/elder-assessment/src/assessment/domain/items';
import { renderAssessment } from '../apps/elder-assessment/src/assessment/domain/render-assessment';
import { scoreAssessment } from '../apps/elder-assessment/src/assessment/domain/score-assessment';
import { fmt, log, machineInfo, median, writeResult } from './support/stats';

/**
 * Issue "elder-assessment" (pure part): elder ability assessments scored per second on one thread —
 * the real `scoreAssessment` (validation of all 26 items against the ranges in force, sub-totals,
 * level, raises, self-care ability, the explanation recorded as data) on synthetic inputs, and the
 * same with the explanation worded in zh + en (`renderAssessment`, done when a result is shown).
 *
 *   node bench/.build/bench/elder-scoring.bench.js      BENCH_ASSESSMENTS (100 000), BENCH_ROUNDS (5)
 */
const N = Number(process.env.BENCH_ASSESSMENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ON: LocalDate = '2026-03-10';

/** A deterministic pseudo-random sequence, so every run scores the same inputs. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function inputs(n: number, ranges: Record<string, { min: number; max: number }>): ElderAssessmentInput[] {
  const r = rng(20260310);
  const out: ElderAssessmentInput[] = [];
  for (let i = 0; i < n; i++) {
    // An elder's overall ability drives every item, so totals spread over all five levels.
    const ability = r();
    const scores: Record<string, number> = {};
    for (const code of ITEM_CODES) {
      const { min, max } = ranges[code];
      scores[code] = Math.max(min, Math.min(max, Math.round(min + (max - min) * (ability + (r() - 0.5) * 0.4))));
    }
    const events = r() < 0.1 ? [0, 1, 2].slice(0, 1 + Math.floor(r() * 3)).map(() => ({ kind: CARE_RISK_EVENT_KINDS[Math.floor(r() * 4)], on: addDays(ON, -Math.floor(r() * 45)) })) : [];
    out.push({
      scores,
      conditions: { coma: r() < 0.005, dementiaDiagnosed: r() < 0.08, psychiatricDisorderDiagnosed: r() < 0.03, careRiskEvents: events },
      assessedOn: ON,
    });
  }
  return out;
}

function main() {
  const m = machineInfo();
  log(`elder scoring bench: ${fmt(N)} assessments × ${ROUNDS} rounds — nproc ${m.nproc}, ${m.cpuModel}, Node ${m.node}`);
  const params = resolveElderParameters(DEFAULT_ELDER_PARAMETERS, ON);
  if (!params.ok) throw new Error('elder parameters do not resolve');
  const batch = inputs(N, params.value.itemScoreRanges as Record<string, { min: number; max: number }>);

  const levels: Record<string, number> = {};
  for (const x of batch) {
    const res = scoreAssessment(x, params.value);
    levels[res.finalLevel] = (levels[res.finalLevel] ?? 0) + 1;
  }
  log(`levels in the batch: ${JSON.stringify(levels)}`);

  const scored: number[] = [];
  const rendered: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let t = performance.now();
    let sink = 0;
    for (const x of batch) sink += scoreAssessment(x, params.value).total;
    scored.push((N / (performance.now() - t)) * 1000);
    t = performance.now();
    for (const x of batch) sink += renderAssessment(scoreAssessment(x, params.value)).length;
    rendered.push((N / (performance.now() - t)) * 1000);
    if (sink < 0) log('unreachable');
  }
  log(`scored: median ${fmt(median(scored))} /s (rounds ${scored.map((x) => fmt(x)).join(', ')})`);
  log(`scored and worded: median ${fmt(median(rendered))} /s`);
  writeResult('elder-scoring', { machine: m, assessments: N, rounds: ROUNDS, levels, scoredPerSecond: scored, scoredMedian: median(scored), renderedPerSecond: rendered, renderedMedian: median(rendered) });
}

main();
