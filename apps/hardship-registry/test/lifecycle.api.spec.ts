import { eventsOf, expectProblem, fieldsOf } from '../../../test/support/api';
import { http, startHardshipRegistry, TestClock, TestService } from '../../../test/support/services';
import { HardshipSweep } from '../src/cases/hardship-sweep.use-case';
import { activities, applied, applyBody, APPROVER, as, assessmentMessage, CASEWORKER, idNumber, INVESTIGATOR, investigated, personRef, receiveStandards } from './persons';

/**
 * A special-hardship case from application to support and to its end, on real Postgres
 * (民发〔2021〕43号): the three conditions explained on applying; the township's investigation
 * queue, claimed with a lease, overdue first; the 7-day notice; the county's confirmation with the
 * entitlement from the next month; refusal with its written notice; termination with its notice and
 * referral. The caseworker, the investigator and the approver are three different people, told
 * apart by their tokens.
 */
let svc: TestService;
const clock = () => svc.clock as TestClock;
const call = (method: string, path: string, body: unknown, headers: Record<string, string>) => http(svc.url, method, path, body, headers);
const sweep = () => svc.app.get(HardshipSweep).sweep();

beforeAll(async () => {
  svc = await startHardshipRegistry({ backgroundJobs: false });
  await receiveStandards(svc);
});
afterAll(() => svc?.dispose());
beforeEach(() => clock().set('2026-03-02T02:00:00Z'));

describe('applying: the three conditions, each explained', () => {
  it('registers a person aged 76 with no income, property within limits and no supporter: all three conditions met, each with its reasons and parameter versions', async () => {
    const res = await call('POST', '/cases', applyBody(idNumber('1950-03-15')), CASEWORKER);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'investigating', appliedOn: '2026-03-02', filedBy: 'cw-1', maskedIdNumber: expect.stringMatching(/^640202\*+\d{3}[\dX]$/), age: 75, version: 1 });
    const c = res.body.appliedCriteria;
    expect(c).toMatchObject({ eligible: true, minor: false, dibaoStandard: { monthlyFen: 78000, versionId: 'dibao.standard/640202/urban@2025-01-01' } });
    for (const name of ['noWorkAbility', 'noMeansOfLiving', 'noAbleSupporter']) {
      expect(c.conditions[name]).toMatchObject({ met: true, message: { zh: expect.stringContaining('符合'), en: expect.stringContaining('met') } });
      expect(c.conditions[name].reasons.length).toBeGreaterThan(0);
    }
    expect(c.conditions.noWorkAbility.reasons.map((r: { code: string }) => r.code)).toEqual(['HARDSHIP.NO_WORK_ABILITY.ELDER']);
    expect(c.parameterVersions).toMatchObject({ 'hardship.no-work-ability': 'hardship.no-work-ability@2025-01-01', 'dibao.standard': 'dibao.standard/640202/urban@2025-01-01' });
    expect(res.body.deadline).toMatchObject({ kind: 'investigation', unit: 'working_days', length: 15, overdue: false });
  });

  it('explains a condition not met: income at the standard is not below it', async () => {
    const res = await call('POST', '/cases', applyBody(idNumber('1950-04-01'), { facts: { incomes: [{ kind: 'wage', monthlyFen: 78000 }] } }), CASEWORKER);
    expect(res.status).toBe(201);
    expect(res.body.appliedCriteria).toMatchObject({ eligible: false, conditions: { noMeansOfLiving: { met: false } } });
    expect(res.body.appliedCriteria.conditions.noMeansOfLiving.reasons.map((r: { code: string }) => r.code)).toEqual(['HARDSHIP.NO_MEANS.INCOME_BELOW_STANDARD']);
  });

  it('refuses bad input with a 400 naming each field, and writes nothing', async () => {
    const before = (await call('GET', '/cases?limit=500', undefined, CASEWORKER)).body.total;
    const bad = applyBody('640202195003150010', { facts: { property: { moneyFen: -1, homes: 1 } } });
    const res = await call('POST', '/cases', { ...bad, area: 'suburban' }, CASEWORKER);
    expectProblem(res, 400);
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(['idNumber', 'area', 'facts.property.moneyFen']));
    expect((await call('GET', '/cases?limit=500', undefined, CASEWORKER)).body.total).toBe(before);
  });

  it('a second registration of the same person is a 409, while the first is on its way and once they are supported', async () => {
    const id = idNumber('1951-05-05');
    await applied(svc, id);
    const again = await call('POST', '/cases', applyBody(id, { townshipCode: '640202002' }), as('cw-2', 'caseworker', '640202002'));
    expect(fieldsOf(expectProblem(again, 409, 'HARDSHIP.PERSON_IN_ACTIVE_CASE'))).toEqual(['idNumber']);
  });

  it('two caseworkers registering one person at the same moment: one case, one 409', async () => {
    const id = idNumber('1952-06-06');
    const [a, b] = await Promise.all([call('POST', '/cases', applyBody(id), CASEWORKER), call('POST', '/cases', applyBody(id), as('cw-3', 'caseworker', '640202001'))]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((await call('POST', '/persons/search', { idNumber: id }, CASEWORKER)).body.cases).toHaveLength(1);
  });
});

