import './support/runtime';
import { performance } from 'node:perf_hooks';
import { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_MIGRATIONS, AuditSealer, AuditTrail, auditTarget, digestOf, verifyAuditLog } from '@jiuzhu/audit';
import { systemClock } from '@jiuzhu/common';
import { openDataSource } from '@jiuzhu/persistence';
import { freshDatabase, startPostgres } from './support/infra';
import { log } from './support/stats';

/**
 * Appends per second to one service's audit chain with 8 concurrent writers, each committing one
 * small change with its audit row per transaction (as a case change does), beside the same
 * transactions without the audit row. Rows are appended unchained; a sealer chains them every
 * second meanwhile, as the service runtime's does, and the chain is verified after the last seal.
 *
 *   tsc -p bench/tsconfig.json && node bench/.build/bench/audit-append.bench.js
 *   (BENCH_PG_FSYNC=off for the test suite's Postgres; BENCH_SECONDS, default 10)
 */

class BenchChanges1732700001598 implements MigrationInterface {
  name = 'BenchChanges1732700001598';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE changes (id bigserial PRIMARY KEY, body jsonb NOT NULL)`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE changes`);
  }
}

const WRITERS = 8;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function phase(name: string, one: (w: number, i: number) => Promise<void>): Promise<number> {
  const until = performance.now() + SECONDS * 1000;
  const counts = await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      let n = 0;
      while (performance.now() < until) await one(w, n++);
      return n;
    }),
  );
  const total = counts.reduce((a, b) => a + b, 0);
  const rate = total / SECONDS;
  log(`${name}: ${total} transactions in ${SECONDS} s with ${WRITERS} writers = ${rate.toFixed(0)} /s`);
  return rate;
}

async function main() {
  const pg = await startPostgres();
  const db = await freshDatabase(pg.adminUrl, 'audit');
  const ds = await openDataSource({ url: db.url, applicationName: 'bench-audit', entities: [], migrations: [...AUDIT_MIGRATIONS, BenchChanges1732700001598], poolSize: WRITERS + 2 });
  const audit = new AuditTrail(systemClock);
  const actor = { id: 'cw-640202001', roles: ['caseworker'], jurisdiction: '640202001' };
  try {
    const insert = (m: EntityManager, w: number, i: number) => m.query(`INSERT INTO changes (body) VALUES ($1)`, [JSON.stringify({ w, i, status: 'submitted' })]);
    const auditedChange = (w: number, i: number) =>
      audit.transaction(ds, async (m) => {
        await insert(m, w, i);
        audit.record(m, { actor, action: 'case.submit', target: auditTarget('application', `w${w}-${i}`), after: digestOf({ w, i }) });
      });
    const plainChange = (w: number, i: number) => ds.transaction(async (m) => void (await insert(m, w, i)));
    const sealer = new AuditSealer(ds);
    let sealing = true;
    const sealLoop = (async () => {
      while (sealing) {
        await sealer.pass();
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    await phase('warm-up (audited)', auditedChange);
    const plain = await phase('without audit (change only)', plainChange);
    const audited = await phase('audited (change + audit row)', auditedChange);
    sealing = false;
    await sealLoop;
    await sealer.pass();
    const check = await verifyAuditLog((sql, params) => ds.query(sql, params));
    log(`fsync ${pg.fsync}: audited ${audited.toFixed(0)} /s = ${((100 * audited) / plain).toFixed(0)} % of unaudited; chain ${check.ok ? `intact over ${check.rows} rows` : `BROKEN at ${check.break.seq}`}`);
    if (!check.ok) process.exitCode = 1;
  } finally {
    await ds.destroy();
    await db.drop();
    await pg.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
