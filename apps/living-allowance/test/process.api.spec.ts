import { PublicNotice } from '../src/applications/public-notice.use-case';
import { http, startLivingAllowance, TestClock, TestService } from '../../../test/support/services';
import { as, dibaoHousehold, eventsOf, expectProblem, fieldsOf, HouseholdInput, idNumber } from './households';
import { advanceDays, approver, economicCheck, reviewer } from './process';

/**
 * The dibao process over HTTP (民发〔2021〕57号): township review with the economic check and an
 * opinion, public notice for 7 days (an objection sends the case back for a re-check and a new
 * notice), confirmation by the county or — where delegated — the township; queues per role and
 * jurisdiction ordered overdue first, claims with a lease that never hand one case to two officers,
 * four-eyes at every step, and the deadlines each case shows.
 */
const CLERK = 'clerk-61';
let svc: TestService;
// Ticks a second per reading, so cases filed one after another are ordered by filing time.
const clock = new TestClock(new Date('2026-03-02T02:00:00Z'), 1000);
/** A request signed in as `headers` (`as(…)`, `reviewer(…)`); a read without them is the filing caseworker's; `{}` sends no token at all. */
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = as(CLERK)) => http(svc.url, method, path, body, headers);

/** The three-person dibao household of households.ts, living in `townshipCode` (its district is the first six digits). */
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

async function submittedCase(h: HouseholdInput, clerk = CLERK): Promise<any> {
  const filed = await call('POST', '/applications', { household: h }, as(clerk));
  expect(filed.status).toBe(201);
  const s = await call('POST', `/applications/${filed.body.id}/submit`, { expectedVersion: 1 }, as(clerk));
  expect(s.status).toBe(200);
  return s.body;
}

const review = (id: string, expectedVersion: number, headers: Record<string, string> = reviewer(), over: Record<string, unknown> = {}) =>
  call('POST', `/applications/${id}/township-review`, { expectedVersion, check: economicCheck(clock.today()), opinion: 'approve', ...over }, headers);

beforeAll(async () => {
  svc = await startLivingAllowance({ clock, backgroundJobs: false });
});
afterAll(() => svc?.dispose());

describe('deadlines on the case', () => {
  it('a submitted case shows the township check and the whole-process limit, counted in working days, with their legal source', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const c = await submittedCase(household('640202002'));

    // Submitted Monday 2026-03-02: 15 working days → Monday 03-23; 30 working days → Tuesday 04-14 (04-04..06 Qingming off).
    expect(c.deadlines.stage).toMatchObject({ kind: 'township_check', startedOn: '2026-03-02', dueOn: '2026-03-23', overdue: false, unit: 'working_days', calendarId: 'CN-STATE-COUNCIL-2025-2026' });
    expect(c.deadlines.stage.legalSource).toContain('民发〔2021〕57号');
    expect(c.deadlines.whole).toMatchObject({ kind: 'whole_process', dueOn: '2026-04-14', length: 30 });
    expect(c.dueOn).toBe('2026-03-23');
  });

  it('the notice runs 7 calendar days, then confirmation is due 10 working days after it ended', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const c = await submittedCase(household('640202002'));
    const r = await review(c.id, 2);

    expect(r.body).toMatchObject({ status: 'notice', deadlines: { stage: { kind: 'public_notice', startedOn: '2026-03-02', dueOn: '2026-03-09', unit: 'calendar_days' } } });
    expect(r.body.process.notices).toEqual([{ round: 1, startedOn: '2026-03-02', endsOn: '2026-03-09' }]);
    expectProblem(await call('POST', `/applications/${c.id}/close-notice`, { expectedVersion: 3 }, reviewer()), 409, 'CASE.NOTICE_RUNNING');

    clock.set('2026-03-10T02:00:00Z');
    const closed = await call('POST', `/applications/${c.id}/close-notice`, { expectedVersion: 3 }, reviewer());
    expect(closed.body).toMatchObject({ status: 'confirming', deadlines: { stage: { kind: 'confirmation', startedOn: '2026-03-09', dueOn: '2026-03-23' } } });
  });

  it('the whole-process limit is extended once by 15 working days, with a reason, by a county approver', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const c = await submittedCase(household('640202002'));

    expectProblem(await call('POST', `/applications/${c.id}/extend`, { expectedVersion: 2, reason: 'x' }, reviewer()), 403, 'AUTH.ROLE_NOT_ALLOWED');
    const ext = await call('POST', `/applications/${c.id}/extend`, { expectedVersion: 2, reason: 'bank records from another province awaited' }, approver());
    expect(ext.status).toBe(200);
    expect(ext.body.deadlines.whole).toMatchObject({ length: 45, dueOn: '2026-05-08' });
    expect(ext.body.process.extension).toMatchObject({ by: 'county-approver-1', reason: 'bank records from another province awaited', workingDays: 15 });
    expectProblem(await call('POST', `/applications/${c.id}/extend`, { expectedVersion: 3, reason: 'again' }, approver()), 409, 'CASE.ALREADY_EXTENDED');
  });
});

