import { PeriodicReviewSweep } from '../src/periodic-review/periodic-review-sweep.use-case';
import { http, startLivingAllowance, TestClock, TestService } from '../../../test/support/services';
import { as, eventsOf, expectProblem, fieldsOf, HouseholdInput, idNumber } from './households';
import { approvedCase, reviewer } from './process';

/**
 * Periodic review (复核, 民发〔2021〕57号): yearly for stable households, every 6 months for irregular
 * income or members able to work; a queue with claims that never hand one case to two officers;
 * gradual exit (渐退期) when work lifts a household over the line.
 */
const CASEWORKER = 'clerk-51';
const OFFICER = 'officer-52';
let svc: TestService;
const clock = new TestClock(new Date('2026-01-10T02:00:00Z'));
/** Reads (the review queue, cases, decisions) as a township reviewer unless told; `{}` sends no token. */
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = reviewer()) => http(svc.url, method, path, body, headers);
const sweep = () => svc.app.get(PeriodicReviewSweep).sweep();

function household(o: { wageFen: number; ableToWork?: boolean; districtCode?: string; other?: { kind: string; monthlyFen: number } }): HouseholdInput {
  const districtCode = o.districtCode ?? '640205';
  return {
    districtCode,
    area: 'urban',
    members: [
      { idNumber: idNumber('1970-05-06', districtCode), relation: 'applicant', ...(o.ableToWork ? { ableToWork: true } : {}) },
      { idNumber: idNumber('1972-08-19', districtCode), relation: 'spouse' },
    ],
    incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: o.wageFen }, ...(o.other ? [{ memberIndex: 1, ...o.other }] : [])],
    deductions: [],
    assets: { moneyFen: 0, homes: 1, housingAreaSqm: 50, vehicles: [] },
  };
}

async function approved(h: HouseholdInput): Promise<any> {
  return { ...(await approvedCase(svc.url, clock, h, { clerkId: CASEWORKER, approverId: OFFICER })), input: h };
}

const dueOn = async (id: string) => (await svc.dataSource.query(`SELECT to_char(review_due_on, 'YYYY-MM-DD') AS d FROM applications WHERE id = $1`, [id]))[0].d;

beforeAll(async () => {
  svc = await startLivingAllowance({ clock, backgroundJobs: false });
});
afterAll(() => svc?.dispose());

describe('when reviews fall due', () => {
  let stable: any;
  let irregular: any;

  beforeAll(async () => {
    clock.set('2026-01-10T02:00:00Z');
    stable = await approved(household({ wageFen: 60000 }));
    irregular = await approved(household({ wageFen: 60000, ableToWork: true }));
  });

  it('a stable household is reviewed a year after approval, one with a member able to work after six months', async () => {
    expect(await dueOn(stable.id)).toBe('2027-01-10');
    expect(await dueOn(irregular.id)).toBe('2026-07-10');
  });

  it('a review that falls due is announced once with review.due and shows in the queue', async () => {
    clock.set('2026-07-11T02:00:00Z');
    expect((await sweep()).announced).toBe(1);
    expect((await sweep()).announced).toBe(0);
    const due = (await eventsOf(svc.url, 'living-allowance.review.due')).filter((e) => e.data.caseId === irregular.id);
    expect(due.map((e) => e.data)).toEqual([expect.objectContaining({ caseId: irregular.id, householdType: 'irregular', dueOn: '2026-07-10', districtCode: '640205' })]);
    const queue = (await call('GET', '/reviews/queue?districtCode=640205')).body.items;
    expect(queue.map((q: any) => [q.id, q.overdue])).toEqual([[irregular.id, true]]);
  });
});

