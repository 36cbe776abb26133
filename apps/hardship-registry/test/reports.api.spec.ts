import { expectProblem } from '../../../test/support/api';
import { http, startHardshipRegistry, TestClock, TestService } from '../../../test/support/services';
import { applied, APPROVER, as, CASEWORKER, idNumber, INVESTIGATOR, receiveStandards, supported } from './persons';

/**
 * The district reports against the city plan (第六章: concentrated care ≥ 50 % among those who
 * cannot look after themselves; nursing-type beds 60 % by 2025), on real Postgres: counted in SQL
 * within the reader's jurisdiction, from the supported persons and the beds in service.
 */
let svc: TestService;
const clock = () => svc.clock as TestClock;
const call = (method: string, path: string, body: unknown, headers: Record<string, string>) => http(svc.url, method, path, body, headers);
const SUPERVISOR = as('sv-1', 'supervisor', '640202');
const AUDITOR = as('au-1', 'city_auditor');
const reportOf = async (headers: Record<string, string>, query = '') => {
  const res = await call('GET', `/reports/districts${query}`, undefined, headers);
  if (res.status !== 200) throw new Error(`reports answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};
const district = (body: { items: { districtCode: string }[] }, code: string) => body.items.find((d) => d.districtCode === code) as any;

/** A person under 60 supported from 2026-04 (physical disability grade 1), `lost` of the six activities not done alone. */
const person = (lost: number) => supported(svc, idNumber('1980-01-01'), { facts: { disabilities: [{ kind: 'physical', grade: 1 }] }, lost });

async function register(body: Record<string, unknown>, by: Record<string, string>) {
  const res = await call('POST', '/institutions', body, by);
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
async function place(c: { id: string }, institution: { id: string; beds: { id: string; code: string }[] }, code: string) {
  const version = (await call('GET', `/cases/${c.id}`, undefined, APPROVER)).body.version;
  const res = await call('POST', `/cases/${c.id}/care-setting`, { expectedVersion: version, careSetting: 'institution', placement: { institutionId: institution.id, bedId: institution.beds.find((b) => b.code === code)!.id } }, CASEWORKER);
  if (res.status !== 200) throw new Error(`placement answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

let dawukou: { id: string; version: number; beds: { id: string; code: string }[] };

beforeAll(async () => {
  svc = await startHardshipRegistry({ backgroundJobs: false });
  await receiveStandards(svc);
  // 大武口区: 3 nursing and 2 ordinary beds, one ordinary retired; 惠农区: 1 nursing and 3 ordinary beds.
  dawukou = await register(
    {
      name: '大武口区特困人员供养服务中心',
      kind: 'support_facility',
      districtCode: '640202',
      beds: [
        { code: 'N-1', kind: 'nursing' },
        { code: 'N-2', kind: 'nursing' },
        { code: 'N-3', kind: 'nursing' },
        { code: 'O-1', kind: 'ordinary' },
        { code: 'O-2', kind: 'ordinary' },
      ],
    },
    SUPERVISOR,
  );
  dawukou = (await call('POST', `/institutions/${dawukou.id}/beds/${dawukou.beds.find((b) => b.code === 'O-2')!.id}/retire`, { expectedVersion: 1 }, SUPERVISOR)).body;
  await register(
    {
      name: '惠农区敬老院',
      kind: 'elderly_home',
      districtCode: '640205',
      townshipCode: '640205001',
      beds: [
        { code: '1', kind: 'nursing' },
        { code: '2', kind: 'ordinary' },
        { code: '3', kind: 'ordinary' },
        { code: '4', kind: 'ordinary' },
      ],
    },
    as('sv-2', 'supervisor', '640205'),
  );
  // 大武口区's supported persons: full self-care in the institution and at home; partly lost in it and at home; fully lost at home.
  const full = [await person(0), await person(0)];
  const partly = [await person(2), await person(3)];
  await person(5);
  clock().set('2026-05-12T02:00:00Z');
  await place(full[0], dawukou, 'N-1');
  await place(partly[0], dawukou, 'N-2');
  // Not counted: an application on its way, and a person whose support ended.
  await applied(svc, idNumber('1982-02-02'), { facts: { disabilities: [{ kind: 'physical', grade: 1 }] } });
  const ended = await person(2);
  clock().set('2026-05-12T02:00:00Z');
  const proposed = await call('POST', `/cases/${ended.id}/termination`, { expectedVersion: ended.version, ground: 'death' }, INVESTIGATOR);
  clock().set('2026-05-25T02:00:00Z');
  const terminated = await call('POST', `/cases/${ended.id}/terminate`, { expectedVersion: proposed.body.version }, APPROVER);
  if (terminated.status !== 200) throw new Error(`terminate answered ${terminated.status}`);
});
afterAll(() => svc?.dispose());

describe('the district reports', () => {
  it('the caseload by tier and setting counts the supported persons only, every cell present', async () => {
    const r = district(await reportOf(SUPERVISOR), '640202');
    expect(r.caseload).toEqual({
      counts: { full: { institution: 1, home: 1 }, partly_lost: { institution: 1, home: 1 }, fully_lost: { institution: 0, home: 1 } },
      byTier: { full: 2, partly_lost: 2, fully_lost: 1 },
      bySetting: { institution: 2, home: 3 },
      total: 5,
    });
  });

  it('the concentrated-care rate counts only those who lost self-care: 1 of 3 in an institution, short of the 50 % goal', async () => {
    const body = await reportOf(SUPERVISOR);
    expect(body).toMatchObject({ asOf: '2026-05-25', targets: { concentratedCareMinBp: 5000, nursingBedRatioMinBp: 6000 }, targetsVersion: expect.stringMatching(/^hardship\.plan-targets@/) });
    expect(district(body, '640202').concentratedCare).toMatchObject({ numerator: 1, denominator: 3, rateBp: 3333, targetBp: 5000, meetsTarget: false, message: { zh: expect.stringContaining('未达到') } });
  });

  it('the nursing-type bed ratio counts the beds in service only: 3 of 4, the 60 % target met', async () => {
    expect(district(await reportOf(SUPERVISOR), '640202').nursingBeds).toMatchObject({ numerator: 3, denominator: 4, rateBp: 7500, targetBp: 6000, meetsTarget: true });
  });

  it('a district officer sees their district, the city auditor all; one district may be asked for', async () => {
    expect((await reportOf(SUPERVISOR)).items.map((d: { districtCode: string }) => d.districtCode)).toEqual(['640202']);
    expect((await reportOf(as('ca-2', 'county_approver', '640205'))).items).toEqual([expect.objectContaining({ districtCode: '640205', caseload: expect.objectContaining({ total: 0 }), nursingBeds: expect.objectContaining({ numerator: 1, denominator: 4, rateBp: 2500, meetsTarget: false }) })]);
    const all = await reportOf(AUDITOR);
    expect(all.items.map((d: { districtCode: string }) => d.districtCode)).toEqual(['640202', '640205']);
    expect(district(all, '640205').concentratedCare).toMatchObject({ rateBp: null, meetsTarget: null });
    expect((await reportOf(AUDITOR, '?districtCode=640205')).items.map((d: { districtCode: string }) => d.districtCode)).toEqual(['640205']);
    // Asking for another district than one's own finds nothing there.
    expect((await reportOf(SUPERVISOR, '?districtCode=640205')).items).toEqual([]);
  });

  it('a caseworker does not read the reports; an unknown district is a 400 naming it', async () => {
    expectProblem(await call('GET', '/reports/districts', undefined, CASEWORKER), 403, 'AUTH.ROLE_NOT_ALLOWED');
    const bad = expectProblem(await call('GET', '/reports/districts?districtCode=640299', undefined, AUDITOR), 400);
    expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(['districtCode']);
  });
});