describe('the township queue', () => {
  it('lists its township’s cases overdue first, then oldest', async () => {
    const township = '640205003';
    // Filed first but submitted late: not overdue. Filed second, submitted a month earlier: overdue.
    clock.set('2026-01-20T02:00:00Z');
    const early = await call('POST', '/applications', { household: household(township) }, as(CLERK));
    clock.set('2026-01-25T02:00:00Z');
    const late = await call('POST', '/applications', { household: household(township) }, as(CLERK));
    await call('POST', `/applications/${late.body.id}/submit`, { expectedVersion: 1 }, as(CLERK));
    clock.set('2026-02-27T02:00:00Z');
    await call('POST', `/applications/${early.body.id}/submit`, { expectedVersion: 1 }, as(CLERK));
    clock.set('2026-03-02T02:00:00Z');
    const newest = await submittedCase(household(township));
    await submittedCase(household('640205004'));

    const queue = (await call('GET', `/queues/township?townshipCode=${township}`, undefined, reviewer())).body.items;

    expect(queue.map((i: any) => [i.id, i.overdue])).toEqual([
      [late.body.id, true],
      [early.body.id, false],
      [newest.id, false],
    ]);
    expect(queue[0].deadlines.stage).toMatchObject({ kind: 'township_check', overdue: true });
  });

  it('refuses a filter that is not a code (400 naming it)', async () => {
    expect(fieldsOf(expectProblem(await call('GET', '/queues/township?townshipCode=abc', undefined, reviewer()), 400, 'INVALID_INPUT'))).toEqual(['townshipCode']);
  });

  it('16 reviewers claiming at once never get the same case, every case is claimed once, and a lapsed lease is claimable again', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const township = '640221007';
    const ids = new Set<string>();
    for (let i = 0; i < 40; i++) ids.add((await submittedCase(household(township))).id);

    const claimed: string[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async (_, k) => {
        for (;;) {
          const r = await call('POST', `/queues/township/claim?townshipCode=${township}`, undefined, reviewer(`reviewer-c${k}`));
          if (r.status === 204) return;
          expect(r.status).toBe(200);
          claimed.push(r.body.id);
        }
      }),
    );

    expect(claimed).toHaveLength(40);
    expect(new Set(claimed)).toEqual(ids);
    expect((await call('POST', `/queues/township/claim?townshipCode=${township}`, undefined, reviewer('reviewer-late'))).status).toBe(204);

    // Well past the 30-minute leases (the ticking clock moved a few minutes while the cases were filed).
    clock.set('2026-03-02T04:00:00Z');
    const again = await call('POST', `/queues/township/claim?townshipCode=${township}`, undefined, reviewer('reviewer-late'));
    expect(again.status).toBe(200);
    expect(ids.has(again.body.id)).toBe(true);
    expect(again.body.claimedBy).toBe('reviewer-late');
  });

  it('a case claimed by one reviewer cannot be reviewed by another (409) until released or reassigned', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const township = '640221008';
    const c = await submittedCase(household(township));
    expect((await call('POST', `/queues/township/claim?townshipCode=${township}`, undefined, reviewer('reviewer-a'))).body.id).toBe(c.id);

    expectProblem(await review(c.id, 2, reviewer('reviewer-b')), 409, 'CASE.CLAIMED_BY_OTHER');
    expectProblem(await call('POST', `/applications/${c.id}/reassign`, { to: 'reviewer-b' }, as('reviewer-a', 'township_reviewer')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expect((await call('POST', `/applications/${c.id}/reassign`, { to: 'reviewer-b' }, as('lead-1', 'supervisor'))).status).toBe(204);
    expectProblem(await review(c.id, 2, reviewer('reviewer-a')), 409, 'CASE.CLAIMED_BY_OTHER');

    const done = await review(c.id, 2, reviewer('reviewer-b'));
    expect(done.body).toMatchObject({ status: 'notice', claimedBy: null });
  });

  it('claiming needs the township reviewer role', async () => {
    expectProblem(await call('POST', '/queues/township/claim', undefined, as('someone')), 403, 'AUTH.ROLE_NOT_ALLOWED');
  });

  it('the township claim never hands the filer their own case: with only the filer’s case in the queue, 204', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const township = '640205021';
    const c = await submittedCase(household(township), 'clerk-dual');

    expect((await call('POST', `/queues/township/claim?townshipCode=${township}`, undefined, reviewer('clerk-dual'))).status).toBe(204);
    expect((await call('GET', `/applications/${c.id}`)).body.claimedBy).toBeNull();
    const other = await call('POST', `/queues/township/claim?townshipCode=${township}`, undefined, reviewer('reviewer-o'));
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ id: c.id, claimedBy: 'reviewer-o' });
  });

  it('the township queue an officer reads leaves out the cases they filed', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const township = '640205022';
    const own = await submittedCase(household(township), 'clerk-dual');
    const theirs = await submittedCase(household(township), CLERK);

    const seenBy = async (id: string) => (await call('GET', `/queues/township?townshipCode=${township}`, undefined, reviewer(id))).body.items.map((i: any) => i.id);
    expect(await seenBy('clerk-dual')).toEqual([theirs.id]);
    expect(await seenBy('reviewer-o')).toEqual([own.id, theirs.id]);
    expectProblem(await call('GET', `/queues/township?townshipCode=${township}`, undefined, {}), 401, 'UNAUTHENTICATED');
  });
});

