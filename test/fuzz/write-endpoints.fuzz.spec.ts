import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { http, startElderAssessment, startHardshipRegistry, startLivingAllowance, TestService } from '../support/services';
import { prng } from '../support/prng';
import { as } from '../support/sign-in';
import { ROLE_NAMES, Role } from '@jiuzhu/auth';
import { CITY } from '@jiuzhu/common';
import { dibaoHousehold, ineligibleHousehold, lowIncomeHousehold } from '../../apps/living-allowance/test/households';
import { form } from '../../apps/elder-assessment/test/elders';
import { applyBody, idNumber as hardshipIdNumber, investigated, receiveStandards } from '../../apps/hardship-registry/test/persons';

/**
 * Bad input never reaches a 500, and a refused request leaves nothing behind. Every write endpoint
 * (POST, PUT, PATCH) of every service, as its OpenAPI document lists them — a new endpoint is covered
 * the day it is added — gets seeded, mutated bodies: valid example bodies (the API tests' helpers
 * where they fit, else built from the document's schema and examples), then broken in one to three
 * places: nested thousands of levels deep, wrong types, lists for objects, prototype keys, huge
 * numbers, odd unicode, fields missing or added, the whole body replaced, odd path parameters and
 * actor headers.
 *
 * Every answer must be below 500, and a 4xx must be problem details; after a 4xx the row count of
 * every table of the service (outbox included) must be what it was before the request.
 *
 *   FUZZ_SEED=… FUZZ_BODIES=… [FUZZ_DUMP=/tmp/fuzz] npx jest --config test/jest.config.js test/fuzz   (replay, or go further)
 *
 * The service's own seed is FUZZ_SEED + 1 (living-allowance), + 2 (elder-assessment) or + 3 (hardship-registry).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const BODIES_PER_SERVICE = Number(process.env.FUZZ_BODIES ?? 1000);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; example?: unknown; required?: string[]; allOf?: Schema[] };
type OpenApi = { paths: Record<string, Record<string, { parameters?: { in: string; name: string; description?: string; schema?: Schema }[]; requestBody?: { content: Record<string, { schema?: Schema; examples?: Record<string, { value: unknown }> }> }; 'x-roles'?: Role[] }>>; components?: { schemas?: Record<string, Schema> } };

interface Operation {
  method: string;
  path: string;
  parameters: { in: string; name: string; description?: string; schema?: Schema }[];
  body?: Schema;
  examples: unknown[];
  /** The roles its access declaration allows (`x-roles`). */
  roles: Role[];
}

const WRITE_METHODS = ['post', 'put', 'patch'];

function writeOperations(doc: OpenApi): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      if (!WRITE_METHODS.includes(method)) continue;
      const json = op.requestBody?.content['application/json'];
      ops.push({ method: method.toUpperCase(), path, parameters: op.parameters ?? [], body: json?.schema, examples: Object.values(json?.examples ?? {}).map((e) => e.value), roles: op['x-roles'] ?? [] });
    }
  }
  return ops;
}

/** Valid documents from the API tests' helpers, by the schema they fill (wherever it is nested). */
const HELPER_SEEDS: Record<string, (r: () => number) => Json> = {
  HouseholdDto: (r) => pick(r, [dibaoHousehold, lowIncomeHousehold, ineligibleHousehold])() as unknown as Json,
  CreateAssessmentDto: () => form() as unknown as Json,
  ApplyDto: () => applyBody(hardshipIdNumber('1950-01-02')) as unknown as Json,
  EditAssessmentDto: () => {
    const { idNumber: _id, ...fields } = form();
    return { expectedVersion: 1, ...fields } as unknown as Json;
  },
};

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
/** A fresh copy of a listed value, so that no two places of a body (or two bodies) share an object. */
const fresh = <T>(v: T): T => (v instanceof Raw || v === undefined ? v : clone(v));

/** A valid-looking value of a schema: the helpers' documents, else examples, enums and types from the OpenAPI document. */
function exampleOf(schema: Schema | undefined, doc: OpenApi, r: () => number, depth = 0): Json {
  if (!schema || depth > 8) return null;
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    if (HELPER_SEEDS[name]) return HELPER_SEEDS[name](r);
    return exampleOf(doc.components?.schemas?.[name], doc, r, depth + 1);
  }
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => exampleOf(s, doc, r, depth + 1)));
  if (schema.example !== undefined) return clone(schema.example) as Json;
  if (schema.enum) return pick(r, schema.enum) as Json;
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, exampleOf(s, doc, r, depth + 1)]));
    case 'array':
      return schema.items ? [exampleOf(schema.items, doc, r, depth + 1)] : [];
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return false;
    case 'string':
      return 'x';
    default:
      return schema.properties ? exampleOf({ ...schema, type: 'object' }, doc, r, depth) : null;
  }
}