describe('claims on the review queue', () => {
  const cases: any[] = [];

  beforeAll(async () => {
    clock.set('2026-01-12T02:00:00Z');
    for (let i = 0; i < 20; i++) cases.push(await approved(household({ wageFen: 50000 + i * 100, ableToWork: true, districtCode: '640221' })));
    clock.set('2026-07-20T02:00:00Z');
  });

  it('pages the review queue with limit and offset, in the queue’s order', async () => {
    const all = (await call('GET', '/reviews/queue?districtCode=640221&limit=3')).body.items;
    expect(all).toHaveLength(3);

    const page = await call('GET', '/reviews/queue?districtCode=640221&limit=1&offset=1');

    expect(page.body.items.map((i: { id: string }) => i.id)).toEqual([all[1].id]);
    expect(fieldsOf(expectProblem(await call('GET', '/reviews/queue?offset=-1&on=2026-02-30'), 400, 'INVALID_INPUT')).sort()).toEqual(['offset', 'on']);
  });

  it('16 officers claiming at once never get the same case', async () => {
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => call('POST', '/reviews/claim?districtCode=640221', undefined, reviewer(`officer-c${i}`))));
    expect(results.map((r) => r.status)).toEqual(Array(16).fill(200));
    const ids = results.map((r) => r.body.id);
    expect(new Set(ids).size).toBe(16);
    const claimedBy = await svc.dataSource.query(`SELECT id, claimed_by FROM applications WHERE id = ANY($1::uuid[])`, [ids]);
    for (const r of results) expect(claimedBy.find((c: any) => c.id === r.body.id).claimed_by).toMatch(/^officer-c\d+$/);
  });

  it('the queue runs dry instead of handing out a claimed case', async () => {
    const more = await Promise.all(Array.from({ length: 6 }, (_, i) => call('POST', '/reviews/claim?districtCode=640221', undefined, reviewer(`officer-d${i}`))));
    expect(more.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 204, 204]);
  });

  it('a lapsed lease makes the case claimable again; the officer who went away can no longer review it', async () => {
    const [held] = await svc.dataSource.query(`SELECT id, claimed_by, version FROM applications WHERE claimed_by = 'officer-c0'`);
    const before = new Map<string, string>((await svc.dataSource.query(`SELECT id, claimed_by FROM applications WHERE district_code = '640221'`)).map((r: any) => [r.id, r.claimed_by]));
    expect([...before.values()].every((by) => by !== null)).toBe(true);
    // Every claim above was taken at 02:00 with a 30-minute lease.
    clock.set('2026-07-20T02:31:00Z');
    const taken = await call('POST', '/reviews/claim?districtCode=640221', undefined, reviewer('officer-e1'));
    expect(taken.status).toBe(200);
    expect(before.get(taken.body.id)).toMatch(/^officer-[cd]\d+$/);
    expect((await svc.dataSource.query(`SELECT claimed_by FROM applications WHERE id = $1`, [taken.body.id]))[0].claimed_by).toBe('officer-e1');
    const c = cases.find((x) => x.id === held.id)!;
    expectProblem(await call('POST', `/applications/${held.id}/review`, { expectedVersion: held.version, household: c.input }, reviewer('officer-c0')), 409, 'CASE.NOT_CLAIMED');
  });

  it('only a supervisor may reassign a case', async () => {
    const id = cases[0].id;
    expectProblem(await call('POST', `/applications/${id}/reassign`, { to: 'officer-z' }, as('officer-c3')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expect((await call('POST', `/applications/${id}/reassign`, { to: 'officer-z' }, as('lead-1', 'supervisor'))).status).toBe(204);
    expect((await svc.dataSource.query(`SELECT claimed_by FROM applications WHERE id = $1`, [id]))[0].claimed_by).toBe('officer-z');
  });
});