describe('township review', () => {
  it('records the economic check and the opinion, and announces the review and the notice without personal data', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const h = household('640202002');
    const c = await submittedCase(h);

    const r = await review(c.id, 2, reviewer(), { check: { ...economicCheck('2026-03-02'), neighboursInterviewed: 3, findings: 'lives with a son not declared' }, opinion: 'refuse', reasonCode: 'FALSE_DECLARATION' });

    expect(r.status).toBe(200);
    expect(r.body.process.reviews).toEqual([
      { round: 1, by: 'township-reviewer-1', on: '2026-03-02', check: { homeVisitOn: '2026-03-02', neighboursInterviewed: 3, dataMatchedOn: '2026-03-02', discrepanciesFound: false, findings: 'lives with a son not declared' }, opinion: 'refuse', reasonCode: 'FALSE_DECLARATION' },
    ]);
    const [reviewed] = (await eventsOf(svc.url, 'living-allowance.application.reviewed')).filter((e) => e.data.caseId === c.id);
    expect(reviewed.data).toEqual({ caseId: c.id, householdRef: c.householdRef, districtCode: '640202', townshipCode: '640202002', round: 1, opinion: 'refuse', reasonCode: 'FALSE_DECLARATION', reviewedOn: '2026-03-02' });
    const [notice] = (await eventsOf(svc.url, 'living-allowance.notice.started')).filter((e) => e.data.caseId === c.id);
    expect(notice.data).toEqual({ caseId: c.id, householdRef: c.householdRef, districtCode: '640202', round: 1, startedOn: '2026-03-02', endsOn: '2026-03-09' });
    const text = JSON.stringify([reviewed, notice]);
    expect(text).not.toContain('son not declared');
    for (const m of h.members) expect(text).not.toContain(m.idNumber);
  });

  it.each([
    ['without the reviewer role', as('township-reviewer-1'), 403, 'AUTH.ROLE_NOT_ALLOWED'],
    ['by the caseworker who filed it (four-eyes)', as(CLERK, 'township_reviewer'), 403, 'CASE.FOUR_EYES'],
  ])('is refused %s and the case stays submitted', async (_what, headers, status, code) => {
    clock.set('2026-03-02T02:00:00Z');
    const c = await submittedCase(household('640202002'));

    expectProblem(await review(c.id, 2, headers), status, code);
    expect((await call('GET', `/applications/${c.id}`)).body).toMatchObject({ status: 'submitted', version: 2 });
  });

  it.each([
    ['no economic check', { check: undefined }, 'check'],
    ['a home visit that is not a date', { check: { ...economicCheck('2026-03-02'), homeVisitOn: '2.3.2026' } }, 'check.homeVisitOn'],
    ['an unknown opinion', { opinion: 'maybe' }, 'opinion'],
  ])('with %s is a 400 naming the field', async (_what, over, field) => {
    clock.set('2026-03-02T02:00:00Z');
    const c = await submittedCase(household('640202002'));

    expect(fieldsOf(expectProblem(await review(c.id, 2, reviewer(), over), 400, 'INVALID_INPUT'))).toContain(field);
  });

  it('refuses an opinion to refuse without a reason (400 CASE.REASON_REQUIRED)', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const c = await submittedCase(household('640202002'));
    expectProblem(await review(c.id, 2, reviewer(), { opinion: 'refuse' }), 400, 'CASE.REASON_REQUIRED');
  });

  it('a township outside the household’s district is refused when filing (400 naming household.townshipCode)', async () => {
    const res = await call('POST', '/applications', { household: { ...household('640202002'), townshipCode: '640205001' } }, as(CLERK));
    expect(fieldsOf(expectProblem(res, 400, 'INVALID_INPUT'))).toEqual(['household.townshipCode']);
  });
});