// ---- mutations ------------------------------------------------------------------------------------

/** Raw JSON text spliced in where JSON.stringify cannot produce it (too deep, or not a float). */
class Raw {
  constructor(readonly text: string) {}
}
type Mutable = Json | Raw;

const nestedLists = (depth: number) => '['.repeat(depth) + '0' + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '0' + '}'.repeat(depth);

const WRONG_TYPES: Json[] = [null, true, false, 0, -1, 1.5, '', 'x', [], {}, [1], { a: 1 }, [[]], '2026-02-30', '00000000-0000-0000-0000-000000000000', '640202', 'urban', 'applicant'];
const HUGE_NUMBERS: Mutable[] = [1e308, -1e308, 2 ** 53 + 2, -(2 ** 53), 1e21, 5e-324, -0, 0.1 + 0.2, new Raw('1e999'), new Raw('-1e999'), new Raw('123456789012345678901234567890')];
const ODD_STRINGS: Json[] = [
  '\u0000',
  '\ud800',
  'x\udfffx',
  '\u202e640202',
  '６４０２０２１９８００１０１１２３８',
  '\u200b',
  '𠀀𠀁𠀂',
  'e\u0301',
  'x'.repeat(20000),
  '\n\r\t',
  "'; drop table applications; --",
  '<script>alert(1)</script>',
  '%00',
  '../../etc/passwd',
];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];
const WHOLE_BODIES: Mutable[] = [[], null, 'x', 0, {}, new Raw('nul'), new Raw('{"a":1} x'), new Raw('{"a":'), new Raw(nestedLists(3000))];

/** Every container in the value (objects and lists), with the key under which it sits in its parent. */
function containers(v: Mutable, out: { holder: Json[] | Record<string, Mutable> }[] = []): { holder: Json[] | Record<string, Mutable> }[] {
  if (v === null || typeof v !== 'object' || v instanceof Raw) return out;
  out.push({ holder: v as Json[] | Record<string, Mutable> });
  for (const child of Object.values(v)) containers(child as Mutable, out);
  return out;
}

function setOwn(o: Record<string, Mutable> | Mutable[], key: string | number, value: Mutable): void {
  // defineProperty, not assignment: `o.__proto__ = …` would change the prototype instead of adding the key JSON carries.
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

type Mutation = (target: Mutable, r: () => number) => Mutable;

const MUTATIONS: Record<string, Mutation> = {
  deep: (_t, r) => new Raw(pick(r, [nestedLists, nestedObjects])(pick(r, [33, 100, 1000, 5000]))),
  wrongType: (_t, r) => clone(pick(r, WRONG_TYPES)),
  listForObject: (t, r) => (t !== null && typeof t === 'object' && !Array.isArray(t) ? pick(r, [[], [t], [[[]]]]) : [t as Json]) as Mutable,
  hugeNumber: (_t, r) => fresh(pick(r, HUGE_NUMBERS)),
  oddUnicode: (_t, r) => fresh(pick(r, ODD_STRINGS)),
};

/** Breaks the body in one place; returns the new body (the whole may be replaced). */
function mutate(body: Mutable, r: () => number): Mutable {
  const roll = r();
  if (roll < 0.05) return fresh(pick(r, WHOLE_BODIES));
  const places = containers(body);
  if (places.length === 0) return fresh(pick(r, WHOLE_BODIES));
  const { holder } = pick(r, places);
  const keys = Object.keys(holder);
  if (roll < 0.15 && !Array.isArray(holder)) {
    setOwn(holder, pick(r, PROTOTYPE_KEYS), fresh(pick(r, [{}, { polluted: true }, 1, null, []] as Json[])));
    return body;
  }
  if (roll < 0.25 && !Array.isArray(holder) && keys.length > 0) {
    delete holder[pick(r, keys)];
    return body;
  }
  if (roll < 0.32) {
    if (Array.isArray(holder)) holder.push(fresh(pick(r, WRONG_TYPES)));
    else setOwn(holder, `unexpected${Math.floor(r() * 3)}`, fresh(pick(r, WRONG_TYPES)));
    return body;
  }
  if (keys.length === 0) return fresh(pick(r, WHOLE_BODIES));
  const key = pick(r, keys);
  const mutation = pick(r, Object.values(MUTATIONS));
  setOwn(holder, Array.isArray(holder) ? Number(key) : key, mutation((holder as Record<string, Mutable>)[key], r));
  return body;
}

function serialize(body: Mutable): string {
  const raws: string[] = [];
  const text = JSON.stringify(body, (_k, v) => {
    if (v instanceof Raw) {
      raws.push(v.text);
      return `\u0001RAW${raws.length - 1}\u0001`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"\\u0001RAW(\d+)\\u0001"/g, (_m, i) => raws[Number(i)]);
}

// ---- requests -------------------------------------------------------------------------------------

const ODD_PATH_VALUES = ['x', randomUUID(), '00000000-0000-0000-0000-000000000000', '%00', '..%2F..%2F', '1e999', '-1', 'x'.repeat(2000), '%F0%9F%98%80', '640000', '2026-02', '2026-13', '9999-99'];
const PATH_VALUES: Record<string, string[]> = { provinceCode: ['640000', '110000'], month: ['2026-02', '2026-03'] };

function pathOf(op: Operation, ids: string[], r: () => number): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const known = name === 'id' ? ids : PATH_VALUES[name] ?? [];
    return encodeURIComponent(known.length > 0 && r() < 0.8 ? pick(r, known) : pick(r, ODD_PATH_VALUES));
  });
}

