import { http, startLivingAllowance, TestClock, TestService } from '../../../test/support/services';
import { as, dibaoHousehold, eventsOf, expectProblem, fieldsOf } from './households';
import { approveThroughProcess } from './process';

/**
 * Parameters as data: the dibao standards in force on a date, and their publication by an
 * administrator — forward-dated, never edited in place, announced as standard.published, and used by
 * every assessment on and after their date.
 */

const ADMIN = as('admin-21', 'admin');
const LEGAL_SOURCE = '石嘴山市人民政府关于调整城乡低保标准的通知（测试）';

/** A clock the last test moves forward (past a public notice). */
const clock = new TestClock(new Date('2026-03-02T02:00:00Z'));

let svc: TestService;

beforeAll(async () => {
  svc = await startLivingAllowance({ clock });
});

afterAll(async () => {
  await svc?.dispose();
});

const CLERK = as('clerk-21');
/** Reads (standards, the catalogue, trials) as a caseworker unless told; `{}` sends no token. */
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = CLERK) => http(svc.url, method, path, body, headers);
const publish = (body: Record<string, unknown>, headers = ADMIN) => call('POST', '/parameters', body, headers);
const standard = (over: Record<string, unknown> = {}) => ({
  key: 'dibao.standard',
  districtCode: '640202',
  area: 'urban',
  validFrom: '2026-07-01',
  value: { monthlyFen: 82000 },
  legalSource: LEGAL_SOURCE,
  ...over,
});
const standardsOn = async (on?: string) => (await call('GET', on ? `/standards?on=${on}` : '/standards')).body;
const rowOf = (body: any, districtCode: string, area: string) => body.standards.find((r: any) => r.districtCode === districtCode && r.area === area);
const catalogSize = async () => (await call('GET', '/parameters')).body.versions.length;
const trialOn = (assessedOn: string, over: Record<string, unknown> = {}) => call('POST', '/trial-assessments', { household: { ...dibaoHousehold(), ...over }, assessedOn });

describe('GET /standards', () => {
  it('lists one standard per district and area (3 × urban/rural) with its version and legal source', async () => {
    const body = await standardsOn();

    expect(body.on).toBe('2026-03-02');
    expect(body.standards).toHaveLength(6);
    expect(body.standards.map((r: any) => `${r.districtCode}/${r.area}`).sort()).toEqual(
      ['640202/rural', '640202/urban', '640205/rural', '640205/urban', '640221/rural', '640221/urban'],
    );
    for (const r of body.standards) {
      expect(r).toEqual({
        districtCode: r.districtCode,
        districtName: expect.any(String),
        area: r.area,
        monthlyFen: r.area === 'urban' ? 78000 : 56000,
        versionId: `dibao.standard/${r.districtCode}/${r.area}@2025-01-01`,
        validFrom: '2025-01-01',
        legalSource: expect.stringMatching(/.{4,}/),
      });
    }
  });

  it('shows no standard for a date before any was in force', async () => {
    const body = await standardsOn('2024-12-31');

    expect(body.standards.map((r: any) => r.monthlyFen)).toEqual([null, null, null, null, null, null]);
  });

  it.each(['2026-02-30', 'tomorrow', '20260301'])('refuses ?on=%s (400 naming on)', async (on) => {
    expect(fieldsOf(expectProblem(await call('GET', `/standards?on=${on}`), 400, 'INVALID_INPUT'))).toEqual(['on']);
  });
});

