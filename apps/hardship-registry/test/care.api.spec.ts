import { eventsOf, expectProblem, fieldsOf } from '../../../test/support/api';
import { http, startHardshipRegistry, TestClock, TestService } from '../../../test/support/services';
import { APPROVER, as, CASEWORKER, idNumber, INVESTIGATOR, receiveStandards, supported, applied } from './persons';

/**
 * Care institutions, their beds, and where each supported person is cared for (集中供养 / 分散供养,
 * policy.md §3 "Care"), on real Postgres: the district's supervisor keeps the register; the
 * township's caseworker places a supported person in a bed, moves them, or sends them home — the
 * previous bed freed in the same transaction, one person a bed, the care allowance of the new
 * setting from the next month, and the events in the outbox with the change.
 */
let svc: TestService;
const clock = () => svc.clock as TestClock;
const call = (method: string, path: string, body: unknown, headers: Record<string, string>) => http(svc.url, method, path, body, headers);
const SUPERVISOR = as('sv-1', 'supervisor', '640202');
const get = async (id: string) => (await call('GET', `/cases/${id}`, undefined, APPROVER)).body;
const eventsOfCase = async (type: string, caseId: string) => (await eventsOf(svc.url, `hardship-registry.${type}`)).filter((e) => e.data.caseId === caseId);
const historyOf = async (caseId: string) => (await call('GET', `/cases/${caseId}/care-settings`, undefined, CASEWORKER)).body.items;

