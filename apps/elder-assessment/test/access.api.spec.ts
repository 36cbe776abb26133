import { startElderAssessment, TestClock, TestService } from '../../../test/support/services';
import { as, ASSESSOR_A, ASSESSOR_B, ASSESSOR_C, asAssessor, client, expectProblem, fieldsOf, form, idNumber, masked, personRef } from './elders';

/**
 * Who may do what with elder assessments, and where (issue 12; docs/security.md "Elder
 * assessments: who records, who reads"): assessors record within their district, each read keeps to
 * the reader's jurisdiction in its SQL, an assessment of another district is not found (404) for
 * reads and changes alike, a city auditor reads everything and changes nothing, and no header but a
 * bearer token says who anyone is.
 */

const clock = new TestClock(new Date('2026-03-02T02:00:00Z'), 1000);

let svc: TestService;
const api = client(() => svc.url);
const { call, read, create, edit, complete } = api;

beforeAll(async () => {
  svc = await startElderAssessment({ clock, backgroundJobs: false });
});

afterAll(async () => {
  await svc?.dispose();
});

// 惠农区 (640205) and 大武口区 (640202): an assessor and a supervisor of each, a caseworker of one street.
const HUINONG = '640205';
const DAWUKOU = '640202';
const huinong = { opener: asAssessor(ASSESSOR_A, HUINONG), second: asAssessor(ASSESSOR_B, HUINONG) };
const dawukou = { opener: asAssessor(ASSESSOR_A, DAWUKOU), second: asAssessor(ASSESSOR_B, DAWUKOU) };
const dawukouAssessor = asAssessor(ASSESSOR_B, DAWUKOU);
const dawukouSupervisor = as('lead-640202', 'supervisor', DAWUKOU);
const huinongSupervisor = as('lead-640205', 'supervisor', HUINONG);
const beijieCaseworker = as('cw-640205001', 'caseworker', '640205001');
const AUDITOR = as('aud-640200', 'city_auditor');

/** An assessment of an elder of 惠农区 北街街道 (640205001), recorded by 惠农区's assessors. */
const completedInHuinong = (over: Parameters<typeof form>[0] = {}) => api.completed(form(over), huinong.second, huinong.opener);
const storedCount = async () => (await svc.dataSource.query(`SELECT count(*)::int AS n FROM assessments`))[0].n as number;

