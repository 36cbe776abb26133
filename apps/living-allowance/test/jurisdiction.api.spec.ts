import { http, startLivingAllowance, TestClock, TestService } from '../../../test/support/services';
import { as, dibaoHousehold, expectProblem, fieldsOf, HouseholdInput, idNumber, lowIncomeHousehold } from './households';
import { approvedCase, approver, economicCheck, reviewer, throughNotice } from './process';

/**
 * Who sees and changes which cases (issue 12): every case route works within the signed-in actor's
 * jurisdiction — the city (640200), a district (640202 大武口区) or a township (640202001 长胜街道) —
 * applied in the repositories' SQL. A case of another place is not found (404), for a read and for a
 * write alike, so that its existence is not revealed; a new filing placed outside the jurisdiction is
 * refused (403 naming the field). Four-eyes takes the identities from the tokens, and resident ID
 * numbers show in full only to the roles that handle cases.
 */

const clock = new TestClock(new Date('2026-03-02T02:00:00Z'), 1000);
let svc: TestService;

const CHANGSHENG = '640202001'; // 长胜街道, 大武口区
const CHAOYANG = '640202002'; // 朝阳街道, 大武口区
const BEIJIE = '640205001'; // 北街街道, 惠农区

/** Caseworkers of one township each; the city's caseworker files anywhere. */
const cwChangsheng = as('cw-640202001', 'caseworker', CHANGSHENG);
const cwChaoyang = as('cw-640202002', 'caseworker', CHAOYANG);
const cwBeijie = as('cw-640205001', 'caseworker', BEIJIE);
const AUDITOR = as('auditor-1', 'city_auditor');

const call = (method: string, path: string, body: unknown, headers: Record<string, string>) => http(svc.url, method, path, body, headers);

/** The three-person dibao household living in `townshipCode`. */
function household(townshipCode: string): HouseholdInput {
  const districtCode = townshipCode.slice(0, 6);
  return {
    ...dibaoHousehold(),
    districtCode,
    townshipCode,
    members: [
      { idNumber: idNumber('1980-01-01', districtCode), relation: 'applicant', ableToWork: true },
      { idNumber: idNumber('1982-03-05', districtCode), relation: 'spouse', disability: { grade: 2, kind: 'physical' } },
      { idNumber: idNumber('2015-09-09', districtCode), relation: 'child', student: true },
    ],
  } as HouseholdInput;
}

async function filed(h: HouseholdInput, by: Record<string, string>): Promise<any> {
  const res = await call('POST', '/applications', { household: h }, by);
  expect(res.status).toBe(201);
  return res.body;
}

async function submitted(h: HouseholdInput, by: Record<string, string>): Promise<any> {
  const c = await filed(h, by);
  const res = await call('POST', `/applications/${c.id}/submit`, { expectedVersion: 1 }, by);
  expect(res.status).toBe(200);
  return res.body;
}

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

beforeAll(async () => {
  svc = await startLivingAllowance({ clock, backgroundJobs: false });
});
afterAll(() => svc?.dispose());

