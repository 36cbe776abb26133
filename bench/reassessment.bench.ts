import '../libs/common/src/runtime/register-aliases';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { refOf, residentIdCheckChar } from '@jiuzhu/common';
import { BenefitAdjusted } from '@jiuzhu/contracts';
import { runService } from '@jiuzhu/platform';
import { assessHousehold } from '../apps/living-allowance/src/assessment/domain/assess-household';
import { Household } from '../apps/living-allowance/src/assessment/domain/household';
import { livingAllowanceService } from '../apps/living-allowance/src/living-allowance.service';
import { DEFAULT_PARAMETERS } from '../apps/living-allowance/src/parameters/domain/default-parameters';
import { resolveAssessmentParameters } from '../apps/living-allowance/src/parameters/domain/resolve-parameters';
import { monthsBetweenInclusive } from '../apps/living-allowance/src/reassessment/domain/reassess-case';
import { ReassessmentRunner } from '../apps/living-allowance/src/reassessment/reassessment-runner';
import { startTestIssuer } from '../test/support/test-issuer';
import { freePort, freshDatabase, startKafka, startPostgres } from './support/infra';
import { fmt, log, machineInfo, summarize, writeResult } from './support/stats';

/**
 * Issue "living-allowance casework" benchmarks, on real Postgres and Kafka:
 *  - re-deciding N paying cases after a new standard, end to end (cases persisted, one
 *    benefit.adjusted each, all published on Kafka), next to raw set-based SQL doing the same writes
 *    (published by the same relay), both timed to persisted and to published;
 *  - the what-if on the same caseload;
 *  - review-queue claims per second with 16 concurrent officers, and double claims (must be 0).
 *
 *   node bench/.build/bench/reassessment.bench.js      BENCH_CASES (100 000), BENCH_CLAIM_SECONDS (10)
 */
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const CLAIM_SECONDS = Number(process.env.BENCH_CLAIM_SECONDS ?? 10);
const OFFICERS = 16;
const REF_KEY = 'bench-ref-key-0123456789abcdef';

