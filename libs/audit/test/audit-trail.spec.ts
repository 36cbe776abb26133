import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { fixedClock } from '@jiuzhu/common';
import { openDataSource } from '@jiuzhu/persistence';
import { AUDIT_MIGRATIONS, AuditTrail, auditTarget, digestOf, verifyAuditLog } from '../src';
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
  const rows = async () => (await ds.query(`SELECT seq, actor, roles, action, target, before_digest, after_digest, prev_hash, hash FROM audit_log ORDER BY seq`)) as any[];
  const verify = () => verifyAuditLog((sql, params) => ds.query(sql, params), 3);

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
      prev_hash: r[0].hash,
    });
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

  it.each([
    ['UPDATE', `UPDATE audit_log SET actor = 'someone-else'`],
    ['DELETE', `DELETE FROM audit_log WHERE seq = 1`],
    ['TRUNCATE', `TRUNCATE audit_log`],
  ])('%s on audit_log fails with a clear error, even for a superuser', async (op, sql) => {
    await expect(superuser.query(sql)).rejects.toThrow(`audit_log is append-only: ${op} is refused`);
  });

  it('verify passes on a clean chain and names its last row', async () => {
    for (let i = 0; i < 5; i++) await change(`v${i}`, 'draft');
    const c = await verify();
    expect(c).toMatchObject({ ok: true, rows: 7, lastSeq: 7 });
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
      expect((await sverify()).ok).toBe(true);
    });
    afterEach(async () => {
      await sds.destroy();
      await scratch.drop();
    });

    it('a row altered in place makes verify fail naming that row', async () => {
      await asReplica(`UPDATE audit_log SET actor = 'cw-someone-else' WHERE seq = 4`);
      const c = await sverify();
      expect(c).toMatchObject({ ok: false, rows: 3, break: { seq: 4 } });
      expect(!c.ok && c.break.problem).toMatch(/does not match its fields.*altered/);
    });

    it('a row altered with its hash recomputed breaks the link to the next row', async () => {
      // The forger recomputes row 4's own hash, but row 5 still names the original.
      const [r] = await sds.query(`SELECT * FROM audit_log WHERE seq = 4`);
      const { hashOf } = await import('../src');
      const forged = hashOf({ seq: 4, at: r.at.toISOString(), actor: 'cw-someone-else', roles: r.roles, jurisdiction: null, action: r.action, target: r.target, count: 1, before: null, after: r.after_digest, requestId: null, prevHash: r.prev_hash });
      await asReplica(`UPDATE audit_log SET actor = 'cw-someone-else', hash = '${forged}' WHERE seq = 4`);
      expect(await sverify()).toMatchObject({ ok: false, break: { seq: 5 } });
    });

    it('a middle row deleted is detected at the row after it', async () => {
      await asReplica(`DELETE FROM audit_log WHERE seq = 3`);
      const c = await sverify();
      expect(c).toMatchObject({ ok: false, rows: 2, break: { seq: 4 } });
      expect(!c.ok && c.break.problem).toMatch(/seq 3 missing/);
    });
  });

  it('concurrent appends keep one unbroken chain: no two rows follow the same row', async () => {
    const writers = 8;
    const each = 15;
    await Promise.all(Array.from({ length: writers }, (_, w) => (async () => {
      for (let i = 0; i < each; i++) await change(`c${w}-${i}`, 'draft');
    })()));
    const r = await rows();
    expect(new Set(r.map((x) => x.prev_hash)).size).toBe(r.length);
    expect(r.map((x) => Number(x.seq))).toEqual(r.map((_, i) => i + 1));
    expect(await verify()).toMatchObject({ ok: true, rows: r.length });
  });
});
