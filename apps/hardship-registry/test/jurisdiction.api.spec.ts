import { expectProblem, fieldsOf } from '../../../test/support/api';
import { http, startHardshipRegistry, TestService } from '../../../test/support/services';
import { applied, applyBody, APPROVER, as, CASEWORKER, idNumber, INVESTIGATOR, personRef, receiveStandards } from './persons';

/**
 * Access (issue 12) as this service keeps it: every query keeps to the caller's jurisdiction in its
 * SQL, so another place's case is a 404 for reads and writes alike (its existence is not revealed),
 * and a new case placed outside it is a 403 naming the field; the city auditor reads everything and
 * changes nothing; a read of a full record is audited; no token, no answer.
 */
let svc: TestService;
let caseId: string;
let version: number;
let id: string;
const call = (method: string, path: string, body: unknown, headers: Record<string, string>) => http(svc.url, method, path, body, headers);

/** Officers of another township of the same district, and of another district. */
const NEIGHBOUR_CLERK = as('cw-9', 'caseworker', '640202002');
const NEIGHBOUR_REVIEWER = as('tr-9', 'township_reviewer', '640202002');
const OTHER_COUNTY = as('ca-9', 'county_approver', '640205');
const AUDITOR = as('aud-1', 'city_auditor', '640200');

beforeAll(async () => {
  svc = await startHardshipRegistry({ backgroundJobs: false });
  await receiveStandards(svc);
  id = idNumber('1950-12-12');
  const c = await applied(svc, id);
  caseId = c.id;
  version = c.version;
});
afterAll(() => svc?.dispose());

describe('another place’s case is not found, for reads and writes', () => {
  const OFFICERS = { 'a caseworker of another township': NEIGHBOUR_CLERK, 'a county approver of another district': OTHER_COUNTY };
  const READS = { 'the case': () => `/cases/${caseId}`, 'its history': () => `/cases/${caseId}/history`, 'the person': () => `/persons/${personRef(id)}` };
  it.each((Object.keys(OFFICERS) as (keyof typeof OFFICERS)[]).flatMap((who) => (Object.keys(READS) as (keyof typeof READS)[]).map((what) => [who, what] as const)))('%s reading %s: 404', async (who, what) => {
    expectProblem(await call('GET', READS[what](), undefined, OFFICERS[who]), 404);
  });

  it('writes answer 404 too, and change nothing', async () => {
    expectProblem(await call('POST', `/cases/${caseId}/withdraw`, { expectedVersion: version }, NEIGHBOUR_CLERK), 404);
    expectProblem(await call('POST', `/cases/${caseId}/investigation`, { expectedVersion: version, opinion: 'grant' }, NEIGHBOUR_REVIEWER), 404);
    expectProblem(await call('POST', `/cases/${caseId}/release`, undefined, NEIGHBOUR_REVIEWER), 404);
    expect((await call('GET', `/cases/${caseId}`, undefined, CASEWORKER)).body).toMatchObject({ status: 'investigating', version });
  });

  it('queues, lists and searches hold the reader’s jurisdiction only', async () => {
    expect((await call('GET', '/queues/investigation', undefined, NEIGHBOUR_REVIEWER)).body).toMatchObject({ items: [], total: 0 });
    expect((await call('POST', '/queues/investigation/claim', undefined, NEIGHBOUR_REVIEWER)).status).toBe(204);
    expect((await call('GET', '/cases', undefined, OTHER_COUNTY)).body).toMatchObject({ items: [], total: 0 });
    expect((await call('POST', '/persons/search', { idNumber: id }, OTHER_COUNTY)).body).toEqual({ cases: [], activeCaseId: null, elderAssessment: null });
    const own = (await call('GET', '/queues/investigation', undefined, INVESTIGATOR)).body.items.map((i: { id: string }) => i.id);
    expect(own).toContain(caseId);
    // Filters narrow the jurisdiction, never widen it.
    expect((await call('GET', '/queues/investigation?townshipCode=640202001', undefined, NEIGHBOUR_REVIEWER)).body.items).toEqual([]);
  });

  it('a search by ID number within the jurisdiction names no personRef', async () => {
    const found = await call('POST', '/persons/search', { idNumber: id }, CASEWORKER);
    expect(found.body).toMatchObject({ cases: [{ id: caseId }], activeCaseId: caseId });
    expect(found.body.personRef).toBeUndefined();
    expect(JSON.stringify(found.body)).not.toContain(id);
  });
});

describe('a new case placed outside the jurisdiction is 403 naming the field', () => {
  it.each<[string, { districtCode?: string; townshipCode: string }, string]>([
    ['another township of the same district', { townshipCode: '640202002' }, 'townshipCode'],
    ['another district', { districtCode: '640205', townshipCode: '640205001' }, 'districtCode'],
  ])('%s: %j', async (_what, place, field) => {
    const res = await call('POST', '/cases', applyBody(idNumber('1950-10-10', place.districtCode ?? '640202'), place), CASEWORKER);
    expect(fieldsOf(expectProblem(res, 403, 'JURISDICTION.OUTSIDE'))).toEqual([field]);
  });
});

describe('roles', () => {
  it('the city auditor reads any case, the ID number masked, and the read is audited; they change nothing', async () => {
    const read = await call('GET', `/cases/${caseId}`, undefined, AUDITOR);
    expect(read.status).toBe(200);
    expect(read.body.maskedIdNumber).toMatch(/\*/);
    expect(JSON.stringify(read.body)).not.toContain(id);
    const rows = await svc.dataSource.query(`SELECT actor, action FROM audit_log WHERE target = $1 AND action = 'hardship_case.read'`, [`hardship_case:${caseId}`]);
    expect(rows).toEqual(expect.arrayContaining([{ actor: 'aud-1', action: 'hardship_case.read' }]));
    expectProblem(await call('POST', '/cases', applyBody(idNumber('1950-11-11')), AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await call('POST', `/cases/${caseId}/withdraw`, { expectedVersion: version }, AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
  });

  it('an administrator keeps the parameters, not the cases', async () => {
    expectProblem(await call('GET', `/cases/${caseId}`, undefined, as('adm-1', 'admin', '640200')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    const params = await call('GET', '/parameters', undefined, as('adm-1', 'admin', '640200'));
    expect(params.body.versions.map((v: { key: string }) => v.key)).toEqual(expect.arrayContaining(['hardship.basic-living', 'hardship.care-allowance', 'hardship.process.time-limits']));
    expect(params.body.versions.every((v: { legalSource: string }) => v.legalSource.length > 10)).toBe(true);
  });

  it('a county approver cannot investigate, a township reviewer cannot confirm', async () => {
    expectProblem(await call('POST', `/cases/${caseId}/investigation`, { expectedVersion: version, opinion: 'grant' }, APPROVER), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await call('POST', `/cases/${caseId}/confirm`, { expectedVersion: version }, INVESTIGATOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
  });

  it('without a token every route but the probes answers 401', async () => {
    expect((await call('GET', `/cases/${caseId}`, undefined, {})).status).toBe(401);
    expect((await call('POST', '/cases', applyBody(idNumber('1950-11-12')), {})).status).toBe(401);
    expect((await call('GET', '/health/live', undefined, {})).status).toBe(200);
  });
});
