import './support/runtime';
import { performance } from 'node:perf_hooks';
import { LocalDate } from '@jiuzhu/common';
import { assessHousehold } from '../apps/living-allowance/src/assessment/domain/assess-household';
import { renderDecision } from '../apps/living-allowance/src/assessment/domain/render-decision';
import { Household } from '../apps/living-allowance/src/assessment/domain/household';
import { DEFAULT_PARAMETERS } from '../apps/living-allowance/src/parameters/domain/default-parameters';
import { Area } from '../apps/living-allowance/src/parameters/domain/parameter';
import { AssessmentParameters, resolveAssessmentParameters } from '../apps/living-allowance/src/parameters/domain/resolve-parameters';
import { DISTRICT_CODES, syntheticHouseholds } from './support/households';
import { cpuBusy, cpuSnapshot, fmt, idleCheck, log, machineInfo, median, writeResult } from './support/stats';

/**
 * (a) Pure dibao assessments per second, one thread: the real `assessHousehold` (validation, exact
 * integer arithmetic, every rule's verdict and the line-by-line explanation recorded as data) beside
 * a bare loop of the same rule that only computes the numbers. Both must agree on every household.
 * A third loop also words the decision (`renderDecision`: every rule message and explanation line in
 * Chinese and English), which the service does at the edge when a decision is shown.
 *
 *   node bench/.build/bench/assessment.bench.js            # full run
 *   BENCH_HOUSEHOLDS=20000 BENCH_ROUNDS=3 node …           # quicker
 *   node --cpu-prof --cpu-prof-dir=bench/.build/profiles bench/.build/bench/assessment.bench.js --real-only   (or --render-only)
 *   node bench/.build/bench/support/cpuprofile-top.js bench/.build/profiles/<file>.cpuprofile
 */

