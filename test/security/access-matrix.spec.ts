import { ROLE_NAMES, Role } from '@jiuzhu/auth';
import { CITY, DISTRICTS, DistrictCode } from '@jiuzhu/common';
import { form } from '../../apps/elder-assessment/test/elders';
import { uniqueResidentId } from '../e2e/households';
import { as } from '../support/sign-in';
import { applyBody, idNumber, receiveStandards, supported } from '../../apps/hardship-registry/test/persons';
import { http, startElderAssessment, startHardshipRegistry, startLivingAllowance, TestClock, TestService } from '../support/services';

/**
 * The generated access matrix (issue 12): every operation of each service's OpenAPI document ×
 * every role × inside and outside the jurisdiction of a real record, against the running service on
 * real Postgres. What each cell must answer comes from the operation's own declaration in the
 * document (`x-roles`, `x-jurisdiction`, `x-public`), so a route added tomorrow is in the matrix
 * tomorrow, and a declaration that the service does not keep fails here.
 *
 * - no token: 401 on every operation that is not public;
 * - a role the operation does not allow: 403 AUTH.ROLE_NOT_ALLOWED;
 * - an allowed role without a jurisdiction (a service token) on a scoped operation: 403 AUTH.JURISDICTION_REQUIRED;
 * - an allowed role inside the record's jurisdiction: admitted (never 401, never an AUTH.* refusal),
 *   and a GET of the record answers 200;
 * - an allowed role outside it, on a scoped operation: a GET of the record is 404, a list or search
 *   does not contain it, and no write changes it.
 */

interface Operation {
  method: string;
  template: string;
  roles: Role[];
  scoped: boolean;
  public: boolean;
}

interface Seeded {
  /** The record's id, put into `{id}` of every path. */
  id: string;
  districtCode: DistrictCode;
  townshipCode: string;
  /** The record as its keeper reads it: the version shows whether anything changed it. */
  version(): Promise<number>;
  /**
   * Records of the same place for the routes that name them by another path parameter
   * (`{institutionId}`, `{bedId}`): put into those parameters and checked like the record itself
   * (404 and not shown outside the jurisdiction, unchanged by a write from there, 200 inside).
   */
  others?: { params: Record<string, string>; version(): Promise<number> };
  /** Records of the same place in lists the record itself is not in (the overdue-visit queue): no answer outside shows them either. */
  listed?: string[];
}

interface ServiceUnderTest {
  name: string;
  start(): Promise<TestService>;
  seed(svc: TestService): Promise<Seeded>;
}

/** Roles that work in one township, in one district, or city-wide: where each naturally sits. */
const TOWNSHIP_ROLES: readonly Role[] = ['caseworker', 'township_reviewer', 'township_approver'];
const DISTRICT_ROLES: readonly Role[] = ['county_approver', 'supervisor', 'assessor'];

/** The actor's jurisdiction inside (`in`) and outside (`out`) the record's place; undefined: there is no outside (the city contains all). */
function jurisdictionOf(role: Role, place: 'in' | 'out', record: Seeded): string | null | undefined {
  if (role === 'service') return place === 'in' ? null : undefined;
  const district = DISTRICTS[record.districtCode];
  if (TOWNSHIP_ROLES.includes(role)) {
    // Outside: the neighbouring township of the same district, so township scoping is what is tested.
    return place === 'in' ? record.townshipCode : district.townships.find((t) => t.code !== record.townshipCode)!.code;
  }
  if (DISTRICT_ROLES.includes(role)) {
    return place === 'in' ? record.districtCode : (Object.keys(DISTRICTS) as DistrictCode[]).find((d) => d !== record.districtCode)!;
  }
  return place === 'in' ? CITY.code : undefined;
}

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([template, byMethod]) =>
    Object.entries(byMethod)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        template,
        roles: (op['x-roles'] as Role[] | undefined) ?? [],
        scoped: op['x-jurisdiction'] === 'scoped',
        public: op['x-public'] === true,
      })),
  );
}

/** A concrete path: `{id}` is the seeded record (on the scoped, case-bound routes; a city-wide route's `{id}` is of something else); other parameters get a value of their shape. */
function pathOf(template: string, id: string, others: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name === 'id') return id;
    if (Object.hasOwn(others, name)) return others[name];
    if (name === 'personRef') return 'a'.repeat(64);
    if (/month/i.test(name)) return '2026-03';
    if (/region|code/i.test(name)) return '640000';
    return '6d1f2c8e-3b4a-4c5d-9e6f-7a8b9c0d1e2f';
  });
}