describe('who may publish a parameter', () => {
  it.each([
    { who: 'nobody (no token)', headers: {}, status: 401, code: 'UNAUTHENTICATED' },
    { who: 'X-Actor headers naming an admin, without a token', headers: { 'x-actor-id': 'admin-21', 'x-actor-role': 'admin' }, status: 401, code: 'UNAUTHENTICATED' },
    { who: 'a caseworker', headers: as('officer-22', 'caseworker'), status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' },
    { who: 'a county approver', headers: as('officer-23', 'county_approver'), status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' },
    { who: 'a city auditor', headers: as('auditor-22', 'city_auditor'), status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' },
  ])('refuses a publication by $who ($status $code) and stores nothing', async ({ headers, status, code }) => {
    const before = await catalogSize();

    expectProblem(await publish(standard({ value: { monthlyFen: 99900 } }), headers), status, code);

    expect(await catalogSize()).toBe(before);
    expect((await eventsOf(svc.url, 'living-allowance.standard.published')).filter((e) => e.data.monthlyFen === 99900)).toEqual([]);
  });
});

describe('publishing a new dibao standard', () => {
  const newId = 'dibao.standard/640202/urban@2026-07-01';

  it('stores a forward-dated version (201) under a stable id', async () => {
    const res = await publish(standard());

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      key: 'dibao.standard',
      scope: '640202/urban',
      versionId: newId,
      validFrom: '2026-07-01',
      value: { monthlyFen: 82000 },
      unit: expect.any(String),
      legalSource: LEGAL_SOURCE,
    });
    expect((await call('GET', '/parameters')).body.versions.find((v: any) => v.versionId === newId)).toMatchObject({ publishedBy: 'admin-21', value: { monthlyFen: 82000 } });
  });

  it.each([
    { on: undefined, label: 'today', monthlyFen: 78000, versionId: 'dibao.standard/640202/urban@2025-01-01' },
    { on: '2026-06-30', label: 'the day before', monthlyFen: 78000, versionId: 'dibao.standard/640202/urban@2025-01-01' },
    { on: '2026-07-01', label: 'its first day', monthlyFen: 82000, versionId: newId },
    { on: '2027-01-01', label: 'later on', monthlyFen: 82000, versionId: newId },
  ])('is in force from its date only: $label shows $monthlyFen fen', async ({ on, monthlyFen, versionId }) => {
    const body = await standardsOn(on);

    expect(rowOf(body, '640202', 'urban')).toMatchObject({ monthlyFen, versionId });
    expect(rowOf(body, '640202', 'rural')).toMatchObject({ monthlyFen: 56000 });
    expect(rowOf(body, '640205', 'urban')).toMatchObject({ monthlyFen: 78000 });
  });

  it('is announced as living-allowance.standard.published', async () => {
    const events = (await eventsOf(svc.url, 'living-allowance.standard.published')).filter((e) => e.data.versionId === newId);

    expect(events.map((e) => e.data)).toEqual([
      { districtCode: '640202', area: 'urban', monthlyFen: 82000, validFrom: '2026-07-01', versionId: newId, legalSource: LEGAL_SOURCE },
    ]);
    expect(events[0].key).toBe('640202/urban');
  });

  it.each([
    { assessedOn: '2026-06-30', standardFen: 78000, versionId: 'dibao.standard/640202/urban@2025-01-01' },
    { assessedOn: '2026-07-01', standardFen: 82000, versionId: newId },
  ])('is used by a trial assessment dated $assessedOn ($versionId)', async ({ assessedOn, standardFen, versionId }) => {
    const res = await trialOn(assessedOn);

    expect(res.status).toBe(200);
    expect(res.body.standardFen).toBe(standardFen);
    expect(res.body.parameterVersions['dibao.standard/640202/urban']).toBe(versionId);
  });

  it('a second publication for the same day is a correction: it gets a distinct id and wins', async () => {
    const res = await publish(standard({ value: { monthlyFen: 83000 }, note: 'corrected figure' }));

    expect(res.status).toBe(201);
    expect(res.body.versionId).not.toBe(newId);
    expect(res.body.versionId).toMatch(/^dibao\.standard\/640202\/urban@2026-07-01/);
    expect(rowOf(await standardsOn('2026-07-01'), '640202', 'urban')).toMatchObject({ monthlyFen: 83000, versionId: res.body.versionId });
    const trial = await trialOn('2026-07-01');
    expect(trial.body).toMatchObject({ standardFen: 83000, parameterVersions: { 'dibao.standard/640202/urban': res.body.versionId } });
    // The original stays in the catalog: a decision that used it can still be re-explained.
    expect((await call('GET', '/parameters')).body.versions.map((v: any) => v.versionId)).toEqual(expect.arrayContaining([newId, res.body.versionId]));
    expect((await eventsOf(svc.url, 'living-allowance.standard.published')).filter((e) => e.data.validFrom === '2026-07-01').map((e) => e.data.monthlyFen)).toEqual([82000, 83000]);
  });

  it('may take effect today (today is not in the past)', async () => {
    const res = await publish(standard({ districtCode: '640221', area: 'rural', validFrom: '2026-03-02', value: { monthlyFen: 57000 } }));

    expect(res.status).toBe(201);
    expect(rowOf(await standardsOn(), '640221', 'rural')).toMatchObject({ monthlyFen: 57000 });
    expect((await trialOn('2026-03-02', { districtCode: '640221', area: 'rural' })).body.standardFen).toBe(57000);
  });

  it('a standard may be published after its effective date: the reassessment it opens settles the months already paid', async () => {
    const res = await publish(standard({ districtCode: '640205', area: 'rural', validFrom: '2026-01-01', value: { monthlyFen: 58000 } }));

    expect(res.status).toBe(201);
    const runs = (await call('GET', '/reassessments', undefined, ADMIN)).body.items;
    expect(runs.find((r: any) => r.standardVersionId === res.body.versionId)).toMatchObject({ districtCode: '640205', area: 'rural', validFrom: '2026-01-01' });
  });

  it('a city-wide parameter is published without a district and writes no standard.published', async () => {
    const before = (await eventsOf(svc.url, 'living-allowance.standard.published')).length;
    const res = await publish({
      key: 'dibao.assets',
      validFrom: '2026-08-01',
      value: { moneyMonthsOfStandard: 24, maxHomes: 1, housingAreaPerPersonSqm: 40, nonExemptVehiclesAllowed: 0 },
      legalSource: LEGAL_SOURCE,
    });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ scope: '', versionId: 'dibao.assets@2026-08-01' });
    expect((await eventsOf(svc.url, 'living-allowance.standard.published')).length).toBe(before);
    expect((await trialOn('2026-08-01')).body.parameterVersions['dibao.assets']).toBe('dibao.assets@2026-08-01');
  });
});