describe('the investigation queue: claimed with a lease, overdue first', () => {
  it('lists the township’s applications overdue first, never the reader’s own filings, and hands each to one officer', async () => {
    // Two applications in 朝阳街道 (640202002): an old one, overdue by now, and one of today.
    const township = { townshipCode: '640202002' };
    const clerk = as('cw-q', 'caseworker', '640202002');
    clock().set('2026-01-05T02:00:00Z');
    const old = await applied(svc, idNumber('1953-01-01'), township, clerk);
    clock().set('2026-03-02T02:00:00Z');
    const fresh = await applied(svc, idNumber('1953-02-02'), township, clerk);
    const reviewer = as('tr-q', 'township_reviewer', '640202002');
    const queue = await call('GET', '/queues/investigation', undefined, reviewer);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual([old.id, fresh.id]);
    expect(queue.body.items[0]).toMatchObject({ overdue: true, status: 'investigating' });
    expect(queue.body.items[1]).toMatchObject({ overdue: false });
    // The caseworker who filed them, given the reviewer's role, does not see them offered.
    expect((await call('GET', '/queues/investigation', undefined, as('cw-q', 'township_reviewer', '640202002'))).body.items).toEqual([]);

    const first = await call('POST', '/queues/investigation/claim', undefined, reviewer);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: old.id, claimedBy: 'tr-q' });
    const second = await call('POST', '/queues/investigation/claim', undefined, as('tr-q2', 'township_reviewer', '640202002'));
    expect(second.body).toMatchObject({ id: fresh.id, claimedBy: 'tr-q2' });
    expect((await call('POST', '/queues/investigation/claim', undefined, as('tr-q3', 'township_reviewer', '640202002'))).status).toBe(204);
    // Someone else's claim keeps another officer off the case.
    const taken = await call('POST', `/cases/${old.id}/investigation`, { expectedVersion: old.version, opinion: 'grant' }, as('tr-q3', 'township_reviewer', '640202002'));
    expectProblem(taken, 409, 'HARDSHIP.CLAIMED_BY_OTHER');
    // A supervisor moves it; the holder gives it back.
    expect((await call('POST', `/cases/${old.id}/reassign`, { to: 'tr-q3' }, as('sup-1', 'supervisor', '640202'))).status).toBe(204);
    expect((await call('POST', `/cases/${old.id}/release`, undefined, as('tr-q3', 'township_reviewer', '640202002'))).status).toBe(204);
    expectProblem(await call('POST', `/cases/${old.id}/release`, undefined, reviewer), 409, 'HARDSHIP.NOT_CLAIMED');
  });
});