function queryOf(op: Operation, r: () => number): string {
  const query = op.parameters.filter((p) => p.in === 'query' && r() < 0.8);
  if (query.length === 0) return '';
  const values = ['640202', '640202001', '640205', '640205001', 'x', '', '%00', '9'.repeat(40)];
  return '?' + query.map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(pick(r, values))}`).join('&');
}

/**
 * Who sends the body: mostly a role the operation allows (so bodies reach validation and the use
 * case), sometimes another role, another place, or no token at all — none of which may change a row.
 */
function signInOf(op: Operation, r: () => number): Record<string, string> {
  const x = r();
  if (x < 0.05) return {};
  const role = x < 0.85 && op.roles.length ? pick(r, op.roles) : pick(r, ROLE_NAMES);
  const staff = pick(r, ['fuzz-clerk-1', 'fuzz-clerk-2', 'assessor-01', 'assessor-02']);
  return as(staff, role, r() < 0.8 ? CITY.code : pick(r, ['640202', '640202001', '640205', '640205001', '640221']));
}

/** Row counts of every table of the service (its outbox and inbox included), in one statement. */
async function tableCounter(svc: TestService): Promise<() => Promise<Record<string, number>>> {
  const tables: { name: string }[] = await svc.dataSource.query(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_name <> 'migrations' ORDER BY 1`,
  );
  expect(tables.length).toBeGreaterThan(3);
  const sql = `SELECT json_build_object(${tables.map((t, i) => `'${t.name.replace(/'/g, "''")}', (SELECT count(*) FROM ${t.name})`).join(', ')}) AS counts`;
  return async () => (await svc.dataSource.query(sql))[0].counts;
}

interface Finding {
  what: string;
  request: string;
  status: number;
  answer: string;
}

async function fuzz(
  svc: TestService,
  seedIds: (svc: TestService) => Promise<string[]>,
  seed: number,
): Promise<{ requests: number; byStatus: Record<number, number>; operations: string[]; findings: Finding[] }> {
  const doc = (await http(svc.url, 'GET', '/docs/openapi.json')).body as OpenApi;
  const ops = writeOperations(doc);
  const ids = await seedIds(svc);
  const counts = await tableCounter(svc);
  const r = prng(seed);
  const findings: Finding[] = [];
  const byStatus: Record<number, number> = {};
  for (let n = 0; n < BODIES_PER_SERVICE; n++) {
    // Round robin over the operations, so that each gets its share whatever the document lists.
    const op = ops[n % ops.length];
    const seeds = [...op.examples, exampleOf(op.body, doc, r)].filter((s) => s !== undefined);
    let body: Mutable = clone(pick(r, seeds)) as Json;
    // One body in ten goes unbroken (past validation, into the use case); the rest broken in 1–3 places.
    const breaks = r() < 0.1 ? 0 : 1 + Math.floor(r() * 3);
    for (let k = 0; k < breaks; k++) body = mutate(body, r);
    const text = serialize(body);
    const path = pathOf(op, ids, r) + queryOf(op, r);
    const before = await counts();
    const res = await http(svc.url, op.method, path, text, signInOf(op, r));
    byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
    const what = `#${n} ${op.method} ${op.path}`;
    const request = `${op.method} ${path.slice(0, 200)} ${text.length > 400 ? `${text.slice(0, 400)}… (${text.length} characters)` : text}`;
    // FUZZ_DUMP=/tmp/fuzz keeps each whole body that got a 5xx, to replay it.
    if (res.status >= 500 && process.env.FUZZ_DUMP) writeFileSync(`${process.env.FUZZ_DUMP}-${n}.json`, text);
    if (res.status >= 500) {
      findings.push({ what, request, status: res.status, answer: JSON.stringify(res.body).slice(0, 400) });
    } else if (res.status >= 400) {
      if (!/^application\/problem\+json/.test(res.headers.get('content-type') ?? '')) {
        findings.push({ what: `${what}: a ${res.status} that is not problem details`, request, status: res.status, answer: String(res.headers.get('content-type')) });
      }
      const after = await counts();
      const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
      if (changed.length > 0) {
        findings.push({ what: `${what}: refused, yet rows changed in ${changed.map((t) => `${t} ${before[t]} → ${after[t]}`).join(', ')}`, request, status: res.status, answer: JSON.stringify(res.body).slice(0, 400) });
      }
    }
  }
  return { requests: BODIES_PER_SERVICE, byStatus, operations: ops.map((o) => `${o.method} ${o.path}`), findings };
}