function household(i: number): Household {
  const id = (n: number) => {
    const first17 = `640202${1940 + (n % 50)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
    return first17 + residentIdCheckChar(first17);
  };
  return {
    districtCode: '640202',
    area: 'urban',
    members: [
      { idNumber: id(i * 2), relation: 'applicant' },
      { idNumber: id(i * 2 + 1), relation: 'spouse' },
    ],
    incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 30000 + (i % 500) * 100 }],
    deductions: [],
    assets: { moneyFen: 0, homes: 1, housingAreaSqm: 50, vehicles: [] },
  } as Household;
}

async function main() {
  const m = machineInfo();
  log(`reassessment bench: ${CASES} cases — nproc ${m.nproc}, ${m.cpuModel}, Node ${m.node}`);
  const pg = await startPostgres();
  const kafka = await startKafka();
  const db = await freshDatabase(pg.adminUrl, 'reassess');
  const quiet = pino({ level: 'silent' });
  const idp = await startTestIssuer();
  const signedIn = async (sub: string, role: 'admin' | 'township_reviewer', jurisdiction: string) => `Bearer ${await idp.staff(role, jurisdiction, { sub, expiresIn: 3600 })}`;
  const svc = await runService(livingAllowanceService({ refKey: REF_KEY, backgroundJobs: false }), {
    settings: { databaseUrl: db.url, port: await freePort(), transport: 'kafka', kafkaBrokers: kafka.brokers, kafkaPartitions: 3, kafkaReplicationFactor: 1, auth: idp.config() },
    log: quiet,
  });
  try {
    const params = resolveAssessmentParameters(DEFAULT_PARAMETERS, '640202', 'urban', '2026-01-01');
    if (!params.ok) throw new Error('parameters');
    const t0 = Date.now();
    for (let start = 0; start < CASES; start += 5000) {
      const ids: string[] = [], refs: string[] = [], docs: string[] = [], fens: number[] = [], decisions: string[] = [];
      for (let i = start; i < Math.min(CASES, start + 5000); i++) {
        const h = household(i);
        const r = assessHousehold(h, params.value, '2026-01-01');
        if (!r.ok) throw new Error(`household ${i}`);
        ids.push(randomUUID());
        refs.push(refOf(h.members[0].idNumber, REF_KEY));
        docs.push(JSON.stringify(h));
        fens.push(r.decision.monthlyBenefitFen);
        decisions.push(JSON.stringify(r.decision));
      }
      await svc.dataSource.query(
        `INSERT INTO applications (id, coverage, household_ref, district_code, area, household, status, granted, monthly_benefit_fen, effective_month,
           decided_on, review_due_on, version, filed_by, filed_at, updated_by, updated_at)
         SELECT id, 'household', ref, '640202', 'urban', h, 'approved', 'dibao', fen, '2026-02', '2026-01-15', '2026-07-15', 3, 'clerk', now(), 'officer', now()
           FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::bigint[]) AS t(id, ref, h, fen)`,
        [ids, refs, docs, fens],
      );
      // Each paying case stands on its approval, as every approved case does: the run keeps that
      // decision and re-decides on its facts.
      await svc.dataSource.query(
        `WITH d AS (
           INSERT INTO case_decisions (application_id, trigger, decided_on, effective_on, from_month, outcome, granted, monthly_benefit_fen, reason_code,
             facts, parameter_versions, assessment, household, decided_by, recorded_at)
           SELECT id, 'application', '2026-01-15', '2026-01-15', '2026-02', 'dibao', 'dibao', fen, NULL, '{"level":"county"}', d -> 'parameterVersions', d, h, 'officer', now()
             FROM unnest($1::uuid[], $2::jsonb[], $3::jsonb[], $4::bigint[]) AS t(id, h, d, fen)
           RETURNING id, application_id)
         UPDATE applications a SET current_decision_id = d.id FROM d WHERE a.id = d.application_id`,
        [ids, docs, decisions, fens],
      );
    }
    await svc.dataSource.query('ANALYZE applications');
    await svc.dataSource.query('ANALYZE case_decisions');
    log(`seeded ${fmt(CASES)} paying cases in ${fmt(Date.now() - t0)} ms (not timed)`);

    // What-if on the live caseload.
    const wt = Date.now();
    const whatIf = await fetch(`${svc.url}/reassessments/what-if`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ validFrom: '2026-01-01', standards: [{ districtCode: '640202', area: 'urban', monthlyFen: 82000 }] }),
    }).then((r) => r.json() as Promise<any>);
    const whatIfMs = Date.now() - wt;
    log(`what-if: ${fmt(whatIfMs)} ms (${fmt((CASES / whatIfMs) * 1000)} cases/s); changed ${fmt(whatIf.districts[0].payingCases.changed)}`);

    // The real run, end to end: re-decided, persisted, and every event published on Kafka.
    const published = await fetch(`${svc.url}/parameters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await signedIn('admin', 'admin', '640200') },
      body: JSON.stringify({ key: 'dibao.standard', districtCode: '640202', area: 'urban', validFrom: '2026-01-01', value: { monthlyFen: 82000 }, legalSource: 'bench: 2026 standard' }),
    });
    if (published.status !== 201) throw new Error(`publish: ${published.status}`);
    const runner = svc.app.get(ReassessmentRunner);
    const rt = Date.now();
    await runner.drain();
    const persistedMs = Date.now() - rt;
    for (;;) {
      const [{ n }] = await svc.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const endToEndMs = Date.now() - rt;
    const [run] = await runner.list(1);
    const [{ events }] = await svc.dataSource.query(`SELECT count(*)::int AS events FROM outbox WHERE type = 'living-allowance.benefit.adjusted'`);
    log(`run: persisted in ${fmt(persistedMs)} ms, published in ${fmt(endToEndMs)} ms → ${fmt((CASES / endToEndMs) * 1000)} households/s; changed ${fmt(run.changed)}, events ${fmt(events)}`);
    const sameFigures = run.changed === whatIf.districts[0].payingCases.changed && run.monthlyBudgetDeltaFen === whatIf.districts[0].payingCases.monthlyBudgetDeltaFen;

    // Raw set-based SQL doing the same writes, 1 000 cases a transaction as the run does: each case's
    // compact re-decision (a decision row), amount, version, updater and current decision, its history
    // line, its benefit.adjusted outbox row (same fields, left for the relay to publish like the run's)
    // and the run's counters. The raw job is handed the new amounts (it cannot run the assessment): it
    // only writes.
    const [sample] = await svc.dataSource.query(`SELECT parameter_versions FROM case_decisions WHERE trigger = 'new_standard' LIMIT 1`);
    const cases: Array<{ id: string; fen: string }> = await svc.dataSource.query(`SELECT id, monthly_benefit_fen AS fen FROM applications ORDER BY id`);
    await svc.dataSource.query('VACUUM ANALYZE applications');
    await svc.dataSource.query('VACUUM ANALYZE outbox');
    await svc.dataSource.query('VACUUM ANALYZE case_decisions');
    const rawRunId = randomUUID();
    await svc.dataSource.query(
      `INSERT INTO reassessment_runs (id, district_code, area, standard_version_id, valid_from, status, requested_by) VALUES ($1, '640202', 'urban', $2, '2026-01-01', 'running', 'bench')`,
      [rawRunId, run.standardVersionId],
    );
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const monthsPaid = monthsBetweenInclusive('2026-02', today.slice(0, 7));
    const st = Date.now();
    for (let i = 0; i < cases.length; i += 1000) {
      const chunk = cases.slice(i, i + 1000);
      await svc.dataSource.transaction(async (tx) => {
        await tx.query(
          `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS v(id, old_fen, fen)),
           decided AS (
             INSERT INTO case_decisions (application_id, trigger, decided_on, effective_on, from_month, outcome, granted, monthly_benefit_fen, reason_code,
               facts, parameter_versions, basis_decision_id, decided_by, recorded_at)
             SELECT v.id, 'new_standard', $11::date, '2026-01-01', '2026-02', 'dibao', 'dibao', v.fen, 'NEW_STANDARD',
                    jsonb_build_object('runId', $4::text, 'standardVersionId', $5::text, 'previousMonthlyFen', v.old_fen), $6::jsonb, a.current_decision_id,
                    'system:reassessment:' || $4, now()
               FROM v JOIN applications a ON a.id = v.id
             RETURNING id, application_id),
           changed AS (
             UPDATE applications a SET monthly_benefit_fen = v.fen, version = a.version + 1, updated_by = 'system:reassessment', updated_at = now(),
                    current_decision_id = decided.id
               FROM v JOIN decided ON decided.application_id = v.id
              WHERE a.id = v.id
             RETURNING a.id, a.household_ref, a.coverage, a.district_code, a.area, v.old_fen, v.fen),
           history AS (
             INSERT INTO case_history (application_id, action, from_status, to_status, actor, at, reason_code, note)
             SELECT id, 'reassess', 'approved', 'approved', 'system:reassessment:' || $4, now(), 'NEW_STANDARD',
                    $5 || ': ' || old_fen || ' → ' || fen || ' fen/month from 2026-02' FROM changed)
           INSERT INTO outbox (id, topic, key, type, version, source, payload)
           SELECT gen_random_uuid(), $7, household_ref, $8, $9, 'living-allowance',
                  jsonb_build_object('caseId', id, 'reason', 'NEW_STANDARD', 'householdRef', household_ref, 'coverage', coverage,
                    'districtCode', district_code, 'area', area, 'oldMonthlyBenefitFen', old_fen, 'newMonthlyBenefitFen', fen,
                    'adjustedFromMonth', '2026-02', 'monthsPaidAtOldAmount', $10::int, 'settlementFen', (fen - old_fen) * $10::int,
                    'standardVersionId', $5, 'reassessmentRunId', $4, 'adjustedOn', $11::text)
             FROM changed ORDER BY id`,
          [chunk.map((c) => c.id), chunk.map((c) => c.fen), chunk.map((c) => Number(c.fen) + 8000), rawRunId, run.standardVersionId,
            JSON.stringify(sample.parameter_versions), BenefitAdjusted.topic, BenefitAdjusted.type, BenefitAdjusted.version, monthsPaid, today],
        );
        await tx.query(
          `UPDATE reassessment_runs SET cursor_case_id = $2, examined = examined + $3, changed = changed + $3, increased = increased + $3,
              monthly_budget_delta_fen = monthly_budget_delta_fen + $3 * 8000, settlement_fen = settlement_fen + $3 * 8000 * $4::int WHERE id = $1`,
          [rawRunId, chunk[chunk.length - 1].id, chunk.length, monthsPaid],
        );
      });
    }
    const rawMs = Date.now() - st;
    for (;;) {
      const [{ n }] = await svc.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const rawEndToEndMs = Date.now() - st;
    log(`raw set-based SQL, same writes: persisted in ${fmt(rawMs)} ms, published in ${fmt(rawEndToEndMs)} ms → ${fmt((CASES / rawEndToEndMs) * 1000)} households/s`);
    log(
      `run / raw: persisted ${((rawMs / persistedMs) * 100).toFixed(1)} %, end to end ${((rawEndToEndMs / endToEndMs) * 100).toFixed(1)} %`,
    );

    // Review queue claims with 16 concurrent officers.
    await svc.dataSource.query(`UPDATE applications SET claimed_by = NULL, claim_expires_at = NULL`);
    const claimed: string[] = [];
    const latencies: number[] = [];
    const until = Date.now() + CLAIM_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: OFFICERS }, async (_, k) => {
        const officer = await signedIn(`officer-${k}`, 'township_reviewer', '640202');
        while (Date.now() < until) {
          const t = performance.now();
          const res = await fetch(`${svc.url}/reviews/claim?districtCode=640202`, { method: 'POST', headers: { authorization: officer } });
          latencies.push(performance.now() - t);
          if (res.status !== 200) break;
          claimed.push(((await res.json()) as { id: string }).id);
        }
      }),
    );
    const distinct = new Set(claimed).size;
    const lat = summarize(latencies);
    log(`claims: ${fmt(claimed.length / CLAIM_SECONDS)} /s with ${OFFICERS} officers, p50 ${lat.p50.toFixed(1)} ms, p99 ${lat.p99.toFixed(1)} ms; double claims ${claimed.length - distinct}`);

    writeResult('reassessment', {
      machine: m,
      cases: CASES,
      whatIfMs,
      run: { persistedMs, endToEndMs, householdsPerSecond: (CASES / endToEndMs) * 1000, changed: run.changed, events, sameFiguresAsWhatIf: sameFigures },
      rawSql: { persistedMs: rawMs, endToEndMs: rawEndToEndMs, householdsPerSecond: (CASES / rawEndToEndMs) * 1000 },
      runOverRaw: { persisted: rawMs / persistedMs, endToEnd: rawEndToEndMs / endToEndMs },
      claims: { officers: OFFICERS, seconds: CLAIM_SECONDS, perSecond: claimed.length / CLAIM_SECONDS, doubleClaims: claimed.length - distinct, latencyMs: lat },
      fsync: pg.fsync,
    });
  } finally {
    await svc.stop();
    await db.drop();
    await kafka.stop();
    await pg.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