describe('investigation, notice, confirmation: supported from the next month', () => {
  it('walks an adult through the 7-day notice to the county, confirmed with the entitlement explained, announced as person.registered', async () => {
    const id = idNumber('1980-07-07');
    const c = await applied(svc, id, { facts: { disabilities: [{ kind: 'physical', grade: 1 }] } });
    expect(c.appliedCriteria.conditions.noWorkAbility.reasons.map((r: { code: string }) => r.code)).toEqual(['HARDSHIP.NO_WORK_ABILITY.DISABILITY']);

    // Four-eyes: the caseworker who accepted it may not investigate it, even holding the reviewer's role.
    expectProblem(await call('POST', `/cases/${c.id}/investigation`, { expectedVersion: 1, opinion: 'grant' }, as('cw-1', 'township_reviewer', '640202001')), 403, 'HARDSHIP.FOUR_EYES.FILER_CANNOT_INVESTIGATE');
    expectProblem(await call('POST', `/cases/${c.id}/investigation`, { expectedVersion: 9, opinion: 'grant' }, INVESTIGATOR), 409, 'HARDSHIP.VERSION_CONFLICT');
    const inv = await call('POST', `/cases/${c.id}/investigation`, { expectedVersion: 1, opinion: 'grant' }, INVESTIGATOR);
    expect(inv.status).toBe(200);
    expect(inv.body).toMatchObject({ status: 'notice', notice: { startedOn: '2026-03-02', endsOn: '2026-03-09' }, investigation: { by: 'tr-1', opinion: 'grant', criteria: { eligible: true } } });
    expect(inv.body.deadline).toMatchObject({ kind: 'public_notice', dueOn: '2026-03-09' });

    expectProblem(await call('POST', `/cases/${c.id}/close-notice`, { expectedVersion: inv.body.version }, INVESTIGATOR), 409, 'HARDSHIP.NOTICE_RUNNING');
    clock().set('2026-03-10T02:00:00Z');
    expect(await sweep()).toMatchObject({ noticesClosed: expect.any(Number) });
    const queued = await call('GET', '/queues/confirmation', undefined, APPROVER);
    const item = queued.body.items.find((i: { id: string }) => i.id === c.id);
    expect(item).toMatchObject({ status: 'confirming' });

    // Neither the caseworker nor the investigator may confirm, whatever role their token carries.
    const body = { expectedVersion: item.version, activities: activities(0) };
    expectProblem(await call('POST', `/cases/${c.id}/confirm`, body, as('cw-1', 'county_approver', '640202')), 403, 'HARDSHIP.FOUR_EYES.FILER_CANNOT_CONFIRM');
    expectProblem(await call('POST', `/cases/${c.id}/confirm`, body, as('tr-1', 'township_approver', '640202001')), 403, 'HARDSHIP.FOUR_EYES.INVESTIGATOR_CANNOT_CONFIRM');
    expectProblem(await call('POST', `/cases/${c.id}/confirm`, body, CASEWORKER), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expect(fieldsOf(expectProblem(await call('POST', `/cases/${c.id}/confirm`, { expectedVersion: item.version }, APPROVER), 400, 'HARDSHIP.SELF_CARE.ACTIVITIES_REQUIRED'))).toEqual(['activities']);

    const confirmed = await call('POST', `/cases/${c.id}/confirm`, body, APPROVER);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'supported',
      supportFromMonth: '2026-04',
      careSetting: 'home',
      selfCare: { ability: 'full', source: 'activities' },
      entitlement: { standardFen: 78000, basicLivingFen: 101400, careAllowanceFen: 10000, monthlyFen: 111400 },
      entitlementFromMonth: '2026-04',
      confirmation: { by: 'ca-1', on: '2026-03-10' },
    });
    expect(confirmed.body.entitlement.explanation.map((l: { step: string }) => l.step)).toEqual(['standard', 'basic_living', 'care_allowance', 'total']);
    expect(confirmed.body.entitlement.explanation[3].text.zh).toContain('1114.00');

    const [registered] = (await eventsOf(svc.url, 'hardship-registry.person.registered')).filter((e) => e.data.caseId === c.id);
    expect(registered.data).toEqual({
      caseId: c.id,
      personRef: personRef(id),
      districtCode: '640202',
      townshipCode: '640202001',
      area: 'urban',
      registeredOn: '2026-03-10',
      supportFromMonth: '2026-04',
      monthlyFen: 111400,
      selfCareAbility: 'full',
      careSetting: 'home',
    });
    expect(registered.key).toBe(personRef(id));
    expect(JSON.stringify(registered)).not.toContain(id);

    // Registered: a second application for them is a 409 of its own kind.
    expectProblem(await call('POST', '/cases', applyBody(id), CASEWORKER), 409, 'HARDSHIP.PERSON_ALREADY_REGISTERED');

    const history = await call('GET', `/cases/${c.id}/history`, undefined, as('aud-1', 'city_auditor', '640200'));
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual(['apply', 'investigate_and_post', 'close_notice', 'confirm']);
    const audited: Array<{ action: string }> = await svc.dataSource.query(`SELECT action FROM audit_log WHERE target = $1 ORDER BY seq`, [`hardship_case:${c.id}`]);
    expect(audited.map((a) => a.action)).toEqual(['hardship_case.apply', 'hardship_case.investigate_and_post', 'hardship_case.close_notice', 'hardship_case.confirm', 'hardship_case.history.read']);
  });

  it('a person of 60 or over is confirmed on the elder assessment elder-assessment announced, and waits for one without it', async () => {
    const id = idNumber('1950-08-08');
    const c = await investigated(svc, id);
    clock().set('2026-03-10T02:00:00Z');
    await sweep();
    const version = (await call('GET', `/cases/${c.id}`, undefined, APPROVER)).body.version;
    expectProblem(await call('POST', `/cases/${c.id}/confirm`, { expectedVersion: version }, APPROVER), 409, 'HARDSHIP.SELF_CARE.AWAITING_ELDER_ASSESSMENT');
    await svc.deliver([assessmentMessage(personRef(id), { level: 'moderate', assessedOn: '2026-03-05' })]);
    const confirmed = await call('POST', `/cases/${c.id}/confirm`, { expectedVersion: version }, APPROVER);
    expect(confirmed.body).toMatchObject({ status: 'supported', selfCare: { ability: 'partly_lost', source: 'elder_assessment' }, entitlement: { careAllowanceFen: 30000, monthlyFen: 131400 } });
  });
});