describe('an assessor of 大武口区 (640202) and an assessment of 惠农区 (640205)', () => {
  const f = form();
  let done: any;
  let draft: any;

  beforeAll(async () => {
    done = await completedInHuinong(f);
    draft = (await create(form(), huinong.opener)).body;
  });

  it('an assessor of 大武口区 (640202) does not see an assessment of another district (404): not by id, not its history', async () => {
    expectProblem(await api.get(done.id, dawukouAssessor), 404, 'NOT_FOUND');
    expectProblem(await read(`/assessments/${done.id}/history`, dawukouAssessor), 404, 'NOT_FOUND');
    expect((await api.get(done.id, huinong.second)).status).toBe(200);
  });

  it('nor finds it by the person: the list by personRef and the search by ID number are empty, counted in the query', async () => {
    expect((await read(`/assessments?personRef=${personRef(f.idNumber)}`, dawukouAssessor)).body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    expect((await call('POST', '/assessments/search', { idNumber: f.idNumber }, dawukouAssessor)).body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    expect((await call('POST', '/assessments/search', { idNumber: f.idNumber }, huinong.second)).body.total).toBe(1);
  });

  it('nor changes it: editing, completing and disputing answer 404 as for an id that does not exist, and nothing changes', async () => {
    expectProblem(await edit(draft.id, { expectedVersion: 1, needs: [] }, asAssessor(ASSESSOR_A, DAWUKOU)), 404, 'NOT_FOUND');
    expectProblem(await complete(draft.id, 1, dawukouAssessor), 404, 'NOT_FOUND');
    expectProblem(await api.dispute(done.id, done.version, 'level too low', as('cw-640202001', 'caseworker', '640202001')), 404, 'NOT_FOUND');

    expect((await api.get(draft.id, huinongSupervisor)).body).toMatchObject({ status: 'draft', version: 1 });
    expect((await api.get(done.id, huinongSupervisor)).body).toMatchObject({ status: 'completed', version: done.version, dispute: null });
  });

  it('places a new assessment only within their district: one of an elder of 惠农区 is refused (403 JURISDICTION.OUTSIDE naming districtCode), nothing stored', async () => {
    const before = await storedCount();
    const body = expectProblem(await create(form(), dawukou.opener), 403, 'JURISDICTION.OUTSIDE');
    expect(fieldsOf(body)).toEqual(['districtCode']);
    expect(await storedCount()).toBe(before);
  });

  it('cannot move a draft out of their district by an edit (403 JURISDICTION.OUTSIDE naming districtCode)', async () => {
    const own = (await create(form({ idNumber: idNumber('1950-05-05', DAWUKOU), districtCode: DAWUKOU, townshipCode: '640202001' }), dawukou.opener)).body;
    const body = expectProblem(await edit(own.id, { expectedVersion: 1, districtCode: HUINONG, townshipCode: '640205001' }, dawukou.opener), 403, 'JURISDICTION.OUTSIDE');
    expect(fieldsOf(body)).toEqual(['districtCode']);
    expect((await api.get(own.id, dawukou.opener)).body).toMatchObject({ districtCode: DAWUKOU, version: 1 });
  });

  it('cannot name an assessment of another district in supersedes: it reads as unknown (400 ASSESSMENT.SUPERSEDES_UNKNOWN)', async () => {
    const correction = form({ idNumber: f.idNumber, districtCode: DAWUKOU, townshipCode: '640202001', reason: 'immediate', supersedes: done.id });
    expectProblem(await create(correction, dawukou.opener), 400, 'ASSESSMENT.SUPERSEDES_UNKNOWN');
  });

  it('re-assesses an elder who moved to 大武口区: the new result supersedes the one of 惠农区 (one current result per person), which stays unreadable to them', async () => {
    const moved = form({ idNumber: idNumber('1946-06-06'), assessedOn: '2026-02-01' });
    const old = await completedInHuinong(moved);

    const now = await api.completed({ ...moved, districtCode: DAWUKOU, townshipCode: '640202001', reason: 'routine', assessedOn: '2026-03-02' }, dawukou.second, dawukou.opener);

    expect(now).toMatchObject({ status: 'completed', districtCode: DAWUKOU, supersedes: old.id });
    expectProblem(await api.get(old.id, dawukouAssessor), 404, 'NOT_FOUND');
    expect((await api.get(old.id, huinongSupervisor)).body).toMatchObject({ status: 'superseded', supersededBy: now.id });
  });
});

describe('a caseworker of 北街街道 (640205001): the results of their own township', () => {
  it('reads an assessment of an elder of the street, and records a dispute of it', async () => {
    const done = await completedInHuinong();

    expect((await api.get(done.id, beijieCaseworker)).body).toMatchObject({ id: done.id, townshipCode: '640205001', result: { level: 'mild' } });
    expect((await api.dispute(done.id, done.version, 'the family says she cannot dress herself', beijieCaseworker)).body).toMatchObject({ status: 'disputed', updatedBy: 'cw-640205001' });
  });

  it('does not see one of the next street, 南街街道 (404)', async () => {
    const nanjie = await completedInHuinong({ townshipCode: '640205002' });

    expectProblem(await api.get(nanjie.id, beijieCaseworker), 404, 'NOT_FOUND');
    expectProblem(await api.dispute(nanjie.id, nanjie.version, 'level too low', beijieCaseworker), 404, 'NOT_FOUND');
  });

  it('reads the needs of the street only: no area means theirs, a wider one is refused (403 naming townshipCode)', async () => {
    const body = (await read('/needs/summary', beijieCaseworker)).body;
    expect(body).toMatchObject({ districtCode: '640205', townshipCode: '640205001' });
    const all = (await read('/needs/summary?districtCode=640205&townshipCode=640205001', AUDITOR)).body;
    expect(body.eldersAssessed).toBe(all.eldersAssessed);

    expect(fieldsOf(expectProblem(await read('/needs/summary?districtCode=640205', beijieCaseworker), 403, 'JURISDICTION.OUTSIDE'))).toEqual(['townshipCode']);
  });

  it('records nothing else and works no assessors’ queue (403 AUTH.ROLE_NOT_ALLOWED)', async () => {
    const done = await completedInHuinong();
    expectProblem(await create(form(), beijieCaseworker), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await complete(done.id, done.version, beijieCaseworker), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await read(`/assessments/${done.id}/history`, beijieCaseworker), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await read('/queues/overdue', beijieCaseworker), 403, 'AUTH.ROLE_NOT_ALLOWED');
  });
});

describe('the overdue queue, per district', () => {
  let huinongOverdue: any;
  let dawukouOverdue: any;

  beforeAll(async () => {
    huinongOverdue = await completedInHuinong({ idNumber: idNumber('1941-01-01'), assessedOn: '2025-01-20' });
    dawukouOverdue = await api.completed(
      form({ idNumber: idNumber('1941-01-01', DAWUKOU), districtCode: DAWUKOU, townshipCode: '640202002', assessedOn: '2025-01-21' }),
      dawukou.second,
      dawukou.opener,
    );
  });

  it('a supervisor of 大武口区 sees the overdue elders of 大武口区 only, counted in the query', async () => {
    const body = (await read('/queues/overdue', dawukouSupervisor)).body;
    expect(body.items.map((i: any) => i.assessmentId)).toEqual([dawukouOverdue.id]);
    expect(body.total).toBe(1);
  });

  it('refuses a district outside the jurisdiction (403 JURISDICTION.OUTSIDE naming districtCode) rather than answer an empty queue for it', async () => {
    expect(fieldsOf(expectProblem(await read(`/queues/overdue?districtCode=${HUINONG}`, dawukouSupervisor), 403, 'JURISDICTION.OUTSIDE'))).toEqual(['districtCode']);
  });

  it('the city auditor sees both', async () => {
    const ids = (await read('/queues/overdue', AUDITOR)).body.items.map((i: any) => i.assessmentId);
    expect(ids).toEqual(expect.arrayContaining([huinongOverdue.id, dawukouOverdue.id]));
  });
});

describe('a city auditor (640200)', () => {
  const f = form();
  let done: any;

  beforeAll(async () => {
    done = await completedInHuinong(f);
  });

  it('a city auditor reads with ID numbers masked and cannot record (403)', async () => {
    const one = await api.get(done.id, AUDITOR);
    const found = await call('POST', '/assessments/search', { idNumber: f.idNumber }, AUDITOR);
    const listed = await read(`/assessments?personRef=${personRef(f.idNumber)}`, AUDITOR);
    expect(one.body).toMatchObject({ id: done.id, maskedIdNumber: masked(f.idNumber) });
    expect(found.body.items).toEqual([expect.objectContaining({ id: done.id, maskedIdNumber: masked(f.idNumber) })]);
    expect(listed.body.total).toBe(1);
    for (const res of [one, found, listed]) expect(JSON.stringify(res.body)).not.toContain(f.idNumber);

    const draft = (await create(form(), huinong.opener)).body;
    expectProblem(await create(form(), AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await edit(draft.id, { expectedVersion: 1, needs: [] }, AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await complete(draft.id, 1, AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await api.dispute(done.id, done.version, 'level too low', AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await call('POST', '/parameters', { key: 'elder.raise-cap', validFrom: '2026-05-01', value: { maxCombinedLevels: 2 }, legalSource: 'x' }, AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expect((await api.get(draft.id, AUDITOR)).body).toMatchObject({ status: 'draft', version: 1 });
  });

  it('reads the history, the queue and the needs of the whole city', async () => {
    expect((await read(`/assessments/${done.id}/history`, AUDITOR)).status).toBe(200);
    expect((await read('/queues/overdue', AUDITOR)).status).toBe(200);
    expect((await read('/needs/summary', AUDITOR)).body).toMatchObject({ districtCode: null, townshipCode: null });
  });
});

describe('the other roles', () => {
  it('a supervisor oversees and records nothing (403 AUTH.ROLE_NOT_ALLOWED)', async () => {
    const done = await completedInHuinong();
    expect((await read(`/assessments/${done.id}/history`, huinongSupervisor)).status).toBe(200);
    expectProblem(await create(form(), huinongSupervisor), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await api.dispute(done.id, done.version, 'level too low', huinongSupervisor), 403, 'AUTH.ROLE_NOT_ALLOWED');
  });

  it('an administrator publishes parameters and reads no assessment (403)', async () => {
    const done = await completedInHuinong();
    const admin = as('admin-21', 'admin');
    expectProblem(await api.get(done.id, admin), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await read('/needs/summary', admin), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await create(form(), admin), 403, 'AUTH.ROLE_NOT_ALLOWED');
  });

  it('another system (role service) reads no assessment: it learns results from the events (403)', async () => {
    const done = await completedInHuinong();
    expectProblem(await api.get(done.id, as('svc-hardship', 'service')), 403, 'AUTH.ROLE_NOT_ALLOWED');
  });
});

describe('identity comes from the token only', () => {
  it('a request with X-Actor headers and no token gains nothing (401)', async () => {
    const done = await completedInHuinong();
    const claims = { 'x-actor-id': ASSESSOR_B, 'x-actor-role': 'assessor' };
    const before = await storedCount();

    for (const res of [
      await call('POST', '/assessments', form({ secondAssessor: ASSESSOR_A }), claims),
      await call('GET', `/assessments/${done.id}`, undefined, claims),
      await call('POST', '/assessments/search', { idNumber: idNumber() }, claims),
      await call('GET', '/queues/overdue', undefined, claims),
      await call('POST', `/assessments/${done.id}/dispute`, { expectedVersion: done.version, reason: 'x' }, claims),
    ]) {
      expectProblem(res, 401, 'UNAUTHENTICATED');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(await storedCount()).toBe(before);
  });

  it('a token beside the headers is what counts: X-Actor-Role admin on an assessor’s token publishes nothing (403)', async () => {
    const res = await call('POST', '/parameters', { key: 'elder.raise-cap', validFrom: '2026-05-01', value: { maxCombinedLevels: 2 }, legalSource: 'x' }, { ...huinong.opener, 'x-actor-id': 'admin-21', 'x-actor-role': 'admin' });
    expectProblem(res, 403, 'AUTH.ROLE_NOT_ALLOWED');
  });

  it('the first assessor is the signed-in one, recorded as such; an edit cannot replace them', async () => {
    const draft = (await create(form(), huinong.opener)).body;
    expect(draft).toMatchObject({ assessors: [ASSESSOR_A, ASSESSOR_B], createdBy: ASSESSOR_A });
    expect(fieldsOf(expectProblem(await edit(draft.id, { expectedVersion: 1, assessors: [ASSESSOR_C, ASSESSOR_B] }, huinong.second), 400, 'INVALID_INPUT'))).toEqual(['assessors']);
  });
});

describe('every assessment route declares its policy (the OpenAPI document is what the access matrix is built from)', () => {
  it('names the roles per route, all jurisdiction-scoped, with bearer security and no X-Actor header', async () => {
    const doc = (await call('GET', '/docs/openapi.json')).body as { paths: Record<string, Record<string, any>> };
    const ours = ['/assessments', '/assessments/search', '/assessments/{id}', '/assessments/{id}/history', '/assessments/{id}/complete', '/assessments/{id}/dispute', '/queues/overdue', '/needs/summary'];
    const table = Object.fromEntries(
      ours.flatMap((path) => Object.entries(doc.paths[path]).map(([method, op]) => [`${method.toUpperCase()} ${path}`, `${[...op['x-roles']].sort().join(',')} ${op['x-jurisdiction']}`])),
    );
    const readers = 'assessor,caseworker,city_auditor,supervisor scoped';
    expect(table).toEqual({
      'POST /assessments': 'assessor scoped',
      'GET /assessments': readers,
      'POST /assessments/search': readers,
      'GET /assessments/{id}': readers,
      'PUT /assessments/{id}': 'assessor scoped',
      'GET /assessments/{id}/history': 'assessor,city_auditor,supervisor scoped',
      'POST /assessments/{id}/complete': 'assessor scoped',
      'POST /assessments/{id}/dispute': 'assessor,caseworker scoped',
      'GET /queues/overdue': 'assessor,city_auditor,supervisor scoped',
      'GET /needs/summary': readers,
    });
    expect(JSON.stringify(doc.paths)).not.toMatch(/X-Actor/i);
    for (const path of ours) for (const op of Object.values(doc.paths[path])) expect(op.security).toEqual([{ bearer: [] }]);
  });
});
