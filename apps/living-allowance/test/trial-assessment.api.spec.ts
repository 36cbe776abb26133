import { StandardPublished } from '@jiuzhu/contracts';
import { http, startLivingAllowance, TestService } from '../../../test/support/services';
import {
  as,
  countRows,
  DIBAO_BENEFIT_FEN,
  dibaoHousehold,
  expectProblem,
  fieldsOf,
  HouseholdInput,
  idNumber,
  idNumberEndingInX,
  ineligibleHousehold,
  LOW_INCOME_PER_CAPITA_FEN,
  lowIncomeHousehold,
  SINGLE_PERSON_BENEFIT_FEN,
  withWrongCheckDigit,
} from './households';

/**
 * POST /trial-assessments (试算): a caseworker types in a household and reads back the outcome with
 * its worked explanation. Nothing is saved, the same input always gives the same answer, and bad
 * input is refused field by field — never a 500.
 */

let svc: TestService;

beforeAll(async () => {
  svc = await startLivingAllowance();
});

afterAll(async () => {
  await svc?.dispose();
});

const CLERK = as('clerk-trial');
const trial = (body: unknown) => http(svc.url, 'POST', '/trial-assessments', body, CLERK);

describe('a trial assessment explains its outcome', () => {
  it.each([
    ['dibao', 'a household below the standard', dibaoHousehold, { monthlyBenefitFen: DIBAO_BENEFIT_FEN, peopleCovered: 3, householdSize: 3 }],
    ['low_income', 'a household between 1× and 1.5× the standard', lowIncomeHousehold, { monthlyBenefitFen: 0, peopleCovered: 0, perCapitaIncomeFen: LOW_INCOME_PER_CAPITA_FEN }],
    ['ineligible', 'a household above 1.5× the standard', ineligibleHousehold, { monthlyBenefitFen: 0, peopleCovered: 0, perCapitaIncomeFen: 300000 }],
  ] as const)('finds %s for %s, with amounts, rules, explanation lines and the parameter versions used', async (outcome, _what, build, amounts) => {
    const res = await trial({ household: build(), assessedOn: '2026-03-01' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome, assessedOn: '2026-03-01', districtCode: '640202', area: 'urban', standardFen: 78000, ...amounts });
    expect(res.body.explanation.length).toBeGreaterThan(5);
    for (const line of res.body.explanation) {
      expect(line).toEqual(expect.objectContaining({ step: expect.any(String), text: { zh: expect.any(String), en: expect.any(String) } }));
    }
    expect(res.body.explanation.map((l: { step: string }) => l.step)).toEqual(expect.arrayContaining(['income.total', 'per_capita_income', 'standard', 'outcome']));
    expect(res.body.rules.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD', 'DIBAO.ASSETS_MONEY_WITHIN_LIMIT', 'DIBAO.HOUSING_WITHIN_LIMIT', 'DIBAO.VEHICLES_WITHIN_LIMIT']),
    );
    expect(res.body.reasons.length).toBeGreaterThan(0);
    expect(res.body.parameterVersions).toMatchObject({ 'dibao.standard/640202/urban': 'dibao.standard/640202/urban@2025-01-01' });
  });

  it('states the benefit of a dibao household as its last explanation line (gap plus top-ups)', async () => {
    const res = await trial({ household: dibaoHousehold(), assessedOn: '2026-03-01' });

    const total = res.body.explanation.find((l: { step: string }) => l.step === 'benefit.total');
    expect(total).toMatchObject({ amountFen: DIBAO_BENEFIT_FEN });
    expect(res.body.baseBenefitFen).toBe(104000);
    expect(res.body.topUps).toEqual([
      { memberIndex: 1, code: 'TOP_UP.SEVERE_DISABILITY', amountFen: 15600 },
      { memberIndex: 2, code: 'TOP_UP.MINOR', amountFen: 7800 },
    ]);
  });

  it('names the gap for what it is: gapPerPersonFen × members = householdGapFen, the household gap the "Gap =" line shows; no gapFen', async () => {
    // Two adults, 400.00 wages: 2 × 780.00 − 400.00 = 1160.00 for the household, 580.00 a person.
    const two: HouseholdInput = {
      ...dibaoHousehold(),
      members: [
        { idNumber: idNumber('1980-01-01'), relation: 'applicant' },
        { idNumber: idNumber('1982-03-05'), relation: 'spouse' },
      ],
      incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 40000 }],
      deductions: [],
    };
    const res = await trial({ household: two, assessedOn: '2026-03-01' });
    expect(res.body).toMatchObject({ outcome: 'dibao', householdSize: 2, householdGapFen: 116000, gapPerPersonFen: 58000 });
    expect(res.body.gapPerPersonFen * res.body.householdSize).toBe(res.body.householdGapFen);

    // The README's household: "Gap = … = 1040.00" is the household's; per person it is 346.67, rounded half up.
    const three = await trial({ household: dibaoHousehold(), assessedOn: '2026-03-01' });
    const gapLine = three.body.explanation.find((l: { step: string }) => l.step === 'benefit.gap');
    expect(gapLine).toMatchObject({ amountFen: 104000, text: { en: expect.stringContaining('= 1040.00 yuan') } });
    expect(three.body).toMatchObject({ householdGapFen: 104000, gapPerPersonFen: 34667 });
    for (const body of [res.body, three.body]) expect(body).not.toHaveProperty('gapFen');
  });

  it('documents the answer in OpenAPI: a schema naming both gaps, and no gapFen', async () => {
    const doc = (await http(svc.url, 'GET', '/docs/openapi.json')).body;
    const ok = doc.paths['/trial-assessments'].post.responses['200'].content['application/json'].schema;
    expect(ok).toEqual({ $ref: '#/components/schemas/DecisionViewDoc' });
    const props = doc.components.schemas.DecisionViewDoc.properties;
    expect(props.gapPerPersonFen.description).toMatch(/PER PERSON/);
    expect(props.householdGapFen.description).toMatch(/FOR THE HOUSEHOLD/);
    expect(props).not.toHaveProperty('gapFen');
  });

  it('offers a grade-1 disabled member of a low-income household a single-person inclusion (单人户)', async () => {
    const res = await trial({ household: lowIncomeHousehold(), assessedOn: '2026-03-01' });

    expect(res.body.singlePersonInclusions).toEqual([
      expect.objectContaining({ memberIndex: 1, reason: 'SINGLE_PERSON.SEVERE_DISABILITY', monthlyBenefitFen: SINGLE_PERSON_BENEFIT_FEN }),
    ]);
  });

  it.each([
    ['640202', 'urban', 78000],
    ['640205', 'rural', 56000],
    ['640221', 'rural', 56000],
  ])('uses the standard of the household’s own district and area (%s %s → %i fen)', async (districtCode, area, standardFen) => {
    const res = await trial({ household: { ...dibaoHousehold(), districtCode, area }, assessedOn: '2026-03-01' });

    expect(res.status).toBe(200);
    expect(res.body.standardFen).toBe(standardFen);
    expect(res.body.parameterVersions[`dibao.standard/${districtCode}/${area}`]).toBe(`dibao.standard/${districtCode}/${area}@2025-01-01`);
  });

  it('assesses on today (Asia/Shanghai) when no date is given', async () => {
    const res = await trial({ household: dibaoHousehold() });

    expect(res.status).toBe(200);
    expect(res.body.assessedOn).toBe('2026-03-02');
  });

  it('is deterministic: the same household on the same date gives a deep-equal answer', async () => {
    const body = { household: lowIncomeHousehold(), assessedOn: '2026-03-01' };

    const [a, b] = [await trial(body), await trial(body)];

    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
  });

  it('never repeats a resident ID number in its answer', async () => {
    const household = dibaoHousehold();

    const res = await trial({ household });

    const text = JSON.stringify(res.body);
    for (const m of household.members) expect(text).not.toContain(m.idNumber);
  });
});

