import { http, startLivingAllowance, TestClock, TestService } from '../../../test/support/services';
import { as, dibaoHousehold, eventsOf, expectProblem, fieldsOf, HouseholdInput, idNumber, lowIncomeHousehold } from './households';
import { approvedCase, approver, throughNotice } from './process';

/**
 * The price-linkage subsidy (物价上涨挂钩联动机制, 发改价格〔2021〕1553号, policy.md §2) end to end:
 * an administrator records the month's CPI and food-CPI rises, then settles the month; every paying
 * dibao case (and, when the parameter says so, every low-income household) receives its district's
 * standard × the triggering rise, rounded half up per person, × people; the batch, its payments and
 * one price-subsidy.granted event commit together, and a month is never settled twice.
 *
 * Caseload (approved in January, paid from February):
 *   640202 urban: two adults (2), the three-person dibao household (3), and a single-person inclusion (1)
 *                 of a low-income household whose other member is then the household's only one paid;
 *   640205 urban: two adults (2);   640221 rural: two adults (2).
 * Standards (seeded): urban 780.00, rural 560.00.
 */
const CLERK = 'clerk-61';
const OFFICER = 'officer-62';
const SECOND_OFFICER = 'officer-63';
const ADMIN = as('admin-64', 'admin');
const GRANTED = 'living-allowance.price-subsidy.granted';

let svc: TestService;
const clock = new TestClock(new Date('2026-01-10T02:00:00Z'));
const AUDITOR = as('auditor-64', 'city_auditor');
/** Reads (indices, batches, payments) as the city auditor unless told; `{}` sends no token. */
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = AUDITOR) => http(svc.url, method, path, body, headers);
const recordIndex = (month: string, cpiRiseBp: number, foodCpiRiseBp: number, source = `国家统计局宁夏调查总队 ${month} 居民消费价格 (test)`) =>
  call('PUT', `/price-indices/640000/${month}`, { cpiRiseBp, foodCpiRiseBp, source }, ADMIN);
const settle = (month: string, body: Record<string, unknown> = {}, headers = ADMIN) => call('POST', `/price-subsidies/${month}/batches`, body, headers);
const paymentsOf = async (month: string) => (await call('GET', `/price-subsidies/${month}/payments`)).body.items as any[];

function twoAdults(districtCode: string, area: 'urban' | 'rural' = 'urban'): HouseholdInput {
  return {
    districtCode,
    area,
    members: [
      { idNumber: idNumber('1975-04-02', districtCode), relation: 'applicant' },
      { idNumber: idNumber('1977-09-14', districtCode), relation: 'spouse' },
    ],
    incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 40000 }],
    deductions: [],
    assets: { moneyFen: 0, homes: 1, housingAreaSqm: 50, vehicles: [] },
  };
}

async function approved(h: HouseholdInput): Promise<any> {
  return approvedCase(svc.url, clock, h, { clerkId: CLERK, approverId: OFFICER });
}

const cases: Record<string, any> = {};

beforeAll(async () => {
  svc = await startLivingAllowance({ clock, backgroundJobs: false });
  cases.pair640202 = await approved(twoAdults('640202'));
  cases.three640202 = await approved(dibaoHousehold());
  cases.pair640205 = await approved(twoAdults('640205'));
  cases.rural640221 = await approved(twoAdults('640221', 'rural'));
  cases.lowIncome = await approved(lowIncomeHousehold());
  expect(cases.lowIncome.granted).toBe('low_income');
  // Its grade-1 disabled member is covered alone (单人户), decided by a second officer.
  const [{ id: inclusionId }] = await svc.dataSource.query(`SELECT id FROM applications WHERE parent_id = $1`, [cases.lowIncome.id]);
  // The inclusion goes through the same process; the clock comes back to the approval day for its confirmation.
  const approvalTime = clock.now().toISOString();
  const waiting = await throughNotice(svc.url, clock, inclusionId, 1);
  clock.set(approvalTime);
  const inclusion = await http(svc.url, 'POST', `/applications/${inclusionId}/approve`, { expectedVersion: waiting.version }, approver(SECOND_OFFICER));
  expect(inclusion.body).toMatchObject({ status: 'approved', granted: 'dibao', coverage: 'single_person', effectiveMonth: '2026-02' });
  cases.inclusion = inclusion.body;
  for (const c of [cases.pair640202, cases.three640202, cases.pair640205, cases.rural640221]) expect(c).toMatchObject({ granted: 'dibao', effectiveMonth: '2026-02' });
  clock.set('2026-06-15T02:00:00Z');
});

