import './support/runtime';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { Client } from 'pg';
import { refOf, residentIdCheckChar, systemClock } from '@jiuzhu/common';
import { runService } from '@jiuzhu/platform';
import { scoresWithTotal } from '../apps/elder-assessment/src/assessment/domain/assessment-inputs.fixtures';
import { elderAssessmentService } from '../apps/elder-assessment/src/elder-assessment.service';
import { livingAllowanceService } from '../apps/living-allowance/src/living-allowance.service';
import { startTestIssuer } from '../test/support/test-issuer';
import { freePort, freshDatabase, startKafka, startPostgres } from './support/infra';
import { fmt, log, machineInfo, summarize, writeResult } from './support/stats';

/**
 * Issue "elder-assessment": completed assessment → effect in another service, on real Kafka and
 * Postgres. Two services in this process (elder-assessment producing, living-allowance consuming in
 * its own consumer group with its inbox); assessments are completed over HTTP at a steady rate, and
 * the latency runs from the moment the completion request is sent to the moment the ability level is
 * visible in living-allowance's database (polled every 2 ms).
 *
 *   node bench/.build/bench/elder-latency.bench.js      BENCH_RATE (50 /s), BENCH_SECONDS (20)
 */
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const REF_KEY = 'bench-ref-key-0123456789abcdef';

function elderId(i: number): string {
  const first17 = `640205${1930 + (i % 30)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

async function main() {
  const m = machineInfo();
  const n = RATE * SECONDS;
  log(`elder latency bench: ${n} completions at ${RATE}/s — nproc ${m.nproc}, ${m.cpuModel}, Node ${m.node}`);
  const pg = await startPostgres();
  const kafka = await startKafka();
  const eaDb = await freshDatabase(pg.adminUrl, 'ea');
  const laDb = await freshDatabase(pg.adminUrl, 'la');
  const quiet = pino({ level: 'silent' });
  const idp = await startTestIssuer();
  const settings = (url: string, port: number) => ({ databaseUrl: url, port, transport: 'kafka' as const, kafkaBrokers: kafka.brokers, kafkaPartitions: 3, kafkaReplicationFactor: 1, auth: idp.config() });
  const ea = await runService(elderAssessmentService({ refKey: REF_KEY, backgroundJobs: false }), { settings: settings(eaDb.url, await freePort()), log: quiet });
  const la = await runService(livingAllowanceService({ refKey: REF_KEY, backgroundJobs: false }), { settings: settings(laDb.url, await freePort()), log: quiet });
  const drafter = `Bearer ${await idp.staff('assessor', '640205', { sub: 'assessor-01', expiresIn: 3600 })}`;
  const completer = `Bearer ${await idp.staff('assessor', '640205', { sub: 'assessor-02', expiresIn: 3600 })}`;
  const reader = new Client({ connectionString: laDb.url });
  await reader.connect();
  try {
    const today = systemClock.today();
    // Drafts first (not timed): unique elders, totals spread over the levels.
    const drafts: Array<{ id: string; version: number; ref: string }> = [];
    for (let i = 0; i < n; i++) {
      const idNumber = elderId(i);
      const res = await fetch(`${ea.url}/assessments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: drafter },
        body: JSON.stringify({
          idNumber,
          districtCode: '640205',
          townshipCode: '640205001',
          reason: 'first',
          assessedOn: today,
          secondAssessor: 'assessor-02',
          scores: scoresWithTotal(10 + (i % 80)),
          conditions: { coma: false, dementiaDiagnosed: false, psychiatricDisorderDiagnosed: false, careRiskEvents: [] },
        }),
      });
      if (res.status !== 201) throw new Error(`draft ${i}: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { id: string; version: number };
      drafts.push({ ...body, ref: refOf(idNumber, REF_KEY) });
    }
    log(`${fmt(n)} drafts ready`);

    const sentAt = new Map<string, number>();
    const seenAt = new Map<string, number>();
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const rows = await reader.query<{ person_ref: string }>(`SELECT person_ref FROM person_ability_levels`);
        const now = performance.now();
        for (const r of rows.rows) if (!seenAt.has(r.person_ref)) seenAt.set(r.person_ref, now);
        await new Promise((r) => setTimeout(r, 2));
      }
    })();

    // Open model: completions start on schedule whatever the system does.
    const start = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < n; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const d = drafts[i];
      sentAt.set(d.ref, performance.now());
      pending.push(
        fetch(`${ea.url}/assessments/${d.id}/complete`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: completer },
          body: JSON.stringify({ expectedVersion: d.version }),
        }).then(async (res) => {
          if (res.status !== 200) throw new Error(`complete: ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
        }),
      );
    }
    await Promise.all(pending);
    const deadline = performance.now() + 30_000;
    while (seenAt.size < n && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    polling = false;
    await poller;

    const latencies = drafts.filter((d) => seenAt.has(d.ref)).map((d) => seenAt.get(d.ref)! - sentAt.get(d.ref)!);
    const s = summarize(latencies);
    log(`effects seen ${fmt(seenAt.size)} / ${fmt(n)}; latency completion request → effect visible in living-allowance: p50 ${s.p50.toFixed(1)} ms, p90 ${s.p90.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`);
    writeResult('elder-latency', { machine: m, rate: RATE, seconds: SECONDS, completions: n, effectsSeen: seenAt.size, latencyMs: s, fsync: pg.fsync });
  } finally {
    await reader.end();
    await la.stop();
    await ea.stop();
    await laDb.drop();
    await eaDb.drop();
    await kafka.stop();
    await pg.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
