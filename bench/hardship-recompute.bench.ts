import '../libs/common/src/runtime/register-aliases';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { residentIdCheckChar } from '@jiuzhu/common';
import { EntitlementChanged, StandardPublished, StandardPublishedV1 } from '@jiuzhu/contracts';
import { createKafka, KafkaPublisher } from '@jiuzhu/messaging';
import { runService } from '@jiuzhu/platform';
import { hardshipRegistryService } from '../apps/hardship-registry/src/hardship-registry.service';
import { HardshipSweep } from '../apps/hardship-registry/src/cases/hardship-sweep.use-case';
import { outboundMessage } from '../test/support/messages';
import { TestClock } from '../test/support/services';
import { startTestIssuer } from '../test/support/test-issuer';
import { freePort, freshDatabase, startKafka, startPostgres } from './support/infra';
import { fmt, log, machineInfo, writeResult } from './support/stats';

/**
 * Issue "special-hardship registry" benchmark, on real Postgres and Kafka: living-allowance
 * publishes a new dibao standard for 大武口区 (urban), and hardship-registry re-computes the
 * entitlement of every supported person there, end to end — the event in on Kafka, every case's
 * entitlement, version and history line written, one `entitlement.changed` each, all published on
 * Kafka — next to raw set-based SQL doing the same writes (published by the same relay), each timed
 * to persisted and to published.
 *
 * The caseload: three persons brought to support through the API (full, partly and fully lost
 * self-care, at home), then cloned in SQL to BENCH_PERSONS rows with new ids and references.
 *
 *   node bench/.build/bench/hardship-recompute.bench.js      BENCH_PERSONS (100 000)
 */
const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const REF_KEY = 'bench-ref-key-0123456789abcdef';
const DISTRICT = '640202';