describe('a caseworker of 长胜街道 (640202001)', () => {
  let own: any;
  let other: any;

  beforeAll(async () => {
    own = await filed(household(CHANGSHENG), cwChangsheng);
    other = await filed(household(CHAOYANG), cwChaoyang);
  });

  it('sees a case of their township', async () => {
    expect((await call('GET', `/applications/${own.id}`, undefined, cwChangsheng)).body).toMatchObject({ id: own.id, status: 'draft' });
  });

  it.each([
    ['the case', (id: string) => `/applications/${id}`],
    ['its history', (id: string) => `/applications/${id}/history`],
    ['its decisions', (id: string) => `/applications/${id}/decisions`],
    ['its decision in force', (id: string) => `/applications/${id}/decisions/in-force`],
  ])('does not see a case of another township (404): %s', async (_what, path) => {
    const res = await call('GET', path(other.id), undefined, cwChangsheng);

    expectProblem(res, 404, 'NOT_FOUND');
    // The same answer as for a case that does not exist.
    expect(res.body.detail).toBe((await call('GET', path('6d1f2c8e-3b4a-4c5d-9e6f-7a8b9c0d1e2f'), undefined, cwChangsheng)).body.detail.replace('6d1f2c8e-3b4a-4c5d-9e6f-7a8b9c0d1e2f', other.id));
  });

  it.each([
    ['edit', (c: any) => call('PUT', `/applications/${c.id}/household`, { expectedVersion: 1, household: household(CHANGSHENG) }, cwChangsheng)],
    ['submit', (c: any) => call('POST', `/applications/${c.id}/submit`, { expectedVersion: 1 }, cwChangsheng)],
    ['withdraw', (c: any) => call('POST', `/applications/${c.id}/withdraw`, { expectedVersion: 1 }, cwChangsheng)],
  ])('cannot %s a case of another township (404), which stays as it was', async (_what, act) => {
    expectProblem(await act(other), 404, 'NOT_FOUND');
    expect((await call('GET', `/applications/${other.id}`, undefined, cwChaoyang)).body).toMatchObject({ status: 'draft', version: 1 });
  });

  it('lists, counts and finds only the cases of their township', async () => {
    const list = await call('GET', '/applications?districtCode=640202', undefined, cwChangsheng);
    expect(ids(list)).toContain(own.id);
    expect(ids(list)).not.toContain(other.id);
    expect(list.body.total).toBe(list.body.items.length);
    expect((await call('GET', `/applications?townshipCode=${CHAOYANG}`, undefined, cwChangsheng)).body).toMatchObject({ items: [], total: 0 });

    const person = other.household.members[0].idNumber;
    expect((await call('POST', '/applications/search', { idNumber: person }, cwChangsheng)).body).toMatchObject({ items: [], total: 0 });
    expect(ids(await call('POST', '/applications/search', { idNumber: person }, cwChaoyang))).toEqual([other.id]);
  });

  it.each([
    ['another township of their district', 'household.townshipCode', () => household(CHAOYANG)],
    ['no township (a case of the district)', 'household.townshipCode', () => ({ ...household(CHANGSHENG), townshipCode: undefined })],
    ['another district', 'household.districtCode', () => household(BEIJIE)],
  ])('cannot file a household of %s (403 JURISDICTION.OUTSIDE naming %s)', async (_where, field, h) => {
    const before = (await call('GET', '/applications', undefined, AUDITOR)).body.total;

    const problem = expectProblem(await call('POST', '/applications', { household: h() }, cwChangsheng), 403, 'JURISDICTION.OUTSIDE');

    expect(fieldsOf(problem)).toEqual([field]);
    expect((await call('GET', '/applications', undefined, AUDITOR)).body.total).toBe(before);
  });

  it('cannot move their own draft to another township by a correction (403 naming household.townshipCode)', async () => {
    const draft = await filed(household(CHANGSHENG), cwChangsheng);

    const problem = expectProblem(await call('PUT', `/applications/${draft.id}/household`, { expectedVersion: 1, household: household(CHAOYANG) }, cwChangsheng), 403, 'JURISDICTION.OUTSIDE');

    expect(fieldsOf(problem)).toEqual(['household.townshipCode']);
    expect((await call('GET', `/applications/${draft.id}`, undefined, cwChangsheng)).body).toMatchObject({ version: 1, household: { townshipCode: CHANGSHENG } });
  });
});

