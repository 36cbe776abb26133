import { eventsOf } from '../../../test/support/api';
import { http, startHardshipRegistry, TestClock, TestService } from '../../../test/support/services';
import pino from 'pino';
import { AuditTrail } from '@jiuzhu/audit';
import { eventually } from '../../../test/support/infra';
import { AnnounceCaseFacts } from '../src/cases/announce-case-facts.policy';
import { HardshipCaseRepository } from '../src/cases/hardship-case.repository';
import { HardshipParameterCatalog } from '../src/parameters/hardship-parameter-catalog';
import { DibaoStandardRepository } from '../src/standards/dibao-standard.repository';
import { RecomputeEntitlements } from '../src/standards/recompute-entitlements.use-case';
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
const recompute = () => svc.app.get(RecomputeEntitlements);
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
    // The consumer keeps the standard; the worker (off in this file) works the cases through.
    expect(await changedOf(urban.id)).toEqual([]);
    await recompute().pass();
    await recompute().pass();

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
    await recompute().pass();
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

describe('the recomputation works through a district in batches, each committed on its own', () => {
  const ruralChangedOn = async (caseId: string, versionId: string) => (await changedOf(caseId)).filter((e) => e.data.standardVersionId === versionId);
  const standardOf = async (caseId: string) => (await get(caseId)).entitlement.parameterVersions['dibao.standard'];

  it('a recomputation interrupted after its first batch is finished by the next pass: each person re-computed and announced once', async () => {
    clock().set('2026-03-02T02:00:00Z');
    const cases = [];
    for (const birth of ['1983-01-01', '1984-01-01', '1985-01-01']) cases.push(await supported(svc, idNumber(birth), { area: 'rural', facts: { disabilities: [{ kind: 'physical', grade: 1 }] } }));
    clock().set('2026-08-20T02:00:00Z');
    const real = svc.app.get(HardshipParameterCatalog);
    let calls = 0;
    // The parameters cannot be read for the second batch (the database went away mid-run).
    const failingOnce = { inForceOn: async (on: string) => (++calls === 2 ? Promise.reject(new Error('connection lost')) : real.inForceOn(on)) } as unknown as HardshipParameterCatalog;
    const oneByOne = new RecomputeEntitlements(svc.dataSource, new DibaoStandardRepository(), new HardshipCaseRepository(), new AnnounceCaseFacts(svc.messaging.outbox), failingOnce, svc.clock, new AuditTrail(svc.clock), pino({ level: 'silent' }), undefined, 1);
    const standard = standardMessage({ area: 'rural', monthlyFen: 72000, validFrom: '2026-09-01' });
    const versionId = 'dibao.standard/640202/rural@2026-09-01';
    await svc.deliver([standard]);

    await oneByOne.pass();
    // One batch of one case committed (of the district's rural cases: these three and the first test's).
    const onVersion = async () => (await eventsOf(svc.url, 'hardship-registry.entitlement.changed')).filter((e) => e.data.standardVersionId === versionId);
    expect(await onVersion()).toHaveLength(1);

    await recompute().pass();
    for (const c of cases) {
      expect(await ruralChangedOn(c.id, versionId)).toEqual([expect.objectContaining({ data: expect.objectContaining({ fromMonth: '2026-09', basicLivingFen: 93600, previousMonthlyFen: c.entitlement.monthlyFen }) })]);
      expect(await get(c.id)).toMatchObject({ entitlement: { standardFen: 72000 }, version: c.version + 1 });
    }
    await recompute().pass();
    for (const c of cases) expect(await ruralChangedOn(c.id, versionId)).toHaveLength(1);
    expect(await onVersion()).toHaveLength(4);
  });

  it('a case another transaction holds is skipped and taken by the next pass; the standard waits until then', async () => {
    clock().set('2026-03-02T02:00:00Z');
    const held = await supported(svc, idNumber('1986-01-01'), { area: 'rural', facts: { disabilities: [{ kind: 'physical', grade: 1 }] } });
    const free = await supported(svc, idNumber('1987-01-01'), { area: 'rural', facts: { disabilities: [{ kind: 'physical', grade: 1 }] } });
    clock().set('2026-09-20T02:00:00Z');
    const versionId = 'dibao.standard/640202/rural@2026-10-01';
    await svc.deliver([standardMessage({ area: 'rural', monthlyFen: 73000, validFrom: '2026-10-01' })]);

    const caseworker = svc.dataSource.createQueryRunner();
    await caseworker.startTransaction();
    try {
      await caseworker.query(`SELECT id FROM hardship_cases WHERE id = $1 FOR UPDATE`, [held.id]);
      await recompute().pass();
      expect(await ruralChangedOn(free.id, versionId)).toHaveLength(1);
      expect(await ruralChangedOn(held.id, versionId)).toEqual([]);
      expect(await standardOf(held.id)).not.toBe(versionId);
    } finally {
      await caseworker.rollbackTransaction();
      await caseworker.release();
    }
    await recompute().pass();
    expect(await ruralChangedOn(held.id, versionId)).toHaveLength(1);
    expect(await ruralChangedOn(free.id, versionId)).toHaveLength(1);
    expect(await standardOf(held.id)).toBe(versionId);
  });

  it('a person confirmed on the standard in force when support began is moved onto a later standard already received, from its month', async () => {
    // The 2026-10 rural standard is known; support from 2026-04 stands on the 2025 one at confirmation.
    clock().set('2026-03-02T02:00:00Z');
    const c = await supported(svc, idNumber('1988-01-01'), { area: 'rural', facts: { disabilities: [{ kind: 'physical', grade: 1 }] } });
    expect(c.entitlement).toMatchObject({ standardFen: 70000 });
    await recompute().pass();
    const versionId = 'dibao.standard/640202/rural@2026-10-01';
    expect(await ruralChangedOn(c.id, versionId)).toEqual([expect.objectContaining({ data: expect.objectContaining({ fromMonth: '2026-10', previousMonthlyFen: c.entitlement.monthlyFen }) })]);
    expect(await get(c.id)).toMatchObject({ entitlement: { standardFen: 73000 }, entitlementFromMonth: '2026-10' });
  });
});

describe('with its background work on, the service applies a new standard without anyone asking', () => {
  let live: TestService;
  beforeAll(async () => {
    live = await startHardshipRegistry();
    await receiveStandards(live);
  });
  afterAll(() => live?.dispose());

  it('a standard delivered reaches the supported persons’ entitlements by itself', async () => {
    const c = await supported(live, idNumber('1979-01-01'), { facts: { disabilities: [{ kind: 'physical', grade: 1 }] } });
    (live.clock as TestClock).set('2026-06-20T02:00:00Z');
    await live.deliver([standardMessage({ monthlyFen: 80000, validFrom: '2026-07-01' })]);
    const changed = await eventually(async () => {
      const events = (await eventsOf(live.url, 'hardship-registry.entitlement.changed')).filter((e) => e.data.caseId === c.id);
      return events.length ? events : undefined;
    }, 'the entitlement.changed of the supported person');
    expect(changed.map((e) => e.data)).toEqual([expect.objectContaining({ trigger: 'standard_published', fromMonth: '2026-07', monthlyFen: 114000 })]);
  });
});