describe('a publication that cannot be right is refused, naming the field, and stores nothing', () => {
  it.each<{ what: string; body: Record<string, unknown>; field: string }>([
    { what: 'a negative standard', body: standard({ value: { monthlyFen: -1 } }), field: 'value' },
    { what: 'a zero standard', body: standard({ value: { monthlyFen: 0 } }), field: 'value' },
    { what: 'a standard in fractions of a fen', body: standard({ value: { monthlyFen: 800.5 } }), field: 'value' },
    { what: 'a standard given as a string', body: standard({ value: { monthlyFen: '80000' } }), field: 'value' },
    { what: 'a value without monthlyFen', body: standard({ value: { yuan: 800 } }), field: 'value' },
    { what: 'a value that is a bare number', body: standard({ value: 80000 }), field: 'value' },
    { what: 'a value that is null', body: standard({ value: null }), field: 'value' },
    { what: 'no value', body: standard({ value: undefined }), field: 'value' },
    { what: 'a back-dated city-wide rule', body: { key: 'dibao.payment', validFrom: '2026-03-01', value: { mode: 'gap', floorShareBp: 2000 }, legalSource: LEGAL_SOURCE }, field: 'validFrom' },
    { what: 'a date that does not exist', body: standard({ validFrom: '2026-02-30' }), field: 'validFrom' },
    { what: 'a date in another format', body: standard({ validFrom: '1 July 2026' }), field: 'validFrom' },
    { what: 'an unknown key', body: standard({ key: 'dibao.bonus' }), field: 'key' },
    { what: 'a standard without a district', body: standard({ districtCode: undefined }), field: 'districtCode' },
    { what: 'a standard for a district outside the city', body: standard({ districtCode: '640101' }), field: 'districtCode' },
    { what: 'a standard for an unknown area', body: standard({ area: 'suburban' }), field: 'area' },
    { what: 'a district on a city-wide parameter', body: { key: 'dibao.payment', districtCode: '640202', validFrom: '2026-07-01', value: { mode: 'gap', floorShareBp: 2000 }, legalSource: LEGAL_SOURCE }, field: 'districtCode' },
    { what: 'a city-wide parameter of the wrong shape', body: { key: 'low-income.band', validFrom: '2026-07-01', value: { multiplierBp: 15000 }, legalSource: LEGAL_SOURCE }, field: 'value' },
    { what: 'no legal source', body: standard({ legalSource: undefined }), field: 'legalSource' },
    { what: 'a legal source too short to name a document', body: standard({ legalSource: 'law' }), field: 'legalSource' },
    { what: 'an unknown property', body: standard({ approvedBy: 'mayor' }), field: 'approvedBy' },
    // A version no run can apply: every reassessment that read it failed, again and again.
    { what: 'a standard dated 1899-12-31', body: standard({ validFrom: '1899-12-31' }), field: 'validFrom' },
    { what: 'a standard dated the day before the catalog begins (2025-01-01)', body: standard({ validFrom: '2024-12-31' }), field: 'validFrom' },
    { what: 'a standard dated 9999-12-31', body: standard({ validFrom: '9999-12-31' }), field: 'validFrom' },
    { what: 'a standard dated 9999-12-31 even with farFuture', body: standard({ validFrom: '9999-12-31', farFuture: true }), field: 'validFrom' },
    { what: 'a rule more than 5 years ahead without farFuture', body: { key: 'dibao.gradual-exit', validFrom: '2031-03-03', value: { months: 6 }, legalSource: LEGAL_SOURCE }, field: 'validFrom' },
    { what: 'farFuture that is not true or false', body: standard({ farFuture: 'yes' }), field: 'farFuture' },
    // The value has exactly its key's shape: these were once stored.
    { what: 'a standard with a stray constructor key', body: standard({ value: { monthlyFen: 82000, constructor: 1 } }), field: 'value.constructor' },
    { what: 'a standard with a stray toString key', body: standard({ value: { monthlyFen: 82000, toString: 'x' } }), field: 'value' },
    { what: 'a standard of 2 147 483 648 fen (past a Postgres int)', body: standard({ value: { monthlyFen: 2_147_483_648 } }), field: 'value' },
    { what: 'a standard above 1 000 000 yuan a month', body: standard({ value: { monthlyFen: 100_000_001 } }), field: 'value' },
    { what: 'a city-wide rule with a stray key', body: { key: 'dibao.payment', validFrom: '2026-07-01', value: { mode: 'gap', floorShareBp: 2000, approved: true }, legalSource: LEGAL_SOURCE }, field: 'value' },
    { what: 'a deduction rule with a stray key inside', body: { key: 'dibao.deductions', validFrom: '2026-07-01', value: { medical: { allowed: true, monthlyCapFen: null, extra: 1 }, education: { allowed: true, monthlyCapFen: null }, rent: { allowed: false, monthlyCapFen: null }, employment: { allowed: true, wageShareBp: 2000, capShareOfStandardBp: null } }, legalSource: LEGAL_SOURCE }, field: 'value' },
    { what: 'price-subsidy triggers with a stray key', body: { key: 'price-subsidy.triggers', validFrom: '2026-07-01', value: { cpiTriggerBp: 350, foodCpiTriggerBp: 600, inclusive: true, covers: { dibao: true, specialHardship: true, lowIncome: false }, toString: 1 }, legalSource: LEGAL_SOURCE }, field: 'value' },
  ])('refuses $what (400 naming $field)', async ({ body, field }) => {
    const before = await catalogSize();
    // What a publication writes: a standard.published event. (Runs opened by the publications above
    // may still be writing their benefit.adjusted events meanwhile, so the whole outbox is no measure.)
    const eventsBefore = (await eventsOf(svc.url, 'living-allowance.standard.published')).length;

    const problem = expectProblem(await publish(body), 400, 'INVALID_INPUT');

    expect(fieldsOf(problem)).toContain(field);
    expect(await catalogSize()).toBe(before);
    expect((await eventsOf(svc.url, 'living-allowance.standard.published')).length).toBe(eventsBefore);
  });
});