describe('the queues hold the cases of their reader’s jurisdiction', () => {
  let changsheng: any;
  let chaoyang: any;
  let beijie: any;

  beforeAll(async () => {
    clock.set('2026-03-02T02:00:00Z');
    changsheng = await submitted(household(CHANGSHENG), cwChangsheng);
    chaoyang = await submitted(household(CHAOYANG), cwChaoyang);
    beijie = await submitted(household(BEIJIE), cwBeijie);
  });

  it("a township reviewer's queue holds only their township's cases, and so does their claim", async () => {
    const mine = reviewer('tr-640202001', CHANGSHENG);

    const queue = ids(await call('GET', '/queues/township', undefined, mine));
    expect(queue).toContain(changsheng.id);
    expect(queue).not.toContain(chaoyang.id);
    expect(queue).not.toContain(beijie.id);
    // Asking for another township by filter narrows nothing open: it finds nothing.
    expect((await call('GET', `/queues/township?townshipCode=${CHAOYANG}`, undefined, mine)).body.items).toEqual([]);

    const claimed: string[] = [];
    for (let r = await call('POST', '/queues/township/claim', undefined, mine); r.status === 200; r = await call('POST', '/queues/township/claim', undefined, mine)) claimed.push(r.body.id);
    expect(claimed).toContain(changsheng.id);
    expect(claimed.every((id) => id !== chaoyang.id && id !== beijie.id)).toBe(true);
    for (const id of claimed) expect((await call('POST', `/applications/${id}/release`, undefined, mine)).status).toBe(204);
  });

  it('a township reviewer cannot review a case of another township (404), nor release or reassign it', async () => {
    const mine = reviewer('tr-640202001', CHANGSHENG);

    expectProblem(await call('POST', `/applications/${chaoyang.id}/township-review`, { expectedVersion: 2, check: economicCheck(clock.today()), opinion: 'approve' }, mine), 404, 'NOT_FOUND');
    expectProblem(await call('POST', `/applications/${chaoyang.id}/release`, undefined, mine), 404, 'NOT_FOUND');
    expectProblem(await call('POST', `/applications/${beijie.id}/reassign`, { to: 'tr-x' }, as('lead-640202', 'supervisor', '640202')), 404, 'NOT_FOUND');
    expect((await call('GET', `/applications/${chaoyang.id}`, undefined, cwChaoyang)).body).toMatchObject({ status: 'submitted', version: 2, claimedBy: null });
  });

  it("a county approver's confirmation queue holds only their district's cases", async () => {
    const a = await throughNotice(svc.url, clock, changsheng.id, changsheng.version, { reviewerId: 'tr-640202001' });
    const b = await throughNotice(svc.url, clock, beijie.id, beijie.version, { reviewerId: 'tr-640205001' });

    const dawukou = ids(await call('GET', '/queues/confirmation', undefined, approver('ca-640202', '640202')));
    expect(dawukou).toContain(a.id);
    expect(dawukou).not.toContain(b.id);
    expect(ids(await call('GET', '/queues/confirmation', undefined, approver('ca-640205', '640205')))).toContain(b.id);
    expect((await call('GET', '/queues/confirmation?districtCode=640205', undefined, approver('ca-640202', '640202'))).body.items).toEqual([]);
  });

  it('a county approver cannot confirm a case of another district (404), and the case waits as it was', async () => {
    const c = (await call('GET', `/applications/${beijie.id}`, undefined, cwBeijie)).body;
    expect(c.status).toBe('confirming');

    expectProblem(await call('POST', `/applications/${c.id}/approve`, { expectedVersion: c.version }, approver('ca-640202', '640202')), 404, 'NOT_FOUND');
    expectProblem(await call('POST', `/applications/${c.id}/refuse`, { expectedVersion: c.version, reasonCode: 'NOT_RESIDENT' }, approver('ca-640202', '640202')), 404, 'NOT_FOUND');
    expect((await call('GET', `/applications/${c.id}`, undefined, cwBeijie)).body).toMatchObject({ status: 'confirming', version: c.version });

    const ok = await call('POST', `/applications/${c.id}/approve`, { expectedVersion: c.version }, approver('ca-640205', '640205'));
    expect(ok.body).toMatchObject({ status: 'approved', process: { confirmation: { by: 'ca-640205', level: 'county' } } });
  });
});

describe('periodic review within the reviewer’s jurisdiction', () => {
  it("a township reviewer's review queue holds only their township's paying cases, and a case of another township cannot be opened for review (404)", async () => {
    clock.set('2026-03-20T02:00:00Z');
    const mine = await approvedCase(svc.url, clock, household(CHANGSHENG), { clerkId: 'cw-city' });
    const theirs = await approvedCase(svc.url, clock, household(BEIJIE), { clerkId: 'cw-city' });
    const tr = reviewer('tr-640202001', CHANGSHENG);

    // Both fall due for review within two years of their approval.
    const queue = ids(await call('GET', '/reviews/queue?on=2028-12-31', undefined, tr));
    expect(queue).toContain(mine.id);
    expect(queue).not.toContain(theirs.id);

    const change = { trigger: 'change_reported', summary: 'the applicant found work' };
    expectProblem(await call('POST', `/applications/${theirs.id}/reviews`, { expectedVersion: theirs.version, ...change }, tr), 404, 'NOT_FOUND');
    expect((await call('POST', `/applications/${mine.id}/reviews`, { expectedVersion: mine.version, ...change }, tr)).status).toBe(201);
    expect((await call('POST', '/reviews/claim', undefined, tr)).body).toMatchObject({ id: mine.id, claimedBy: 'tr-640202001' });
    expect((await call('POST', '/reviews/claim', undefined, tr)).status).toBe(204);
  });
});

describe('the low-income register within the reader’s jurisdiction', () => {
  it('a caseworker of 长胜街道 reads the low-income households their township registered, not another township’s', async () => {
    clock.set('2026-04-20T02:00:00Z');
    const inTownship = (t: string) => ({ ...lowIncomeHousehold(), districtCode: t.slice(0, 6), townshipCode: t });
    const mine = await approvedCase(svc.url, clock, inTownship(CHANGSHENG), { clerkId: 'cw-city' });
    const sameDistrict = await approvedCase(svc.url, clock, inTownship(CHAOYANG), { clerkId: 'cw-city' });
    expect([mine.granted, sameDistrict.granted]).toEqual(['low_income', 'low_income']);

    const seen = (who: Record<string, string>) => call('GET', '/low-income-households?limit=1000', undefined, who).then((r) => r.body.items.map((i: { applicationId: string }) => i.applicationId));
    expect(await seen(cwChangsheng)).toEqual([mine.id]);
    expect(await seen(as('ca-640202', 'county_approver', '640202'))).toEqual(expect.arrayContaining([mine.id, sameDistrict.id]));
    expect(await seen(as('ca-640205', 'county_approver', '640205'))).not.toEqual(expect.arrayContaining([mine.id]));
  });
});

