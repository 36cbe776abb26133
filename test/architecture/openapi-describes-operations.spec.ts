import { http, startElderAssessment, startHardshipRegistry, startLivingAllowance, TestService } from '../support/services';

/**
 * The OpenAPI document is what a bureau's integrator reads first, so it must say what every operation
 * answers: each operation documents at least one success response with a schema or an example, and
 * the operations endpoints (health, metrics) are listed. A new endpoint without a documented response
 * fails here the day it is added.
 */

type Media = { schema?: unknown; example?: unknown; examples?: unknown };
type Op = { responses?: Record<string, { description?: string; content?: Record<string, Media> }> };
type OpenApi = { paths: Record<string, Record<string, Op>> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function undocumented(doc: OpenApi): string[] {
  const missing: string[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      if (!METHODS.includes(method)) continue;
      const success = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
      // A 204 has no body by definition: its description is the whole answer.
      const described = success.some(([code, r]) => code === '204' || Object.values(r.content ?? {}).some((m) => m.schema !== undefined || m.example !== undefined || m.examples !== undefined));
      if (!described) missing.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return missing.sort();
}

describe.each([
  ['living-allowance', startLivingAllowance],
  ['elder-assessment', startElderAssessment],
  ['hardship-registry', startHardshipRegistry],
])('the %s OpenAPI document', (_name, start) => {
  let svc: TestService;
  let doc: OpenApi;

  beforeAll(async () => {
    svc = await start();
    doc = (await http(svc.url, 'GET', '/docs/openapi.json')).body as OpenApi;
  });
  afterAll(() => svc?.stop());

  it('describes the success response of every operation with a schema or an example', () => {
    expect(undocumented(doc)).toEqual([]);
  });

  it('lists the health and metrics endpoints an operator probes', () => {
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/health', '/metrics']));
  });

  it('sends a person who opens the root address to the API documentation', async () => {
    const res = await fetch(svc.url + '/', { redirect: 'manual' });
    expect([301, 302, 307, 308]).toContain(res.status);
    expect(res.headers.get('location')).toBe('/docs');
  });
});