describe('the window of validFrom dates', () => {
  it('a rule exactly 5 years ahead is accepted; one further ahead only with farFuture: true', async () => {
    const rule = (validFrom: string, over: Record<string, unknown> = {}) => ({ key: 'dibao.gradual-exit', validFrom, value: { months: 6 }, legalSource: LEGAL_SOURCE, ...over });

    expect((await publish(rule('2031-03-02'))).status).toBe(201);
    expect(fieldsOf(expectProblem(await publish(rule('2040-01-01')), 400, 'INVALID_INPUT'))).toEqual(['validFrom']);
    const far = await publish(rule('2040-01-01', { farFuture: true }));

    expect(far.status).toBe(201);
    expect(far.body).toMatchObject({ versionId: 'dibao.gradual-exit@2040-01-01', validFrom: '2040-01-01' });
  });
});

describe('publishing the same version twice', () => {
  const same = () => standard({ districtCode: '640221', area: 'urban', validFrom: '2026-09-01', value: { monthlyFen: 81000 } });
  const runsOf = async (versionId: string) => (await call('GET', '/reassessments', undefined, ADMIN)).body.items.filter((r: any) => r.standardVersionId.startsWith(versionId));
  const announced = async () => (await eventsOf(svc.url, 'living-allowance.standard.published')).filter((e) => e.data.versionId.startsWith('dibao.standard/640221/urban@2026-09-01'));

  it('the second identical publication answers 200 with the version already stored, and nothing else happens', async () => {
    const first = await publish(same());
    const size = await catalogSize();

    const again = await publish(same(), as('admin-99', 'admin'));

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.body.versionId).toBe('dibao.standard/640221/urban@2026-09-01');
    expect(await catalogSize()).toBe(size);
    expect((await announced()).length).toBe(1);
    expect((await runsOf('dibao.standard/640221/urban@2026-09-01')).length).toBe(1);
  });

  it('after a correction, publishing the original value again is a new correction that wins (201)', async () => {
    const corrected = await publish(standard({ districtCode: '640221', area: 'urban', validFrom: '2026-09-01', value: { monthlyFen: 81500 } }));
    const back = await publish(same());

    expect(corrected.status).toBe(201);
    expect(back.status).toBe(201);
    expect(back.body.versionId).toBe('dibao.standard/640221/urban@2026-09-01#3');
    expect(rowOf(await standardsOn('2026-09-01'), '640221', 'urban')).toMatchObject({ monthlyFen: 81000, versionId: back.body.versionId });
    expect((await announced()).map((e) => e.data.monthlyFen)).toEqual([81000, 81500, 81000]);
  });
});

