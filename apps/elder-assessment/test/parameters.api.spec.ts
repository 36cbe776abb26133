import { startElderAssessment, TestService } from '../../../test/support/services';
import { as, client, expectProblem, fieldsOf, form, idNumber } from './elders';

/**
 * Every number of the assessment is a parameter with an effective date: item ranges, level cut-offs,
 * raises, the re-assessment interval, the self-care mapping and the elder age. An administrator
 * publishes a new version going forward; an assessment is scored with the versions in force on its
 * date and names them.
 */

const ADMIN = as('admin-21', 'admin');
const LEGAL_SOURCE = '石嘴山市民政局关于老年人能力评估周期的通知（测试）';

let svc: TestService;
const api = client(() => svc.url);

beforeAll(async () => {
  svc = await startElderAssessment({ backgroundJobs: false });
});

afterAll(async () => {
  await svc?.dispose();
});

const publish = (body: Record<string, unknown>, headers = ADMIN) => api.call('POST', '/parameters', body, headers);
const interval = (over: Record<string, unknown> = {}) => ({ key: 'elder.reassessment-interval', validFrom: '2026-03-02', value: { routineMonths: 6 }, legalSource: LEGAL_SOURCE, ...over });

describe('GET /parameters', () => {
  it('lists the seeded default of every key, with its legal source, from 2025-01-01', async () => {
    const res = await api.read('/parameters');

    expect(res.status).toBe(200);
    expect(res.body.versions.map((v: any) => v.key).sort()).toEqual([
      'elder.item-score-ranges',
      'elder.level-cut-offs',
      'elder.minimum-age',
      'elder.raise-cap',
      'elder.raise-rules',
      'elder.reassessment-interval',
      'elder.self-care-mapping',
    ]);
    for (const v of res.body.versions) expect(v).toMatchObject({ validFrom: '2025-01-01', publishedBy: 'system:seed', legalSource: expect.stringMatching(/.{4,}/) });
  });
});

describe('who may publish', () => {
  it.each([
    ['nobody (no token)', {}, 401, 'UNAUTHENTICATED'],
    ['X-Actor headers claiming admin, without a token', { 'x-actor-id': 'admin-21', 'x-actor-role': 'admin' }, 401, 'UNAUTHENTICATED'],
    ['a caseworker', as('officer-22'), 403, 'AUTH.ROLE_NOT_ALLOWED'],
    ['an assessor', as('assessor-01', 'assessor', '640205'), 403, 'AUTH.ROLE_NOT_ALLOWED'],
    ['a city auditor', as('auditor-01', 'city_auditor'), 403, 'AUTH.ROLE_NOT_ALLOWED'],
  ])('refuses %s', async (_who, headers, status, code) => {
    expectProblem(await publish(interval(), headers as Record<string, string>), status as number, code as string);
  });
});

describe('what may be published', () => {
  it.each([
    ['an unknown key', interval({ key: 'elder.bonus' }), 'key'],
    ['a date in the past (it would change the basis of results already given)', interval({ validFrom: '2026-03-01' }), 'validFrom'],
    ['an impossible date', interval({ validFrom: '2026-02-30' }), 'validFrom'],
    ['a value of the wrong shape', interval({ value: { routineMonths: 0 } }), 'value'],
    ['level cut-offs that do not fall from intact to complete', { key: 'elder.level-cut-offs', validFrom: '2026-04-01', value: { intact: 90, mild: 66, moderate: 70, severe: 30, complete: 0 }, legalSource: LEGAL_SOURCE }, 'value'],
    ['a date before the catalog begins (1899-12-31)', interval({ validFrom: '1899-12-31' }), 'validFrom'],
    ['a date no assessment will reach (9999-12-31)', interval({ validFrom: '9999-12-31' }), 'validFrom'],
    ['a date more than 5 years ahead without farFuture', interval({ validFrom: '2031-03-03' }), 'validFrom'],
    ['a value with a stray constructor key', interval({ value: { routineMonths: 6, constructor: 1 } }), 'value.constructor'],
    ['a value with a stray toString key', interval({ value: { routineMonths: 6, toString: 'x' } }), 'value'],
    ['an interval of 2 147 483 648 months', interval({ value: { routineMonths: 2_147_483_648 } }), 'value'],
    ['a cut-off table with a sixth level', { key: 'elder.level-cut-offs', validFrom: '2026-04-01', value: { intact: 90, mild: 66, moderate: 46, severe: 30, complete: 0, extra: 10 }, legalSource: LEGAL_SOURCE }, 'value'],
    ['a district on a city-wide parameter', interval({ districtCode: '640205' }), 'districtCode'],
  ])('refuses %s (400 naming the field)', async (_what, body, field) => {
    expect(fieldsOf(expectProblem(await publish(body), 400, 'INVALID_INPUT'))).toEqual([field]);
  });
});