const SERVICES: ServiceUnderTest[] = [
  {
    name: 'living-allowance',
    start: () => startLivingAllowance({ backgroundJobs: false }),
    async seed(svc) {
      const clerk = as('cw-matrix', 'caseworker', '640202001');
      const household = {
        districtCode: '640202',
        townshipCode: '640202001',
        area: 'urban',
        members: [{ idNumber: uniqueResidentId('19500315'), relation: 'applicant' }],
        incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 30000 }],
        deductions: [],
        assets: { moneyFen: 100000, homes: 1, housingAreaSqm: 50, vehicles: [] },
      };
      const filed = await http(svc.url, 'POST', '/applications', { household }, clerk);
      if (filed.status !== 201) throw new Error(`seed filing answered ${filed.status}: ${JSON.stringify(filed.body)}`);
      const submitted = await http(svc.url, 'POST', `/applications/${filed.body.id}/submit`, { expectedVersion: 1 }, clerk);
      if (submitted.status !== 200) throw new Error(`seed submit answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
      return {
        id: filed.body.id,
        districtCode: '640202',
        townshipCode: '640202001',
        version: async () => (await http(svc.url, 'GET', `/applications/${filed.body.id}`, undefined, clerk)).body.version,
      };
    },
  },
  {
    name: 'elder-assessment',
    start: () => startElderAssessment({ backgroundJobs: false }),
    async seed(svc) {
      const assessor = as('as-matrix', 'assessor', '640205');
      const created = await http(svc.url, 'POST', '/assessments', form({ districtCode: '640205', townshipCode: '640205001' }), assessor);
      if (created.status !== 201) throw new Error(`seed assessment answered ${created.status}: ${JSON.stringify(created.body)}`);
      return {
        id: created.body.id,
        districtCode: '640205',
        townshipCode: '640205001',
        version: async () => (await http(svc.url, 'GET', `/assessments/${created.body.id}`, undefined, assessor)).body.version,
      };
    },
  },
  {
    name: 'hardship-registry',
    start: () => startHardshipRegistry({ backgroundJobs: false }),
    async seed(svc) {
      const clerk = as('cw-matrix', 'caseworker', '640202001');
      await receiveStandards(svc);
      // A person supported at home since 2026-04 whose first visit (due 2026-05-01) is overdue: in the overdue-visit queue.
      const atHome = await supported(svc, idNumber('1950-04-20'));
      (svc.clock as TestClock).set('2026-05-05T02:00:00Z');
      const visits = await http(svc.url, 'GET', '/queues/visits', undefined, clerk);
      if (!JSON.stringify(visits.body).includes(atHome.id)) throw new Error(`seed: the overdue-visit queue does not hold the person at home: ${visits.status} ${JSON.stringify(visits.body)}`);
      const applied = await http(svc.url, 'POST', '/cases', applyBody(idNumber('1950-03-15')), clerk);
      if (applied.status !== 201) throw new Error(`seed application answered ${applied.status}: ${JSON.stringify(applied.body)}`);
      // The township's elderly home, with a bed: the institution routes' record.
      const home = { name: '长胜街道敬老院', kind: 'elderly_home', districtCode: '640202', townshipCode: '640202001', beds: [{ code: 'A-101', kind: 'nursing' }] };
      const registered = await http(svc.url, 'POST', '/institutions', home, as('sv-matrix', 'supervisor', '640202'));
      if (registered.status !== 201) throw new Error(`seed institution answered ${registered.status}: ${JSON.stringify(registered.body)}`);
      return {
        id: applied.body.id,
        districtCode: '640202',
        townshipCode: '640202001',
        version: async () => (await http(svc.url, 'GET', `/cases/${applied.body.id}`, undefined, clerk)).body.version,
        others: {
          params: { institutionId: registered.body.id, bedId: registered.body.beds[0].id },
          version: async () => (await http(svc.url, 'GET', `/institutions/${registered.body.id}`, undefined, clerk)).body.version,
        },
        listed: [atHome.id],
      };
    },
  },
];

describe.each(SERVICES)('$name: the access matrix from the OpenAPI document', (s) => {
  let svc: TestService;
  let ops: Operation[];
  let record: Seeded;

  beforeAll(async () => {
    svc = await s.start();
    ops = operationsOf((await http(svc.url, 'GET', '/docs/openapi.json')).body);
    record = await s.seed(svc);
  });
  afterAll(async () => {
    await svc?.dispose();
  });

  const call = (op: Operation, headers: Record<string, string> = {}) =>
    http(svc.url, op.method, pathOf(op.template, record.id, record.others?.params), op.method === 'GET' || op.method === 'DELETE' ? undefined : {}, headers);
  /** The path parameters that name the seeded records: `{id}`, and the others' (`{institutionId}`, …). */
  const seededParams = () => ['id', ...Object.keys(record.others?.params ?? {})];
  const namesSeeded = (op: Operation) => seededParams().some((p) => op.template.includes(`{${p}}`));
  const endsWithSeeded = (op: Operation) => seededParams().some((p) => op.template.endsWith(`/{${p}}`));
  const showsSeeded = (body: unknown) => [record.id, ...Object.values(record.others?.params ?? {}), ...(record.listed ?? [])].some((id) => JSON.stringify(body ?? '').includes(id));
  const cells = (place: 'in' | 'out') =>
    ops.flatMap((op) => (op.public ? [] : ROLE_NAMES.map((role) => ({ op, role, jurisdiction: jurisdictionOf(role, place, record) })))).filter((c) => c.jurisdiction !== undefined);
  const actor = (role: Role, jurisdiction: string | null) => as(`${role}-${jurisdiction ?? 'none'}`, role, jurisdiction);

  it('has operations of every kind to check: public, scoped and city-wide', () => {
    expect(ops.some((o) => o.public)).toBe(true);
    expect(ops.some((o) => o.scoped)).toBe(true);
    expect(ops.some((o) => !o.public && !o.scoped)).toBe(true);
  });

  it('answers 401 without a token on every operation that is not public, and the public ones without one', async () => {
    const wrong: string[] = [];
    for (const op of ops) {
      const res = await call(op);
      if (op.public ? res.status >= 400 : res.status !== 401) wrong.push(`${op.method} ${op.template}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('outside the record’s jurisdiction: roles not allowed are refused, allowed ones do not find the record, and nothing changes it', async () => {
    const before = await record.version();
    const othersBefore = await record.others?.version();
    const wrong: string[] = [];
    for (const { op, role, jurisdiction } of cells('out')) {
      const res = await call(op, actor(role, jurisdiction!));
      const cell = `${op.method} ${op.template} as ${role} of ${jurisdiction}: ${res.status} ${res.body?.code ?? ''}`;
      if (!op.roles.includes(role)) {
        if (res.status !== 403 || res.body?.code !== 'AUTH.ROLE_NOT_ALLOWED') wrong.push(`${cell} (expected 403 AUTH.ROLE_NOT_ALLOWED)`);
      } else if (res.status === 401 || String(res.body?.code ?? '').startsWith('AUTH.')) {
        wrong.push(`${cell} (an allowed role is admitted)`);
      } else if (op.scoped && namesSeeded(op) && op.method === 'GET' && res.status !== 404) {
        wrong.push(`${cell} (expected 404: the record is outside the jurisdiction)`);
      } else if (op.scoped && res.status < 300 && showsSeeded(res.body)) {
        wrong.push(`${cell} (the answer shows the record outside the jurisdiction)`);
      } else if (op.scoped && op.method !== 'GET' && namesSeeded(op) && res.status < 300) {
        wrong.push(`${cell} (a write outside the jurisdiction succeeded)`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await record.version()).toBe(before);
    expect(await record.others?.version()).toBe(othersBefore);
  });

  it('inside the record’s jurisdiction: roles not allowed are refused, allowed ones are admitted and read the record', async () => {
    const wrong: string[] = [];
    for (const { op, role, jurisdiction } of cells('in')) {
      const res = await call(op, actor(role, jurisdiction!));
      const cell = `${op.method} ${op.template} as ${role} of ${jurisdiction ?? '(no jurisdiction)'}: ${res.status} ${res.body?.code ?? ''}`;
      if (!op.roles.includes(role)) {
        if (res.status !== 403 || res.body?.code !== 'AUTH.ROLE_NOT_ALLOWED') wrong.push(`${cell} (expected 403 AUTH.ROLE_NOT_ALLOWED)`);
      } else if (op.scoped && jurisdiction === null) {
        if (res.status !== 403 || res.body?.code !== 'AUTH.JURISDICTION_REQUIRED') wrong.push(`${cell} (expected 403 AUTH.JURISDICTION_REQUIRED)`);
      } else if (res.status === 401 || String(res.body?.code ?? '').startsWith('AUTH.')) {
        wrong.push(`${cell} (an allowed role is admitted)`);
      } else if (op.scoped && op.method === 'GET' && endsWithSeeded(op) && res.status !== 200) {
        wrong.push(`${cell} (expected 200: the record is inside the jurisdiction)`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
