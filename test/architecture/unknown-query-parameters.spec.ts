import type { Role } from '@jiuzhu/auth';
import { as } from '../support/sign-in';
import { http, startElderAssessment, startHardshipRegistry, startLivingAllowance, TestService } from '../support/services';

/**
 * Every GET route of every service, as its OpenAPI document lists them — a route is covered the day
 * it is added — refuses a query parameter it does not read with a 400 naming it, and takes each one
 * its document lists. An unknown filter (`?filedBy=`, `?idNumber=`) used to be ignored, and the caller
 * read the unfiltered list as the answer to their question.
 */

type OpenApi = { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; 'x-roles'?: Role[] }>> };

/** Someone the route admits (its first member-of-staff role, city-wide), so the sweep reaches the parameter check; a public route needs nobody. */
function callerOf(roles: Role[] | undefined): Record<string, string> {
  if (!roles?.length) return {};
  const staff = roles.find((r) => r !== 'service');
  return staff ? as('sweep-01', staff) : as('sweep-01', 'service', null);
}

const UNKNOWN = 'notAParameterOfThisRoute';

/** A value for a path parameter: the guard answers before any parameter is parsed, so any will do. */
function pathOf(template: string): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => (name === 'id' ? '6d1f2c8e-3b4a-4c5d-9e6f-7a8b9c0d1e2f' : name === 'personRef' ? 'a'.repeat(64) : 'x'));
}

const services: Array<[string, () => Promise<TestService>]> = [
  ['living-allowance', () => startLivingAllowance()],
  ['elder-assessment', () => startElderAssessment()],
  ['hardship-registry', () => startHardshipRegistry()],
];

describe.each(services)('%s: every GET route refuses query parameters it does not read', (_name, start) => {
  let svc: TestService;
  let routes: Array<{ path: string; documented: string[]; caller: Record<string, string> }>;

  beforeAll(async () => {
    svc = await start();
    const doc = (await http(svc.url, 'GET', '/docs/openapi.json')).body as OpenApi;
    routes = Object.entries(doc.paths)
      .filter(([, byMethod]) => byMethod.get)
      .map(([path, byMethod]) => ({ path, documented: (byMethod.get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name), caller: callerOf(byMethod.get['x-roles']) }));
  });

  afterAll(async () => {
    await svc?.dispose();
  });

  it('lists GET routes at all (the sweep has something to sweep)', () => {
    expect(routes.length).toBeGreaterThan(3);
  });

  it('answers an unknown query parameter with a 400 problem naming it, on every GET route', async () => {
    const answers: Record<string, unknown> = {};
    for (const r of routes) {
      const res = await http(svc.url, 'GET', `${pathOf(r.path)}?${UNKNOWN}=1`, undefined, r.caller);
      const named = (res.body?.errors ?? []).filter((e: { field: string }) => e.field === UNKNOWN).length;
      answers[r.path] = res.status === 400 && named === 1 ? 'refused, naming it' : { status: res.status, body: res.body };
    }
    expect(answers).toEqual(Object.fromEntries(routes.map((r) => [r.path, 'refused, naming it'])));
  });

  it('takes every query parameter its OpenAPI document lists (none of them is called unknown)', async () => {
    const calledUnknown: Record<string, string[]> = {};
    for (const r of routes) {
      const query = [...r.documented, UNKNOWN].map((n) => `${encodeURIComponent(n)}=1`).join('&');
      const res = await http(svc.url, 'GET', `${pathOf(r.path)}?${query}`, undefined, r.caller);
      const unknown = (res.body?.errors ?? []).filter((e: { reason: string }) => /not a query parameter/.test(e.reason)).map((e: { field: string }) => e.field);
      calledUnknown[r.path] = unknown;
    }
    expect(calledUnknown).toEqual(Object.fromEntries(routes.map((r) => [r.path, [UNKNOWN]])));
  });
});
