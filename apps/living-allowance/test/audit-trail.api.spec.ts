import { Client } from 'pg';
import { digestOf, verifyServiceAuditLog } from '@jiuzhu/audit';
import { http, startLivingAllowance, TestClock, TestService } from '../../../test/support/services';
import { ApplicationRepository } from '../src/applications/application.repository';
import { caseDigest } from '../src/applications/case-change';
import { as, dibaoHousehold, expectProblem, ineligibleHousehold, personRef } from './households';

/**
 * The audit trail of living-allowance (issue 12): every change of a case writes exactly one row in
 * its own transaction, a refused change writes none, reads of a case's full record are recorded,
 * and nothing in the trail is personal data. The chain itself (tampering, concurrency) is tested in
 * libs/audit; here `verifyServiceAuditLog` (what `npm run audit:verify` runs) checks the service's
 * own database.
 */

const clock = new TestClock(new Date('2026-03-02T02:00:00Z'), 1000);
const CLERK = 'clerk-audit-01';
let svc: TestService;

beforeAll(async () => {
  svc = await startLivingAllowance({ clock });
});
afterAll(async () => {
  await svc?.dispose();
});

interface Row {
  seq: string;
  at: Date;
  actor: string;
  roles: string[];
  action: string;
  target: string;
  count: number;
  before_digest: string | null;
  after_digest: string | null;
  request_id: string | null;
}
const rows = (): Promise<Row[]> => svc.dataSource.query(`SELECT * FROM audit_log ORDER BY seq`);
const rowsAbout = async (id: string) => (await rows()).filter((r) => r.target === `application:${id}`);
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = as(CLERK)) => http(svc.url, method, path, body, headers);