describe('objection to the notice', () => {
  it('sends the case back to the township queue; the re-check is noticed again as round 2 and the county confirms only after that notice', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const township = '640202009';
    const c = await submittedCase(household(township));
    await review(c.id, 2);
    clock.set('2026-03-05T02:00:00Z');

    const objected = await call('POST', `/applications/${c.id}/objections`, { expectedVersion: 3, summary: 'a neighbour reports a car used for a taxi business' }, reviewer());

    expect(objected.body).toMatchObject({ status: 'rechecking', deadlines: { stage: { kind: 'recheck', startedOn: '2026-03-05', dueOn: '2026-03-12' } } });
    expect((await call('GET', `/queues/township?townshipCode=${township}`, undefined, reviewer())).body.items.map((i: any) => [i.id, i.status, i.round])).toEqual([[c.id, 'rechecking', 2]]);
    const [event] = (await eventsOf(svc.url, 'living-allowance.notice.objected')).filter((e) => e.data.caseId === c.id);
    expect(event.data).toEqual({ caseId: c.id, householdRef: c.householdRef, districtCode: '640202', round: 1, receivedOn: '2026-03-05' });
    expect(JSON.stringify(event)).not.toContain('taxi');

    clock.set('2026-03-09T02:00:00Z');
    const again = await review(c.id, 4, reviewer(), { check: { ...economicCheck('2026-03-09'), discrepanciesFound: true, findings: 'the car is a relative’s' } });
    expect(again.body.process.notices).toEqual([
      { round: 1, startedOn: '2026-03-02', endsOn: '2026-03-09', closedOn: '2026-03-05', objection: { receivedOn: '2026-03-05', recordedBy: 'township-reviewer-1', summary: 'a neighbour reports a car used for a taxi business' } },
      { round: 2, startedOn: '2026-03-09', endsOn: '2026-03-16' },
    ]);
    clock.set('2026-03-16T02:00:00Z');
    expectProblem(await call('POST', `/applications/${c.id}/close-notice`, { expectedVersion: 5 }, reviewer()), 409, 'CASE.NOTICE_RUNNING');
    clock.set('2026-03-17T02:00:00Z');
    expect((await call('POST', `/applications/${c.id}/close-notice`, { expectedVersion: 5 }, reviewer())).body.status).toBe('confirming');
    const history = (await call('GET', `/applications/${c.id}/history`)).body.items.map((h: any) => `${h.action}:${h.to}`);
    expect(history).toEqual(['file:draft', 'submit:submitted', 'township_review:notice', 'object:rechecking', 'township_review:notice', 'close_notice:confirming']);
  });

  it('is refused once the notice period is over (409 CASE.OBJECTION_OUTSIDE_NOTICE)', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const c = await submittedCase(household('640202009'));
    await review(c.id, 2);
    clock.set('2026-03-10T02:00:00Z');

    expectProblem(await call('POST', `/applications/${c.id}/objections`, { expectedVersion: 3, summary: 'late' }, reviewer()), 409, 'CASE.OBJECTION_OUTSIDE_NOTICE');
  });

  it('needs a summary (400 naming summary)', async () => {
    expect(fieldsOf(expectProblem(await call('POST', `/applications/${'6d1f2c8e-3b4a-4c5d-9e6f-7a8b9c0d1e2f'}/objections`, { expectedVersion: 3, summary: '' }, reviewer()), 400, 'INVALID_INPUT'))).toEqual(['summary']);
  });
});

