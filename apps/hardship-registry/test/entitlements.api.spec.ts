import { eventsOf } from '../../../test/support/api';
import { http, startHardshipRegistry, TestClock, TestService } from '../../../test/support/services';
import { APPROVER, assessmentMessage, CASEWORKER, idNumber, personRef, receiveStandards, standardMessage, supported, applied } from './persons';

/**
 * The entitlement follows what other services announce (issue 13): a dibao standard published by
 * living-allowance re-computes the entitlements of every supported person of its district and area,
 * from the month it takes effect, once however often it is delivered; an elder assessment completed
 * by elder-assessment sets the tier of a supported person of 60 or over.
 */
let svc: TestService;
const clock = () => svc.clock as TestClock;
const get = async (id: string) => (await http(svc.url, 'GET', `/cases/${id}`, undefined, APPROVER)).body;
const changedOf = async (caseId: string) => (await eventsOf(svc.url, 'hardship-registry.entitlement.changed')).filter((e) => e.data.caseId === caseId);

beforeAll(async () => {
  svc = await startHardshipRegistry({ backgroundJobs: false });
  await receiveStandards(svc);
});
afterAll(() => svc?.dispose());

describe('a new dibao standard re-computes the supported persons’ entitlements', () => {
  it('re-computes every supported person of the district and area once, from the month it takes effect, even when the event is delivered twice or announced again', async () => {
    const urban = await supported(svc, idNumber('1980-01-01'), { facts: { disabilities: [{ kind: 'physical', grade: 1 }] } });
    const elder = await supported(svc, idNumber('1950-01-01'), { level: 'severe' });
    const rural = await supported(svc, idNumber('1981-01-01'), { area: 'rural', facts: { disabilities: [{ kind: 'physical', grade: 2 }] } });
    const pending = await applied(svc, idNumber('1982-01-01'), { facts: { disabilities: [{ kind: 'visual', grade: 1 }] } }, CASEWORKER);
    expect(urban.entitlement.monthlyFen).toBe(111400);
    expect(elder.entitlement).toMatchObject({ selfCare: 'fully_lost', monthlyFen: 161400 });
    clock().set('2026-06-20T02:00:00Z');

    const published = standardMessage({ monthlyFen: 80000, validFrom: '2026-07-01' });
    await svc.deliver([published]);
    await svc.deliver([published]);
    // The same standard announced once more (a new event id, as after a replay at the producer).
    await svc.deliver([standardMessage({ monthlyFen: 80000, validFrom: '2026-07-01' })]);

    const [u] = await changedOf(urban.id);
    expect(await changedOf(urban.id)).toHaveLength(1);
    expect(u.data).toEqual({
      caseId: urban.id,
      personRef: urban.personRef,
      districtCode: '640202',
      trigger: 'standard_published',
      fromMonth: '2026-07',
      monthlyFen: 114000,
      previousMonthlyFen: 111400,
      basicLivingFen: 104000,
      careAllowanceFen: 10000,
      selfCareAbility: 'full',
      careSetting: 'home',
      standardVersionId: 'dibao.standard/640202/urban@2026-07-01',
      changedOn: '2026-06-20',
    });
    expect(await changedOf(elder.id)).toEqual([expect.objectContaining({ data: expect.objectContaining({ monthlyFen: 164000, previousMonthlyFen: 161400 }) })]);
    expect(await get(urban.id)).toMatchObject({ entitlement: { standardFen: 80000, monthlyFen: 114000 }, entitlementFromMonth: '2026-07', version: urban.version + 1 });
    expect(await changedOf(rural.id)).toEqual([]);
    expect(await get(rural.id)).toMatchObject({ entitlement: { standardFen: 70000 }, version: rural.version });
    expect(await get(pending.id)).toMatchObject({ status: 'investigating', entitlement: null });

    const [{ n }] = await svc.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [published.id]);
    expect(n).toBe(1);
    const history = (await http(svc.url, 'GET', `/cases/${urban.id}/history`, undefined, APPROVER)).body.items;
    expect(history.filter((h: { action: string }) => h.action === 'change_entitlement')).toEqual([expect.objectContaining({ actor: 'system:dibao-standard', reasonCode: 'ENTITLEMENT.STANDARD_PUBLISHED' })]);
    const audited = await svc.dataSource.query(`SELECT actor, count FROM audit_log WHERE action = 'hardship_case.recompute_entitlements' AND target = $1`, ['dibao_standard:dibao.standard/640202/urban@2026-07-01']);
    expect(audited).toEqual([{ actor: 'system:dibao-standard', count: 2 }]);
  });

  it('an older standard delivered late is kept but changes no entitlement', async () => {
    await svc.deliver([standardMessage({ monthlyFen: 79000, validFrom: '2026-01-01' })]);
    const standards = (await http(svc.url, 'GET', '/standards', undefined, CASEWORKER)).body.items;
    expect(standards.filter((s: { districtCode: string; area: string }) => s.districtCode === '640202' && s.area === 'urban').map((s: { validFrom: string }) => s.validFrom)).toEqual(['2025-01-01', '2026-01-01', '2026-07-01']);
    const changes = await eventsOf(svc.url, 'hardship-registry.entitlement.changed');
    expect(changes.filter((e) => e.data.standardVersionId === 'dibao.standard/640202/urban@2026-01-01')).toEqual([]);
  });
});

describe('an elder assessment completed sets the tier of a supported person of 60 or over', () => {
  it('changes the tier and the care allowance from the next month, once however often it is delivered; an older assessment does not replace a newer one', async () => {
    clock().set('2026-03-02T02:00:00Z');
    const id = idNumber('1948-02-02');
    const c = await supported(svc, id, { level: 'mild' });
    expect(c).toMatchObject({ selfCare: { ability: 'partly_lost', source: 'elder_assessment' }, entitlement: { careAllowanceFen: 30000 } });
    clock().set('2026-05-12T02:00:00Z');

    const severe = assessmentMessage(personRef(id), { level: 'severe', assessedOn: '2026-05-10' });
    await svc.deliver([severe]);
    await svc.deliver([severe]);
    const after = await get(c.id);
    expect(after).toMatchObject({ selfCare: { ability: 'fully_lost', source: 'elder_assessment', assessment: { level: 'severe', assessedOn: '2026-05-10' } }, entitlement: { careAllowanceFen: 60000 }, entitlementFromMonth: '2026-06' });
    expect((await changedOf(c.id)).map((e) => e.data)).toEqual([expect.objectContaining({ trigger: 'ability_result', fromMonth: '2026-06', previousMonthlyFen: c.entitlement.monthlyFen, monthlyFen: c.entitlement.monthlyFen + 30000, selfCareAbility: 'fully_lost' })]);

    await svc.deliver([assessmentMessage(personRef(id), { level: 'intact', assessedOn: '2026-04-01' })]);
    expect(await get(c.id)).toMatchObject({ selfCare: { ability: 'fully_lost' }, version: after.version });
  });

  it('leaves the tier of a person under 60 as recorded here from the six activities', async () => {
    clock().set('2026-03-02T02:00:00Z');
    const id = idNumber('1975-03-03');
    const c = await supported(svc, id, { facts: { disabilities: [{ kind: 'intellectual', grade: 3 }] }, lost: 4 });
    await svc.deliver([assessmentMessage(personRef(id), { level: 'intact', assessedOn: '2026-03-09' })]);
    expect(await get(c.id)).toMatchObject({ selfCare: { ability: 'fully_lost', source: 'activities' }, version: c.version });
  });
});