afterAll(() => svc?.dispose());

describe('recording price indices', () => {
  it('refuses bad input with 400, naming each field', async () => {
    const res = await call('PUT', '/price-indices/640000/2026-01', { cpiRiseBp: 3.5, foodCpiRiseBp: -10000, source: 'x' }, ADMIN);
    expectProblem(res, 400, 'INVALID_INPUT');
    expect([...new Set(fieldsOf(res.body))].sort()).toEqual(['cpiRiseBp', 'foodCpiRiseBp', 'source']);

    const path = await call('PUT', '/price-indices/64/2026-13', { cpiRiseBp: 350, foodCpiRiseBp: 0, source: 'a statistical release' }, ADMIN);
    expectProblem(path, 400, 'INVALID_INPUT');
    expect(fieldsOf(path.body).sort()).toEqual(['month', 'provinceCode']);

    const future = await call('PUT', '/price-indices/640000/2026-07', { cpiRiseBp: 350, foodCpiRiseBp: 0, source: 'a statistical release' }, ADMIN);
    expectProblem(future, 400, 'INVALID_INPUT');
    expect(fieldsOf(future.body)).toEqual(['month']);
  });

  it('is for administrators only: 403 without the admin role, 401 without an actor', async () => {
    expectProblem(await call('PUT', '/price-indices/640000/2026-01', { cpiRiseBp: 350, foodCpiRiseBp: 0, source: 'a statistical release' }, as(CLERK)), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await call('PUT', '/price-indices/640000/2026-01', { cpiRiseBp: 350, foodCpiRiseBp: 0, source: 'a statistical release' }, AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await call('PUT', '/price-indices/640000/2026-01', { cpiRiseBp: 350, foodCpiRiseBp: 0, source: 'a statistical release' }, {}), 401);
    expect((await call('GET', '/price-indices')).body.items).toEqual([]);
  });

  it('records a month with who and when (201); an identical re-send changes nothing (200); falls are negative', async () => {
    const first = await recordIndex('2026-01', -50, -300);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ provinceCode: '640000', month: '2026-01', cpiRiseBp: -50, foodCpiRiseBp: -300, revision: 1, recordedBy: 'admin-64', outcome: 'recorded' });
    const again = await recordIndex('2026-01', -50, -300);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ revision: 1, outcome: 'unchanged' });
  });
});