describe('closing notices in the background', () => {
  it('the sweep sends every notice that has run its days to confirmation, and leaves running ones alone', async () => {
    clock.set('2026-04-01T02:00:00Z');
    const ended = await submittedCase(household('640205011'));
    await review(ended.id, 2);
    clock.set('2026-04-05T02:00:00Z');
    const running = await submittedCase(household('640205011'));
    await review(running.id, 2);
    clock.set('2026-04-09T02:00:00Z');

    await svc.app.get(PublicNotice).closeEnded();

    expect((await call('GET', `/applications/${ended.id}`)).body).toMatchObject({ status: 'confirming', updatedBy: 'system:notice' });
    expect((await call('GET', `/applications/${running.id}`)).body.status).toBe('notice');
    expect((await call('GET', '/queues/confirmation?districtCode=640205', undefined, approver())).body.items.map((i: any) => i.id)).toContain(ended.id);
  });
});

describe('confirmation', () => {
  async function confirmingCase(township: string, reviewerId = 'township-reviewer-1'): Promise<any> {
    clock.set('2026-03-02T02:00:00Z');
    const c = await submittedCase(household(township));
    await review(c.id, 2, reviewer(reviewerId));
    advanceDays(clock, 8);
    return (await call('POST', `/applications/${c.id}/close-notice`, { expectedVersion: 3 }, reviewer(reviewerId))).body;
  }

  it('the township reviewer cannot confirm the case they reviewed, even holding the approver role (403 CASE.REVIEWER_CANNOT_CONFIRM)', async () => {
    const c = await confirmingCase('640202012', 'officer-dual');

    expectProblem(await call('POST', `/applications/${c.id}/approve`, { expectedVersion: c.version }, approver('officer-dual')), 403, 'CASE.REVIEWER_CANNOT_CONFIRM');
    expect((await call('POST', `/applications/${c.id}/approve`, { expectedVersion: c.version }, approver('county-9'))).body).toMatchObject({ status: 'approved', process: { confirmation: { by: 'county-9', level: 'county' } } });
  });

  it('is the county’s unless the district delegated it: then a township approver confirms and a county approver is refused', async () => {
    clock.set('2026-03-02T02:00:00Z');
    const published = await call(
      'POST',
      '/parameters',
      { key: 'dibao.process.confirmation-delegation', validFrom: '2026-03-02', value: { delegatedDistricts: ['640221'] }, legalSource: '平罗县民政局关于委托乡镇（街道）确认最低生活保障的通知（测试）' },
      as('admin-1', 'admin'),
    );
    expect(published.status).toBe(201);
    const c = await confirmingCase('640221013');

    expectProblem(await call('POST', `/applications/${c.id}/approve`, { expectedVersion: c.version }, approver('county-9')), 403, 'CASE.CONFIRMATION_DELEGATED');
    const ok = await call('POST', `/applications/${c.id}/approve`, { expectedVersion: c.version }, as('township-approver-1', 'township_approver'));
    expect(ok.body).toMatchObject({ status: 'approved', process: { confirmation: { by: 'township-approver-1', level: 'township' } } });

    const elsewhere = await confirmingCase('640202013');
    expectProblem(await call('POST', `/applications/${elsewhere.id}/approve`, { expectedVersion: elsewhere.version }, as('township-approver-1', 'township_approver')), 403, 'CASE.CONFIRMATION_NOT_DELEGATED');
  });

  it('the confirmation queue shows round 1 after a single township review', async () => {
    const c = await confirmingCase('640221015');
    const items = (await call('GET', '/queues/confirmation?districtCode=640221', undefined, approver())).body.items;
    expect(items.find((i: any) => i.id === c.id)).toMatchObject({ status: 'confirming', round: 1 });
  });

  it('the confirmation claim never hands an approver a case they reviewed at the township', async () => {
    const c = await confirmingCase('640202016', 'officer-both');
    const got: string[] = [];
    for (let r = await call('POST', '/queues/confirmation/claim?districtCode=640202', undefined, approver('officer-both')); r.status === 200; r = await call('POST', '/queues/confirmation/claim?districtCode=640202', undefined, approver('officer-both'))) {
      got.push(r.body.id);
    }
    expect(got).not.toContain(c.id);
    expect((await call('POST', '/queues/confirmation/claim?districtCode=640202', undefined, approver('county-5'))).body.id).toBe(c.id);
  });

  it('the confirmation queue is claimed by approvers, each case once', async () => {
    const a = await confirmingCase('640205014');
    const b = await confirmingCase('640205014');
    const claims = await Promise.all(['county-1', 'county-2', 'county-3'].map((id) => call('POST', '/queues/confirmation/claim?districtCode=640205', undefined, approver(id))));
    const got = claims.filter((r) => r.status === 200).map((r) => r.body.id);

    expect(got).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(new Set(got).size).toBe(got.length);
    expectProblem(await call('POST', '/queues/confirmation/claim', undefined, reviewer()), 403, 'AUTH.ROLE_NOT_ALLOWED');
  });
});