/** What one service's findings look like in a failure message: every finding, with what to replay. */
function report(service: string, result: Awaited<ReturnType<typeof fuzz>>, seed: number): string {
  return [`${service} (FUZZ_SEED=${seed}): ${result.findings.length} findings in ${result.requests} requests, answers ${JSON.stringify(result.byStatus)}`, ...result.findings.map((f) => `  ${f.what} → ${f.status}\n    ${f.request}\n    ${f.answer}`)].join('\n');
}

describe.each([
  [
    'living-allowance',
    () => startLivingAllowance({ backgroundJobs: false }),
    async (svc: TestService) => {
      // Cases to aim the path parameters at, so that bodies reach the use cases behind them.
      const ids: string[] = [];
      for (const household of [dibaoHousehold(), lowIncomeHousehold()]) {
        const res = await http(svc.url, 'POST', '/applications', { household }, as('fuzz-clerk-1'));
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      }
      expect((await http(svc.url, 'POST', `/applications/${ids[1]}/submit`, { expectedVersion: 1 }, as('fuzz-clerk-1'))).status).toBe(200);
      return ids;
    },
    1,
  ],
  [
    'elder-assessment',
    () => startElderAssessment({ backgroundJobs: false }),
    async (svc: TestService) => {
      const res = await http(svc.url, 'POST', '/assessments', form(), as('assessor-01', 'assessor'));
      expect(res.status).toBe(201);
      return [res.body.id];
    },
    2,
  ],
  [
    'hardship-registry',
    () => startHardshipRegistry({ backgroundJobs: false }),
    async (svc: TestService) => {
      // One case in its 7-day notice, one waiting for the township: bodies reach the steps behind both.
      await receiveStandards(svc);
      const noticed = await investigated(svc, hardshipIdNumber('1950-05-05'));
      const res = await http(svc.url, 'POST', '/cases', applyBody(hardshipIdNumber('1980-05-05'), { facts: { disabilities: [{ kind: 'physical', grade: 1 }] } }), as('cw-1', 'caseworker', '640202001'));
      expect(res.status).toBe(201);
      return [noticed.id, res.body.id];
    },
    3,
  ],
] as const)('%s: mutated bodies on every write endpoint', (service, start, seedIds, offset) => {
  let svc: TestService;

  beforeAll(async () => {
    svc = await start();
  });

  afterAll(async () => {
    await svc?.dispose();
  });

  it(`never answers 5xx, answers every 4xx with problem details, and a refused request writes nothing (${BODIES_PER_SERVICE} bodies)`, async () => {
    const seed = SEED + offset;
    const result = await fuzz(svc, seedIds, seed);

    // The document was read and the bodies were spread over it; most were refused, some went through.
    expect(result.operations.length).toBeGreaterThan(3);
    const refused = Object.entries(result.byStatus).filter(([s]) => Number(s) >= 400 && Number(s) < 500).reduce((sum, [, k]) => sum + k, 0);
    expect(refused).toBeGreaterThan(BODIES_PER_SERVICE / 2);
    expect(Object.entries(result.byStatus).some(([s]) => Number(s) < 300)).toBe(true);
    if (result.findings.length > 0) throw new Error(report(service, result, seed));
  }, 240_000);
});
