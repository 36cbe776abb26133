import { http, startLivingAllowance, TestClock, TestService } from '../../../test/support/services';
import { reviewer } from './process';
import { as, dibaoHousehold, expectProblem, fieldsOf, HouseholdInput, ineligibleHousehold } from './households';

/**
 * The lists a caseworker and an officer work from (issue 11): every case, newest first, without a
 * silent status default; my drafts, the cases I filed, the cases I hold a claim on; a township's
 * cases by stage. Each is a page with the total.
 */

// Each reading of the clock is one second later, so cases filed one after another have distinct filing times.
const clock = new TestClock(new Date('2026-03-02T02:00:00Z'), 1000);

let svc: TestService;

beforeAll(async () => {
  svc = await startLivingAllowance({ clock });
});

afterAll(async () => {
  await svc?.dispose();
});

/** Lists are read by the city auditor unless told (the whole city); `{}` sends no token. */
const call = (method: string, path: string, headers: Record<string, string> = as('auditor-1', 'city_auditor'), body?: unknown) => http(svc.url, method, path, body, headers);
const inTownship = (townshipCode: string, h: HouseholdInput = dibaoHousehold()) => ({ ...h, townshipCode, districtCode: townshipCode.slice(0, 6) });

async function file(actor: string, household: HouseholdInput = dibaoHousehold()): Promise<any> {
  const res = await call('POST', '/applications', as(actor), { household });
  expect(res.status).toBe(201);
  return res.body;
}

async function submit(actor: string, c: { id: string; version: number }): Promise<any> {
  const res = await call('POST', `/applications/${c.id}/submit`, as(actor), { expectedVersion: c.version });
  expect(res.status).toBe(200);
  return res.body;
}

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

describe('GET /applications: every case, no silent status default', () => {
  it('without filters lists every case in any status (drafts too), newest filed first, with the total', async () => {
    const draft = await file('clerk-all');
    const submitted = await submit('clerk-all', await file('clerk-all'));

    const res = await call('GET', '/applications');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: expect.any(Number), limit: 50, offset: 0 });
    expect(ids(res).slice(0, 2)).toEqual([submitted.id, draft.id]);
    expect(res.body.total).toBeGreaterThanOrEqual(2);
  });

  it.each(['filedBy=clerk-all', 'idNumber=640202198001011238', 'householdRef=abc'])('refuses ?%s, a filter it does not have (400 naming it), instead of ignoring it', async (query) => {
    const problem = expectProblem(await call('GET', `/applications?${query}`), 400, 'INVALID_INPUT');

    expect(fieldsOf(problem)).toEqual([query.split('=')[0]]);
    expect(JSON.stringify(problem.errors)).not.toContain(query.split('=')[1]);
  });

  it('refuses a township outside the district given (400 naming townshipCode)', async () => {
    expect(fieldsOf(expectProblem(await call('GET', '/applications?districtCode=640202&townshipCode=640205001'), 400, 'INVALID_INPUT'))).toEqual(['townshipCode']);
  });
});

describe("a township's cases by stage", () => {
  const township = '640205002';
  const stage: Record<string, string[]> = { draft: [], submitted: [] };

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) stage.submitted.unshift((await submit('clerk-t', await file('clerk-t', inTownship(township)))).id);
    for (let i = 0; i < 2; i++) stage.draft.unshift((await file('clerk-t', inTownship(township))).id);
    // Another township of the same district, same stages: not listed.
    await submit('clerk-t', await file('clerk-t', inTownship('640205001')));
    await file('clerk-t', inTownship('640205001'));
  });

  it.each(['submitted', 'draft'])('lists the township’s %s cases with their total, newest first', async (status) => {
    const res = await call('GET', `/applications?townshipCode=${township}&status=${status}`);

    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(stage[status]);
    expect(res.body.total).toBe(stage[status].length);
    expect(res.body.items.every((i: { status: string }) => i.status === status)).toBe(true);
  });

  it('counts the whole township when no stage is given', async () => {
    const res = await call('GET', `/applications?townshipCode=${township}`);
    expect(res.body.total).toBe(5);
  });

  it('pages: a page of one keeps the total of the whole list', async () => {
    const res = await call('GET', `/applications?townshipCode=${township}&status=submitted&limit=1&offset=1`);

    expect(res.body).toEqual({ items: [expect.objectContaining({ id: stage.submitted[1] })], total: 3, limit: 1, offset: 1 });
  });
});