describe('the written refusal notice (书面告知) and its delivery (送达)', () => {
  /** A case refused on Friday 2026-03-13: the written notice is due 3 working days later, Wednesday 03-18. */
  async function refusedCase(township = '640202017'): Promise<any> {
    clock.set('2026-03-02T02:00:00Z');
    const c = await submittedCase(household(township));
    await review(c.id, 2);
    clock.set('2026-03-10T02:00:00Z');
    await call('POST', `/applications/${c.id}/close-notice`, { expectedVersion: 3 }, reviewer());
    clock.set('2026-03-13T02:00:00Z');
    const refused = await call('POST', `/applications/${c.id}/refuse`, { expectedVersion: 4, reasonCode: 'FALSE_DECLARATION' }, approver());
    expect(refused.status).toBe(200);
    return refused.body;
  }
  const deliver = (id: string, body: Record<string, unknown>, headers = as('clerk-post')) => call('POST', `/applications/${id}/refusal-notice/delivery`, body, headers);

  it('until delivered the case shows the deadline in working days left (the weekend uses none), then overdue; once delivered it shows when, how and who, and nothing is due or overdue', async () => {
    const c = await refusedCase();
    expect(c.process.refusalNotice).toMatchObject({ refusedOn: '2026-03-13', deliverBy: '2026-03-18' });
    // Friday: Monday, Tuesday and Wednesday are left — 3 working days, 5 calendar days.
    expect(c.deadlines.stage).toMatchObject({ kind: 'refusal_notice', dueOn: '2026-03-18', unit: 'working_days', workingDaysLeft: 3, overdue: false });
    expect(c.deadlines.stage).not.toHaveProperty('daysLeft');
    clock.set('2026-03-15T02:00:00Z');
    expect((await call('GET', `/applications/${c.id}`)).body.deadlines.stage).toMatchObject({ workingDaysLeft: 3 });
    clock.set('2026-03-20T02:00:00Z');
    expect((await call('GET', `/applications/${c.id}`)).body.deadlines.stage).toMatchObject({ overdue: true, workingDaysLeft: -2 });

    const res = await deliver(c.id, { expectedVersion: c.version, deliveredOn: '2026-03-16', method: 'post' });

    expect(res.status).toBe(200);
    expect(res.body.process.refusalNotice.delivery).toEqual({ deliveredOn: '2026-03-16', method: 'post', recordedBy: 'clerk-post', recordedOn: '2026-03-20', late: false });
    expect(res.body).toMatchObject({ status: 'refused', deadlines: { stage: null, whole: null }, dueOn: null, version: c.version + 1 });
    expect((await call('GET', `/applications/${c.id}/history`)).body.items.at(-1)).toMatchObject({ action: 'record_delivery', from: 'refused', to: 'refused', actor: 'clerk-post', reasonCode: 'DELIVERY.POST' });
    expectProblem(await deliver(c.id, { expectedVersion: c.version + 1, deliveredOn: '2026-03-17', method: 'in_person' }), 409, 'CASE.NOTICE_ALREADY_DELIVERED');
  });

  it('a delivery after the deadline is recorded as late', async () => {
    const c = await refusedCase();
    clock.set('2026-03-23T02:00:00Z');
    expect((await deliver(c.id, { expectedVersion: c.version, deliveredOn: '2026-03-19', method: 'in_person' })).body.process.refusalNotice.delivery).toMatchObject({ late: true });
  });

  it.each([
    ['dated before the refusal', { deliveredOn: '2026-03-12' }, 'CASE.DELIVERED_BEFORE_REFUSAL', 'deliveredOn'],
    ['dated after today', { deliveredOn: '2026-03-14' }, 'CASE.DELIVERY_IN_FUTURE', 'deliveredOn'],
    ['on a day that does not exist', { deliveredOn: '2026-02-30' }, 'CASE.DELIVERY_DATE_INVALID', 'deliveredOn'],
    ['not a date', { deliveredOn: '16.3.2026' }, 'INVALID_INPUT', 'deliveredOn'],
    ['by a method 送达 does not know', { method: 'pigeon' }, 'INVALID_INPUT', 'method'],
  ])('a delivery %s is a 400 naming the field, and nothing is written', async (_what, over, code, field) => {
    const c = await refusedCase();
    expect(fieldsOf(expectProblem(await deliver(c.id, { expectedVersion: c.version, deliveredOn: '2026-03-13', method: 'in_person', ...over }), 400, code))).toEqual([field]);
    expect((await call('GET', `/applications/${c.id}`)).body).toMatchObject({ version: c.version, deadlines: { stage: { kind: 'refusal_notice' } } });
  });

  it('a stale version is a 409, a case that was not refused has no notice to deliver (409), and the officer must say who they are (401)', async () => {
    const c = await refusedCase();
    expectProblem(await deliver(c.id, { expectedVersion: c.version - 1, deliveredOn: '2026-03-13', method: 'in_person' }), 409, 'CASE.VERSION_CONFLICT');
    expectProblem(await deliver(c.id, { expectedVersion: c.version, deliveredOn: '2026-03-13', method: 'in_person' }, {}), 401, 'UNAUTHENTICATED');
    const pending = await submittedCase(household('640202017'));
    expectProblem(await deliver(pending.id, { expectedVersion: pending.version, deliveredOn: '2026-03-13', method: 'in_person' }), 409, 'CASE.ILLEGAL_TRANSITION');
  });
});