describe('changes of a case are audited in their own transaction', () => {
  const household = dibaoHousehold();
  let id: string;

  it('filing writes exactly one row: who, case.file, the case as its target, the digest of the case filed, the request id', async () => {
    const before = (await rows()).length;
    const res = await call('POST', '/applications', { household }, { ...as(CLERK, 'caseworker'), 'x-request-id': 'req-file-0001' });
    expect(res.status).toBe(201);
    id = res.body.id;
    const all = await rows();
    expect(all).toHaveLength(before + 1);
    expect(all.at(-1)).toMatchObject({ actor: CLERK, roles: ['caseworker'], action: 'case.file', target: `application:${id}`, count: 1, before_digest: null, request_id: 'req-file-0001' });
    expect(all.at(-1)!.after_digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('submitting writes one row with the digests of the case before and after, and its time from the service clock', async () => {
    const [filed] = await rowsAbout(id);
    const res = await call('POST', `/applications/${id}/submit`, { expectedVersion: 1 });
    expect(res.status).toBe(200);
    const about = await rowsAbout(id);
    expect(about).toHaveLength(2);
    const submitted = about[1];
    expect(submitted).toMatchObject({ actor: CLERK, action: 'case.submit' });
    expect(submitted.before_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(submitted.after_digest).not.toBe(submitted.before_digest);
    expect(submitted.after_digest).not.toBe(filed.after_digest);
    // The test clock is in March 2026; the machine's clock is not.
    expect(submitted.at.toISOString().slice(0, 7)).toBe('2026-03');
  });

  it('a refused change writes no row: a stale version (409) and a bad body (400)', async () => {
    const before = (await rows()).length;
    expectProblem(await call('POST', `/applications/${id}/submit`, { expectedVersion: 1 }), 409);
    expectProblem(await call('POST', `/applications/${id}/withdraw`, { expectedVersion: 'two' }), 400);
    expectProblem(await call('POST', '/applications', { household: { ...household, members: [] } }), 400);
    expect(await rows()).toHaveLength(before);
  });

  it('withdrawing writes its row, and the case history and the trail name the same actor', async () => {
    const res = await call('POST', `/applications/${id}/withdraw`, { expectedVersion: 2 }, as('clerk-audit-02'));
    expect(res.status).toBe(200);
    expect((await rowsAbout(id)).map((r) => [r.action, r.actor])).toEqual([
      ['case.file', CLERK],
      ['case.submit', CLERK],
      ['case.withdraw', 'clerk-audit-02'],
    ]);
  });
});

describe('a change of the contact is a change of the case', () => {
  it('an edit that replaces only the contact (name, address, phone) records the digest of the case with its new contact', async () => {
    const household = dibaoHousehold();
    const filed = await call('POST', '/applications', { household, contact: { name: '李某某', address: '石嘴山市大武口区长胜街道某某小区1号楼', phone: '13995210001' } });
    const replacement = { name: '李某某', address: '石嘴山市大武口区朝阳街道某某小区9号楼', phone: '13995210002' };

    const edited = await call('PUT', `/applications/${filed.body.id}/household`, { expectedVersion: 1, household, contact: replacement });

    expect(edited.status).toBe(200);
    const row = (await rowsAbout(filed.body.id)).at(-1)!;
    expect(row).toMatchObject({ action: 'case.edit', actor: CLERK });
    const kept = await svc.dataSource.transaction((m) => new ApplicationRepository().lockForChange(m, filed.body.id, {}));
    expect(kept.contact).toEqual(replacement);
    expect(row.after_digest).toBe(caseDigest(kept.app.state, replacement));
    // Not the digest of the case alone, which a contact change would leave as it was.
    expect(row.after_digest).not.toBe(digestOf(kept.app.state));
    // The edit's before is the filing's after: the filed contact is in both.
    const [filing] = await rowsAbout(filed.body.id);
    expect(row.before_digest).toBe(filing.after_digest);
  });
});

describe('reads of a case are audited', () => {
  it('GET /applications/:id writes a read row naming the reader, the case, the request and the digest of what was shown', async () => {
    const filed = await call('POST', '/applications', { household: ineligibleHousehold() });
    const before = (await rows()).length;
    const res = await http(svc.url, 'GET', `/applications/${filed.body.id}`, undefined, { ...as('auditor-07', 'city_auditor'), 'x-request-id': 'req-read-0001' });
    expect(res.status).toBe(200);
    const all = await rows();
    expect(all).toHaveLength(before + 1);
    expect(all.at(-1)).toMatchObject({
      actor: 'auditor-07',
      roles: ['city_auditor'],
      action: 'application.read',
      target: `application:${filed.body.id}`,
      request_id: 'req-read-0001',
      before_digest: null,
      after_digest: digestOf(res.body),
    });
  });

  it('a read of the history is recorded under the signed-in reader, with their roles and jurisdiction', async () => {
    const filed = await call('POST', '/applications', { household: ineligibleHousehold() });
    expect((await http(svc.url, 'GET', `/applications/${filed.body.id}/history`, undefined, as('reviewer-07', 'township_reviewer', '640202'))).status).toBe(200);
    expect((await rows()).at(-1)).toMatchObject({ actor: 'reviewer-07', roles: ['township_reviewer'], action: 'application.history.read', target: `application:${filed.body.id}` });
  });

  it('a read without a token (401), or with X-Actor headers and no token (401), reads nothing and writes no row', async () => {
    const filed = await call('POST', '/applications', { household: ineligibleHousehold() });
    const before = (await rows()).length;
    expectProblem(await http(svc.url, 'GET', `/applications/${filed.body.id}`), 401, 'UNAUTHENTICATED');
    expectProblem(await http(svc.url, 'GET', `/applications/${filed.body.id}`, undefined, { 'x-actor-id': 'auditor-07', 'x-actor-role': 'city_auditor' }), 401, 'UNAUTHENTICATED');
    expect(await rows()).toHaveLength(before);
  });

  it('a read that finds nothing (404), of a case outside the jurisdiction (404) or refused (400) writes no row', async () => {
    const elsewhere = await call('POST', '/applications', { household: { ...ineligibleHousehold(), districtCode: '640205', townshipCode: '640205001' } });
    const before = (await rows()).length;
    expect((await call('GET', '/applications/7d9f3c1e-8f2a-4c55-9a51-3a1b2c3d4e5f')).status).toBe(404);
    expect((await call('GET', `/applications/${elsewhere.body.id}`, undefined, as(CLERK, 'caseworker', '640202001'))).status).toBe(404);
    expect((await call('GET', '/applications/not-a-uuid')).status).toBe(400);
    expect(await rows()).toHaveLength(before);
  });
});

describe('the trail of the service', () => {
  it('a parameter publication writes one row naming the version published', async () => {
    const res = await http(
      svc.url,
      'POST',
      '/parameters',
      { key: 'dibao.standard', districtCode: '640202', area: 'urban', validFrom: '2026-07-01', value: { monthlyFen: 80000 }, legalSource: '石政办发〔2026〕1号' },
      as('admin-01', 'admin'),
    );
    expect(res.status).toBe(201);
    const row = (await rows()).find((r) => r.action === 'parameter.publish');
    expect(row).toMatchObject({ actor: 'admin-01', target: 'parameter:dibao.standard/640202/urban@2026-07-01', after_digest: digestOf(res.body) });
  });

  it('a search by ID number is recorded under the personRef searched, a search by name under the township only', async () => {
    const household = { ...dibaoHousehold(), townshipCode: '640202001' };
    const filed = await call('POST', '/applications', { household, contact: { name: '马某某', phone: '13995212345' } });
    expect(filed.status).toBe(201);
    expect((await call('POST', '/applications/search', { idNumber: household.members[1].idNumber })).status).toBe(200);
    expect((await rows()).at(-1)).toMatchObject({ actor: CLERK, action: 'application.search', target: `person:${personRef(household.members[1].idNumber)}` });
    expect((await call('POST', '/applications/search', { name: '马某某', townshipCode: '640202001' })).status).toBe(200);
    expect((await rows()).at(-1)).toMatchObject({ action: 'application.search', target: 'township:640202001' });
  });

  it('holds no personal data: no ID number, name, phone or free text of the cases appears in any row', async () => {
    const household = { ...dibaoHousehold(), townshipCode: '640202001' };
    const filed = await call('POST', '/applications', { household, contact: { name: '张三丰', address: '石嘴山市大武口区长胜街道某某小区3号楼2单元501', phone: '13995212346' } });
    expect(filed.status).toBe(201);
    await call('POST', `/applications/${filed.body.id}/withdraw`, { expectedVersion: 1, note: '申请人张三丰自愿撤回' });
    await call('GET', `/applications/${filed.body.id}`);
    await call('POST', '/applications/search', { name: '张三丰', townshipCode: '640202001' });
    const all = await rows();
    const text = JSON.stringify(all);
    for (const m of household.members) expect(text).not.toContain(m.idNumber);
    // Digests and hashes are hex and may hold long runs of digits; every other field is checked for the shape of an ID number.
    const readable = JSON.stringify(all.map(({ actor, roles, action, target, request_id }) => ({ actor, roles, action, target, request_id })));
    expect(readable).not.toMatch(/[0-9]{17}[0-9Xx]/);
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    expect(text).not.toContain('自愿撤回');
    expect(text).not.toContain('13995212346');
  });

  it('audit:verify finds the chain of the service database intact, then names the row a superuser altered', async () => {
    const env = { LIVING_ALLOWANCE_DATABASE_URL: svc.dataSource.options.type === 'postgres' ? String((svc.dataSource.options as { url?: string }).url) : '' };
    const svcRef = { name: 'living-allowance', envPrefix: 'LIVING_ALLOWANCE', database: 'living_allowance' };
    // Rows are chained by the service's sealer about a second after they commit; seal now rather than wait.
    await svc.auditSealer.pass();
    const clean = await verifyServiceAuditLog(svcRef, env);
    expect(clean.check.ok).toBe(true);
    expect(clean.line).toMatch(/^living-allowance: audit trail intact — \d+ sealed row\(s\)/);

    const c = new Client({ connectionString: env.LIVING_ALLOWANCE_DATABASE_URL });
    await c.connect();
    await c.query(`SET session_replication_role = replica`);
    await c.query(`UPDATE audit_log SET actor = 'clerk-forged' WHERE sealed_seq = 2`);
    await c.end();
    const broken = await verifyServiceAuditLog(svcRef, env);
    expect(broken.check).toMatchObject({ ok: false, break: { seq: 2 } });
    expect(broken.line).toMatch(/BROKEN at sealed_seq 2/);
  });
});