describe('four-eyes, from the identities in the tokens', () => {
  it('the filer cannot review their own filing, even holding the reviewer role (403 CASE.FOUR_EYES)', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const c = await submitted(household(CHANGSHENG), cwChangsheng);

    const res = await call('POST', `/applications/${c.id}/township-review`, { expectedVersion: 2, check: economicCheck(clock.today()), opinion: 'approve' }, reviewer('cw-640202001', CHANGSHENG));

    expectProblem(res, 403, 'CASE.FOUR_EYES');
    expect((await call('GET', `/applications/${c.id}`, undefined, cwChangsheng)).body).toMatchObject({ status: 'submitted', version: 2 });
  });

  it('the one who confirms is neither the filer (CASE.FOUR_EYES) nor the township reviewer (CASE.REVIEWER_CANNOT_CONFIRM); a third officer does', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const s = await submitted(household(CHANGSHENG), cwChangsheng);
    const c = await throughNotice(svc.url, clock, s.id, s.version, { reviewerId: 'tr-640202001' });

    expectProblem(await call('POST', `/applications/${c.id}/approve`, { expectedVersion: c.version }, approver('cw-640202001', '640202')), 403, 'CASE.FOUR_EYES');
    expectProblem(await call('POST', `/applications/${c.id}/approve`, { expectedVersion: c.version }, approver('tr-640202001', '640202')), 403, 'CASE.REVIEWER_CANNOT_CONFIRM');
    const ok = await call('POST', `/applications/${c.id}/approve`, { expectedVersion: c.version }, approver('ca-640202', '640202'));
    expect(ok.body).toMatchObject({ status: 'approved', filedBy: 'cw-640202001', process: { reviews: [{ by: 'tr-640202001' }], confirmation: { by: 'ca-640202' } } });
  });

  it('an admin cannot approve a case (403 AUTH.ROLE_NOT_ALLOWED), whatever their jurisdiction', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const s = await submitted(household(CHANGSHENG), cwChangsheng);
    const c = await throughNotice(svc.url, clock, s.id, s.version, { reviewerId: 'tr-640202001' });

    expectProblem(await call('POST', `/applications/${c.id}/approve`, { expectedVersion: c.version }, as('admin-1', 'admin')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await call('POST', '/queues/confirmation/claim', undefined, as('admin-1', 'admin')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expect((await call('GET', `/applications/${c.id}`, undefined, cwChangsheng)).body).toMatchObject({ status: 'confirming', version: c.version });
  });
});

describe('who sees resident ID numbers', () => {
  it('a city auditor reads a case with the ID numbers masked and cannot change it (403)', async () => {
    const h = household(CHANGSHENG);
    const c = await filed(h, cwChangsheng);

    const read = await call('GET', `/applications/${c.id}`, undefined, AUDITOR);

    expect(read.status).toBe(200);
    expect(read.body.household.members.map((m: { idNumber: string }) => m.idNumber)).toEqual(h.members.map((m) => `${m.idNumber.slice(0, 6)}********${m.idNumber.slice(-4)}`));
    for (const m of h.members) expect(JSON.stringify(read.body)).not.toContain(m.idNumber);
    const found = await call('POST', '/applications/search', { idNumber: h.members[1].idNumber }, AUDITOR);
    expect(ids(found)).toEqual([c.id]);
    for (const m of h.members) expect(JSON.stringify(found.body)).not.toContain(m.idNumber);

    expectProblem(await call('PUT', `/applications/${c.id}/household`, { expectedVersion: 1, household: h }, AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await call('POST', `/applications/${c.id}/submit`, { expectedVersion: 1 }, AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await call('POST', `/applications/${c.id}/withdraw`, { expectedVersion: 1 }, AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await call('POST', `/applications/${c.id}/reassign`, { to: 'cw-x' }, AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expect((await call('GET', `/applications/${c.id}`, undefined, cwChangsheng)).body).toMatchObject({ status: 'draft', version: 1 });
  });

  it('the caseworker handling the case, and its township reviewer, see them in full', async () => {
    const h = household(CHANGSHENG);
    const c = await filed(h, cwChangsheng);

    for (const who of [cwChangsheng, reviewer('tr-640202001', CHANGSHENG)]) {
      const read = await call('GET', `/applications/${c.id}`, undefined, who);
      expect(read.body.household.members.map((m: { idNumber: string }) => m.idNumber)).toEqual(h.members.map((m) => m.idNumber));
    }
  });
});