describe('a published version is used from its date', () => {
  it('publishes a 6-month interval from today; an assessment of today is due in 6 months and names the version', async () => {
    const before = await api.completed(form({ assessedOn: '2026-03-01' }));
    const res = await publish(interval());

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ key: 'elder.reassessment-interval', versionId: 'elder.reassessment-interval@2026-03-02', validFrom: '2026-03-02', unit: 'months' });

    const after = await api.completed(form({ assessedOn: '2026-03-02' }));
    expect(after.validUntil).toBe('2026-09-02');
    expect(after.result.parameterVersions['elder.reassessment-interval']).toBe('elder.reassessment-interval@2026-03-02');
    // Completed before, on an earlier date: unchanged.
    expect((await api.get(before.id)).body).toMatchObject({ validUntil: '2027-03-01', result: { parameterVersions: { 'elder.reassessment-interval': 'elder.reassessment-interval@2025-01-01' } } });
  });

  it('a same-day correction is a new version that wins, never an edit', async () => {
    const res = await publish(interval({ value: { routineMonths: 9 } }));

    expect(res.body.versionId).toBe('elder.reassessment-interval@2026-03-02#2');
    expect((await api.completed(form({ assessedOn: '2026-03-02' }))).validUntil).toBe('2026-12-02');
    const versions = (await api.read('/parameters')).body.versions.filter((v: any) => v.key === 'elder.reassessment-interval');
    expect(versions.map((v: any) => v.value.routineMonths)).toEqual([12, 6, 9]);
  });

  it('a raised elder age applies to assessments from its date', async () => {
    expect((await publish({ key: 'elder.minimum-age', validFrom: '2026-03-02', value: { years: 65 }, legalSource: LEGAL_SOURCE })).status).toBe(201);

    const sixtyTwo = idNumber('1964-01-01');
    expectProblem(await api.create(form({ idNumber: sixtyTwo })), 400, 'ASSESSMENT.NOT_AN_ELDER');
    expect((await api.create(form({ idNumber: sixtyTwo, assessedOn: '2026-03-01' }))).status).toBe(201);
  });
});

describe('publishing the same version twice', () => {
  const cap = () => ({ key: 'elder.raise-cap', validFrom: '2026-05-01', value: { maxCombinedLevels: 2 }, legalSource: LEGAL_SOURCE });

  it('answers 200 with the version already stored; the catalog does not grow', async () => {
    const first = await publish(cap());
    const size = (await api.read('/parameters')).body.versions.length;

    const again = await publish(cap());

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.body.versionId).toBe('elder.raise-cap@2026-05-01');
    expect((await api.read('/parameters')).body.versions.length).toBe(size);
  });

  it('with another value it is a correction (201, …#2)', async () => {
    const res = await publish({ ...cap(), value: { maxCombinedLevels: 1 } });

    expect(res.status).toBe(201);
    expect(res.body.versionId).toBe('elder.raise-cap@2026-05-01#2');
  });
});
