import { http, startLivingAllowance, TestClock, TestService } from '../../../test/support/services';
import { approver, throughNotice } from './process';
import {
  as,
  countRows,
  DIBAO_BENEFIT_FEN,
  dibaoHousehold,
  eventsOf,
  expectProblem,
  fieldsOf,
  HouseholdInput,
  idNumber,
  ineligibleHousehold,
  personRef,
} from './households';

/**
 * The life of a dibao case over HTTP: file (draft) → submit (assessed) → township review and public
 * notice (process.ts drives them; process.api.spec.ts tests them) → approve or refuse by a county
 * approver, with optimistic versions, one active household per person, masked ID numbers and the
 * integration events written in the same transaction.
 */

// Each reading of the clock is one second later, so cases filed one after another have distinct filing times.
const clock = new TestClock(new Date('2026-03-02T02:00:00Z'), 1000);

const CLERK = 'clerk-01';
const OFFICER = 'officer-02';
const OTHER_OFFICER = 'officer-03';

let svc: TestService;

beforeAll(async () => {
  svc = await startLivingAllowance({ clock });
});

afterAll(async () => {
  await svc?.dispose();
});

const AUDITOR = as('auditor-1', 'city_auditor');
/** A request as `who`: a caseworker's staff id, signed-in headers (`as(…)`, `approver(…)`), or `{}` for none at all. */
const call = (method: string, path: string, body?: unknown, who: string | Record<string, string> = CLERK) => http(svc.url, method, path, body, typeof who === 'string' ? as(who) : who);
const file = (household: HouseholdInput, actor = CLERK) => call('POST', '/applications', { household }, actor);
const submit = (id: string, expectedVersion: number, actor = CLERK) => call('POST', `/applications/${id}/submit`, { expectedVersion }, actor);
const approve = (id: string, expectedVersion: number, actor = OFFICER, note?: string) =>
  http(svc.url, 'POST', `/applications/${id}/approve`, note === undefined ? { expectedVersion } : { expectedVersion, note }, approver(actor));
const refuse = (id: string, expectedVersion: number, reasonCode: string, actor = OFFICER, note?: string) =>
  http(svc.url, 'POST', `/applications/${id}/refuse`, note === undefined ? { expectedVersion, reasonCode } : { expectedVersion, reasonCode, note }, approver(actor));
const withdraw = (id: string, expectedVersion: number, actor = CLERK) => call('POST', `/applications/${id}/withdraw`, { expectedVersion }, actor);

/** Files and submits; returns the submitted case (version 2). */
async function submitted(household: HouseholdInput): Promise<any> {
  const filed = await file(household);
  expect(filed.status).toBe(201);
  const res = await submit(filed.body.id, 1);
  expect(res.status).toBe(200);
  return res.body;
}

/** Files, submits, reviews at the township and lets the notice run: the case waits for confirmation (version 4). */
async function confirming(household: HouseholdInput): Promise<any> {
  const c = await submitted(household);
  return throughNotice(svc.url, clock, c.id, c.version);
}

const eventsAbout = async (type: string, field: string, id: string) => (await eventsOf(svc.url, type)).filter((e) => e.data[field] === id);