describe('a trial assessment refuses input that cannot describe a household, naming the field', () => {
  type Row = [string, (h: HouseholdInput) => unknown, string, RegExp?];
  const base = dibaoHousehold;
  const rows: Row[] = [
    ['an ID number with a wrong check digit', (h) => ({ household: { ...h, members: [{ ...h.members[0], idNumber: withWrongCheckDigit(h.members[0].idNumber) }, ...h.members.slice(1)] } }), 'household.members[0].idNumber', /check digit/],
    ['an ID number of 17 characters', (h) => ({ household: { ...h, members: [{ ...h.members[0], idNumber: h.members[0].idNumber.slice(0, 17) }, ...h.members.slice(1)] } }), 'household.members[0].idNumber'],
    ['an ID number with an impossible birth date', (h) => ({ household: { ...h, members: [...h.members.slice(0, 2), { ...h.members[2], idNumber: idNumber('2015-02-30') }] } }), 'household.members[2].idNumber'],
    ['a negative income', (h) => ({ household: { ...h, incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: -1 }] } }), 'household.incomes[0].monthlyFen', /negative/],
    ['a negative deduction', (h) => ({ household: { ...h, deductions: [{ kind: 'medical', memberIndex: 1, monthlyFen: -500 }] } }), 'household.deductions[0].monthlyFen', /negative/],
    ['negative money assets', (h) => ({ household: { ...h, assets: { ...h.assets, moneyFen: -1 } } }), 'household.assets.moneyFen', /negative/],
    ['an income in fractions of a fen', (h) => ({ household: { ...h, incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 1500.5 }] } }), 'household.incomes[0].monthlyFen', /whole number of fen/],
    ['money assets in fractions of a fen', (h) => ({ household: { ...h, assets: { ...h.assets, moneyFen: 0.01 } } }), 'household.assets.moneyFen', /whole number of fen/],
    ['money assets beyond exact integer arithmetic', (h) => ({ household: { ...h, assets: { ...h.assets, moneyFen: 1e300 } } }), 'household.assets.moneyFen'],
    ['an amount given as a string', (h) => ({ household: { ...h, incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: '1500' }] } }), 'household.incomes[0].monthlyFen'],
    ['no members at all', (h) => ({ household: { ...h, members: [], incomes: [], deductions: [] } }), 'household.members', /at least one/],
    ['a district outside the city', (h) => ({ household: { ...h, districtCode: '640299' } }), 'household.districtCode'],
    ['an area that is neither urban nor rural', (h) => ({ household: { ...h, area: 'suburban' } }), 'household.area'],
    ['an unknown relation', (h) => ({ household: { ...h, members: [h.members[0], { ...h.members[1], relation: 'cousin' }, h.members[2]] } }), 'household.members[1].relation'],
    ['an unknown income kind', (h) => ({ household: { ...h, incomes: [{ memberIndex: 0, kind: 'lottery', monthlyFen: 100 }] } }), 'household.incomes[0].kind'],
    ['a disability grade 5', (h) => ({ household: { ...h, members: [h.members[0], { ...h.members[1], disability: { grade: 5, kind: 'physical' } }, h.members[2]] } }), 'household.members[1].disability.grade'],
    ['an unknown property of the household (forbidNonWhitelisted)', (h) => ({ household: { ...h, nickname: 'the Wangs' } }), 'household.nickname', /should not exist/],
    ['an unknown property of a member', (h) => ({ household: { ...h, members: [{ ...h.members[0], name: '王某' }, ...h.members.slice(1)] } }), 'household.members[0].name', /should not exist/],
    ['an unknown top-level property', (h) => ({ household: h, dryRun: true }), 'dryRun', /should not exist/],
    ['a member that is not an object', (h) => ({ household: { ...h, members: [null] } }), 'household.members[0]'],
    ['assets missing', (h) => ({ household: { ...h, assets: undefined } }), 'household.assets'],
    ['no applicant', (h) => ({ household: { ...h, members: h.members.map((m) => ({ ...m, relation: m.relation === 'applicant' ? 'other' : m.relation })) } }), 'household.members', /applicant/],
    ['two applicants', (h) => ({ household: { ...h, members: [h.members[0], { ...h.members[1], relation: 'applicant' }, h.members[2]] } }), 'household.members', /exactly one applicant/],
    ['the same ID number twice', (h) => ({ household: { ...h, members: [h.members[0], h.members[1], { ...h.members[2], idNumber: h.members[1].idNumber }] } }), 'household.members[2].idNumber', /Same resident ID number as member 2/],
    ['the same ID number twice, once with a lower-case x', (h) => {
      const withX = idNumberEndingInX('1990-01-01');
      return { household: { ...h, members: [h.members[0], { ...h.members[1], idNumber: withX }, { ...h.members[2], idNumber: withX.toLowerCase() }] } };
    }, 'household.members[2].idNumber', /Same resident ID number as member 2/],
    ['an income of a member who is not in the household', (h) => ({ household: { ...h, incomes: [{ memberIndex: 3, kind: 'wage', monthlyFen: 100 }] } }), 'household.incomes[0].memberIndex'],
    ['an employment deduction that names no member', (h) => ({ household: { ...h, deductions: [{ kind: 'employment', monthlyFen: 100 }] } }), 'household.deductions[0].memberIndex'],
    ['a member born after the assessment date', (h) => ({ household: { ...h, members: [...h.members, { idNumber: idNumber('2026-06-01'), relation: 'child' }] }, assessedOn: '2026-03-01' }), 'household.members[3].idNumber'],
    ['an assessment date that is not a date', (h) => ({ household: h, assessedOn: 'yesterday' }), 'assessedOn', /date/],
    ['an assessment date that does not exist', (h) => ({ household: h, assessedOn: '2026-02-30' }), 'assessedOn', /calendar date/],
    ['an assessment date before any standard was in force', (h) => ({ household: h, assessedOn: '2020-01-01' }), 'assessedOn', /in force/],
    ['no household at all', () => ({}), 'household'],
    ['a household that is null', () => ({ household: null }), 'household'],
    ['a household given as a list', () => ({ household: [] }), 'household', /must be an object/],
    ['assets given as a list', (h) => ({ household: { ...h, assets: [] } }), 'household.assets', /must be an object/],
    ['a vehicle given as nested lists', (h) => ({ household: { ...h, assets: { ...h.assets, vehicles: [[[]]] } } }), 'household.assets.vehicles', /each element of vehicles must be an object/],
    ['a member given as a list', (h) => ({ household: { ...h, members: [[], ...h.members.slice(1)] } }), 'household.members', /each element of members must be an object/],
    ['a township outside the district (as filing refuses it)', (h) => ({ household: { ...h, districtCode: '640202', townshipCode: '640205001' } }), 'household.townshipCode', /township of district 640202/],
  ];
  // Objects, not arrays, for it.each: a row shorter than the callback's parameters would make jest pass `done`.
  const cases = rows.map(([what, build, field, reason]) => ({ what, build, field, reason }));

  it.each(cases)('refuses $what (400, field $field)', async ({ build, field, reason }) => {
    const res = await trial(build(base()));

    const problem = expectProblem(res, 400, 'INVALID_INPUT');
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, reason: expect.any(String) })]));
    if (reason) expect(problem.errors.filter((e: { field: string }) => e.field === field).map((e: { reason: string }) => e.reason).join(' | ')).toMatch(reason);
  });

  it('reports a domain inconsistency with its rule code (no applicant → HOUSEHOLD.NO_APPLICANT)', async () => {
    const h = dibaoHousehold();
    const res = await trial({ household: { ...h, members: h.members.map((m) => ({ ...m, relation: 'child' })) } });

    const problem = expectProblem(res, 400, 'INVALID_INPUT');
    expect(problem.errors).toEqual([{ field: 'household.members', reason: 'No member is the applicant.', code: 'HOUSEHOLD.NO_APPLICANT' }]);
  });

  it('reports every bad field at once, not only the first', async () => {
    const h = dibaoHousehold();
    const res = await trial({ household: { ...h, districtCode: '999999', incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: -5 }], assets: { ...h.assets, moneyFen: 1.5 } } });

    const problem = expectProblem(res, 400, 'INVALID_INPUT');
    expect(fieldsOf(problem)).toEqual(expect.arrayContaining(['household.districtCode', 'household.incomes[0].monthlyFen', 'household.assets.moneyFen']));
  });

  it('does not echo a mistyped ID number back in the error', async () => {
    const h = dibaoHousehold();
    const wrong = withWrongCheckDigit(h.members[0].idNumber);
    const res = await trial({ household: { ...h, members: [{ ...h.members[0], idNumber: wrong }, ...h.members.slice(1)] } });

    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toContain(wrong);
  });

  it.each([
    ['truncated JSON', '{"household": '],
    ['a JSON string instead of an object', '"household"'],
    ['trailing garbage', '{"household": {}} x'],
  ])('answers a malformed body (%s) with a 400 problem, not a 500', async (_what, raw) => {
    const res = await trial(raw);

    expectProblem(res, 400, 'MALFORMED_REQUEST');
  });

  /** `{"household":[[[…]]]}` or the same nesting deep inside the document, as raw JSON text. */
  const nested = (depth: number, inner = '0') => '['.repeat(depth) + inner + ']'.repeat(depth);

  it.each([
    ['the household', 5000, (n: number) => `{"household":${nested(n)}}`, 'household'],
    ['a vehicle deep inside the document', 1000, (n: number) => JSON.stringify({ household: dibaoHousehold() }).replace('"vehicles":[]', `"vehicles":${nested(n)}`), 'household.assets.vehicles'],
    ['objects rather than lists', 2000, (n: number) => `{"household":${'{"a":'.repeat(n)}0${'}'.repeat(n)}}`, 'household.a'],
  ])('refuses a body nested thousands of levels deep (%s, %i levels) with a 400 naming where, before validation', async (_what, depth, raw, field) => {
    const res = await trial(raw(depth));

    const problem = expectProblem(res, 400, 'INVALID_INPUT');
    expect(problem.errors).toEqual([{ field: expect.stringMatching(new RegExp(`^${field.replace(/\./g, '\\.')}`)), reason: expect.stringMatching(/nested more than \d+ levels/) }]);
  });

  it.each([
    ['__proto__ in the household', (h: HouseholdInput) => `{"household":${JSON.stringify(h).replace(/^\{/, '{"__proto__":{"districtCode":"640205"},')}}`, 'household.__proto__'],
    ['constructor in a member', (h: HouseholdInput) => JSON.stringify({ household: h }).replace('"relation":"applicant"', '"relation":"applicant","constructor":{"name":"x"}'), 'household.members[0].constructor'],
  ])('refuses a prototype key (%s) by name, as an unknown field', async (_what, raw, field) => {
    const res = await trial(raw(dibaoHousehold()));

    const problem = expectProblem(res, 400, 'INVALID_INPUT');
    expect(problem.errors).toEqual([{ field, reason: 'should not exist' }]);
  });

  it.each([
    ['half of a surrogate pair', '"640202\\ud800"'],
    ['a NUL character', '"640202\\u0000"'],
  ])('refuses a string that is not text (%s) before it can reach the database, naming the field', async (_what, raw) => {
    const res = await trial(JSON.stringify({ household: dibaoHousehold() }).replace('"districtCode":"640202"', `"districtCode":${raw}`));

    const problem = expectProblem(res, 400, 'INVALID_INPUT');
    expect(problem.errors).toEqual([{ field: 'household.districtCode', reason: expect.stringMatching(/not text/) }]);
  });

  it('refuses a body larger than any real household document with 413', async () => {
    const h = dibaoHousehold();
    const res = await trial({ household: { ...h, padding: 'x'.repeat(300 * 1024) } });

    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers a body that is not JSON (text/plain) with a 4xx problem, not a 500', async () => {
    const res = await http(svc.url, 'POST', '/trial-assessments', 'household=1', { ...CLERK, 'content-type': 'text/plain' });

    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['disability', { disability: null }],
    ['student', { student: null }],
    ['seriousIllness', { seriousIllness: null }],
  ])('treats an optional member field sent as null (%s) as absent or refuses it by name — never a 500', async (field, patch) => {
    const h = dibaoHousehold();
    const res = await trial({ household: { ...h, members: [{ ...h.members[0], ...patch }, ...h.members.slice(1)] } });

    expect([200, 400]).toContain(res.status);
    if (res.status === 400) expect(fieldsOf(res.body)).toContain(`household.members[0].${field}`);
  });
});

describe('a trial assessment saves nothing', () => {
  it('leaves no application, history, membership, low-income entry or outbox event behind', async () => {
    // Every trial this file made, good and bad, has run by now (jest runs the describes in order).
    for (const build of [dibaoHousehold, lowIncomeHousehold, ineligibleHousehold]) {
      expect((await trial({ household: build() })).status).toBe(200);
    }

    const counts = await Promise.all(
      ['applications', 'case_history', 'household_memberships', 'low_income_households'].map(async (t) => [t, await countRows(svc.dataSource, t)]),
    );
    expect(Object.fromEntries(counts)).toEqual({ applications: 0, case_history: 0, household_memberships: 0, low_income_households: 0 });
    // The only events are the start's announcements of the seeded standards (seeded-standards.api.spec.ts).
    const events = (await http(svc.url, 'GET', '/events?limit=500', undefined, as('ops-1', 'admin'))).body.items as Array<{ type: string }>;
    expect(events.filter((e) => e.type !== StandardPublished.type)).toEqual([]);
    expect(await countRows(svc.dataSource, 'outbox', 'type <> $1', [StandardPublished.type])).toBe(0);
  });
});