let sequence = 0;
function idNumber(birth: string): string {
  sequence += 1;
  const first17 = `${DISTRICT}${birth.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

function standard(monthlyFen: number, validFrom: string): StandardPublishedV1 {
  return { districtCode: DISTRICT, area: 'urban', monthlyFen, validFrom, versionId: `dibao.standard/${DISTRICT}/urban@${validFrom}`, legalSource: 'bench: illustrative standard' };
}

async function main() {
  const m = machineInfo();
  log(`hardship recompute bench: ${fmt(PERSONS)} supported persons — nproc ${m.nproc}, ${m.cpuModel}, Node ${m.node}`);
  const pg = await startPostgres();
  const kafka = await startKafka();
  const db = await freshDatabase(pg.adminUrl, 'hardship');
  const quiet = pino({ level: process.env.BENCH_LOG ?? 'silent' });
  const idp = await startTestIssuer();
  const clock = new TestClock(new Date('2026-03-02T02:00:00Z'));
  const kafkaSettings = { kafkaBrokers: kafka.brokers, kafkaPartitions: 3, kafkaReplicationFactor: 1 };
  const svc = await runService(hardshipRegistryService({ refKey: REF_KEY }), {
    clock,
    settings: { databaseUrl: db.url, port: await freePort(), transport: 'kafka', ...kafkaSettings, auth: idp.config() },
    log: quiet,
  });
  // living-allowance's side of the topic: a producer of standard.published.
  const publisher = new KafkaPublisher(createKafka({ brokers: kafka.brokers, clientId: 'bench-living-allowance', topicPartitions: 3, replicationFactor: 1 }, quiet));
  await publisher.start();
  const announce = (s: StandardPublishedV1) => publisher.publish([outboundMessage(StandardPublished, s, { id: randomUUID(), source: 'living-allowance' })]);
  const count = async (sql: string, params: unknown[] = []) => Number((await svc.dataSource.query(sql, params))[0].n);
  const until = async (what: () => Promise<boolean>, label: string) => {
    const give = Date.now() + Number(process.env.BENCH_WAIT_MS ?? 600_000);
    while (!(await what())) {
      if (Date.now() > give) throw new Error(`gave up waiting for ${label}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const call = async (method: string, path: string, body: unknown, sub: string, role: string, jurisdiction: string) => {
    const token = await idp.staff(role as never, jurisdiction, { sub, expiresIn: 3600 });
    const res = await fetch(`${svc.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json()) as any;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  try {
    await announce(standard(78000, '2025-01-01'));
    await until(async () => (await count(`SELECT count(*) AS n FROM dibao_standards`)) === 1, 'the first standard');

    // Three persons brought to support the way the API does it (applied and investigated on
    // 2026-03-02, the notice closed on 2026-03-10, confirmed that day): below 60, at home.
    const activities = (lost: number) => Object.fromEntries(['eating', 'dressing', 'getting_in_out_of_bed', 'toileting', 'walking_indoors', 'bathing'].map((n, i) => [n, i >= lost]));
    const templates: string[] = [];
    for (const lost of [0, 2, 5]) {
      clock.set('2026-03-02T02:00:00Z');
      const applied = await call('POST', '/cases', {
        idNumber: idNumber('1980-01-01'),
        districtCode: DISTRICT,
        townshipCode: '640202001',
        area: 'urban',
        facts: { incomes: [], property: { moneyFen: 0, homes: 1 }, supporters: [], disabilities: [{ kind: 'physical', grade: 1 }] },
        contact: { name: '王某某', address: '石嘴山市大武口区长胜街道某某小区3号楼2单元501', phone: '13995212345' },
      }, 'cw-bench', 'caseworker', '640202001');
      await call('POST', `/cases/${applied.id}/investigation`, { expectedVersion: applied.version, opinion: 'grant' }, 'tr-bench', 'township_reviewer', '640202001');
      clock.set('2026-03-10T02:00:00Z');
      await svc.app.get(HardshipSweep).sweep();
      const current = await call('GET', `/cases/${applied.id}`, undefined, 'ca-bench', 'county_approver', DISTRICT);
      await call('POST', `/cases/${applied.id}/confirm`, { expectedVersion: current.version, activities: activities(lost) }, 'ca-bench', 'county_approver', DISTRICT);
      templates.push(applied.id);
    }

    // Cloned to the caseload in SQL: new ids and person references, every other column as the
    // templates have it (their documents, entitlements and explanations included).
    const t0 = Date.now();
    const columns: string[] = (await svc.dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'hardship_cases' AND column_name NOT IN ('id', 'person_ref') ORDER BY ordinal_position`)).map((r: any) => r.column_name);
    for (let from = 0; from < PERSONS - templates.length; from += 20_000) {
      const to = Math.min(PERSONS - templates.length, from + 20_000);
      await svc.dataSource.query(
        `INSERT INTO hardship_cases (id, person_ref, ${columns.join(', ')})
         SELECT gen_random_uuid(), encode(sha256(('bench-person-' || g)::bytea), 'hex'), ${columns.map((c) => `t.${c}`).join(', ')}
           FROM generate_series($1::int, $2::int - 1) AS g JOIN hardship_cases t ON t.id = ($3::uuid[])[1 + g % 3]`,
        [from, to, templates],
      );
    }
    await svc.dataSource.query('VACUUM ANALYZE hardship_cases');
    const paying = await count(`SELECT count(*) AS n FROM hardship_cases WHERE status = 'supported'`);
    log(`seeded ${fmt(paying)} supported persons in ${fmt(Date.now() - t0)} ms (not timed)`);
    await until(async () => (await count(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`)) === 0, 'the templates\' events');

    // The run, end to end: the event in on Kafka → every entitlement written → every event published.
    const before = await count(`SELECT count(*) AS n FROM outbox WHERE type = $1`, [EntitlementChanged.type]);
    const rt = Date.now();
    await announce(standard(82000, '2026-07-01'));
    await until(async () => (await count(`SELECT count(*) AS n FROM outbox WHERE type = $1`, [EntitlementChanged.type])) >= before + paying, 'the entitlements');
    const persistedMs = Date.now() - rt;
    await until(async () => (await count(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`)) === 0, 'the run\'s events published');
    const endToEndMs = Date.now() - rt;
    const events = (await count(`SELECT count(*) AS n FROM outbox WHERE type = $1`, [EntitlementChanged.type])) - before;
    const recomputed = await count(`SELECT count(*) AS n FROM hardship_cases WHERE entitlement -> 'parameterVersions' ->> 'dibao.standard' = $1`, [standard(82000, '2026-07-01').versionId]);
    log(`run: persisted in ${fmt(persistedMs)} ms, published in ${fmt(endToEndMs)} ms → ${fmt((paying / endToEndMs) * 1000)} persons/s; recomputed ${fmt(recomputed)}, events ${fmt(events)}`);

    // Raw set-based SQL doing the same writes on the same caseload, in one transaction as the run
    // does: each case's entitlement document (the basic living standard and the total moved by what
    // the run moved them by), amounts, version and updater, its history line, its
    // entitlement.changed outbox row (same fields, left for the same relay to publish). The raw job
    // is handed the new amounts (it computes nothing): it only writes.
    await svc.dataSource.query('VACUUM ANALYZE hardship_cases');
    await svc.dataSource.query('VACUUM ANALYZE outbox');
    const st = Date.now();
    await svc.dataSource.transaction(async (tx) => {
      await tx.query(
        `WITH changed AS (
           UPDATE hardship_cases c SET
                  entitlement = jsonb_set(jsonb_set(c.entitlement, '{parameterVersions,dibao.standard}', to_jsonb($1::text)), '{monthlyFen}', to_jsonb(c.monthly_fen + 100)),
                  monthly_fen = c.monthly_fen + 100, entitlement_from_month = '2026-08', version = c.version + 1,
                  updated_by = 'system:dibao-standard', updated_at = now()
            WHERE c.district_code = $2 AND c.area = 'urban' AND c.status IN ('supported', 'terminating')
           RETURNING c.id, c.person_ref, c.district_code, c.monthly_fen, c.self_care_ability, c.care_setting, c.entitlement),
         history AS (
           INSERT INTO hardship_case_history (case_id, action, from_status, to_status, actor, at, reason_code, note)
           SELECT id, 'apply_new_standard', 'supported', 'supported', 'system:dibao-standard', now(), 'NEW_STANDARD', $1 || ': ' || (monthly_fen - 100) || ' → ' || monthly_fen || ' fen/month from 2026-08' FROM changed)
         INSERT INTO outbox (id, topic, key, type, version, source, payload)
         SELECT gen_random_uuid(), $3, person_ref, $4, $5, 'hardship-registry',
                jsonb_build_object('caseId', id, 'personRef', person_ref, 'districtCode', district_code, 'trigger', 'standard_published', 'fromMonth', '2026-08',
                  'monthlyFen', monthly_fen, 'previousMonthlyFen', monthly_fen - 100, 'basicLivingFen', entitlement -> 'basicLivingFen', 'careAllowanceFen', entitlement -> 'careAllowanceFen',
                  'selfCareAbility', self_care_ability, 'careSetting', care_setting, 'standardVersionId', $1::text, 'changedOn', '2026-03-10')
           FROM changed ORDER BY id`,
        ['dibao.standard/640202/urban@2026-08-01', DISTRICT, EntitlementChanged.topic, EntitlementChanged.type, EntitlementChanged.version],
      );
    });
    const rawMs = Date.now() - st;
    await until(async () => (await count(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`)) === 0, 'the raw events published');
    const rawEndToEndMs = Date.now() - st;
    log(`raw set-based SQL, same writes: persisted in ${fmt(rawMs)} ms, published in ${fmt(rawEndToEndMs)} ms → ${fmt((paying / rawEndToEndMs) * 1000)} persons/s`);
    log(`run / raw: persisted ${((rawMs / persistedMs) * 100).toFixed(1)} %, end to end ${((rawEndToEndMs / endToEndMs) * 100).toFixed(1)} %`);

    writeResult('hardship-recompute', {
      machine: m,
      persons: paying,
      run: { persistedMs, endToEndMs, personsPerSecond: (paying / endToEndMs) * 1000, recomputed, events },
      rawSql: { persistedMs: rawMs, endToEndMs: rawEndToEndMs, personsPerSecond: (paying / rawEndToEndMs) * 1000 },
      runOverRaw: { persisted: rawMs / persistedMs, endToEnd: rawEndToEndMs / endToEndMs },
      fsync: pg.fsync,
    });
  } finally {
    await publisher.stop();
    await svc.stop();
    await db.drop();
    await idp.stop();
    await kafka.stop();
    await pg.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