describe('settling a month', () => {
  it('refuses bad input with 400, naming the field, and a missing role with 403', async () => {
    expect(fieldsOf(expectProblem(await settle('March'), 400, 'INVALID_INPUT'))).toEqual(['month']);
    expect(fieldsOf(expectProblem(await settle('2026-02', { indexMonth: '2026-03' }), 400, 'INVALID_INPUT'))).toEqual(['indexMonth']);
    expect(fieldsOf(expectProblem(await settle('2026-02', { provinceCode: 'ningxia' }), 400, 'INVALID_INPUT'))).toEqual(['provinceCode']);
    expect(fieldsOf(expectProblem(await settle('2026-07'), 400, 'INVALID_INPUT'))).toEqual(['month']);
    expectProblem(await settle('2026-02', {}, as(CLERK)), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await settle('2026-02', {}, AUDITOR), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await settle('2026-02', {}, {}), 401);
  });

  it('needs the index of the month first (409, nothing written)', async () => {
    expectProblem(await settle('2026-02'), 409, 'PRICE_SUBSIDY.INDEX_NOT_RECORDED');
    expect(await svc.dataSource.query(`SELECT count(*)::int AS n FROM price_subsidy_batches`)).toEqual([{ n: 0 }]);
  });

  it('CPI exactly 3.5 %: paid at the CPI rise, standard × 3.5 % per person × people, totals per district, one event', async () => {
    expect((await recordIndex('2026-02', 350, 0)).status).toBe(201);
    const res = await settle('2026-02');

    expect(res.status).toBe(201);
    // 780.00 × 3.5 % = 27.30 (urban), 560.00 × 3.5 % = 19.60 (rural), per person.
    expect(res.body).toMatchObject({
      provinceCode: '640000',
      month: '2026-02',
      status: 'granted',
      triggered: true,
      basis: 'cpi',
      rateBp: 350,
      index: { month: '2026-02', cpiRiseBp: 350, foodCpiRiseBp: 0, revision: 1 },
      triggersVersionId: 'price-subsidy.triggers@2025-01-01',
      households: 5,
      people: 10,
      totalFen: 6 * 2730 + 2 * 2730 + 2 * 1960,
      districtTotals: [
        { districtCode: '640202', households: 3, people: 6, totalFen: 6 * 2730 },
        { districtCode: '640205', households: 1, people: 2, totalFen: 2 * 2730 },
        { districtCode: '640221', households: 1, people: 2, totalFen: 2 * 1960 },
      ],
      // Low-income households are not covered by the seeded parameter.
      excluded: [{ category: 'low_income', code: 'PRICE_SUBSIDY.CATEGORY_COVERED', households: 1 }],
      createdBy: 'admin-64',
    });
    expect(res.body.rules.map((r: any) => [r.code, r.passed])).toEqual([
      ['PRICE_SUBSIDY.CPI_RISE_REACHES_TRIGGER', true],
      ['PRICE_SUBSIDY.FOOD_CPI_RISE_REACHES_TRIGGER', false],
    ]);
    const text = res.body.explanation.map((l: any) => l.zh).join('\n');
    expect(text).toContain('780.00 元 × 居民消费价格指数（CPI）涨幅 3.5% = 27.3 元，四舍五入到分为 27.30 元');
    expect(text).toContain('560.00 元');
    expect(text).toContain('特困人员');

    const payments = await paymentsOf('2026-02');
    expect(payments.map((p) => [p.caseId, p.category, p.people, p.perPersonFen, p.amountFen]).sort()).toEqual(
      [
        [cases.pair640202.id, 'dibao', 2, 2730, 5460],
        [cases.three640202.id, 'dibao', 3, 2730, 8190],
        [cases.inclusion.id, 'dibao', 1, 2730, 2730],
        [cases.pair640205.id, 'dibao', 2, 2730, 5460],
        [cases.rural640221.id, 'dibao', 2, 1960, 3920],
      ].sort(),
    );
    expect(payments.find((p) => p.caseId === cases.pair640202.id)).toMatchObject({ householdRef: cases.pair640202.householdRef, districtCode: '640202', area: 'urban', standardFen: 78000 });

    const events = await eventsOf(svc.url, GRANTED);
    expect(events).toHaveLength(1);
    expect(events[0].key).toBe('640000/2026-02');
    expect(events[0].data).toEqual({
      batchId: res.body.id,
      provinceCode: '640000',
      month: '2026-02',
      indexMonth: '2026-02',
      basis: 'cpi',
      rateBp: 350,
      triggersVersionId: 'price-subsidy.triggers@2025-01-01',
      households: 5,
      people: 10,
      totalFen: res.body.totalFen,
      districtTotals: res.body.districtTotals,
      grantedOn: '2026-06-15',
    });
  });

  it('never pays a month twice: a second batch is 409 and writes nothing', async () => {
    const res = await settle('2026-02');
    const body = expectProblem(res, 409, 'PRICE_SUBSIDY.MONTH_ALREADY_SETTLED');
    expect(body.detail).toContain('2026-02');
    expect(await eventsOf(svc.url, GRANTED)).toHaveLength(1);
    expect(await svc.dataSource.query(`SELECT count(*)::int AS n FROM price_subsidy_payments`)).toEqual([{ n: 5 }]);
  });

  it('CPI 3.49 % and food 5.99 %: nothing paid — the month is recorded as settled (200), with no payments and no event', async () => {
    await recordIndex('2026-03', 349, 599);
    const res = await settle('2026-03');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month: '2026-03', status: 'not_triggered', triggered: false, basis: null, rateBp: 0, households: 0, people: 0, totalFen: 0, districtTotals: [], excluded: [] });
    expect(res.body.explanation[res.body.explanation.length - 1].en).toContain('a running subsidy stops');
    expect(await paymentsOf('2026-03')).toEqual([]);
    expect(await eventsOf(svc.url, GRANTED)).toHaveLength(1);
    expect((await call('GET', '/price-subsidies/2026-03')).body).toEqual(res.body);
    expectProblem(await settle('2026-03'), 409, 'PRICE_SUBSIDY.MONTH_ALREADY_SETTLED');
  });

  it('food CPI exactly 6 % (CPI 1 %): paid at the food rate, 780.00 × 6 % = 46.80 per person', async () => {
    await recordIndex('2026-04', 100, 600);
    const res = await settle('2026-04');

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ basis: 'food_cpi', rateBp: 600, households: 5, people: 10, totalFen: 8 * 4680 + 2 * 3360 });
    expect(res.body.districtTotals).toEqual([
      { districtCode: '640202', households: 3, people: 6, totalFen: 6 * 4680 },
      { districtCode: '640205', households: 1, people: 2, totalFen: 2 * 4680 },
      { districtCode: '640221', households: 1, people: 2, totalFen: 2 * 3360 },
    ]);
  });

  it('both indices trigger: the higher rise applies (CPI 4 %, food 6.5 % → food)', async () => {
    await recordIndex('2026-05', 400, 650);
    const res = await settle('2026-05');

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ basis: 'food_cpi', rateBp: 650, totalFen: 8 * 5070 + 2 * 3640 });
    expect(res.body.rules.every((r: any) => r.passed)).toBe(true);
    expect(res.body.explanation.map((l: any) => l.zh).join('')).toContain('孰高');
  });

  it('rounds half up per person on the standard in force on the month\'s first day, and may be paid on an earlier month\'s index', async () => {
    const published = await call(
      'POST',
      '/parameters',
      { key: 'dibao.standard', districtCode: '640205', area: 'urban', validFrom: '2026-06-01', value: { monthlyFen: 78100 }, legalSource: 'test: 惠农区 2026 年城市低保标准' },
      ADMIN,
    );
    expect(published.status).toBe(201);

    const res = await settle('2026-06', { indexMonth: '2026-05' });

    expect(res.status).toBe(201);
    // 781.00 × 6.5 % = 50.765 → 50.77 (half up); 780.00 × 6.5 % = 50.70; 560.00 × 6.5 % = 36.40.
    expect(res.body).toMatchObject({ month: '2026-06', index: { month: '2026-05' }, basis: 'food_cpi', rateBp: 650 });
    expect(res.body.districtTotals).toEqual([
      { districtCode: '640202', households: 3, people: 6, totalFen: 6 * 5070 },
      { districtCode: '640205', households: 1, people: 2, totalFen: 2 * 5077 },
      { districtCode: '640221', households: 1, people: 2, totalFen: 2 * 3640 },
    ]);
    expect((await paymentsOf('2026-06')).find((p) => p.caseId === cases.pair640205.id)).toMatchObject({ standardFen: 78100, perPersonFen: 5077, amountFen: 10154 });
    expect(res.body.explanation.map((l: any) => l.zh).join('\n')).toContain('= 50.765 元，四舍五入到分为 50.77 元');
    const [event] = (await eventsOf(svc.url, GRANTED)).filter((e) => e.data.month === '2026-06');
    expect(event.data).toMatchObject({ month: '2026-06', indexMonth: '2026-05', totalFen: res.body.totalFen });
  });

  it('a corrected index is a new revision (who, when, source kept); batches keep the figures they were decided on', async () => {
    const res = await recordIndex('2026-05', 410, 640, '国家统计局宁夏调查总队 更正 (test)');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cpiRiseBp: 410, foodCpiRiseBp: 640, revision: 2, outcome: 'corrected' });
    const index = (await call('GET', '/price-indices/640000/2026-05')).body;
    expect(index.revisions.map((r: any) => [r.revision, r.cpiRiseBp, r.foodCpiRiseBp, r.recordedBy])).toEqual([
      [1, 400, 650, 'admin-64'],
      [2, 410, 640, 'admin-64'],
    ]);
    expect((await call('GET', '/price-subsidies/2026-05')).body).toMatchObject({ index: { cpiRiseBp: 400, foodCpiRiseBp: 650, revision: 1 }, rateBp: 650 });
    const list = (await call('GET', '/price-indices')).body.items;
    expect(list.map((i: any) => i.month)).toEqual(['2026-05', '2026-04', '2026-03', '2026-02', '2026-01']);
  });
});

