import { routesWithoutAccessPolicy } from '@jiuzhu/auth';
import { http, startElderAssessment, startHardshipRegistry, startLivingAllowance, TestService } from '../support/services';

/**
 * Every HTTP route of every service declares who may call it (`@Access`) or that anyone may
 * (`@Public`). The guard refuses an undeclared route anyway; this test makes the forgotten
 * declaration fail CI the day the route is written, rather than a user finding a closed door.
 * Only health, metrics, the clock and the API documentation are public (issue 12).
 */
const services: Array<[string, () => Promise<TestService>]> = [
  ['living-allowance', () => startLivingAllowance({ backgroundJobs: false })],
  ['elder-assessment', () => startElderAssessment({ backgroundJobs: false })],
  ['hardship-registry', () => startHardshipRegistry({ backgroundJobs: false })],
];

const PUBLIC_PATHS = ['/', '/clock', '/health', '/health/live', '/health/ready', '/metrics'];

describe.each(services)('%s: every route declares its access', (_name, start) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await start();
  });
  afterAll(async () => {
    await svc?.dispose();
  });

  it('no route lacks an @Access or @Public declaration', () => {
    expect(routesWithoutAccessPolicy(svc.app)).toEqual([]);
  });

  it('only health, metrics, the clock and the documentation are public', async () => {
    const doc = (await http(svc.url, 'GET', '/docs/openapi.json')).body as { paths: Record<string, Record<string, { 'x-public'?: boolean; 'x-roles'?: string[] }>> };
    const operations = Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, path, op })));
    expect(operations.filter((o) => o.op['x-public']).map((o) => o.path).filter((p) => !PUBLIC_PATHS.includes(p))).toEqual([]);
    expect(operations.filter((o) => !o.op['x-public'] && !o.op['x-roles']?.length).map((o) => o.route)).toEqual([]);
  });
});