let institutionSeq = 0;
async function institution(o: { townshipCode?: string | null; beds?: { code: string; kind: string }[]; by?: Record<string, string> } = {}) {
  institutionSeq += 1;
  const body = {
    name: `大武口区供养服务中心${institutionSeq}`,
    kind: o.townshipCode ? 'elderly_home' : 'support_facility',
    districtCode: '640202',
    ...(o.townshipCode ? { townshipCode: o.townshipCode } : {}),
    beds: o.beds ?? [
      { code: 'A-101', kind: 'nursing' },
      { code: 'A-102', kind: 'nursing' },
      { code: 'B-201', kind: 'ordinary' },
    ],
  };
  const res = await call('POST', '/institutions', body, o.by ?? SUPERVISOR);
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
const bed = (i: { beds: { id: string; code: string }[] }, code: string) => i.beds.find((b) => b.code === code)!.id;
const institutionNow = async (id: string) => (await call('GET', `/institutions/${id}`, undefined, CASEWORKER)).body;

/** A person under 60 supported from 2026-04 (physical disability grade 1), `lost` of the six activities not done alone. */
const person = (lost = 0) => supported(svc, idNumber('1980-01-01'), { facts: { disabilities: [{ kind: 'physical', grade: 1 }] }, lost });

async function place(c: { id: string }, institutionId: string, bedId: string, by = CASEWORKER) {
  const version = (await get(c.id)).version;
  return call('POST', `/cases/${c.id}/care-setting`, { expectedVersion: version, careSetting: 'institution', placement: { institutionId, bedId } }, by);
}

beforeAll(async () => {
  svc = await startHardshipRegistry({ backgroundJobs: false });
  await receiveStandards(svc);
});
afterAll(() => svc?.dispose());

describe('the register of care institutions and beds', () => {
  it('a supervisor registers an institution of their district with its beds, audited; its staff read it with its occupancy', async () => {
    clock().set('2026-03-02T02:00:00Z');
    const i = await institution();
    expect(i).toMatchObject({ kind: 'support_facility', districtCode: '640202', townshipCode: null, bedsInService: 3, nursingBeds: 2, occupiedBeds: 0, freeBeds: 3, version: 1, registeredBy: 'sv-1' });
    expect(i.beds.map((b: { code: string; kind: string; occupied: boolean }) => [b.code, b.kind, b.occupied])).toEqual([
      ['A-101', 'nursing', false],
      ['A-102', 'nursing', false],
      ['B-201', 'ordinary', false],
    ]);
    const audited = await svc.dataSource.query(`SELECT actor, action FROM audit_log WHERE target = $1`, [`care_institution:${i.id}`]);
    expect(audited).toEqual([{ actor: 'sv-1', action: 'care_institution.register' }]);
    const listed = (await call('GET', '/institutions?limit=500', undefined, CASEWORKER)).body.items.map((x: { id: string }) => x.id);
    expect(listed).toContain(i.id);
  });

  it('a township reaches its own elderly home and the district’s facilities, never another township’s home', async () => {
    const county = await institution();
    const own = await institution({ townshipCode: '640202001' });
    const other = await institution({ townshipCode: '640202002' });
    const listed = (await call('GET', '/institutions?limit=500', undefined, CASEWORKER)).body.items.map((x: { id: string }) => x.id);
    expect(listed).toEqual(expect.arrayContaining([county.id, own.id]));
    expect(listed).not.toContain(other.id);
    expectProblem(await call('GET', `/institutions/${other.id}`, undefined, CASEWORKER), 404);
    expectProblem(await call('GET', `/institutions/${county.id}`, undefined, as('cw-9', 'caseworker', '640205001')), 404);
  });

  it('an institution placed outside the supervisor’s jurisdiction is refused naming the field, and nothing is registered', async () => {
    const res = await call('POST', '/institutions', { name: '惠农区敬老院', kind: 'elderly_home', districtCode: '640205', townshipCode: '640205001', beds: [] }, SUPERVISOR);
    expect(fieldsOf(expectProblem(res, 403, 'JURISDICTION.OUTSIDE'))).toEqual(['townshipCode']);
    expect(await svc.dataSource.query(`SELECT id FROM care_institutions WHERE name = '惠农区敬老院'`)).toEqual([]);
  });

  it('refuses bad beds with a 400 naming each field, a repeated code naming its place, and a name the district already has with a 409', async () => {
    const bad = await call('POST', '/institutions', { name: '某敬老院', kind: 'hospital', districtCode: '640202', beds: [{ code: 'A 1', kind: 'luxury' }] }, SUPERVISOR);
    expect(new Set(fieldsOf(expectProblem(bad, 400)))).toEqual(new Set(['kind', 'beds[0].code', 'beds[0].kind']));
    const repeated = await call('POST', '/institutions', { name: '某敬老院', kind: 'elderly_home', districtCode: '640202', beds: [{ code: 'A1', kind: 'nursing' }, { code: 'A1', kind: 'ordinary' }] }, SUPERVISOR);
    expect(fieldsOf(expectProblem(repeated, 400, 'HARDSHIP.BED_CODE_REPEATED'))).toEqual(['beds[1].code']);
    const i = await institution();
    const again = await call('POST', '/institutions', { name: i.name, kind: 'support_facility', districtCode: '640202', beds: [] }, SUPERVISOR);
    expect(fieldsOf(expectProblem(again, 409, 'HARDSHIP.INSTITUTION_NAME_TAKEN'))).toEqual(['name']);
  });

  it('adds beds at the version read: a stale version is a 409 and adds nothing; a code a bed in service has is a 409', async () => {
    const i = await institution();
    const added = await call('POST', `/institutions/${i.id}/beds`, { expectedVersion: 1, beds: [{ code: 'C-301', kind: 'nursing' }] }, SUPERVISOR);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ version: 2, bedsInService: 4, nursingBeds: 3 });
    expectProblem(await call('POST', `/institutions/${i.id}/beds`, { expectedVersion: 1, beds: [{ code: 'C-302', kind: 'nursing' }] }, SUPERVISOR), 409, 'HARDSHIP.INSTITUTION_VERSION_CONFLICT');
    expectProblem(await call('POST', `/institutions/${i.id}/beds`, { expectedVersion: 2, beds: [{ code: 'A-101', kind: 'ordinary' }] }, SUPERVISOR), 409, 'HARDSHIP.BED_CODE_TAKEN');
    expect(await institutionNow(i.id)).toMatchObject({ version: 2, bedsInService: 4 });
    expectProblem(await call('POST', `/institutions/${i.id}/beds`, { expectedVersion: 2, beds: [{ code: 'C-303', kind: 'nursing' }] }, CASEWORKER), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await call('POST', `/institutions/${i.id}/beds`, { expectedVersion: 2, beds: [{ code: 'C-303', kind: 'nursing' }] }, as('sv-9', 'supervisor', '640205')), 404);
  });

  it('an occupied bed cannot be retired; once empty it is retired, takes nobody, and its code may be given again', async () => {
    clock().set('2026-05-12T02:00:00Z');
    const i = await institution();
    const c = await person();
    clock().set('2026-05-12T02:00:00Z');
    expect((await place(c, i.id, bed(i, 'A-101'))).status).toBe(200);
    const v = (await institutionNow(i.id)).version;
    expectProblem(await call('POST', `/institutions/${i.id}/beds/${bed(i, 'A-101')}/retire`, { expectedVersion: v }, SUPERVISOR), 409, 'HARDSHIP.BED_OCCUPIED');
    const retired = await call('POST', `/institutions/${i.id}/beds/${bed(i, 'B-201')}/retire`, { expectedVersion: v }, SUPERVISOR);
    expect(retired.body).toMatchObject({ version: v + 1, bedsInService: 2, nursingBeds: 2 });
    expect(retired.body.beds.find((b: { code: string }) => b.code === 'B-201')).toMatchObject({ retiredOn: '2026-05-12' });
    const other = await person();
    clock().set('2026-05-12T02:00:00Z');
    expectProblem(await place(other, i.id, bed(i, 'B-201')), 409, 'HARDSHIP.BED_RETIRED');
    const readded = await call('POST', `/institutions/${i.id}/beds`, { expectedVersion: v + 1, beds: [{ code: 'B-201', kind: 'nursing' }] }, SUPERVISOR);
    expect(readded.body).toMatchObject({ bedsInService: 3, nursingBeds: 3 });
  });
});