describe('low-income households, by decision of the parameter', () => {
  it('POST /parameters validates the shape of price-subsidy.triggers', async () => {
    const res = await call(
      'POST',
      '/parameters',
      { key: 'price-subsidy.triggers', validFrom: '2026-07-01', value: { cpiTriggerBp: 3.5, foodCpiTriggerBp: 600, inclusive: true }, legalSource: 'test: malformed' },
      ADMIN,
    );
    expect(fieldsOf(expectProblem(res, 400, 'INVALID_INPUT'))).toEqual(['value']);
  });

  it('are paid after a new price-subsidy.triggers version covers them — for their members not already paid as dibao', async () => {
    const published = await call(
      'POST',
      '/parameters',
      {
        key: 'price-subsidy.triggers',
        validFrom: '2026-07-01',
        value: { cpiTriggerBp: 350, foodCpiTriggerBp: 600, inclusive: true, covers: { dibao: true, specialHardship: true, lowIncome: true } },
        legalSource: 'test: 自治区决定将低收入家庭纳入价格临时补贴保障范围',
      },
      ADMIN,
    );
    expect(published.status).toBe(201);
    clock.set('2026-07-10T02:00:00Z');
    await recordIndex('2026-07', 350, 0);

    const res = await settle('2026-07');

    expect(res.status).toBe(201);
    // The low-income household has two members; one is paid as a single-person dibao case, so one more person here.
    expect(res.body).toMatchObject({
      triggersVersionId: 'price-subsidy.triggers@2026-07-01',
      households: 6,
      people: 11,
      excluded: [],
      districtTotals: [
        { districtCode: '640202', households: 4, people: 7, totalFen: 7 * 2730 },
        { districtCode: '640205', households: 1, people: 2, totalFen: 2 * 2734 },
        { districtCode: '640221', households: 1, people: 2, totalFen: 2 * 1960 },
      ],
    });
    expect((await paymentsOf('2026-07')).filter((p) => p.category === 'low_income')).toEqual([
      {
        caseId: cases.lowIncome.id,
        householdRef: cases.lowIncome.householdRef,
        category: 'low_income',
        districtCode: '640202',
        area: 'urban',
        people: 1,
        standardFen: 78000,
        perPersonFen: 2730,
        amountFen: 2730,
      },
    ]);
  });
});