describe('a dibao case from filing to approval', () => {
  const household = dibaoHousehold();
  let id: string;
  let submittedAssessment: any;

  it('files a draft at version 1, showing the caseworker who handles it the ID numbers in full', async () => {
    const res = await file(household);

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', version: 1, coverage: 'household', filedBy: CLERK, householdRef: personRef(household.members[0].idNumber), assessment: null });
    expect(res.body.household.members.map((m: { idNumber: string }) => m.idNumber)).toEqual(household.members.map((m) => m.idNumber));
    id = res.body.id;
  });

  it('shows a city auditor the same case with the ID numbers masked (640202********1234) — the full number appears nowhere in the answer', async () => {
    const res = await call('GET', `/applications/${id}`, undefined, AUDITOR);

    expect(res.status).toBe(200);
    expect(res.body.household.members.map((m: { idNumber: string }) => m.idNumber)).toEqual(
      household.members.map((m) => `${m.idNumber.slice(0, 6)}********${m.idNumber.slice(-4)}`),
    );
    const text = JSON.stringify(res.body);
    for (const m of household.members) expect(text).not.toContain(m.idNumber);
  });

  it('submits: the assessment is fixed on the case and living-allowance.application.submitted is written without personal data', async () => {
    const res = await submit(id, 1);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'submitted', version: 2 });
    expect(res.body.assessment).toMatchObject({ outcome: 'dibao', assessedOn: '2026-03-02', monthlyBenefitFen: DIBAO_BENEFIT_FEN, peopleCovered: 3 });
    submittedAssessment = res.body.assessment;
    expect((await call('GET', `/applications/${id}`)).body.assessment).toEqual(submittedAssessment);

    const [event, ...more] = await eventsAbout('living-allowance.application.submitted', 'caseId', id);
    expect(more).toEqual([]);
    expect(event.data).toEqual({
      caseId: id,
      householdRef: personRef(household.members[0].idNumber),
      districtCode: '640202',
      area: 'urban',
      householdSize: 3,
      submittedOn: '2026-03-02',
    });
    const text = JSON.stringify(event);
    expect(text).not.toMatch(/idNumber/i);
    for (const m of household.members) expect(text).not.toContain(m.idNumber);
  });

  it('is approved by a county approver after the township review and the notice: dibao with the submitted amount, paid from the month after approval', async () => {
    const waiting = await throughNotice(svc.url, clock, id, 2);
    const res = await approve(id, waiting.version, OFFICER, 'home visit done');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'approved',
      version: 5,
      granted: 'dibao',
      monthlyBenefitFen: submittedAssessment.monthlyBenefitFen,
      effectiveMonth: '2026-04',
      decidedOn: '2026-03-10',
      updatedBy: OFFICER,
    });
    expect(res.body.assessment).toEqual(submittedAssessment);
  });

  it('writes living-allowance.case.approved with one personRef per member and the people covered', async () => {
    const events = await eventsAbout('living-allowance.case.approved', 'caseId', id);

    expect(events).toHaveLength(1);
    expect(events[0].data).toEqual({
      caseId: id,
      householdRef: personRef(household.members[0].idNumber),
      coverage: 'household',
      districtCode: '640202',
      area: 'urban',
      peopleCovered: household.members.length,
      personRefs: household.members.map((m) => personRef(m.idNumber)),
      monthlyBenefitFen: DIBAO_BENEFIT_FEN,
      standardFen: 78000,
      effectiveMonth: '2026-04',
      approvedOn: '2026-03-10',
    });
    for (const m of household.members) expect(JSON.stringify(events[0])).not.toContain(m.idNumber);
  });

  it('keeps a history of every change: who, from which status to which', async () => {
    const res = await call('GET', `/applications/${id}/history`);

    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ action: 'file', from: null, to: 'draft', actor: CLERK, at: expect.any(String) }),
      expect.objectContaining({ action: 'submit', from: 'draft', to: 'submitted', actor: CLERK }),
      expect.objectContaining({ action: 'township_review', from: 'submitted', to: 'notice', reasonCode: 'OPINION.APPROVE' }),
      expect.objectContaining({ action: 'close_notice', from: 'notice', to: 'confirming', reasonCode: 'NOTICE.COMPLETED' }),
      expect.objectContaining({ action: 'approve', from: 'confirming', to: 'approved', actor: OFFICER, note: 'home visit done' }),
    ]);
  });

  it('refuses a second approval of an approved case (CASE.ILLEGAL_TRANSITION)', async () => {
    expectProblem(await approve(id, 5, OTHER_OFFICER), 409, 'CASE.ILLEGAL_TRANSITION');
    expect(await eventsAbout('living-allowance.case.approved', 'caseId', id)).toHaveLength(1);
  });

  it('never shows a city auditor a full ID number in the case, its history or the list of cases', async () => {
    const texts = await Promise.all([`/applications/${id}`, `/applications/${id}/history`, '/applications?status=approved'].map(async (p) => JSON.stringify((await call('GET', p, undefined, AUDITOR)).body)));

    for (const text of texts) for (const m of household.members) expect(text).not.toContain(m.idNumber);
  });
});

