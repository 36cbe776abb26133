import { eventsOf, expectProblem, fieldsOf } from '../../../test/support/api';
import { http, startHardshipRegistry, TestClock, TestService } from '../../../test/support/services';
import { VisitSweep } from '../src/visits/visit-sweep.use-case';
import { activities, applied, as, CASEWORKER, idNumber, INVESTIGATOR, personRef, receiveStandards, supported } from './persons';

/**
 * Visits (巡视探访) to special-hardship persons cared for at home (policy.md §3 "Care"), on real
 * Postgres: the plan counted from the start of support by the tier's interval
 * (hardship.visit-intervals, default 30 / 14 / 7 days for full / partly lost / fully lost
 * self-care), moved on by each visit; the township's overdue queue; danger found as a lead for
 * temporary assistance (danger.found); the daily sweep's visit.overdue, once per due day.
 *
 * `supported()` confirms on 2026-03-10 with support from 2026-04: home care since 2026-04-01.
 */
let svc: TestService;
const clock = () => svc.clock as TestClock;
const on = (day: string) => clock().set(`${day}T02:00:00Z`);
const call = (method: string, path: string, body: unknown, headers: Record<string, string>) => http(svc.url, method, path, body, headers);
const sweep = () => svc.app.get(VisitSweep).sweep();
const visit = (caseId: string, body: unknown, by = CASEWORKER) => call('POST', `/cases/${caseId}/visits`, body, by);
const noConcern = (visitedOn: string) => ({ visitedOn, findings: [{ kind: 'no_concern' }] });
const planOf = async (caseId: string) => (await call('GET', `/cases/${caseId}/visits`, undefined, CASEWORKER)).body.plan;
const queue = async (headers = CASEWORKER, query = 'limit=200') => (await call('GET', `/queues/visits?${query}`, undefined, headers)).body;
const queuedIds = async (headers = CASEWORKER, query = 'limit=200') => (await queue(headers, query)).items.map((i: { caseId: string }) => i.caseId);
const overdueEventsOf = async (caseId: string) => (await eventsOf(svc.url, 'hardship-registry.visit.overdue')).filter((e) => e.data.caseId === caseId);

/** An elder aged 75 whose ability assessment says `level`: intact → full self-care (30 days), severe → fully lost (7 days). */
const elderAtHome = (level: 'intact' | 'mild' | 'severe' = 'intact') => supported(svc, idNumber('1950-06-01'), { level });

/** A placement in a bed of a registered institution, or the return home, through the care-setting route (the caseworker places). */
let institutionSeq = 0;
async function changeCareSetting(caseId: string, careSetting: 'home' | 'institution') {
  let placement = null;
  if (careSetting === 'institution') {
    institutionSeq += 1;
    const i = await call('POST', '/institutions', { name: `大武口区供养服务中心${institutionSeq}`, kind: 'support_facility', districtCode: '640202', beds: [{ code: 'A-101', kind: 'nursing' }] }, as('sv-1', 'supervisor', '640202'));
    if (i.status !== 201) throw new Error(`register answered ${i.status}: ${JSON.stringify(i.body)}`);
    placement = { institutionId: i.body.id, bedId: i.body.beds[0].id };
  }
  const version = (await call('GET', `/cases/${caseId}`, undefined, CASEWORKER)).body.version;
  const res = await call('POST', `/cases/${caseId}/care-setting`, { expectedVersion: version, careSetting, ...(placement ? { placement } : {}) }, CASEWORKER);
  if (res.status !== 200) throw new Error(`care-setting answered ${res.status}: ${JSON.stringify(res.body)}`);
}

beforeAll(async () => {
  svc = await startHardshipRegistry({ backgroundJobs: false });
  await receiveStandards(svc);
});
afterAll(() => svc?.dispose());