// The assessment is plain code (one rule object per rule, no shared buffers); 100 000 a second on
// one core is ten times what a full-city reassessment run needs.
const TARGET_PER_SECOND = 100_000;
const N = Number(process.env.BENCH_HOUSEHOLDS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const WARMUP_PASSES = Number(process.env.BENCH_WARMUP ?? 2);
const SEED = 20250615;
const ON: LocalDate = '2025-06-15';
const REAL_ONLY = process.argv.includes('--real-only');
const RENDER_ONLY = process.argv.includes('--render-only');

const OUTCOME_CODE = { dibao: 0, low_income: 1, ineligible: 2 } as const;
type OutcomeCode = 0 | 1 | 2;

// ---- the bare rule ----------------------------------------------------------------------------
// Written for speed on purpose, as the benchmark's baseline only (numbers, no explanation, no
// validation): production code never copies it.

/** Parameters flattened once per district and area (the bare loop's only preparation). */
interface BareParams {
  standard: number;
  excluded: Set<string>;
  medical: { allowed: boolean; cap: number };
  education: { allowed: boolean; cap: number };
  rent: { allowed: boolean; cap: number };
  employmentAllowed: boolean;
  wageShareBp: number;
  employmentCap: number;
  moneyMonths: number;
  maxHomes: number;
  areaPerPersonHundredths: number;
  vehiclesAllowed: number;
  bandBp: number;
  bandStrict: boolean;
  floorPerPerson: number;
  topUps: { group: number; shareBp: number; amount: number; minAge: number; maxAgeExcl: number; grades: number[] | null; ill: boolean | null; abilities: string[] | null }[];
  groups: number;
  sp: { grades: number[]; imGrades: number[]; ill: boolean; base: number };
}

/** amount × bp / 10000 rounded half up, as shareOfFen does (exact while amount × bp < 2^53). */
const share = (amount: number, bp: number) => Math.floor((amount * bp + 5000) / 10000);

function bareParams(p: AssessmentParameters): BareParams {
  const capped = (r: { allowed: boolean; monthlyCapFen: number | null }) => ({ allowed: r.allowed, cap: r.monthlyCapFen ?? Number.MAX_SAFE_INTEGER });
  const groupIds = new Map<string, number>();
  for (const t of p.topUps.rules) if (!groupIds.has(t.group)) groupIds.set(t.group, groupIds.size);
  const e = p.deductions.employment;
  return {
    standard: p.standardFen,
    excluded: new Set(p.incomeExclusions.kinds),
    medical: capped(p.deductions.medical),
    education: capped(p.deductions.education),
    rent: capped(p.deductions.rent),
    employmentAllowed: e.allowed,
    wageShareBp: e.wageShareBp,
    employmentCap: e.capShareOfStandardBp === null ? Number.MAX_SAFE_INTEGER : share(p.standardFen, e.capShareOfStandardBp),
    moneyMonths: p.assets.moneyMonthsOfStandard,
    maxHomes: p.assets.maxHomes,
    areaPerPersonHundredths: Math.round(p.assets.housingAreaPerPersonSqm * 100),
    vehiclesAllowed: p.assets.nonExemptVehiclesAllowed,
    bandBp: p.lowIncomeBand.multiplierBp,
    bandStrict: p.lowIncomeBand.strictBound,
    floorPerPerson: share(p.standardFen, p.payment.floorShareBp),
    topUps: p.topUps.rules.map((t) => ({
      group: groupIds.get(t.group)!,
      shareBp: t.shareBp,
      amount: share(p.standardFen, t.shareBp),
      minAge: t.when.minAge ?? -1,
      maxAgeExcl: t.when.maxAgeExclusive ?? Number.MAX_SAFE_INTEGER,
      grades: t.when.disabilityGrades ?? null,
      ill: t.when.seriousIllness ?? null,
      abilities: t.when.abilityLevels ?? null,
    })),
    groups: groupIds.size,
    sp: {
      grades: p.singlePersonInclusion.disabilityGrades,
      imGrades: p.singlePersonInclusion.intellectualOrMentalGrades,
      ill: p.singlePersonInclusion.seriousIllness,
      base: share(p.standardFen, p.singlePersonInclusion.benefitShareBp),
    },
  };
}

const ON_Y = Number(ON.slice(0, 4));
const ON_M = Number(ON.slice(5, 7));
const ON_D = Number(ON.slice(8, 10));
const digits = (s: string, from: number, n: number) => {
  let v = 0;
  for (let i = from; i < from + n; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
};
function ageFromId(id: string): number {
  const y = digits(id, 6, 4);
  const m = digits(id, 10, 2);
  const d = digits(id, 12, 2);
  return ON_Y - y - (ON_M > m || (ON_M === m && ON_D >= d) ? 0 : 1);
}

const bestShare = new Int32Array(8);
const bestAmount = new Int32Array(8);
function memberTopUps(bp: BareParams, m: Household['members'][number], age: number): number {
  bestShare.fill(0, 0, bp.groups);
  bestAmount.fill(0, 0, bp.groups);
  for (const t of bp.topUps) {
    if (t.shareBp <= 0 || age < t.minAge || age >= t.maxAgeExcl) continue;
    if (t.grades !== null && (m.disability === undefined || !t.grades.includes(m.disability.grade))) continue;
    if (t.ill !== null && (m.seriousIllness === true) !== t.ill) continue;
    if (t.abilities !== null && (m.abilityAssessment === undefined || !t.abilities.includes(m.abilityAssessment.level))) continue;
    if (t.shareBp > bestShare[t.group]) {
      bestShare[t.group] = t.shareBp;
      bestAmount[t.group] = t.amount;
    }
  }
  let sum = 0;
  for (let g = 0; g < bp.groups; g++) sum += bestAmount[g];
  return sum;
}

/** The rule with no explanation, no validation and no allocation beyond a small per-member array. */
function bareAssess(h: Household, bp: BareParams, out: { outcome: OutcomeCode; benefit: number; single: number }): void {
  const members = h.members;
  const size = members.length;
  const std = bp.standard;
  const wage = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0].slice(0, size);
  let counted = 0;
  for (const inc of h.incomes) {
    if (bp.excluded.has(inc.kind)) continue;
    counted += inc.monthlyFen;
    if (inc.kind === 'wage') wage[inc.memberIndex] += inc.monthlyFen;
  }
  let medical = -1;
  let education = -1;
  let rent = -1;
  let employment = 0;
  const employmentClaims = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0].slice(0, size);
  let hasEmployment = false;
  for (const d of h.deductions) {
    if (d.kind === 'medical') medical = (medical < 0 ? 0 : medical) + d.monthlyFen;
    else if (d.kind === 'education') education = (education < 0 ? 0 : education) + d.monthlyFen;
    else if (d.kind === 'rent') rent = (rent < 0 ? 0 : rent) + d.monthlyFen;
    else {
      employmentClaims[d.memberIndex as number] += d.monthlyFen;
      hasEmployment = true;
    }
  }
  let deductions = 0;
  if (medical >= 0 && bp.medical.allowed) deductions += Math.min(medical, bp.medical.cap);
  if (education >= 0 && bp.education.allowed) deductions += Math.min(education, bp.education.cap);
  if (rent >= 0 && bp.rent.allowed) deductions += Math.min(rent, bp.rent.cap);
  if (hasEmployment && bp.employmentAllowed) {
    for (let i = 0; i < size; i++) {
      if (employmentClaims[i] === 0) continue;
      employment += Math.min(employmentClaims[i], share(wage[i], bp.wageShareBp), bp.employmentCap);
    }
    deductions += employment;
  }
  const net = Math.max(0, counted - deductions);
  const incomePasses = net < std * size;
  let nonExempt = 0;
  for (const v of h.assets.vehicles) if (!v.exempt) nonExempt++;
  const property =
    h.assets.moneyFen <= bp.moneyMonths * std * size &&
    (h.assets.homes <= bp.maxHomes || Math.round(h.assets.housingAreaSqm * 100) <= bp.areaPerPersonHundredths * size) &&
    nonExempt <= bp.vehiclesAllowed;

  out.benefit = 0;
  out.single = 0;
  if (incomePasses && property) {
    out.outcome = 0;
    const gap = std * size - net;
    let benefit = Math.max(gap, bp.floorPerPerson * size);
    for (let i = 0; i < size; i++) benefit += memberTopUps(bp, members[i], ageFromId(members[i].idNumber));
    out.benefit = benefit;
    return;
  }
  const band = bp.bandStrict ? net * 10000 < bp.bandBp * std * size : net * 10000 <= bp.bandBp * std * size;
  if (!(band && property)) {
    out.outcome = 2;
    return;
  }
  out.outcome = 1;
  let single = 0;
  for (let i = 0; i < size; i++) {
    const m = members[i];
    const d = m.disability;
    const qualifies =
      (d !== undefined && (bp.sp.grades.includes(d.grade) || ((d.kind === 'intellectual' || d.kind === 'mental') && bp.sp.imGrades.includes(d.grade)))) ||
      (bp.sp.ill && m.seriousIllness === true);
    if (qualifies) single += bp.sp.base + memberTopUps(bp, m, ageFromId(m.idNumber));
  }
  out.single = single;
}

