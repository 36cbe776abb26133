import { StandardPublished } from '@jiuzhu/contracts';
import { InProcessBus } from '@jiuzhu/messaging';
import { eventually } from '../support/infra';
import { as } from '../support/sign-in';
import { http, startElderAssessment, startHardshipRegistry, startLivingAllowance, TestClock, TestService } from '../support/services';
import { APPROVER, idNumber, INVESTIGATOR, supported } from '../../apps/hardship-registry/test/persons';
import { dibaoHousehold, personRef } from '../../apps/living-allowance/test/households';
import { scoresWithTotal } from '../../apps/elder-assessment/src/assessment/domain/assessment-inputs.fixtures';

/**
 * Across services, on one transport (issue 13): hardship-registry reacts to living-allowance's
 * standards and elder-assessment's assessments, and living-allowance to hardship-registry's
 * registrations and referrals — each through the events, never another's tables, each with one
 * effect however often an event is delivered.
 */
export function hardshipEventsScenario(kind: 'kafka' | 'in-process') {
  let la: TestService;
  let hr: TestService;
  let ea: TestService;
  const clerk = as('clerk-e2e-hr', 'caseworker');

  beforeAll(async () => {
    const bus = kind === 'in-process' ? new InProcessBus() : undefined;
    // hardship-registry with its background work on: its worker applies a new standard to the entitlements.
    hr = await startHardshipRegistry({ transport: kind, bus });
    ea = await startElderAssessment({ transport: kind, bus, backgroundJobs: false });
    la = await startLivingAllowance({ transport: kind, bus, backgroundJobs: false });
    // living-allowance announces its seeded standards on its first start: hardship-registry needs one to take applications.
    await eventually(async () => ((await http(hr.url, 'GET', '/standards', undefined, clerk)).body?.items?.length ?? 0) > 0, 'hardship-registry to receive the seeded standards');
  });

  afterAll(async () => {
    await la?.dispose();
    await ea?.dispose();
    await hr?.dispose();
  });

  const hrEvents = async (type: string) => (await http(hr.url, 'GET', '/events?limit=500', undefined, as('ops-1', 'admin'))).body.items.filter((e: any) => e.type === type);

  it('a standard published in living-allowance recomputes a supported person’s entitlement once, even when the event is delivered twice', async () => {
    const person = await supported(hr, idNumber('1978-02-03'), { facts: { disabilities: [{ kind: 'visual', grade: 1 }] } });
    const published = await http(la.url, 'POST', '/parameters', { key: 'dibao.standard', districtCode: '640202', area: 'urban', validFrom: '2026-07-01', value: { monthlyFen: 80000 }, legalSource: '石嘴山市低保标准调整（测试）' }, as('admin-e2e', 'admin'));
    expect(published.status).toBe(201);
    const changed = async () => (await hrEvents('hardship-registry.entitlement.changed')).filter((e: any) => e.data.caseId === person.id && e.data.trigger === 'standard_published');
    await eventually(async () => (await changed()).length === 1, 'the entitlement recomputed');
    const duplicatesBefore = hr.messaging.counters().duplicates;
    await la.dataSource.query(`UPDATE outbox SET published_at = NULL WHERE type = $1 AND payload->>'validFrom' = '2026-07-01'`, [StandardPublished.type]);
    la.messaging.relay.nudge();
    await eventually(async () => hr.messaging.counters().duplicates > duplicatesBefore, 'the second delivery to be recognised');
    expect(await changed()).toHaveLength(1);
    expect((await changed())[0].data).toMatchObject({ monthlyFen: expect.any(Number), previousMonthlyFen: person.entitlement.monthlyFen });
  });

  it('an elder assessment completed in elder-assessment changes a supported elder’s care tier in hardship-registry', async () => {
    const elderId = idNumber('1947-04-05');
    const person = await supported(hr, elderId, { level: 'intact' });
    expect(person.selfCare.ability).toBe('full');
    (ea.clock as TestClock).set('2026-03-20T02:00:00Z');
    const draft = await http(ea.url, 'POST', '/assessments', {
      idNumber: elderId, districtCode: '640202', townshipCode: '640202001', reason: 'immediate', assessedOn: ea.clock.today(), secondAssessor: 'assessor-02',
      scores: scoresWithTotal(38), conditions: { coma: false, dementiaDiagnosed: false, psychiatricDisorderDiagnosed: false, careRiskEvents: [] }, needs: [{ kind: 'bathing' }],
    }, as('assessor-01', 'assessor'));
    expect(draft.status).toBe(201);
    expect((await http(ea.url, 'POST', `/assessments/${draft.body.id}/complete`, { expectedVersion: draft.body.version }, as('assessor-02', 'assessor'))).status).toBe(200);
    const tier = async () => (await http(hr.url, 'GET', `/cases/${person.id}`, undefined, APPROVER)).body.selfCare?.ability;
    await eventually(async () => (await tier()) !== 'full', 'the care tier to follow the assessment');
    expect((await hrEvents('hardship-registry.entitlement.changed')).filter((e: any) => e.data.caseId === person.id && e.data.trigger === 'ability_result')).toHaveLength(1);
  });

  it('a termination in hardship-registry reaches living-allowance as a referral to dibao', async () => {
    const confirmed = await supported(hr, idNumber('1979-10-10'), { facts: { disabilities: [{ kind: 'visual', grade: 1 }] } });
    // Confirmed on the standard in force when support began, the case is moved by hardship-registry's
    // worker onto a later standard already received (a change of its own, with a new version): the
    // officers act on the case as it stands once it is on the latest.
    const standards = (await http(hr.url, 'GET', '/standards', undefined, clerk)).body.items.filter((x: any) => x.districtCode === '640202' && x.area === 'urban');
    const latest = standards.reduce((a: any, b: any) => (b.validFrom >= a.validFrom ? b : a)).versionId;
    const person = await eventually(async () => {
      const c = (await http(hr.url, 'GET', `/cases/${confirmed.id}`, undefined, APPROVER)).body;
      return c.entitlement?.parameterVersions?.['dibao.standard'] === latest ? c : undefined;
    }, 'the case to stand on the latest standard');
    (hr.clock as TestClock).set('2026-06-01T02:00:00Z');
    const proposed = await http(hr.url, 'POST', `/cases/${person.id}/termination`, { expectedVersion: person.version, ground: 'regained_work_ability' }, INVESTIGATOR);
    expect(proposed.status).toBe(200);
    (hr.clock as TestClock).set('2026-06-09T02:00:00Z');
    expect((await http(hr.url, 'POST', `/cases/${person.id}/terminate`, { expectedVersion: proposed.body.version }, APPROVER)).status).toBe(200);
    const lead = async () => (await http(la.url, 'GET', '/hardship-referrals', undefined, clerk)).body.items.find((r: any) => r.hardshipCaseId === person.id);
    const found = await eventually(lead, 'living-allowance to record the referral');
    expect(found).toMatchObject({ status: 'open', townshipCode: '640202001', ground: 'regained_work_ability' });
  });

  it('a member of a dibao household registered in hardship-registry flags the dibao case', async () => {
    const parent = idNumber('1946-01-02');
    const household = dibaoHousehold();
    household.members.push({ idNumber: parent, relation: 'parent' });
    const filed = await http(la.url, 'POST', '/applications', { household }, clerk);
    expect(filed.status).toBe(201);
    expect((await http(la.url, 'POST', `/applications/${filed.body.id}/submit`, { expectedVersion: 1 }, clerk)).status).toBe(200);
    const person = await supported(hr, parent, { level: 'intact' });
    const flagged = async () => (await http(la.url, 'GET', `/applications/${filed.body.id}`, undefined, clerk)).body.hardshipConflicts;
    await eventually(async () => (await flagged()).length === 1, 'the dibao case to be flagged');
    expect((await flagged())[0]).toMatchObject({ memberIndex: 3, personRef: personRef(parent), hardshipCaseId: person.id, status: 'open', current: true });
  });
}