describe('the visit plan of a person cared for at home', () => {
  it('a person confirmed at home is first due a visit the tier’s interval after support began', async () => {
    const c = await elderAtHome('intact');
    on('2026-04-10');
    const res = await call('GET', `/cases/${c.id}/visits`, undefined, CASEWORKER);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ items: [], total: 0 });
    expect(res.body.plan).toEqual({
      homeCareSince: '2026-04-01',
      lastVisitOn: null,
      selfCareAbility: 'full',
      intervalDays: 30,
      nextVisitDueOn: '2026-05-01',
      overdue: false,
      daysLeft: 21,
      parameterVersion: 'hardship.visit-intervals@2025-01-01',
    });
  });

  it('recording a visit moves the next due date on by the tier’s interval, counted from the visit', async () => {
    const c = await elderAtHome('mild');
    on('2026-04-12');
    const res = await visit(c.id, noConcern('2026-04-11'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ caseId: c.id, visitedOn: '2026-04-11', visitor: 'cw-1', dueOn: '2026-04-15', late: false, findings: [{ kind: 'no_concern' }] });
    expect(res.body.plan).toMatchObject({ lastVisitOn: '2026-04-11', selfCareAbility: 'partly_lost', intervalDays: 14, nextVisitDueOn: '2026-04-25', overdue: false });
    const read = await call('GET', `/cases/${c.id}/visits`, undefined, INVESTIGATOR);
    expect(read.body).toMatchObject({ total: 1, items: [{ id: res.body.id, visitedOn: '2026-04-11' }], plan: { nextVisitDueOn: '2026-04-25' } });
  });

  it('a visit after its due date is recorded as late, never refused', async () => {
    const c = await elderAtHome('severe');
    on('2026-04-20');
    const res = await visit(c.id, noConcern('2026-04-19'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ dueOn: '2026-04-08', late: true, plan: { nextVisitDueOn: '2026-04-26' } });
  });

  it('a new self-care tier counts the next visit with the new tier’s interval', async () => {
    const c = await supported(svc, idNumber('1980-02-02'), { facts: { disabilities: [{ kind: 'physical', grade: 1 }] }, lost: 0 });
    on('2026-04-03');
    expect(await planOf(c.id)).toMatchObject({ selfCareAbility: 'full', nextVisitDueOn: '2026-05-01' });
    const version = (await call('GET', `/cases/${c.id}`, undefined, CASEWORKER)).body.version;
    const res = await call('POST', `/cases/${c.id}/self-care`, { expectedVersion: version, activities: activities(4) }, CASEWORKER);
    expect(res.status).toBe(200);
    expect(await planOf(c.id)).toMatchObject({ selfCareAbility: 'fully_lost', intervalDays: 7, nextVisitDueOn: '2026-04-08' });
  });

  it('a person moved to an institution leaves the plan and the queue; back home they are counted from the return', async () => {
    const c = await elderAtHome('intact');
    on('2026-05-05');
    expect(await queuedIds()).toContain(c.id);
    await changeCareSetting(c.id, 'institution');
    expect(await planOf(c.id)).toBeNull();
    expect(await queuedIds()).not.toContain(c.id);
    expectProblem(await visit(c.id, noConcern('2026-05-05')), 409, 'HARDSHIP.VISIT.NOT_HOME_CARE');
    await sweep();
    expect(await overdueEventsOf(c.id)).toHaveLength(0);

    on('2026-06-10');
    await changeCareSetting(c.id, 'home');
    expect(await planOf(c.id)).toMatchObject({ homeCareSince: '2026-06-10', nextVisitDueOn: '2026-07-10', overdue: false });
    expect(await queuedIds()).not.toContain(c.id);
  });
});