describe('refusal in writing within 3 working days', () => {
  it('an opinion to refuse goes to the county unposted; the refusal carries its reason, remedies and the day the notice must reach the applicant', async () => {
    const c = await applied(svc, idNumber('1950-09-09'), { facts: { incomes: [{ kind: 'wage', monthlyFen: 90000 }] } });
    expect(fieldsOf(expectProblem(await call('POST', `/cases/${c.id}/investigation`, { expectedVersion: 1, opinion: 'refuse' }, INVESTIGATOR), 400))).toEqual(['reasonCode']);
    expectProblem(await call('POST', `/cases/${c.id}/investigation`, { expectedVersion: 1, opinion: 'grant' }, INVESTIGATOR), 409, 'HARDSHIP.OPINION_CONTRADICTS_CRITERIA');
    const inv = await call('POST', `/cases/${c.id}/investigation`, { expectedVersion: 1, opinion: 'refuse', reasonCode: 'HAS_MEANS_OF_LIVING' }, INVESTIGATOR);
    expect(inv.body).toMatchObject({ status: 'confirming', notice: null });
    // Friday 2026-04-03, before Qingming: the written notice is due 2026-04-09.
    clock().set('2026-04-03T02:00:00Z');
    const refused = await call('POST', `/cases/${c.id}/refuse`, { expectedVersion: inv.body.version, reasonCode: 'HAS_MEANS_OF_LIVING' }, APPROVER);
    expect(refused.body).toMatchObject({
      status: 'refused',
      refusal: { by: 'ca-1', on: '2026-04-03', reasonCode: 'HAS_MEANS_OF_LIVING', deliverBy: '2026-04-09', reason: { zh: expect.any(String) }, remedies: { zh: expect.stringContaining('行政复议') } },
      deadline: { kind: 'refusal_notice', dueOn: '2026-04-09' },
    });
    clock().set('2026-04-08T02:00:00Z');
    const delivered = await call('POST', `/cases/${c.id}/refusal-delivery`, { expectedVersion: refused.body.version, deliveredOn: '2026-04-08' }, CASEWORKER);
    expect(delivered.body).toMatchObject({ refusal: { delivery: { deliveredOn: '2026-04-08', recordedBy: 'cw-1', late: false } }, deadline: null });
    expect(await eventsOf(svc.url, 'hardship-registry.person.registered').then((es) => es.filter((e) => e.data.caseId === c.id))).toEqual([]);
  });
});