describe('one batch, one event', () => {
  it('two administrators settling the same month at once: one batch (201), one refusal (409), one event', async () => {
    clock.set('2026-08-10T02:00:00Z');
    await recordIndex('2026-08', 360, 0);

    const results = await Promise.all([settle('2026-08'), settle('2026-08')]);

    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('PRICE_SUBSIDY.MONTH_ALREADY_SETTLED');
    expect((await eventsOf(svc.url, GRANTED)).filter((e) => e.data.month === '2026-08')).toHaveLength(1);
  });

  it('every granted batch has exactly one event, with its totals and no personal data', async () => {
    const batches = (await call('GET', '/price-subsidies')).body.items as any[];
    expect(batches.map((b) => [b.month, b.status])).toEqual([
      ['2026-08', 'granted'],
      ['2026-07', 'granted'],
      ['2026-06', 'granted'],
      ['2026-05', 'granted'],
      ['2026-04', 'granted'],
      ['2026-03', 'not_triggered'],
      ['2026-02', 'granted'],
    ]);
    const events = await eventsOf(svc.url, GRANTED);
    const granted = batches.filter((b) => b.triggered);
    expect(events.map((e) => e.data.batchId).sort()).toEqual(granted.map((b) => b.id).sort());
    for (const b of granted) {
      const e = events.find((x) => x.data.batchId === b.id)!;
      expect(e.data).toMatchObject({ month: b.month, households: b.households, people: b.people, totalFen: b.totalFen, districtTotals: b.districtTotals });
      expect(JSON.stringify(e.data)).not.toMatch(/householdRef|caseId|[0-9a-f]{64}/);
    }
  });
});