describe('who may change a case', () => {
  it.each([
    ['file', () => call('POST', '/applications', { household: dibaoHousehold() }, {})],
    ['approve', async () => call('POST', `/applications/${(await confirming(dibaoHousehold())).id}/approve`, { expectedVersion: 4 }, {})],
  ])('refuses to %s without a token (401 problem)', async (_action, send) => {
    expectProblem(await send(), 401, 'UNAUTHENTICATED');
  });

  it('a request with X-Actor-Id/X-Actor-Role headers and no token gains nothing (401), and changes nothing', async () => {
    const c = await confirming(dibaoHousehold());
    const forged = { 'x-actor-id': 'county-approver-1', 'x-actor-role': 'county_approver' };

    expectProblem(await call('POST', `/applications/${c.id}/approve`, { expectedVersion: 4 }, forged), 401, 'UNAUTHENTICATED');
    expectProblem(await call('POST', '/applications', { household: dibaoHousehold() }, { 'x-actor-id': CLERK, 'x-actor-role': 'caseworker' }), 401, 'UNAUTHENTICATED');
    expectProblem(await call('GET', `/applications/${c.id}`, undefined, { 'x-actor-id': 'admin-1', 'x-actor-role': 'admin' }), 401, 'UNAUTHENTICATED');
    expect((await call('GET', `/applications/${c.id}`)).body).toMatchObject({ status: 'confirming', version: 4 });
  });

  it('an admin cannot approve a case (403 AUTH.ROLE_NOT_ALLOWED): keeping the rules is not deciding cases', async () => {
    const c = await confirming(dibaoHousehold());

    expectProblem(await call('POST', `/applications/${c.id}/approve`, { expectedVersion: 4 }, as('admin-1', 'admin')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await call('POST', `/applications/${c.id}/refuse`, { expectedVersion: 4, reasonCode: 'NOT_RESIDENT' }, as('admin-1', 'admin')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expect((await call('GET', `/applications/${c.id}`)).body).toMatchObject({ status: 'confirming', version: 4 });
  });

  it('a city auditor reads a case and cannot change it (403 AUTH.ROLE_NOT_ALLOWED)', async () => {
    const c = (await file(dibaoHousehold())).body;

    expect((await call('GET', `/applications/${c.id}`, undefined, AUDITOR)).status).toBe(200);
    expectProblem(await call('POST', `/applications/${c.id}/submit`, { expectedVersion: 1 }, AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await call('POST', `/applications/${c.id}/withdraw`, { expectedVersion: 1 }, AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await call('POST', '/applications', { household: dibaoHousehold() }, AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expect((await call('GET', `/applications/${c.id}`)).body).toMatchObject({ status: 'draft', version: 1 });
  });

  it.each([
    ['approved', (id: string) => approve(id, 4, CLERK)],
    ['refused', (id: string) => refuse(id, 4, 'NOT_RESIDENT', CLERK)],
  ])('a case cannot be %s by the officer who filed it (four-eyes, 403 CASE.FOUR_EYES) and stays as it was', async (_what, decide) => {
    const c = await confirming(dibaoHousehold());

    expectProblem(await decide(c.id), 403, 'CASE.FOUR_EYES');
    expect((await call('GET', `/applications/${c.id}`)).body).toMatchObject({ status: 'confirming', version: 4 });
    expect(await eventsAbout('living-allowance.case.approved', 'caseId', c.id)).toEqual([]);
    expect(await eventsAbout('living-allowance.case.refused', 'caseId', c.id)).toEqual([]);
  });
});

describe('optimistic versions', () => {
  it('refuses a change based on a stale version (409 CASE.VERSION_CONFLICT naming expectedVersion)', async () => {
    const c = await confirming(dibaoHousehold());

    const problem = expectProblem(await approve(c.id, 3), 409, 'CASE.VERSION_CONFLICT');
    expect(fieldsOf(problem)).toEqual(['expectedVersion']);
    expect((await call('GET', `/applications/${c.id}`)).body).toMatchObject({ status: 'confirming', version: 4 });
  });

  it('lets exactly one of two simultaneous approvals of the same version through, and writes one case.approved', async () => {
    const c = await confirming(dibaoHousehold());

    const results = await Promise.all([approve(c.id, 4, OFFICER), approve(c.id, 4, OTHER_OFFICER)]);

    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('CASE.VERSION_CONFLICT');
    expect(await eventsAbout('living-allowance.case.approved', 'caseId', c.id)).toHaveLength(1);
    const history = (await call('GET', `/applications/${c.id}/history`)).body.items;
    expect(history.filter((h: { action: string }) => h.action === 'approve')).toHaveLength(1);
  });

  it('lets exactly one of two simultaneous filings of the same person through (one active household per person)', async () => {
    const shared = idNumber('1966-06-06');
    const a = dibaoHousehold();
    const b = dibaoHousehold();
    a.members[1].idNumber = shared;
    b.members[2].idNumber = shared;
    const before = await countRows(svc.dataSource, 'applications');

    const results = await Promise.all([file(a), file(b, OFFICER)]);

    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('PERSON.IN_ANOTHER_ACTIVE_HOUSEHOLD');
    expect(await countRows(svc.dataSource, 'applications')).toBe(before + 1);
  });
});

describe('decisions the assessment does not allow', () => {
  it('cannot approve a household the assessment found ineligible (409 CASE.ASSESSED_INELIGIBLE); it is refused instead', async () => {
    const c = await confirming(ineligibleHousehold());
    expect(c.assessment.outcome).toBe('ineligible');

    expectProblem(await approve(c.id, 4), 409, 'CASE.ASSESSED_INELIGIBLE');
    expect((await call('GET', `/applications/${c.id}`)).body).toMatchObject({ status: 'confirming', version: 4, granted: null });

    expect((await refuse(c.id, 4, 'INCOME_ABOVE_STANDARD')).status).toBe(200);
  });

  it.each([
    ['a draft', async (h: HouseholdInput) => (await file(h)).body, 1],
    ['a withdrawn draft', async (h: HouseholdInput) => (await withdraw((await file(h)).body.id, 1)).body, 2],
    ['a submitted case not yet reviewed at the township', async (h: HouseholdInput) => submitted(h), 2],
  ])('cannot approve %s (409 CASE.ILLEGAL_TRANSITION)', async (_what, make, version) => {
    const c = await make(dibaoHousehold());

    expectProblem(await approve(c.id, version as number), 409, 'CASE.ILLEGAL_TRANSITION');
    expect((await call('GET', `/applications/${c.id}`)).body.version).toBe(version);
  });

  it.each([
    ['approved', (id: string) => approve(id, 5, OTHER_OFFICER)],
    ['refused', (id: string) => refuse(id, 5, 'NOT_RESIDENT', OTHER_OFFICER)],
    ['withdrawn', (id: string) => withdraw(id, 5)],
    ['submitted', (id: string) => submit(id, 5)],
  ])('a decided (refused) case cannot be %s again (409 CASE.ILLEGAL_TRANSITION)', async (_what, act) => {
    const c = await confirming(dibaoHousehold());
    expect((await refuse(c.id, 4, 'NOT_RESIDENT')).status).toBe(200);

    expectProblem(await act(c.id), 409, 'CASE.ILLEGAL_TRANSITION');
  });
});

describe('refusal (不予批准)', () => {
  it('refuses with a reason code, writes living-allowance.case.refused with the written-notice date, and frees the members to apply again', async () => {
    const household = dibaoHousehold();
    const c = await confirming(household);
    const on = clock.today();

    const res = await refuse(c.id, 4, 'INCOMPLETE_EVIDENCE');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'refused', version: 5, rejectionReason: 'INCOMPLETE_EVIDENCE', decidedOn: on, granted: null, monthlyBenefitFen: null });
    // Refused on Tuesday 2026-03-10 (or later in this file): the written notice is due 3 working days later.
    const deliverBy = res.body.process.refusalNotice.deliverBy;
    expect(res.body.deadlines.stage).toMatchObject({ kind: 'refusal_notice', dueOn: deliverBy, length: 3 });
    const events = await eventsAbout('living-allowance.case.refused', 'caseId', c.id);
    expect(events.map((e) => e.data)).toEqual([
      {
        caseId: c.id,
        householdRef: personRef(household.members[0].idNumber),
        coverage: 'household',
        districtCode: '640202',
        reasonCode: 'INCOMPLETE_EVIDENCE',
        confirmedBy: 'county',
        refusedOn: on,
        writtenNoticeDueOn: deliverBy,
      },
    ]);
    expect((await call('GET', `/applications/${c.id}/history`)).body.items.at(-1)).toMatchObject({ action: 'refuse', from: 'confirming', to: 'refused', actor: OFFICER, reasonCode: 'INCOMPLETE_EVIDENCE' });

    const again = await file(household);
    expect(again.status).toBe(201);
    expect(again.body.householdRef).toBe(c.householdRef);
  });

  it.each([
    ['no note', undefined],
    ['a blank note', '   '],
  ])('requires a note when the reason is OTHER (%s → 400 CASE.NOTE_REQUIRED)', async (_what, note) => {
    const c = await confirming(dibaoHousehold());

    expectProblem(await refuse(c.id, 4, 'OTHER', OFFICER, note), 400, 'CASE.NOTE_REQUIRED');
    expect((await call('GET', `/applications/${c.id}`)).body).toMatchObject({ status: 'confirming', version: 4 });
  });

  it('accepts OTHER with a note and keeps the note in the history', async () => {
    const c = await confirming(dibaoHousehold());

    expect((await refuse(c.id, 4, 'OTHER', OFFICER, 'moved out of the city')).status).toBe(200);
    expect((await call('GET', `/applications/${c.id}/history`)).body.items.at(-1)).toMatchObject({ reasonCode: 'OTHER', note: 'moved out of the city' });
  });

  it('refuses an unknown reason code (400 naming reasonCode)', async () => {
    const c = await confirming(dibaoHousehold());

    expect(fieldsOf(expectProblem(await refuse(c.id, 4, 'TOO_RICH'), 400, 'INVALID_INPUT'))).toEqual(['reasonCode']);
  });
});

describe('one person, one active household', () => {
  it('refuses a household with a person of another active case (409 naming household.members[i].idNumber) and writes nothing', async () => {
    const first = dibaoHousehold();
    expect((await file(first)).status).toBe(201);
    const second = dibaoHousehold();
    second.members[2] = { ...first.members[1], relation: 'parent' };
    const tables = ['applications', 'case_history', 'household_memberships', 'outbox'];
    const before = await Promise.all(tables.map((t) => countRows(svc.dataSource, t)));

    const res = await file(second, OFFICER);

    const problem = expectProblem(res, 409, 'PERSON.IN_ANOTHER_ACTIVE_HOUSEHOLD');
    expect(fieldsOf(problem)).toEqual(['household.members[2].idNumber']);
    expect(JSON.stringify(problem)).not.toContain(first.members[1].idNumber);
    expect(await Promise.all(tables.map((t) => countRows(svc.dataSource, t)))).toEqual(before);
    // Nothing of the refused household was kept: its other members are still free.
    expect((await file({ ...second, members: second.members.slice(0, 2) }, OFFICER)).status).toBe(201);
  });

  it('does not show the caller the other case; an officer finds it by the person’s reference', async () => {
    const first = dibaoHousehold();
    const other = (await file(first)).body;
    const second = { ...ineligibleHousehold(), members: [{ ...first.members[1], relation: 'applicant' }] };

    const problem = expectProblem(await file(second, OFFICER), 409, 'PERSON.IN_ANOTHER_ACTIVE_HOUSEHOLD');

    expect(JSON.stringify(problem)).not.toContain(other.id);
    const found = await call('GET', `/applications?personRef=${personRef(first.members[1].idNumber)}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[other.id, 'draft']]);
    expect((await call('GET', `/applications?personRef=${personRef(first.members[1].idNumber)}&status=submitted`)).body.items).toEqual([]);
  });

  it('refuses a person lookup by anything but a personRef (400 naming personRef)', async () => {
    expect(fieldsOf(expectProblem(await call('GET', `/applications?personRef=${dibaoHousehold().members[0].idNumber}`), 400, 'INVALID_INPUT'))).toEqual(['personRef']);
  });

  it.each([
    ['approved', async (id: string) => { await submit(id, 1); await approve(id, (await throughNotice(svc.url, clock, id, 2)).version); }],
    ['submitted', async (id: string) => { await submit(id, 1); }],
    ['draft', async () => undefined],
  ])('a member of a %s case cannot be filed in another household', async (_status, bringTo) => {
    const first = dibaoHousehold();
    const filed = await file(first);
    await bringTo(filed.body.id);

    const res = await file({ ...ineligibleHousehold(), members: [{ ...first.members[0] }] }, OFFICER);

    expect(fieldsOf(expectProblem(res, 409, 'PERSON.IN_ANOTHER_ACTIVE_HOUSEHOLD'))).toEqual(['household.members[0].idNumber']);
  });
});

describe('editing a draft', () => {
  it('replaces the household document of a draft and the submission assesses the corrected one', async () => {
    const household = dibaoHousehold();
    const c = (await file(household)).body;
    const corrected = { ...household, incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 100000 }] };

    const res = await call('PUT', `/applications/${c.id}/household`, { expectedVersion: 1, household: corrected }, CLERK);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'draft', version: 2, household: { incomes: corrected.incomes } });
    const s = await submit(c.id, 2);
    expect(s.body.assessment).toMatchObject({ countedIncomeFen: 100000, netIncomeFen: 80000 });
    expect((await call('GET', `/applications/${c.id}/history`)).body.items.map((h: { action: string }) => h.action)).toEqual(['file', 'edit', 'submit']);
  });

  it('refuses to edit a submitted case (409 CASE.ILLEGAL_TRANSITION)', async () => {
    const household = dibaoHousehold();
    const c = await submitted(household);

    expectProblem(await call('PUT', `/applications/${c.id}/household`, { expectedVersion: 2, household }, CLERK), 409, 'CASE.ILLEGAL_TRANSITION');
  });

  it('validates the edited household like a new one (400 naming the field)', async () => {
    const household = dibaoHousehold();
    const c = (await file(household)).body;

    const res = await call('PUT', `/applications/${c.id}/household`, { expectedVersion: 1, household: { ...household, districtCode: '110101' } }, CLERK);

    expect(fieldsOf(expectProblem(res, 400, 'INVALID_INPUT'))).toEqual(['household.districtCode']);
  });

  it('refuses an edit that adds a person of another active case, and the draft keeps its members', async () => {
    const other = dibaoHousehold();
    expect((await file(other)).status).toBe(201);
    const household = dibaoHousehold();
    const c = (await file(household)).body;

    const res = await call('PUT', `/applications/${c.id}/household`, { expectedVersion: 1, household: { ...household, members: [...household.members, { ...other.members[2] }] } }, CLERK);

    expect(fieldsOf(expectProblem(res, 409, 'PERSON.IN_ANOTHER_ACTIVE_HOUSEHOLD'))).toEqual(['household.members[3].idNumber']);
    expect((await call('GET', `/applications/${c.id}`)).body).toMatchObject({ version: 1 });
    expect(await countRows(svc.dataSource, 'household_memberships', 'application_id = $1 AND active', [c.id])).toBe(3);
  });

  it('frees a member removed from the draft to be filed elsewhere', async () => {
    const household = dibaoHousehold();
    const c = (await file(household)).body;

    await call('PUT', `/applications/${c.id}/household`, { expectedVersion: 1, household: { ...household, members: household.members.slice(0, 2) } }, CLERK);

    expect((await file({ ...ineligibleHousehold(), members: [{ ...household.members[2], relation: 'applicant' }] }, OFFICER)).status).toBe(201);
  });

  it('names the household by its applicant after the applicant’s ID number is corrected (householdRef follows the correction)', async () => {
    const household = dibaoHousehold();
    const c = (await file(household)).body;
    const corrected = { ...household, members: [{ ...household.members[0], idNumber: idNumber('1980-01-02') }, ...household.members.slice(1)] };

    const edited = await call('PUT', `/applications/${c.id}/household`, { expectedVersion: 1, household: corrected }, CLERK);
    await submit(c.id, 2);

    expect(edited.status).toBe(200);
    expect(edited.body.householdRef).toBe(personRef(corrected.members[0].idNumber));
    const [event] = await eventsAbout('living-allowance.application.submitted', 'caseId', c.id);
    expect(event.data.householdRef).toBe(personRef(corrected.members[0].idNumber));
  });
});

describe('withdrawal', () => {
  it.each([
    ['a draft', async (h: HouseholdInput) => ({ id: (await file(h)).body.id, version: 1 })],
    ['a submitted case', async (h: HouseholdInput) => ({ id: (await submitted(h)).id, version: 2 })],
  ])('withdraws %s, writes no decision event, and frees its members', async (_what, make) => {
    const household = dibaoHousehold();
    const c = await make(household);

    const res = await withdraw(c.id, c.version);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', version: c.version + 1 });
    expect(await eventsAbout('living-allowance.case.refused', 'caseId', c.id)).toEqual([]);
    expect(await eventsAbout('living-allowance.case.approved', 'caseId', c.id)).toEqual([]);
    expectProblem(await withdraw(c.id, c.version + 1), 409, 'CASE.ILLEGAL_TRANSITION');
    expect((await file(household, OFFICER)).status).toBe(201);
  });
});

describe('the work queue and reading cases', () => {
  it('lists submitted cases newest filed first, whatever order they were submitted in (the queues, GET /queues/*, put the oldest first)', async () => {
    const rural = () => ({ ...dibaoHousehold(), districtCode: '640221', area: 'rural' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await file(rural())).body.id);
    for (const id of [...ids].reverse()) expect((await submit(id, 1)).status).toBe(200);

    const res = await call('GET', '/applications?status=submitted&districtCode=640221');

    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([...ids].reverse());
    expect(res.body.total).toBe(3);
    expect(res.body.items[2]).toEqual({
      id: ids[0],
      coverage: 'household',
      status: 'submitted',
      districtCode: '640221',
      area: 'rural',
      householdSize: 3,
      outcome: 'dibao',
      monthlyBenefitFen: expect.any(Number),
      filedBy: CLERK,
      filedAt: expect.any(String),
      version: 2,
    });
    const filedAt = res.body.items.map((i: { filedAt: string }) => Date.parse(i.filedAt));
    expect([...filedAt].sort((a, b) => b - a)).toEqual(filedAt);
  });

  it('pages the queue with limit and offset', async () => {
    const all = (await call('GET', '/applications?status=submitted&districtCode=640221')).body.items;

    const page = await call('GET', '/applications?status=submitted&districtCode=640221&limit=1&offset=1');

    expect(page.body.items.map((i: { id: string }) => i.id)).toEqual([all[1].id]);
  });

  it.each([
    ['status=pending', 'status'],
    ['status=submitted&limit=0', 'limit'],
    ['status=submitted&limit=abc', 'limit'],
    ['status=submitted&offset=-1', 'offset'],
  ])('refuses a queue query ?%s (400 naming %s)', async (query, field) => {
    expect(fieldsOf(expectProblem(await call('GET', `/applications?${query}`), 400, 'INVALID_INPUT'))).toEqual([field]);
  });

  it.each([
    ['GET', '/applications/6d1f2c8e-3b4a-4c5d-9e6f-7a8b9c0d1e2f', as(OFFICER)],
    ['GET', '/applications/6d1f2c8e-3b4a-4c5d-9e6f-7a8b9c0d1e2f/history', as(OFFICER)],
    ['POST', '/applications/6d1f2c8e-3b4a-4c5d-9e6f-7a8b9c0d1e2f/submit', as(OFFICER)],
    ['POST', '/applications/6d1f2c8e-3b4a-4c5d-9e6f-7a8b9c0d1e2f/approve', approver(OFFICER)],
  ])('answers %s %s for an unknown case with a 404 problem', async (method, path, who) => {
    expectProblem(await call(method, path, method === 'POST' ? { expectedVersion: 1 } : undefined, who), 404, 'NOT_FOUND');
  });

  it.each([
    ['GET', '/applications/not-a-uuid', undefined, as(OFFICER)],
    ['GET', '/applications/123/history', undefined, as(OFFICER)],
    ['POST', '/applications/abc/approve', { expectedVersion: 1 }, approver(OFFICER)],
    ['PUT', '/applications/abc/household', { expectedVersion: 1, household: dibaoHousehold() }, as(OFFICER)],
  ])('answers %s %s (an id that is not a UUID) with a 400 problem naming id', async (method, path, body, who) => {
    const res = await call(method, path, body, who);

    expect(fieldsOf(expectProblem(res, 400, 'INVALID_INPUT'))).toEqual(['id']);
  });

  it.each([
    ['POST', '/applications', 'no body at all', undefined],
    ['POST', '/applications', 'a household that is null', { household: null }],
    ['PUT', '/applications/:id/household', 'no household, only the version', { expectedVersion: 1 }],
  ])('%s %s with %s is refused with a 400, never a 500', async (method, path, _what, body) => {
    const draft = (await file(dibaoHousehold())).body;

    const res = await call(method, path.replace(':id', draft.id), body, CLERK);

    expectProblem(res, 400, 'INVALID_INPUT');
    expect((await call('GET', `/applications/${draft.id}`)).body.version).toBe(1);
  });

  it.each([
    ['0', 0],
    ['a string', '2'],
    ['missing', undefined],
  ])('refuses an expectedVersion that is %s (400 naming expectedVersion)', async (_what, expectedVersion) => {
    const c = await submitted(dibaoHousehold());

    const res = await call('POST', `/applications/${c.id}/approve`, { expectedVersion }, approver(OFFICER));

    expect(fieldsOf(expectProblem(res, 400, 'INVALID_INPUT'))).toContain('expectedVersion');
  });
});

describe('a household that is not an object is refused where it is given', () => {
  it.each([
    ['filing', () => call('POST', '/applications', { household: [] }, CLERK)],
    ['editing a draft', async () => {
      const draft = (await file(dibaoHousehold())).body;
      return call('PUT', `/applications/${draft.id}/household`, { expectedVersion: draft.version, household: [] }, CLERK);
    }],
  ])('%s with a household given as a list names household (not a field inside it)', async (_what, send) => {
    const problem = expectProblem(await send(), 400, 'INVALID_INPUT');
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'household', reason: expect.stringMatching(/must be an object/) })]));
  });
});