describe('termination: 7-day notice, support stops from the next month, referral', () => {
  it('ends support on a ground after its notice, by another officer than the proposer, with person.terminated and referral.requested to dibao', async () => {
    const id = idNumber('1979-10-10');
    const c = await investigated(svc, id, { facts: { disabilities: [{ kind: 'visual', grade: 1 }] } });
    clock().set('2026-03-10T02:00:00Z');
    await sweep();
    let v = (await call('GET', `/cases/${c.id}`, undefined, APPROVER)).body.version;
    v = (await call('POST', `/cases/${c.id}/confirm`, { expectedVersion: v, activities: activities(0) }, APPROVER)).body.version;

    clock().set('2026-06-01T02:00:00Z');
    const proposed = await call('POST', `/cases/${c.id}/termination`, { expectedVersion: v, ground: 'regained_work_ability' }, INVESTIGATOR);
    expect(proposed.body).toMatchObject({ status: 'terminating', termination: { ground: 'regained_work_ability', proposedBy: 'tr-1', notice: { endsOn: '2026-06-08', posted: true } } });
    expectProblem(await call('POST', `/cases/${c.id}/terminate`, { expectedVersion: proposed.body.version }, APPROVER), 409, 'HARDSHIP.TERMINATION_NOTICE_RUNNING');
    clock().set('2026-06-09T02:00:00Z');
    expectProblem(await call('POST', `/cases/${c.id}/terminate`, { expectedVersion: proposed.body.version }, as('tr-1', 'township_approver', '640202001')), 403, 'HARDSHIP.FOUR_EYES.PROPOSER_CANNOT_TERMINATE');
    const ended = await call('POST', `/cases/${c.id}/terminate`, { expectedVersion: proposed.body.version }, APPROVER);
    expect(ended.body).toMatchObject({ status: 'terminated', termination: { decidedBy: 'ca-1', decidedOn: '2026-06-09', stopsFromMonth: '2026-07', referral: { targets: ['dibao'] } } });

    const terminated = (await eventsOf(svc.url, 'hardship-registry.person.terminated')).filter((e) => e.data.caseId === c.id);
    expect(terminated.map((e) => e.data)).toEqual([{ caseId: c.id, personRef: personRef(id), districtCode: '640202', ground: 'regained_work_ability', terminatedOn: '2026-06-09', stopsFromMonth: '2026-07' }]);
    const referred = (await eventsOf(svc.url, 'hardship-registry.referral.requested')).filter((e) => e.data.caseId === c.id);
    expect(referred.map((e) => e.data)).toEqual([{ caseId: c.id, personRef: personRef(id), districtCode: '640202', townshipCode: '640202001', ground: 'regained_work_ability', targets: ['dibao'], requestedOn: '2026-06-09' }]);

    // Support ended: the person may apply again.
    expect((await call('POST', '/cases', applyBody(id), CASEWORKER)).status).toBe(201);
  });

  it('a termination withdrawn (an objection upheld) leaves the person supported, and nothing is announced', async () => {
    const c = await investigated(svc, idNumber('1978-11-11'), { facts: { disabilities: [{ kind: 'mental', grade: 2 }] } });
    clock().set('2026-03-10T02:00:00Z');
    await sweep();
    let v = (await call('GET', `/cases/${c.id}`, undefined, APPROVER)).body.version;
    v = (await call('POST', `/cases/${c.id}/confirm`, { expectedVersion: v, activities: activities(2) }, APPROVER)).body.version;
    v = (await call('POST', `/cases/${c.id}/termination`, { expectedVersion: v, ground: 'supporter_able' }, CASEWORKER)).body.version;
    expect(new Set(fieldsOf(expectProblem(await call('POST', `/cases/${c.id}/termination/withdraw`, { expectedVersion: v }, APPROVER), 400)))).toEqual(new Set(['reason']));
    const withdrawn = await call('POST', `/cases/${c.id}/termination/withdraw`, { expectedVersion: v, reason: 'the son is himself severely disabled' }, APPROVER);
    expect(withdrawn.body).toMatchObject({ status: 'supported', termination: null, selfCare: { ability: 'partly_lost' } });
    expect((await eventsOf(svc.url, 'hardship-registry.person.terminated')).filter((e) => e.data.caseId === c.id)).toEqual([]);
  });
});
