import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { fixedClock } from '@jiuzhu/common';
import { openDataSource } from '@jiuzhu/persistence';
import { AUDIT_MIGRATIONS, AuditLog1732700001500, AuditSealer, sealAfter, AuditTrail, auditTarget, digestOf, rowHashOf, verifyAuditLog } from '../src';
import { freshDatabase } from '../../../test/support/infra';

/** A scratch table standing for a service's own state. */
class ScratchCases1732700001599 implements MigrationInterface {
  name = 'ScratchCases1732700001599';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE cases (id text PRIMARY KEY, status text NOT NULL)`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE cases`);
  }
}

const AT = new Date('2026-03-02T02:00:00.000Z');
const actor = { id: 'cw-640202001', role: 'caseworker' };

describe('audit trail (libs/audit) on real Postgres', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let ds: DataSource;
  let superuser: Client;
  const audit = new AuditTrail(fixedClock(AT));
  const rows = async () => (await ds.query(`SELECT seq, actor, roles, action, target, before_digest, after_digest, row_hash, sealed_seq, chain_hash FROM audit_log ORDER BY seq`)) as any[];
  const seal = () => new AuditSealer(ds).pass();
  const verify = async () => {
    await seal();
    return verifyAuditLog((sql, params) => ds.query(sql, params), 3);
  };

  /** One case change as a service makes it: the state and its audit row in one transaction. */
  const change = (id: string, status: string, fail = false) =>
    audit.transaction(ds, async (m) => {
      const before = (await m.query(`SELECT id, status FROM cases WHERE id = $1`, [id]))[0] ?? null;
      await m.query(`INSERT INTO cases (id, status) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET status = $2`, [id, status]);
      audit.record(m, { actor, action: `case.${status}`, target: auditTarget('application', id), before: before && digestOf(before), after: digestOf({ id, status }) });
      if (fail) throw new Error('the change is refused after it was recorded');
    });

  beforeAll(async () => {
    db = await freshDatabase('audit');
    ds = await openDataSource({ url: db.url, applicationName: 'audit-test', entities: [], migrations: [...AUDIT_MIGRATIONS, ScratchCases1732700001599] });
    superuser = new Client({ connectionString: db.url });
    await superuser.connect();
  });
  afterAll(async () => {
    await superuser.end();
    await ds.destroy();
    await db.drop();
  });

  it('a committed change has exactly one row, with who, what, which record and the digests of before and after', async () => {
    await change('a1', 'draft');
    await change('a1', 'submitted');
    const r = await rows();
    expect(r).toHaveLength(2);
    expect(r[1]).toMatchObject({
      seq: '2',
      actor: 'cw-640202001',
      roles: ['caseworker'],
      action: 'case.submitted',
      target: 'application:a1',
      before_digest: digestOf({ id: 'a1', status: 'draft' }),
      after_digest: digestOf({ id: 'a1', status: 'submitted' }),
      sealed_seq: null,
    });
    expect(r[1].row_hash).toBe(rowHashOf({ at: AT.toISOString(), actor: 'cw-640202001', roles: ['caseworker'], jurisdiction: null, action: 'case.submitted', target: 'application:a1', count: 1, before: r[1].before_digest, after: r[1].after_digest, requestId: null }));
    expect(r[0].before_digest).toBeNull();
  });

  it('a change that rolls back leaves no audit row (the row commits with the change or not at all)', async () => {
    const before = (await rows()).length;
    await expect(change('a2', 'draft', true)).rejects.toThrow('refused');
    expect(await rows()).toHaveLength(before);
    expect(await ds.query(`SELECT 1 FROM cases WHERE id = 'a2'`)).toHaveLength(0);
  });

  it('recording outside an audited transaction is refused: the entry could not commit with its change', async () => {
    expect(() => audit.record(ds.manager, { actor, action: 'case.edit', target: 'application:a1' })).toThrow(/outside audit.transaction/);
  });

  it('a target that is an ID number or free text is refused before anything is written', () => {
    expect(() => auditTarget('person', '640202195001011234')).toThrow(/not free text or an ID number/);
    expect(() => auditTarget('person', '张三')).toThrow();
  });

  it('a row is sealed after it commits, in the order sealed', async () => {
    await change('s1', 'draft');
    const uncommitted = ds.createQueryRunner();
    await uncommitted.startTransaction();
    await audit.within(uncommitted.manager, async (m) => audit.record(m, { actor, action: 'case.draft', target: auditTarget('application', 's2') }));
    await change('s3', 'draft');
    await seal();
    // s2 has the lower id but had not committed: s3 is sealed first, s2 in a later batch.
    await uncommitted.commitTransaction();
    await uncommitted.release();
    await seal();
    const r = (await rows()).filter((x) => ['application:s1', 'application:s2', 'application:s3'].includes(x.target));
    const place = (t: string) => Number(r.find((x) => x.target === t).sealed_seq);
    expect(place('application:s1')).toBeLessThan(place('application:s3'));
    expect(place('application:s3')).toBeLessThan(place('application:s2'));
    expect(await verify()).toMatchObject({ ok: true, unsealed: { rows: 0 } });
  });

  it('the trigger lets only the sealing columns be set, once', async () => {
    await change('o1', 'draft');
    await seal();
    await change('o2', 'draft');
    const [sealed] = await ds.query(`SELECT seq FROM audit_log WHERE target = 'application:o1'`);
    const [open] = await ds.query(`SELECT seq FROM audit_log WHERE target = 'application:o2'`);
    await expect(superuser.query(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = $1`, [open.seq])).rejects.toThrow(/may only seal a row once/);
    await expect(superuser.query(`UPDATE audit_log SET sealed_seq = 99999, chain_hash = repeat('a', 64), actor = 'x' WHERE seq = $1`, [open.seq])).rejects.toThrow(/may only seal a row once/);
    await expect(superuser.query(`UPDATE audit_log SET sealed_seq = 99999, chain_hash = repeat('a', 64) WHERE seq = $1`, [sealed.seq])).rejects.toThrow(/may only seal a row once/);
    await expect(superuser.query(`INSERT INTO audit_log (at, actor, action, target, row_hash, sealed_seq, chain_hash) VALUES (now(), 'x', 'case.x', 'application:x', repeat('a', 64), 99999, repeat('a', 64))`)).rejects.toThrow(/only the sealer chains it/);
  });

  it.each([
    ['DELETE', `DELETE FROM audit_log WHERE seq = 1`],
    ['TRUNCATE', `TRUNCATE audit_log`],
  ])('%s on audit_log fails with a clear error, even for a superuser', async (op, sql) => {
    await expect(superuser.query(sql)).rejects.toThrow(`audit_log is append-only: ${op} is refused`);
  });

  it('two sealers never give two rows one place in the chain', async () => {
    for (let i = 0; i < 40; i++) await change(`p${i}`, 'draft');
    await Promise.all(Array.from({ length: 4 }, () => new AuditSealer(ds, 7).pass()));
    await seal();
    const r = await rows();
    const places = r.map((x) => Number(x.sealed_seq));
    expect(places.every((p) => p > 0)).toBe(true);
    expect(new Set(places).size).toBe(r.length);
    expect([...places].sort((a, b) => a - b)).toEqual(r.map((_, i) => i + 1));
    expect(await verify()).toMatchObject({ ok: true, rows: r.length });
  });

  it('verify passes on a clean chain and names its last row, and counts the rows not sealed yet', async () => {
    for (let i = 0; i < 5; i++) await change(`v${i}`, 'draft');
    const n = (await rows()).length;
    expect(await verifyAuditLog((sql, params) => ds.query(sql, params), 3)).toMatchObject({ ok: true, unsealed: { rows: expect.any(Number) } });
    const c = await verify();
    expect(c).toMatchObject({ ok: true, rows: n, lastSeq: n, unsealed: { rows: 0 } });
  });

  it('within a transaction someone else opened (an event consumer’s), a change is audited when its work returns, and rolls back with it', async () => {
    const before = (await rows()).length;
    const consume = (id: string, fail = false) =>
      ds.transaction(async (m) => {
        await audit.within(m, async () => {
          await m.query(`INSERT INTO cases (id, status) VALUES ($1, 'supported')`, [id]);
          audit.record(m, { actor: { id: 'system:consumer' }, action: 'case.recompute', target: auditTarget('application', id), after: digestOf({ id }) });
        });
        if (fail) throw new Error('the consumer fails after its effect');
      });
    await consume('w1');
    await expect(consume('w2', true)).rejects.toThrow('fails');
    expect((await rows()).slice(before).map((r) => [r.action, r.target])).toEqual([['case.recompute', 'application:w1']]);
    await expect(audit.within(ds.manager, async () => undefined)).rejects.toThrow(/inside a transaction/);
  });

  describe('tampering, bypassing the trigger as a superuser', () => {
    let scratch: Awaited<ReturnType<typeof freshDatabase>>;
    let sds: DataSource;
    const sverify = () => verifyAuditLog((sql, params) => sds.query(sql, params), 2);
    const sseal = () => new AuditSealer(sds).pass();
    const schange = (id: string) =>
      audit.transaction(sds, async (m) => audit.record(m, { actor, action: 'case.submit', target: auditTarget('application', id), after: digestOf({ id }) }));
    const asReplica = async (sql: string) => {
      const c = new Client({ connectionString: scratch.url });
      await c.connect();
      // Replica mode skips ordinary triggers: what a superuser who wants to rewrite history would do.
      await c.query(`SET session_replication_role = replica`);
      await c.query(sql);
      await c.end();
    };

    beforeEach(async () => {
      scratch = await freshDatabase('audit_tamper');
      sds = await openDataSource({ url: scratch.url, applicationName: 'audit-test', entities: [], migrations: [...AUDIT_MIGRATIONS] });
      for (let i = 1; i <= 6; i++) await schange(`t${i}`);
      await sseal();
      expect((await sverify()).ok).toBe(true);
    });
    afterEach(async () => {
      await sds.destroy();
      await scratch.drop();
    });

    it('a row altered in place makes verify fail naming that row', async () => {
      await asReplica(`UPDATE audit_log SET actor = 'cw-someone-else' WHERE sealed_seq = 4`);
      const c = await sverify();
      expect(c).toMatchObject({ ok: false, rows: 3, break: { seq: 4 } });
      expect(!c.ok && c.break.problem).toMatch(/does not match its fields.*altered/);
    });

    it('a row altered with its row hash recomputed breaks its chain hash', async () => {
      const [r] = await sds.query(`SELECT * FROM audit_log WHERE sealed_seq = 4`);
      const forged = rowHashOf({ at: r.at.toISOString(), actor: 'cw-someone-else', roles: r.roles, jurisdiction: null, action: r.action, target: r.target, count: 1, before: null, after: r.after_digest, requestId: null });
      await asReplica(`UPDATE audit_log SET actor = 'cw-someone-else', row_hash = '${forged}' WHERE sealed_seq = 4`);
      const c = await sverify();
      expect(c).toMatchObject({ ok: false, break: { seq: 4 } });
      expect(!c.ok && c.break.problem).toMatch(/chain_hash/);
    });

    it('a middle row deleted is detected at the row after it', async () => {
      await asReplica(`DELETE FROM audit_log WHERE sealed_seq = 3`);
      const c = await sverify();
      expect(c).toMatchObject({ ok: false, rows: 2, break: { seq: 4 } });
      expect(!c.ok && c.break.problem).toMatch(/sealed_seq 3 missing/);
    });

    it('an unsealed row altered by a superuser fails verify', async () => {
      await schange('t7');
      const [r] = await sds.query(`SELECT seq FROM audit_log WHERE target = 'application:t7'`);
      await asReplica(`UPDATE audit_log SET actor = 'cw-someone-else' WHERE seq = ${r.seq}`);
      const c = await sverify();
      expect(c).toMatchObject({ ok: false, rows: 6, break: { seq: Number(r.seq) }, unsealed: { rows: 1 } });
      expect(!c.ok && c.break.problem).toMatch(/unsealed row id .* does not match its fields/);
    });
  });

  it('concurrent appends, sealed, make one unbroken chain: no two rows hold the same place', async () => {
    const writers = 8;
    const each = 15;
    await Promise.all(Array.from({ length: writers }, (_, w) => (async () => {
      for (let i = 0; i < each; i++) await change(`c${w}-${i}`, 'draft');
    })()));
    expect(await verify()).toMatchObject({ ok: true, unsealed: { rows: 0 } });
    const r = await rows();
    expect(new Set(r.map((x) => x.chain_hash)).size).toBe(r.length);
    expect(r.map((x) => Number(x.sealed_seq)).sort((a, b) => a - b)).toEqual(r.map((_, i) => i + 1));
  });

  it('rows chained before the sealer stay verifiable, as sealed in their order, and the chain continues after them', async () => {
    const old = await freshDatabase('audit_legacy');
    try {
      const before = await openDataSource({ url: old.url, applicationName: 'audit-test', entities: [], migrations: [AuditLog1732700001500] });
      const legacy = sealAfter(undefined, [1, 2, 3].map((i) => ({ at: AT.toISOString(), actor: 'cw-640202001', roles: ['caseworker'], jurisdiction: null, action: 'case.submit', target: `application:l${i}`, count: 1, before: null, after: null, requestId: null })));
      for (const r of legacy) {
        await before.query(`INSERT INTO audit_log (seq, at, actor, roles, action, target, count, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8)`, [r.seq, r.at, r.actor, r.roles, r.action, r.target, r.prevHash, r.hash]);
      }
      await before.destroy();
      const after = await openDataSource({ url: old.url, applicationName: 'audit-test', entities: [], migrations: [...AUDIT_MIGRATIONS] });
      try {
        await audit.transaction(after, async (m) => audit.record(m, { actor, action: 'case.submit', target: auditTarget('application', 'n1') }));
        await new AuditSealer(after).pass();
        expect(await verifyAuditLog((sql, params) => after.query(sql, params))).toMatchObject({ ok: true, rows: 4, lastSeq: 4, unsealed: { rows: 0 } });
        expect(await after.query(`SELECT seq, sealed_seq FROM audit_log WHERE target = 'application:n1'`)).toEqual([{ seq: '4', sealed_seq: '4' }]);
      } finally {
        await after.destroy();
      }
    } finally {
      await old.drop();
    }
  });
});