describe('recording a visit: who, when, what', () => {
  it('refuses a visit day in the future, before support began, or not a real date with a 400 naming visitedOn, and writes nothing', async () => {
    const c = await elderAtHome();
    on('2026-04-10');
    for (const visitedOn of ['2026-04-11', '2026-03-31', '2026-02-30', '20260405']) {
      const res = await visit(c.id, noConcern(visitedOn));
      expect(fieldsOf(expectProblem(res, 400))).toEqual(['visitedOn']);
    }
    expect((await call('GET', `/cases/${c.id}/visits`, undefined, CASEWORKER)).body.total).toBe(0);
    expect((await eventsOf(svc.url, 'hardship-registry.danger.found')).filter((e) => e.data.caseId === c.id)).toHaveLength(0);
  });

  it('refuses a visit before the previous one', async () => {
    const c = await elderAtHome();
    on('2026-04-20');
    expect((await visit(c.id, noConcern('2026-04-15'))).status).toBe(201);
    expect(fieldsOf(expectProblem(await visit(c.id, noConcern('2026-04-14')), 400, 'HARDSHIP.VISIT.BEFORE_PREVIOUS'))).toEqual(['visitedOn']);
  });

  it('refuses findings that are missing, contradict each other, or do not say what help or which danger, naming the field', async () => {
    const c = await elderAtHome();
    on('2026-04-10');
    expect(fieldsOf(expectProblem(await visit(c.id, { visitedOn: '2026-04-10', findings: [] }), 400, 'HARDSHIP.VISIT.FINDINGS_REQUIRED'))).toEqual(['findings']);
    expect(fieldsOf(expectProblem(await visit(c.id, { visitedOn: '2026-04-10', findings: [{ kind: 'no_concern' }, { kind: 'danger', danger: 'other' }] }), 400))).toEqual(['findings']);
    expect(fieldsOf(expectProblem(await visit(c.id, { visitedOn: '2026-04-10', findings: [{ kind: 'needs_help' }] }), 400))).toEqual(['findings[0].note']);
    expect(fieldsOf(expectProblem(await visit(c.id, { visitedOn: '2026-04-10', findings: [{ kind: 'danger' }] }), 400))[0]).toMatch(/^findings\.?\[?0\]?\.danger$/);
    expect(fieldsOf(expectProblem(await visit(c.id, { visitedOn: '2026-04-10', findings: [{ kind: 'needs_help', note: 'x'.repeat(201) }] }), 400))[0]).toMatch(/note$/);
    expect((await call('GET', `/cases/${c.id}/visits`, undefined, CASEWORKER)).body.total).toBe(0);
  });

  it('another township’s caseworker does not find the case: 404 for recording and reading, and nothing is written', async () => {
    const c = await elderAtHome();
    on('2026-04-10');
    const elsewhere = as('cw-9', 'caseworker', '640202002');
    expectProblem(await visit(c.id, noConcern('2026-04-10'), elsewhere), 404);
    expectProblem(await call('GET', `/cases/${c.id}/visits`, undefined, elsewhere), 404);
    expect((await call('GET', `/cases/${c.id}/visits`, undefined, CASEWORKER)).body.total).toBe(0);
  });

  it('a county approver reads visits but does not record them', async () => {
    const c = await elderAtHome();
    on('2026-04-10');
    const approver = as('ca-1', 'county_approver', '640202');
    expectProblem(await visit(c.id, noConcern('2026-04-10'), approver), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expect((await call('GET', `/cases/${c.id}/visits`, undefined, approver)).status).toBe(200);
  });

  it('a case not supported (still under investigation) has no visits: 409', async () => {
    on('2026-03-02');
    const c = await applied(svc, idNumber('1950-07-07'));
    expectProblem(await visit(c.id, noConcern('2026-03-02')), 409, 'HARDSHIP.VISIT.NOT_SUPPORTED');
    expect((await call('GET', `/cases/${c.id}/visits`, undefined, CASEWORKER)).body).toMatchObject({ plan: null, total: 0 });
  });

  it('each recording and each reading of a case’s visits is in the audit trail', async () => {
    const c = await elderAtHome();
    on('2026-04-10');
    const res = await visit(c.id, noConcern('2026-04-10'));
    await call('GET', `/cases/${c.id}/visits`, undefined, INVESTIGATOR);
    const rows = await svc.dataSource.query(`SELECT actor, action, target FROM audit_log WHERE target IN ($1, $2) ORDER BY seq`, [`hardship_visit:${res.body.id}`, `hardship_case:${c.id}`]);
    expect(rows).toEqual(
      expect.arrayContaining([
        { actor: 'cw-1', action: 'hardship_visit.record', target: `hardship_visit:${res.body.id}` },
        { actor: 'tr-1', action: 'hardship_case.visits.read', target: `hardship_case:${c.id}` },
      ]),
    );
  });
});

describe('danger found on a visit: a lead for temporary assistance', () => {
  it('a danger finding raises one danger.found, with references and codes only', async () => {
    const id = idNumber('1950-08-08');
    const c = await supported(svc, id, { level: 'intact' });
    on('2026-04-15');
    const note = '煤已用完一周，屋内无取暖';
    const res = await visit(c.id, { visitedOn: '2026-04-15', findings: [{ kind: 'needs_help', note: '屋顶漏雨' }, { kind: 'danger', danger: 'no_food_or_heating', note }] });
    expect(res.status).toBe(201);
    expect(res.body.findings).toEqual([
      { kind: 'needs_help', note: '屋顶漏雨' },
      { kind: 'danger', danger: 'no_food_or_heating', dangerName: { zh: '缺少食物、饮水或取暖', en: 'no food, water or heating' }, note },
    ]);
    const events = (await eventsOf(svc.url, 'hardship-registry.danger.found')).filter((e) => e.data.caseId === c.id);
    expect(events).toHaveLength(1);
    expect(events[0].data).toEqual({ caseId: c.id, visitId: res.body.id, personRef: personRef(id), districtCode: '640202', townshipCode: '640202001', danger: 'no_food_or_heating', foundOn: '2026-04-15' });
    expect(events[0].key).toBe(personRef(id));
    expect(JSON.stringify(events[0])).not.toContain(note);
    expect(JSON.stringify(events[0])).not.toContain(id);
  });

  it('each danger of a visit raises its own danger.found; a visit without danger raises none', async () => {
    const c = await elderAtHome();
    on('2026-04-15');
    expect((await visit(c.id, { visitedOn: '2026-04-14', findings: [{ kind: 'needs_help', note: '需要助餐服务' }] })).status).toBe(201);
    const dangers = () => eventsOf(svc.url, 'hardship-registry.danger.found').then((es) => es.filter((e) => e.data.caseId === c.id).map((e) => e.data.danger));
    expect(await dangers()).toEqual([]);
    expect((await visit(c.id, { visitedOn: '2026-04-15', findings: [{ kind: 'danger', danger: 'unsafe_housing' }, { kind: 'danger', danger: 'health_emergency' }] })).status).toBe(201);
    expect((await dangers()).sort()).toEqual(['health_emergency', 'unsafe_housing']);
  });
});

describe('the township’s overdue-visit queue', () => {
  it('a person cared for at home who was not visited within the tier’s interval shows in the township’s overdue queue', async () => {
    const c = await elderAtHome('intact');
    on('2026-05-01');
    expect(await queuedIds()).not.toContain(c.id);
    on('2026-05-02');
    const q = await queue();
    const item = q.items.find((i: { caseId: string }) => i.caseId === c.id);
    expect(item).toEqual({
      caseId: c.id,
      maskedIdNumber: expect.stringMatching(/^640202\*+\d{3}[\dX]$/),
      districtCode: '640202',
      townshipCode: '640202001',
      status: 'supported',
      selfCareAbility: 'full',
      homeCareSince: '2026-04-01',
      lastVisitOn: null,
      intervalDays: 30,
      dueOn: '2026-05-01',
      daysOverdue: 1,
    });
    // Within the jurisdiction only, in the query: the neighbouring township sees none of it, the district's supervisor does.
    expect(await queuedIds(as('cw-9', 'caseworker', '640202002'))).not.toContain(c.id);
    expect(await queuedIds(as('sv-1', 'supervisor', '640202'), 'townshipCode=640202001&limit=200')).toContain(c.id);
    expect(await queuedIds(as('sv-2', 'supervisor', '640205'))).not.toContain(c.id);
    expect(await queuedIds(as('sv-1', 'supervisor', '640202'), 'townshipCode=640202002&limit=200')).not.toContain(c.id);
  });

  it('lists the most overdue first, paged, and a visit takes the person out of it', async () => {
    const full = await elderAtHome('intact'); // due 2026-05-01
    const fullyLost = await elderAtHome('severe'); // due 2026-04-08
    const partlyLost = await elderAtHome('mild'); // due 2026-04-15
    on('2026-05-10');
    const mine = [full.id, fullyLost.id, partlyLost.id];
    const all = (await queue()).items.filter((i: { caseId: string }) => mine.includes(i.caseId));
    expect(all.map((i: { caseId: string; daysOverdue: number }) => [i.caseId, i.daysOverdue])).toEqual([
      [fullyLost.id, 32],
      [partlyLost.id, 25],
      [full.id, 9],
    ]);
    const whole = await queue();
    expect(whole.items.map((i: { dueOn: string }) => i.dueOn)).toEqual([...whole.items.map((i: { dueOn: string }) => i.dueOn)].sort());
    const first = await queue(CASEWORKER, 'limit=1&offset=0');
    const second = await queue(CASEWORKER, 'limit=1&offset=1');
    expect(first).toMatchObject({ limit: 1, offset: 0, total: whole.total });
    expect([first.items[0].caseId, second.items[0].caseId]).toEqual([whole.items[0].caseId, whole.items[1].caseId]);

    expect((await visit(fullyLost.id, noConcern('2026-05-10'))).status).toBe(201);
    expect(await queuedIds()).not.toContain(fullyLost.id);
    expect(await queuedIds()).toEqual(expect.arrayContaining([full.id, partlyLost.id]));
  });

  it('refuses an unknown query parameter or a malformed township with a 400 naming it', async () => {
    expect(fieldsOf(expectProblem(await call('GET', '/queues/visits?township=640202001', undefined, CASEWORKER), 400))).toEqual(['township']);
    expect(fieldsOf(expectProblem(await call('GET', '/queues/visits?townshipCode=6402', undefined, CASEWORKER), 400))).toEqual(['townshipCode']);
  });
});

describe('the daily sweep: visit.overdue once per overdue due day', () => {
  it('the sweep announces an overdue visit once, with references and codes only', async () => {
    const id = idNumber('1950-09-09');
    const c = await supported(svc, id, { level: 'intact' });
    on('2026-05-01');
    await sweep();
    expect(await overdueEventsOf(c.id)).toHaveLength(0);
    on('2026-05-02');
    await sweep();
    await sweep();
    const events = await overdueEventsOf(c.id);
    expect(events).toHaveLength(1);
    expect(events[0].data).toEqual({ caseId: c.id, personRef: personRef(id), districtCode: '640202', townshipCode: '640202001', selfCareAbility: 'full', dueOn: '2026-05-01' });
    expect(JSON.stringify(events[0])).not.toContain(id);
    on('2026-05-20');
    await sweep();
    expect(await overdueEventsOf(c.id)).toHaveLength(1);
  });

  it('sweeps racing on two replicas announce an overdue visit once', async () => {
    const c = await elderAtHome('severe');
    on('2026-04-09');
    await Promise.all([sweep(), sweep(), sweep()]);
    expect(await overdueEventsOf(c.id)).toHaveLength(1);
  });

  it('a visit moves the due day on; when that one is missed too, it is announced in its turn', async () => {
    const c = await elderAtHome('severe');
    on('2026-04-09');
    await sweep();
    expect((await visit(c.id, noConcern('2026-04-09'))).status).toBe(201);
    on('2026-04-16');
    await sweep();
    expect(await overdueEventsOf(c.id)).toHaveLength(1);
    on('2026-04-17');
    await sweep();
    expect((await overdueEventsOf(c.id)).map((e) => [e.data.dueOn, e.data.lastVisitOn])).toEqual([
      ['2026-04-08', undefined],
      ['2026-04-16', '2026-04-09'],
    ]);
  });

  it('a person supported at home before visits were kept is put on the plan by the sweep, counted from the start of support, and announced once', async () => {
    const c = await elderAtHome('intact');
    // As a case confirmed before this service kept visit plans: no plan row.
    await svc.dataSource.query(`DELETE FROM hardship_visit_plans WHERE case_id = $1`, [c.id]);
    on('2026-05-03');
    expect(await queuedIds()).not.toContain(c.id);
    const first = await sweep();
    expect(first.planned).toBeGreaterThanOrEqual(1);
    expect(await planOf(c.id)).toMatchObject({ homeCareSince: '2026-04-01', nextVisitDueOn: '2026-05-01', overdue: true });
    expect(await queuedIds()).toContain(c.id);
    await sweep();
    expect((await overdueEventsOf(c.id)).map((e) => e.data.dueOn)).toEqual(['2026-05-01']);
  });

  it('the sweep and its announcements are in the audit trail as the system', async () => {
    await elderAtHome('severe');
    on('2026-04-09');
    await sweep();
    const rows = await svc.dataSource.query(`SELECT actor, action, count FROM audit_log WHERE action = 'hardship_visit_plan.announce_overdue' AND target = 'visit_sweep:2026-04-09'`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].actor).toMatch(/visit-sweep/);
  });
});