describe('a case is decided on the assessment fixed at submission', () => {
  it('pays what the submitted assessment found even when a new standard took effect before approval', async () => {
    const household = { ...dibaoHousehold(), districtCode: '640205' };
    const filed = await call('POST', '/applications', { household }, as('clerk-23'));
    const submitted = await call('POST', `/applications/${filed.body.id}/submit`, { expectedVersion: 1 }, as('clerk-23'));
    expect(submitted.body.assessment).toMatchObject({ standardFen: 78000, assessedOn: '2026-03-02' });
    expect((await publish(standard({ districtCode: '640205', validFrom: '2026-03-03', value: { monthlyFen: 90000 } }))).status).toBe(201);

    // Through the township review and the 7-day notice: approved on 2026-03-10, after the new standard took effect.
    const approved = await approveThroughProcess(svc.url, svc.clock, filed.body.id, 2, { approverId: 'officer-24' });

    expect(approved).toMatchObject({ monthlyBenefitFen: submitted.body.assessment.monthlyBenefitFen, decidedOn: '2026-03-10', effectiveMonth: '2026-04' });
    const [event] = (await eventsOf(svc.url, 'living-allowance.case.approved')).filter((e) => e.data.caseId === filed.body.id);
    expect(event.data).toMatchObject({ standardFen: 78000, monthlyBenefitFen: submitted.body.assessment.monthlyBenefitFen });
    // A new trial on the new day does use the new standard.
    expect((await trialOn('2026-03-03', { districtCode: '640205' })).body.standardFen).toBe(90000);
  });
});