describe('what a review decides', () => {
  async function claimAndReview(c: any, updated: HouseholdInput) {
    await svc.dataSource.query(`UPDATE applications SET claimed_by = NULL, claim_expires_at = NULL WHERE claimed_by IS NOT NULL`);
    const claimed = await call('POST', `/reviews/claim?districtCode=${c.input.districtCode}`, undefined, reviewer('officer-r'));
    expect(claimed.status).toBe(200);
    expect(claimed.body.id).toBe(c.id);
    return call('POST', `/applications/${c.id}/review`, { expectedVersion: claimed.body.version, household: updated }, reviewer('officer-r'));
  }

  async function fresh(h: HouseholdInput) {
    await svc.dataSource.query(`UPDATE applications SET review_due_on = '2099-01-01' WHERE status = 'approved'`);
    clock.set('2026-02-01T02:00:00Z');
    const c = await approved(h);
    clock.set('2026-08-05T02:00:00Z');
    return c;
  }

  it('unchanged facts: the case continues at the same amount and the next review is scheduled', async () => {
    const c = await fresh(household({ wageFen: 60000, ableToWork: true, districtCode: '640202' }));
    const res = await claimAndReview(c, c.input);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', monthlyBenefitFen: c.monthlyBenefitFen });
    expect(await dueOn(c.id)).toBe('2027-02-05');
    expect((await eventsOf(svc.url, 'living-allowance.benefit.adjusted')).filter((e) => e.data.caseId === c.id)).toEqual([]);
  });

  it('lower income: the benefit is adjusted from next month and announced with benefit.adjusted (PERIODIC_REVIEW)', async () => {
    const c = await fresh(household({ wageFen: 60000, ableToWork: true, districtCode: '640202' }));
    const res = await claimAndReview(c, { ...c.input, incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 40000 }] });
    expect(res.body.monthlyBenefitFen).toBe(c.monthlyBenefitFen + 20000);
    const [e] = (await eventsOf(svc.url, 'living-allowance.benefit.adjusted')).filter((x) => x.data.caseId === c.id);
    expect(e.data).toMatchObject({ reason: 'PERIODIC_REVIEW', oldMonthlyBenefitFen: c.monthlyBenefitFen, newMonthlyBenefitFen: c.monthlyBenefitFen + 20000, adjustedFromMonth: '2026-09' });
  });

  it('a review that adjusts the benefit adds a decision: the approved one stays, with its amount and explanation, and the one in force before the review is still the approved one', async () => {
    const c = await fresh(household({ wageFen: 60000, ableToWork: true, districtCode: '640202' }));
    const res = await claimAndReview(c, { ...c.input, incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 40000 }] });
    expect(res.status).toBe(200);

    const decisions = (await call('GET', `/applications/${c.id}/decisions`)).body;
    expect(decisions.total).toBe(2);
    const [reviewed, approved] = decisions.items;
    expect(reviewed).toMatchObject({
      trigger: 'periodic_review',
      current: true,
      decidedOn: '2026-08-05',
      fromMonth: '2026-09',
      granted: 'dibao',
      monthlyBenefitFen: c.monthlyBenefitFen + 20000,
      reasonCode: 'REVIEW.ADJUST',
      decidedBy: 'officer-r',
      facts: { outcome: { kind: 'adjust', oldMonthlyFen: c.monthlyBenefitFen, newMonthlyFen: c.monthlyBenefitFen + 20000, fromMonth: '2026-09' } },
    });
    expect(reviewed.assessment).toEqual(res.body.assessment);
    expect(reviewed.assessment.countedIncomeFen).toBe(40000);
    expect(approved).toMatchObject({ trigger: 'application', current: false, decidedOn: '2026-02-01', monthlyBenefitFen: c.monthlyBenefitFen });
    expect(approved.assessment).toEqual(c.assessment);
    expect(res.body.currentDecision).toMatchObject({ id: reviewed.id, trigger: 'periodic_review' });
    expect((await call('GET', `/applications/${c.id}/decisions/in-force?on=2026-08-04`)).body).toMatchObject({ id: approved.id, monthlyBenefitFen: c.monthlyBenefitFen });
  });

  it('a review that ends the case adds a decision granting nothing from next month, beside the approved one', async () => {
    const c = await fresh(household({ wageFen: 60000, ableToWork: true, districtCode: '640202' }));
    const res = await claimAndReview(c, { ...c.input, incomes: [...c.input.incomes, { memberIndex: 1, kind: 'property', monthlyFen: 200000 }] });
    expect(res.body.status).toBe('ended');
    const [ended, approved] = (await call('GET', `/applications/${c.id}/decisions`)).body.items;
    expect(ended).toMatchObject({ trigger: 'periodic_review', outcome: 'ineligible', granted: null, monthlyBenefitFen: null, fromMonth: '2026-09', reasonCode: 'NO_LONGER_ELIGIBLE' });
    expect(approved).toMatchObject({ trigger: 'application', granted: 'dibao', monthlyBenefitFen: c.monthlyBenefitFen });
  });

  it('wages above the standard: payment goes on through the gradual exit months, then the case ends by itself', async () => {
    const c = await fresh(household({ wageFen: 60000, ableToWork: true, districtCode: '640202' }));
    const res = await claimAndReview(c, { ...c.input, incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 250000 }] });
    expect(res.body).toMatchObject({ status: 'approved', monthlyBenefitFen: c.monthlyBenefitFen });
    const [exiting] = (await eventsOf(svc.url, 'living-allowance.case.exiting')).filter((x) => x.data.caseId === c.id);
    // Default 6 months (policy.md §1): paid through February 2027.
    expect(exiting.data).toMatchObject({ months: 6, lastPaidMonth: '2027-02', monthlyBenefitFen: c.monthlyBenefitFen, decidedOn: '2026-08-05' });
    expect((await call('GET', `/applications/${c.id}/decisions`)).body.items[0]).toMatchObject({
      trigger: 'periodic_review',
      reasonCode: 'REVIEW.GRADUAL_EXIT',
      granted: 'dibao',
      monthlyBenefitFen: c.monthlyBenefitFen,
      facts: { outcome: { kind: 'gradual_exit', lastPaidMonth: '2027-02' } },
    });

    clock.set('2027-02-20T02:00:00Z');
    expect((await sweep()).exitsCompleted).toBe(0);
    clock.set('2027-03-01T02:00:00Z');
    expect((await sweep()).exitsCompleted).toBe(1);
    expect((await call('GET', `/applications/${c.id}`)).body.status).toBe('ended');
    const [ended] = (await eventsOf(svc.url, 'living-allowance.case.terminated')).filter((x) => x.data.caseId === c.id);
    expect(ended.data).toMatchObject({ reasonCode: 'GRADUAL_EXIT_COMPLETED', stopsFromMonth: '2027-03' });
  });

  it('income above the standard from other sources: the case ends from next month, and the household may apply again', async () => {
    const c = await fresh(household({ wageFen: 60000, ableToWork: true, districtCode: '640202' }));
    const res = await claimAndReview(c, { ...c.input, incomes: [...c.input.incomes, { memberIndex: 1, kind: 'property', monthlyFen: 200000 }] });
    expect(res.body.status).toBe('ended');
    const [ended] = (await eventsOf(svc.url, 'living-allowance.case.terminated')).filter((x) => x.data.caseId === c.id);
    expect(ended.data).toMatchObject({ reasonCode: 'NO_LONGER_ELIGIBLE', stopsFromMonth: '2026-09' });
    expect((await call('POST', '/applications', { household: c.input }, as(CASEWORKER))).status).toBe(201);
  });
});