// ---- the benchmark ----------------------------------------------------------------------------

async function main() {
  const machine = machineInfo();
  log(`assessment bench: ${machine.nproc} × ${machine.cpuModel}, Node ${machine.node}`);

  const idleBefore = await idleCheck();
  const t0 = performance.now();
  const households = syntheticHouseholds(N, SEED, ON);
  const paramsByScope = new Map<string, AssessmentParameters>();
  const bareByScope = new Map<string, BareParams>();
  for (const d of DISTRICT_CODES) {
    for (const a of ['urban', 'rural'] as Area[]) {
      const r = resolveAssessmentParameters(DEFAULT_PARAMETERS, d, a, ON);
      if (!r.ok) throw new Error(`parameters do not resolve for ${d}/${a}: ${r.reason}`);
      paramsByScope.set(`${d}/${a}`, r.value);
      bareByScope.set(`${d}/${a}`, bareParams(r.value));
    }
  }
  // Parameters are resolved per household beforehand (the service resolves them once per request, outside the rule).
  const params = households.map((h) => paramsByScope.get(`${h.districtCode}/${h.area}`)!);
  const bare = households.map((h) => bareByScope.get(`${h.districtCode}/${h.area}`)!);
  log(`generated ${fmt(N)} households in ${fmt(performance.now() - t0)} ms (not timed)`);

  const realOutcome = new Uint8Array(N);
  const realBenefit = new Float64Array(N);
  const realSingle = new Float64Array(N);
  const bareOutcome = new Uint8Array(N);
  const bareBenefit = new Float64Array(N);
  const bareSingle = new Float64Array(N);
  let explanationLines = 0;
  let refused = 0;

  const runReal = (): number => {
    let lines = 0;
    const start = performance.now();
    for (let i = 0; i < N; i++) {
      const r = assessHousehold(households[i], params[i], ON);
      if (!r.ok) {
        refused++;
        realOutcome[i] = 255;
        continue;
      }
      const d = r.decision;
      realOutcome[i] = OUTCOME_CODE[d.outcome];
      realBenefit[i] = d.monthlyBenefitFen;
      let single = 0;
      for (const s of d.singlePersonInclusions) single += s.monthlyBenefitFen;
      realSingle[i] = single;
      lines += d.explanation.length;
    }
    const ms = performance.now() - start;
    explanationLines = lines;
    return (N / ms) * 1000;
  };
  const out = { outcome: 0 as OutcomeCode, benefit: 0, single: 0 };
  const runBare = (): number => {
    const start = performance.now();
    for (let i = 0; i < N; i++) {
      bareAssess(households[i], bare[i], out);
      bareOutcome[i] = out.outcome;
      bareBenefit[i] = out.benefit;
      bareSingle[i] = out.single;
    }
    return (N / (performance.now() - start)) * 1000;
  };
  const mismatches = () => {
    let n = 0;
    for (let i = 0; i < N; i++) {
      if (realOutcome[i] !== bareOutcome[i] || realBenefit[i] !== bareBenefit[i] || realSingle[i] !== bareSingle[i]) {
        if (n < 5) log(`  mismatch #${i}: real ${realOutcome[i]}/${realBenefit[i]}/${realSingle[i]} bare ${bareOutcome[i]}/${bareBenefit[i]}/${bareSingle[i]}`);
        n++;
      }
    }
    return n;
  };

  /** Assessment plus the words: what the service does when a decision is shown (trial assessment, case view). */
  let renderedChars = 0;
  const runRendered = (): number => {
    let chars = 0;
    const start = performance.now();
    for (let i = 0; i < N; i++) {
      const r = assessHousehold(households[i], params[i], ON);
      if (!r.ok) continue;
      const view = renderDecision(r.decision);
      for (const line of view.explanation) chars += line.text.zh.length + line.text.en.length;
    }
    const ms = performance.now() - start;
    renderedChars = chars;
    return (N / ms) * 1000;
  };

  if (REAL_ONLY || RENDER_ONLY) {
    // For `node --cpu-prof`: one loop only, long enough for a stable profile.
    const run = REAL_ONLY ? runReal : runRendered;
    for (let k = 0; k < WARMUP_PASSES + ROUNDS; k++) log(`  ${REAL_ONLY ? 'real' : 'rendered'} pass ${k + 1}: ${fmt(run())} households/s`);
    return;
  }

  for (let k = 0; k < WARMUP_PASSES; k++) {
    const r = runReal();
    const b = runBare();
    const w = runRendered();
    log(`  warm-up ${k + 1}: real ${fmt(r)} /s, bare ${fmt(b)} /s, real + words ${fmt(w)} /s`);
  }
  const realRates: number[] = [];
  const bareRates: number[] = [];
  const renderedRates: number[] = [];
  let worstMismatch = 0;
  // This loop is single-threaded: on 2 cores, the machine above ~50 % busy means something else ran.
  const machine0 = cpuSnapshot();
  for (let k = 0; k < ROUNDS; k++) {
    // Alternate the order so neither loop always runs right after the other's garbage.
    if (k % 2 === 0) {
      realRates.push(runReal());
      bareRates.push(runBare());
    } else {
      bareRates.push(runBare());
      realRates.push(runReal());
    }
    worstMismatch = Math.max(worstMismatch, mismatches());
    renderedRates.push(runRendered());
    log(`  round ${k + 1}: real ${fmt(realRates[k])} /s, bare ${fmt(bareRates[k])} /s, real + words ${fmt(renderedRates[k])} /s`);
  }

  const machineBusy = Math.round(cpuBusy(machine0, cpuSnapshot()) * 100);
  const mix = { dibao: 0, low_income: 0, ineligible: 0, withSinglePerson: 0, withTopUps: 0 };
  for (let i = 0; i < N; i++) {
    if (realOutcome[i] === 0) mix.dibao++;
    else if (realOutcome[i] === 1) mix.low_income++;
    else mix.ineligible++;
    if (realSingle[i] > 0) mix.withSinglePerson++;
  }
  for (let i = 0; i < Math.min(N, 20000); i++) {
    const r = assessHousehold(households[i], params[i], ON);
    if (r.ok && r.decision.topUps.length > 0) mix.withTopUps++;
  }

  const real = median(realRates);
  const bareRate = median(bareRates);
  const rendered = median(renderedRates);
  const result = {
    benchmark: 'assessment',
    machineBusyBeforeStart: idleBefore,
    machineBusyDuringRounds: machineBusy,
    households: N,
    rounds: ROUNDS,
    warmupPasses: WARMUP_PASSES,
    realPerSecondMedian: Math.round(real),
    barePerSecondMedian: Math.round(bareRate),
    realRounds: realRates.map(Math.round),
    bareRounds: bareRates.map(Math.round),
    ratioRealToBare: real / bareRate,
    renderedPerSecondMedian: Math.round(rendered),
    renderedRounds: renderedRates.map(Math.round),
    renderedCharsPerHousehold: renderedChars / N,
    explanationLinesPerHousehold: explanationLines / N,
    mismatches: worstMismatch,
    refused,
    outcomeMix: mix,
    targetPerSecond: TARGET_PER_SECOND,
    targetMet: real >= TARGET_PER_SECOND && worstMismatch === 0,
  };
  const file = writeResult('assessment', result);
  log('');
  log(`outcomes: dibao ${fmt(mix.dibao)}, low-income ${fmt(mix.low_income)}, neither ${fmt(mix.ineligible)}; single-person inclusions in ${fmt(mix.withSinglePerson)}; refused ${refused}`);
  log(`with explanations (assessHousehold): ${fmt(real)} households/s (median of ${ROUNDS}), ${(explanationLines / N).toFixed(1)} lines each`);
  log(`bare rule:                           ${fmt(bareRate)} households/s`);
  log(`real + words (renderDecision):      ${fmt(rendered)} households/s, ${fmt(renderedChars / N)} characters of explanation each`);
  log(`ratio real/bare: ${(real / bareRate).toFixed(3)} (bare is ${(bareRate / real).toFixed(1)}× faster)`);
  log(`mismatches (outcome, monthly benefit, single-person benefit): ${worstMismatch}`);
  log(`machine ${machineBusy} % busy during the timed rounds (one core of ${machine.nproc} = ${Math.round(100 / machine.nproc)} %)`);
  log(`target ≥ ${fmt(TARGET_PER_SECOND)} /s with explanations: ${result.targetMet ? 'MET' : 'NOT MET'}`);
  log(`result written to ${file}`);
}

main().catch((e) => {
  process.stderr.write(`assessment bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