describe('placing a supported person, moving them, sending them home', () => {
  it('placing a person in a bed: institutional care allowance from the next month, the bed taken, care-setting.changed and entitlement.changed with the change, audited', async () => {
    const i = await institution();
    const c = await person(2);
    expect(c.entitlement).toMatchObject({ selfCare: 'partly_lost', careSetting: 'home', careAllowanceFen: 30000 });
    clock().set('2026-05-12T02:00:00Z');
    const res = await place(c, i.id, bed(i, 'A-101'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ careSetting: 'institution', entitlement: { careSetting: 'institution', careAllowanceFen: 45000, monthlyFen: c.entitlement.monthlyFen + 15000 }, entitlementFromMonth: '2026-06', version: c.version + 1 });
    expect((await eventsOfCase('care-setting.changed', c.id)).map((e) => e.data)).toEqual([{ caseId: c.id, personRef: c.personRef, districtCode: '640202', from: 'home', to: 'institution', changedOn: '2026-05-12' }]);
    expect((await eventsOfCase('entitlement.changed', c.id)).map((e) => e.data)).toEqual([
      expect.objectContaining({ trigger: 'care_setting_changed', fromMonth: '2026-06', previousMonthlyFen: c.entitlement.monthlyFen, monthlyFen: c.entitlement.monthlyFen + 15000, careSetting: 'institution', careAllowanceFen: 45000 }),
    ]);
    expect((await institutionNow(i.id)).beds.find((b: { code: string }) => b.code === 'A-101')).toMatchObject({ occupied: true, occupiedSince: '2026-05-12' });
    expect(await historyOf(c.id)).toEqual([
      expect.objectContaining({ careSetting: 'home', institution: null, bed: null, fromOn: '2026-03-10', untilOn: '2026-05-12', reason: 'registered', setBy: 'ca-1', endReason: 'placed', endedBy: 'cw-1' }),
      expect.objectContaining({ careSetting: 'institution', institution: expect.objectContaining({ id: i.id, name: i.name }), bed: expect.objectContaining({ code: 'A-101', kind: 'nursing' }), fromOn: '2026-05-12', untilOn: null, reason: 'placed', setBy: 'cw-1' }),
    ]);
    const audited = await svc.dataSource.query(`SELECT actor, action FROM audit_log WHERE target = $1 ORDER BY seq`, [`hardship_case:${c.id}`]);
    expect(audited).toEqual(expect.arrayContaining([{ actor: 'cw-1', action: 'hardship_case.change_care_setting+change_entitlement' }]));
  });

  it('a bed already occupied cannot take a second person, and the refusal writes nothing', async () => {
    const i = await institution();
    const first = await person();
    const second = await person();
    clock().set('2026-05-12T02:00:00Z');
    expect((await place(first, i.id, bed(i, 'A-101'))).status).toBe(200);
    const before = await get(second.id);
    const res = await place(second, i.id, bed(i, 'A-101'));
    expect(fieldsOf(expectProblem(res, 409, 'HARDSHIP.BED_OCCUPIED'))).toEqual(['placement.bedId']);
    expect(await get(second.id)).toMatchObject({ careSetting: 'home', version: before.version });
    expect(await eventsOfCase('care-setting.changed', second.id)).toEqual([]);
    expect(await historyOf(second.id)).toEqual([expect.objectContaining({ careSetting: 'home', untilOn: null })]);
  });

  it('two placements into one bed at the same moment: one person gets it, the other a 409', async () => {
    const i = await institution();
    const [a, b] = [await person(), await person()];
    clock().set('2026-05-12T02:00:00Z');
    const [va, vb] = [(await get(a.id)).version, (await get(b.id)).version];
    const body = (v: number) => ({ expectedVersion: v, careSetting: 'institution', placement: { institutionId: i.id, bedId: bed(i, 'A-102') } });
    const [ra, rb] = await Promise.all([call('POST', `/cases/${a.id}/care-setting`, body(va), CASEWORKER), call('POST', `/cases/${b.id}/care-setting`, body(vb), as('cw-2', 'caseworker', '640202001'))]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    expect([ra.body.code, rb.body.code].filter(Boolean)).toEqual(['HARDSHIP.BED_OCCUPIED']);
    const [{ n }] = await svc.dataSource.query(`SELECT count(*)::int AS n FROM care_setting_periods WHERE bed_id = $1 AND until_on IS NULL`, [bed(i, 'A-102')]);
    expect(n).toBe(1);
  });

  it('a transfer to another bed frees the previous one; the setting and the allowance stay, so neither event is announced', async () => {
    const i = await institution();
    const j = await institution({ townshipCode: '640202001' });
    const c = await person();
    clock().set('2026-05-12T02:00:00Z');
    const placed = (await place(c, i.id, bed(i, 'A-101'))).body;
    clock().set('2026-05-20T02:00:00Z');
    const moved = await place(c, j.id, bed(j, 'B-201'));
    expect(moved.body).toMatchObject({ careSetting: 'institution', entitlement: { monthlyFen: placed.entitlement.monthlyFen }, version: placed.version + 1 });
    expect((await institutionNow(i.id)).beds.find((b: { code: string }) => b.code === 'A-101')).toMatchObject({ occupied: false });
    expect((await institutionNow(j.id)).beds.find((b: { code: string }) => b.code === 'B-201')).toMatchObject({ occupied: true, occupiedSince: '2026-05-20' });
    expect(await eventsOfCase('care-setting.changed', c.id)).toHaveLength(1);
    expect(await eventsOfCase('entitlement.changed', c.id)).toHaveLength(1);
    expect((await historyOf(c.id)).map((p: { reason: string; untilOn: string | null; endReason: string | null }) => [p.reason, p.untilOn, p.endReason])).toEqual([
      ['registered', '2026-05-12', 'placed'],
      ['placed', '2026-05-20', 'transferred'],
      ['transferred', null, null],
    ]);
    // The freed bed takes the next person.
    const next = await person();
    clock().set('2026-05-21T02:00:00Z');
    expect((await place(next, i.id, bed(i, 'A-101'))).status).toBe(200);
  });

  it('moving to home care frees the bed and brings back the home care allowance from the next month', async () => {
    const i = await institution();
    const c = await person(4);
    clock().set('2026-05-12T02:00:00Z');
    const placed = (await place(c, i.id, bed(i, 'A-101'))).body;
    clock().set('2026-06-15T02:00:00Z');
    const home = await call('POST', `/cases/${c.id}/care-setting`, { expectedVersion: placed.version, careSetting: 'home' }, as('sv-1', 'supervisor', '640202'));
    expect(home.status).toBe(200);
    expect(home.body).toMatchObject({ careSetting: 'home', entitlement: { careSetting: 'home', careAllowanceFen: 60000, monthlyFen: c.entitlement.monthlyFen }, entitlementFromMonth: '2026-07' });
    expect((await institutionNow(i.id)).beds.find((b: { code: string }) => b.code === 'A-101')).toMatchObject({ occupied: false, occupiedSince: null });
    expect((await eventsOfCase('care-setting.changed', c.id)).map((e) => [e.data.from, e.data.to])).toEqual([
      ['home', 'institution'],
      ['institution', 'home'],
    ]);
    expect((await historyOf(c.id)).at(-1)).toMatchObject({ careSetting: 'home', reason: 'returned_home', fromOn: '2026-06-15', setBy: 'sv-1', untilOn: null });
  });

  it('terminating support frees the bed: the last period ends on the decision', async () => {
    const i = await institution();
    const c = await person();
    clock().set('2026-05-12T02:00:00Z');
    const placed = (await place(c, i.id, bed(i, 'A-101'))).body;
    const proposed = await call('POST', `/cases/${c.id}/termination`, { expectedVersion: placed.version, ground: 'death' }, INVESTIGATOR);
    expect(proposed.status).toBe(200);
    expect((await institutionNow(i.id)).beds.find((b: { code: string }) => b.code === 'A-101')).toMatchObject({ occupied: true });
    clock().set('2026-05-25T02:00:00Z');
    const ended = await call('POST', `/cases/${c.id}/terminate`, { expectedVersion: proposed.body.version }, APPROVER);
    expect(ended.body).toMatchObject({ status: 'terminated' });
    expect((await institutionNow(i.id)).beds.find((b: { code: string }) => b.code === 'A-101')).toMatchObject({ occupied: false });
    expect((await historyOf(c.id)).at(-1)).toMatchObject({ careSetting: 'institution', untilOn: '2026-05-25', endReason: 'terminated', endedBy: 'ca-1' });
  });

  it('a stale version is a 409, a case of another township a 404, an institution out of reach a 404, a bed of another institution a 400 — and none writes anything', async () => {
    const i = await institution();
    const elsewhere = await institution({ townshipCode: '640202002' });
    const c = await person();
    clock().set('2026-05-12T02:00:00Z');
    const v = (await get(c.id)).version;
    const to = (institutionId: string, bedId: string, expectedVersion = v) => ({ expectedVersion, careSetting: 'institution', placement: { institutionId, bedId } });
    expect(fieldsOf(expectProblem(await call('POST', `/cases/${c.id}/care-setting`, to(i.id, bed(i, 'A-101'), v - 1), CASEWORKER), 409, 'HARDSHIP.VERSION_CONFLICT'))).toEqual(['expectedVersion']);
    expectProblem(await call('POST', `/cases/${c.id}/care-setting`, to(i.id, bed(i, 'A-101')), as('cw-5', 'caseworker', '640202002')), 404);
    expectProblem(await call('GET', `/cases/${c.id}/care-settings`, undefined, as('cw-5', 'caseworker', '640202002')), 404);
    expectProblem(await call('POST', `/cases/${c.id}/care-setting`, to(elsewhere.id, bed(elsewhere, 'A-101')), CASEWORKER), 404);
    expect(fieldsOf(expectProblem(await call('POST', `/cases/${c.id}/care-setting`, to(i.id, bed(elsewhere, 'A-101')), CASEWORKER), 400))).toEqual(['placement.bedId']);
    expect(await get(c.id)).toMatchObject({ careSetting: 'home', version: v });
    expect((await institutionNow(i.id)).occupiedBeds).toBe(0);
  });

  it('refuses bad input with a 400 naming the field: the setting, a bed for home care, no bed for institutional care', async () => {
    const c = await person();
    const v = (await get(c.id)).version;
    const post = (body: unknown) => call('POST', `/cases/${c.id}/care-setting`, body, CASEWORKER);
    expect(new Set(fieldsOf(expectProblem(await post({ expectedVersion: v, careSetting: 'hospital', placement: { institutionId: 'x' } }), 400)))).toEqual(
      new Set(['careSetting', 'placement.institutionId', 'placement.bedId']),
    );
    expect(fieldsOf(expectProblem(await post({ expectedVersion: v, careSetting: 'institution' }), 400, 'HARDSHIP.PLACEMENT_REQUIRED'))).toEqual(['placement']);
    const i = await institution();
    expect(fieldsOf(expectProblem(await post({ expectedVersion: v, careSetting: 'home', placement: { institutionId: i.id, bedId: bed(i, 'A-101') } }), 400, 'HARDSHIP.PLACEMENT_NOT_FOR_HOME_CARE'))).toEqual(['placement']);
    expectProblem(await post({ expectedVersion: v, careSetting: 'home' }), 409, 'HARDSHIP.CARE_SETTING_UNCHANGED');
    expect((await get(c.id)).version).toBe(v);
  });

  it('only a supported person is placed: an application on its way is a 409; only a caseworker or supervisor places', async () => {
    clock().set('2026-05-12T02:00:00Z');
    const i = await institution();
    const c = await applied(svc, idNumber('1981-02-02'), { facts: { disabilities: [{ kind: 'physical', grade: 1 }] } });
    expectProblem(await call('POST', `/cases/${c.id}/care-setting`, { expectedVersion: c.version, careSetting: 'institution', placement: { institutionId: i.id, bedId: bed(i, 'A-101') } }, CASEWORKER), 409, 'HARDSHIP.ILLEGAL_TRANSITION');
    expectProblem(await call('POST', `/cases/${c.id}/care-setting`, { expectedVersion: c.version, careSetting: 'home' }, APPROVER), 403, 'AUTH.ROLE_NOT_ALLOWED');
  });
});