describe('my cases (GET /applications/mine): the signed-in officer, from the token', () => {
  let mineDraft: any;
  let mineSubmitted: any;
  let othersDraft: any;

  beforeAll(async () => {
    mineSubmitted = await submit('clerk-me', await file('clerk-me'));
    mineDraft = await file('clerk-me', ineligibleHousehold());
    othersDraft = await file('clerk-other');
  });

  it('filed: every case I filed, in any status, newest first — and not another caseworker’s', async () => {
    const res = await call('GET', '/applications/mine?stage=filed', as('clerk-me'));

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [expect.objectContaining({ id: mineDraft.id, status: 'draft' }), expect.objectContaining({ id: mineSubmitted.id, status: 'submitted' })], total: 2, limit: 50, offset: 0 });
    expect(ids(await call('GET', '/applications/mine?stage=filed', as('clerk-other')))).toEqual([othersDraft.id]);
  });

  it('filed is what "mine" lists when no stage is given', async () => {
    expect(ids(await call('GET', '/applications/mine', as('clerk-me')))).toEqual([mineDraft.id, mineSubmitted.id]);
  });

  it('draft: only my drafts', async () => {
    const res = await call('GET', '/applications/mine?stage=draft', as('clerk-me'));

    expect(ids(res)).toEqual([mineDraft.id]);
    expect(res.body.total).toBe(1);
  });

  it('takes who I am from the token only: ?filedBy= is refused, X-Actor-Id without a token is a 401, and a city auditor, who files and claims nothing, has none', async () => {
    expect(fieldsOf(expectProblem(await call('GET', '/applications/mine?filedBy=clerk-other', as('clerk-me')), 400, 'INVALID_INPUT'))).toEqual(['filedBy']);
    expectProblem(await call('GET', '/applications/mine', {}), 401);
    expectProblem(await call('GET', '/applications/mine', { 'x-actor-id': 'clerk-me' }), 401);
    expect((await call('GET', '/applications/mine')).body).toMatchObject({ items: [], total: 0 });
  });

  it('refuses an unknown stage (400 naming stage)', async () => {
    expect(fieldsOf(expectProblem(await call('GET', '/applications/mine?stage=approved', as('clerk-me')), 400, 'INVALID_INPUT'))).toEqual(['stage']);
  });
});

describe('the cases I hold a claim on (GET /applications/mine?stage=claimed)', () => {
  const township = '640202002';

  it('lists the cases I claimed from a queue, not another officer’s claim, and no longer once my lease has lapsed', async () => {
    for (let i = 0; i < 3; i++) await submit('clerk-c', await file('clerk-c', inTownship(township)));
    const claim = async (who: string) => (await call('POST', `/queues/township/claim?townshipCode=${township}`, reviewer(who))).body.id as string;
    const first = await claim('reviewer-me');
    const second = await claim('reviewer-me');
    const others = await claim('reviewer-other');

    const res = await call('GET', '/applications/mine?stage=claimed', reviewer('reviewer-me'));

    expect(res.status).toBe(200);
    // The lease lapsing first comes first.
    expect(res.body).toEqual({ items: [expect.objectContaining({ id: first }), expect.objectContaining({ id: second })], total: 2, limit: 50, offset: 0 });
    expect(ids(await call('GET', '/applications/mine?stage=claimed', reviewer('reviewer-other')))).toEqual([others]);
    expect((await call('GET', '/applications/mine?stage=claimed', as('clerk-c'))).body.total).toBe(0);

    clock.set(new Date(clock.now().getTime() + 31 * 60_000).toISOString());
    expect((await call('GET', '/applications/mine?stage=claimed', reviewer('reviewer-me'))).body).toMatchObject({ items: [], total: 0 });
  });
});