describe('a change reported by the household opens a review at once (变更申报/临时复核)', () => {
  const open = (id: string, body: Record<string, unknown>, headers: Record<string, string> = reviewer('officer-a')) => call('POST', `/applications/${id}/reviews`, body, headers);
  const history = async (id: string) => (await call('GET', `/applications/${id}/history`)).body.items;

  async function payingCase() {
    // Nothing else due or claimed: the claims below can only hand out the case opened here.
    await svc.dataSource.query(`UPDATE applications SET review_due_on = '2099-01-01', open_review = NULL, claimed_by = NULL, claim_expires_at = NULL WHERE status = 'approved'`);
    clock.set('2026-03-02T02:00:00Z');
    const c = await approved(household({ wageFen: 60000, districtCode: '640205' }));
    clock.set('2026-04-15T02:00:00Z');
    return c;
  }

  it('an ad-hoc review opened on a paying case long before its due date, decided with adjust, changes the benefit; the history records both steps', async () => {
    const c = await payingCase();
    expect(await dueOn(c.id)).toBe('2027-03-02');

    const opened = await open(c.id, { expectedVersion: c.version, trigger: 'change_reported', reportedOn: '2026-04-14', summary: 'the applicant’s hours were cut' });

    expect(opened.status).toBe(201);
    expect(opened.body.openReview).toEqual({ trigger: 'change_reported', reportedOn: '2026-04-14', summary: 'the applicant’s hours were cut', openedBy: 'officer-a', openedOn: '2026-04-15' });
    const queued = (await call('GET', '/reviews/queue?districtCode=640205')).body.items;
    expect(queued.map((q: any) => [q.id, q.trigger, q.reportedOn, q.overdue])).toEqual([[c.id, 'change_reported', '2026-04-14', false]]);

    const claimed = await call('POST', '/reviews/claim?districtCode=640205', undefined, reviewer('officer-b'));
    expect(claimed.status).toBe(200);
    expect(claimed.body.id).toBe(c.id);
    const res = await call('POST', `/applications/${c.id}/review`, { expectedVersion: claimed.body.version, household: { ...c.input, incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 40000 }] } }, reviewer('officer-b'));

    expect(res.status).toBe(200);
    // 200.00 less wage income: 200.00 more benefit, from next month.
    expect(res.body).toMatchObject({ status: 'approved', monthlyBenefitFen: c.monthlyBenefitFen + 20000, openReview: null });
    // The next periodic review counts from this one (a stable household: a year).
    expect(await dueOn(c.id)).toBe('2027-04-15');
    const [adjusted] = (await eventsOf(svc.url, 'living-allowance.benefit.adjusted')).filter((e) => e.data.caseId === c.id);
    expect(adjusted.data).toMatchObject({ oldMonthlyBenefitFen: c.monthlyBenefitFen, newMonthlyBenefitFen: c.monthlyBenefitFen + 20000, adjustedFromMonth: '2026-05' });
    // A decision of its own, naming the change it was opened on, beside the approved one.
    expect((await call('GET', `/applications/${c.id}/decisions`)).body.items.map((d: any) => [d.trigger, d.reasonCode, d.facts.reportedOn, d.monthlyBenefitFen])).toEqual([
      ['change_review', 'REVIEW.ADJUST', '2026-04-14', c.monthlyBenefitFen + 20000],
      ['application', null, undefined, c.monthlyBenefitFen],
    ]);
    expect((await history(c.id)).slice(-2)).toEqual([
      expect.objectContaining({ action: 'open_review', from: 'approved', to: 'approved', actor: 'officer-a', reasonCode: 'REVIEW.CHANGE_REPORTED', note: 'the applicant’s hours were cut' }),
      expect.objectContaining({ action: 'review', actor: 'officer-b', reasonCode: 'REVIEW.ADJUST' }),
    ]);
    expect((await call('POST', '/reviews/claim?districtCode=640205', undefined, reviewer('officer-b'))).status).toBe(204);
  });

  it('reviews are a township reviewer’s: opening, claiming and recording without the role are refused (403 naming township_reviewer)', async () => {
    const c = await payingCase();
    const noRole = as('officer-x');
    const wrongRole = as('officer-x', 'county_approver');

    for (const headers of [noRole, wrongRole]) {
      const refused = expectProblem(await open(c.id, { expectedVersion: c.version, trigger: 'change_reported', reportedOn: '2026-04-14', summary: 'a child was born' }, headers), 403, 'AUTH.ROLE_NOT_ALLOWED');
      expect(refused.detail).toContain('township_reviewer');
      expect(expectProblem(await call('POST', '/reviews/claim?districtCode=640205', undefined, headers), 403, 'AUTH.ROLE_NOT_ALLOWED').detail).toContain('township_reviewer');
    }
    expect((await call('GET', `/applications/${c.id}`)).body).toMatchObject({ version: c.version, openReview: null, claimedBy: null });

    const opened = await open(c.id, { expectedVersion: c.version, trigger: 'change_reported', reportedOn: '2026-04-14', summary: 'a child was born' });
    const claimed = await call('POST', '/reviews/claim?districtCode=640205', undefined, reviewer('officer-x'));
    expect(claimed.body.id).toBe(c.id);
    const review = expectProblem(await call('POST', `/applications/${c.id}/review`, { expectedVersion: opened.body.version, household: c.input }, as('officer-x')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expect(review.detail).toContain('township_reviewer');
    expect((await call('GET', `/applications/${c.id}`)).body).toMatchObject({ version: opened.body.version, openReview: expect.objectContaining({ trigger: 'change_reported' }) });
  });

  it.each([
    ['a report dated after today', { reportedOn: '2026-04-16' }, 'reportedOn'],
    ['a report dated before the approval', { reportedOn: '2026-03-01' }, 'reportedOn'],
    ['a report date that is not a date', { reportedOn: '15.4.2026' }, 'reportedOn'],
    ['an unknown trigger', { trigger: 'rumour' }, 'trigger'],
    ['no summary', { summary: '' }, 'summary'],
  ])('%s is a 400 naming the field, and nothing is written', async (_what, over, field) => {
    const c = await payingCase();
    const res = await open(c.id, { expectedVersion: c.version, trigger: 'change_reported', reportedOn: '2026-04-14', summary: 'a member died', ...over });
    expect(fieldsOf(expectProblem(res, 400))).toContain(field);
    expect((await call('GET', `/applications/${c.id}`)).body).toMatchObject({ version: c.version, openReview: null });
  });

  it('a stale version is a 409; a second change while a review is open is a 409 too; a case not paying cannot be opened', async () => {
    const c = await payingCase();
    const body = { trigger: 'change_reported', reportedOn: '2026-04-14', summary: 'a member died' };
    expectProblem(await open(c.id, { ...body, expectedVersion: c.version - 1 }), 409, 'CASE.VERSION_CONFLICT');
    // Reported today unless the officer says otherwise.
    const { reportedOn: _reportedOn, ...today } = body;
    const opened = await open(c.id, { ...today, expectedVersion: c.version });
    expect(opened.body.openReview).toMatchObject({ reportedOn: '2026-04-15' });
    expectProblem(await open(c.id, { ...body, expectedVersion: opened.body.version }), 409, 'CASE.REVIEW_ALREADY_OPEN');

    const draft = await call('POST', '/applications', { household: household({ wageFen: 60000 }) }, as(CASEWORKER));
    expectProblem(await open(draft.body.id, { ...body, expectedVersion: 1 }), 409, 'CASE.ILLEGAL_TRANSITION');
  });
});
