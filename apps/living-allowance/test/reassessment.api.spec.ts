import pino from 'pino';
import { Outbox } from '@jiuzhu/messaging';
import { ParameterCatalog } from '../src/parameters/parameter-catalog';
import { ATTEMPTS_BEFORE_PARKING } from '../src/reassessment/domain/reassessment-run';
import { ReassessmentRunner, requestReassessment } from '../src/reassessment/reassessment-runner';
import { http, startLivingAllowance, TestClock, TestService } from '../../../test/support/services';
import { as, eventsOf, expectProblem, fieldsOf, HouseholdInput, idNumber } from './households';
import { approvedCase } from './process';

/**
 * A new standard re-decides every paying case of its district and area (policy.md §1 "Standards";
 * issue: reassessment on a new standard). The what-if shows the same figures before anything is written.
 */
const CASEWORKER = 'clerk-41';
const OFFICER = 'officer-42';
const ADMIN = as('admin-43', 'admin');

let svc: TestService;
const clock = new TestClock(new Date('2026-01-10T02:00:00Z'));
const AUDITOR = as('auditor-43', 'city_auditor');
/** Reads (runs, cases, decisions, the review queue) as the city auditor unless told; `{}` sends no token. */
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = AUDITOR) => http(svc.url, method, path, body, headers);

function twoAdults(districtCode: string, wageFen: number): HouseholdInput {
  return {
    districtCode,
    area: 'urban',
    members: [
      { idNumber: idNumber('1975-04-02', districtCode), relation: 'applicant' },
      { idNumber: idNumber('1977-09-14', districtCode), relation: 'spouse' },
    ],
    incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: wageFen }],
    deductions: [],
    assets: { moneyFen: 0, homes: 1, housingAreaSqm: 50, vehicles: [] },
  };
}

async function approved(h: HouseholdInput): Promise<any> {
  return approvedCase(svc.url, clock, h, { clerkId: CASEWORKER, approverId: OFFICER });
}

const affected: any[] = [];
const untouched: any[] = [];

beforeAll(async () => {
  svc = await startLivingAllowance({ clock, backgroundJobs: false });
  // Approved in January: paid from February at the 780.00 standard.
  for (let i = 0; i < 12; i++) affected.push(await approved(twoAdults('640202', 40000 + i * 1000)));
  for (let i = 0; i < 2; i++) untouched.push(await approved(twoAdults('640205', 50000)));
  // The 2026 standard is published in March, effective from 1 January.
  clock.set('2026-03-15T02:00:00Z');
});

afterAll(() => svc?.dispose());

describe('what-if and reassessment when a new standard is published', () => {
  let whatIf: any;

  it('the what-if shows, without writing anything, how every paying case would change and what it costs per month', async () => {
    const before = await svc.dataSource.query(`SELECT count(*)::int AS n FROM outbox`);
    const res = await call('POST', '/reassessments/what-if', { validFrom: '2026-01-01', standards: [{ districtCode: '640202', area: 'urban', monthlyFen: 82000 }] }, ADMIN);

    expect(res.status).toBe(200);
    whatIf = res.body.districts[0];
    // Gap payment: each two-person case gains 2 × (820.00 − 780.00) = 80.00 a month, owed for February and March already paid.
    expect(whatIf).toMatchObject({
      districtCode: '640202',
      area: 'urban',
      currentStandardFen: 78000,
      proposedStandardFen: 82000,
      payingCases: { examined: 12, changed: 12, increased: 12, decreased: 0, leavingDibao: 0, monthlyBudgetDeltaFen: 12 * 8000, settlementFen: 12 * 8000 * 2 },
    });
    expect(await svc.dataSource.query(`SELECT count(*)::int AS n FROM outbox`)).toEqual(before);
    expect(await svc.dataSource.query(`SELECT count(*)::int AS n FROM reassessment_runs`)).toEqual([{ n: 0 }]);
  });

  it('refuses a what-if with a bad district or amount, naming the field', async () => {
    const res = await call('POST', '/reassessments/what-if', { validFrom: '2026-01-01', standards: [{ districtCode: '999999', area: 'urban', monthlyFen: 1.5 }] }, ADMIN);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['standards[0].monthlyFen']);
  });

  it('publishing the standard opens a reassessment run for its district and area', async () => {
    const res = await call(
      'POST',
      '/parameters',
      { key: 'dibao.standard', districtCode: '640202', area: 'urban', validFrom: '2026-01-01', value: { monthlyFen: 82000 }, legalSource: '石嘴山市 2026 年城乡低保标准 (test)' },
      ADMIN,
    );
    expect(res.status).toBe(201);
    const runs = (await call('GET', '/reassessments')).body.items;
    expect(runs).toEqual([expect.objectContaining({ districtCode: '640202', area: 'urban', status: 'pending', standardVersionId: res.body.versionId, requestedBy: 'admin-43' })]);
  });

  it('a run killed halfway resumes from its cursor: every changed case is adjusted and announced exactly once', async () => {
    const [run] = (await call('GET', '/reassessments')).body.items;
    const catalog = svc.app.get(ParameterCatalog);
    const log = pino({ level: 'silent' });
    const dyingOutbox = new Outbox('living-allowance', clock);
    const appendMany = dyingOutbox.appendMany.bind(dyingOutbox);
    let calls = 0;
    dyingOutbox.appendMany = (async (...args: Parameters<typeof appendMany>) => {
      if (++calls === 2) throw new Error('process killed while writing the second batch');
      return appendMany(...args);
    }) as Outbox['appendMany'];
    const dying = new ReassessmentRunner(svc.dataSource, catalog, dyingOutbox, clock, log, 5);
    expect(await dying.processBatch(run.id)).toBe('more');
    await expect(dying.processBatch(run.id)).rejects.toThrow('process killed');
    expect((await call('GET', `/reassessments/${run.id}`)).body).toMatchObject({ status: 'running', examined: 5, changed: 5 });

    const restarted = new ReassessmentRunner(svc.dataSource, catalog, new Outbox('living-allowance', clock), clock, log, 5);
    await restarted.drain();

    const done = (await call('GET', `/reassessments/${run.id}`)).body;
    expect(done).toMatchObject({ status: 'completed', examined: 12, changed: 12, leavingDibao: 0, failed: 0 });
    const adjusted = await eventsOf(svc.url, 'living-allowance.benefit.adjusted');
    expect(adjusted.map((e) => e.data.caseId).sort()).toEqual(affected.map((a) => a.id).sort());
  });

  it('the run reports the same figures the what-if promised', async () => {
    const [run] = (await call('GET', '/reassessments')).body.items;
    const { examined, changed, increased, decreased, leavingDibao, monthlyBudgetDeltaFen, settlementFen } = run;
    expect({ examined, changed, increased, decreased, leavingDibao, monthlyBudgetDeltaFen, settlementFen }).toEqual(whatIf.payingCases);
    const completed = await eventsOf(svc.url, 'living-allowance.reassessment.completed');
    expect(completed.map((e) => e.data)).toEqual([
      expect.objectContaining({ runId: run.id, casesExamined: 12, casesChanged: 12, monthlyBudgetDeltaFen: 96000, settlementFen: 192000, completedOn: '2026-03-15' }),
    ]);
  });

  it('each adjusted case pays the new amount, keeps its history, and its event settles the months already paid', async () => {
    const c = affected[0];
    const now = (await call('GET', `/applications/${c.id}`)).body;
    expect(now).toMatchObject({ status: 'approved', monthlyBenefitFen: c.monthlyBenefitFen + 8000, version: c.version + 1, updatedBy: 'system:reassessment' });
    expect(now.assessment.standardFen).toBe(82000);
    expect(now.assessment.monthlyBenefitFen).toBe(c.monthlyBenefitFen + 8000);
    expect(now.currentDecision).toMatchObject({
      trigger: 'new_standard',
      effectiveOn: '2026-01-01',
      decidedOn: '2026-03-15',
      fromMonth: '2026-02',
      monthlyBenefitFen: c.monthlyBenefitFen + 8000,
      facts: { previousMonthlyFen: c.monthlyBenefitFen, runId: expect.any(String) },
      explanationRederived: true,
    });
    // The re-decision names the standard it used, and its explanation is reproduced from exactly those versions.
    expect(now.assessment.parameterVersions).toEqual(now.currentDecision.parameterVersions);
    expect(now.currentDecision.parameterVersions['dibao.standard/640202/urban']).toBe(now.currentDecision.facts.standardVersionId);
    expect(JSON.stringify(now.assessment.explanation)).toContain('820');
    const history = (await call('GET', `/applications/${c.id}/history`)).body.items;
    expect(history[history.length - 1]).toMatchObject({ action: 'reassess', reasonCode: 'NEW_STANDARD' });
    const [event] = (await eventsOf(svc.url, 'living-allowance.benefit.adjusted')).filter((e) => e.data.caseId === c.id);
    expect(event.data).toMatchObject({
      oldMonthlyBenefitFen: c.monthlyBenefitFen,
      newMonthlyBenefitFen: c.monthlyBenefitFen + 8000,
      adjustedFromMonth: '2026-02',
      monthsPaidAtOldAmount: 2,
      settlementFen: 16000,
      adjustedOn: '2026-03-15',
    });
  });

  it('the approved decision is kept beside the re-decision under the new standard: both listed newest first, each with its trigger, dates, amount, explanation and parameter versions', async () => {
    const c = affected[0];
    const res = await call('GET', `/applications/${c.id}/decisions`);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    const [redecided, approved] = res.body.items;
    expect(redecided).toMatchObject({ trigger: 'new_standard', current: true, decidedOn: '2026-03-15', effectiveOn: '2026-01-01', granted: 'dibao', monthlyBenefitFen: c.monthlyBenefitFen + 8000 });
    expect(redecided.assessment).toMatchObject({ standardFen: 82000, monthlyBenefitFen: c.monthlyBenefitFen + 8000 });
    expect(approved).toMatchObject({
      trigger: 'application',
      current: false,
      decidedOn: '2026-01-10',
      effectiveOn: '2026-01-10',
      fromMonth: '2026-02',
      outcome: 'dibao',
      granted: 'dibao',
      monthlyBenefitFen: c.monthlyBenefitFen,
      decidedBy: OFFICER,
      explanationRederived: false,
    });
    // Exactly what the case showed when it was approved: amounts, rules, the explanation at 780.00 and its parameter versions.
    expect(approved.assessment).toEqual(c.assessment);
    expect(approved.assessment.explanation.find((l: { step: string }) => l.step === 'standard').text.en).toContain('780.00');
    expect(approved.parameterVersions).toEqual(c.assessment.parameterVersions);
    expect(approved.parameterVersions['dibao.standard/640202/urban']).not.toBe(redecided.parameterVersions['dibao.standard/640202/urban']);
    // Paged like every list.
    expect((await call('GET', `/applications/${c.id}/decisions?limit=1&offset=1`)).body).toMatchObject({ items: [{ id: approved.id }], total: 2, limit: 1, offset: 1 });
  });

  it('the decision in force on a day before the re-decision is the approved one; from the day it was made, the new standard\'s', async () => {
    const c = affected[1];
    const before = await call('GET', `/applications/${c.id}/decisions/in-force?on=2026-03-14`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ trigger: 'application', monthlyBenefitFen: c.monthlyBenefitFen, current: false });
    expect(before.body.assessment).toEqual(c.assessment);

    expect((await call('GET', `/applications/${c.id}/decisions/in-force?on=2026-03-15`)).body).toMatchObject({ trigger: 'new_standard', monthlyBenefitFen: c.monthlyBenefitFen + 8000, current: true });
    // Today, by default.
    expect((await call('GET', `/applications/${c.id}/decisions/in-force`)).body).toMatchObject({ trigger: 'new_standard', current: true });
    // Before the approval the case had no decision in force; a day that does not exist is refused.
    expectProblem(await call('GET', `/applications/${c.id}/decisions/in-force?on=2026-01-09`), 404, 'NOT_FOUND');
    expect(fieldsOf(expectProblem(await call('GET', `/applications/${c.id}/decisions/in-force?on=2026-02-30`), 400, 'INVALID_INPUT'))).toEqual(['on']);
    expectProblem(await call('GET', '/applications/00000000-0000-4000-8000-000000000000/decisions'), 404, 'NOT_FOUND');
  });

  it('each changed case has exactly one re-decision, though the run was killed halfway and resumed', async () => {
    for (const c of affected) {
      const items = (await call('GET', `/applications/${c.id}/decisions`)).body.items as Array<{ trigger: string }>;
      expect(items.map((d) => d.trigger)).toEqual(['new_standard', 'application']);
    }
  });

  it('cases of other districts are not touched', async () => {
    for (const c of untouched) {
      const now = (await call('GET', `/applications/${c.id}`)).body;
      expect(now).toMatchObject({ monthlyBenefitFen: c.monthlyBenefitFen, version: c.version });
      expect((await call('GET', `/applications/${c.id}/decisions`)).body.total).toBe(1);
    }
  });

  it('a lower standard does not end the case of a household that would leave dibao: its review is brought forward to the new standard\'s date and it shows in the review queue', async () => {
    const poorer = await approved({ ...twoAdults('640221', 100000), area: 'rural' });
    expect(poorer.monthlyBenefitFen).toBeGreaterThan(0);
    const published = await call(
      'POST',
      '/parameters',
      { key: 'dibao.standard', districtCode: '640221', area: 'rural', validFrom: '2026-04-01', value: { monthlyFen: 45000 }, legalSource: 'test: a lower standard' },
      ADMIN,
    );
    expect(published.status).toBe(201);
    await new ReassessmentRunner(svc.dataSource, svc.app.get(ParameterCatalog), new Outbox('living-allowance', clock), clock, pino({ level: 'silent' })).drain();

    // Its own run, not the newest: both standards were published at the same time of the test's stopped clock.
    const run = ((await call('GET', '/reassessments')).body.items as any[]).find((r) => r.standardVersionId === published.body.versionId);
    expect(run).toMatchObject({ districtCode: '640221', status: 'completed', examined: 1, changed: 0, leavingDibao: 1 });
    const now = (await call('GET', `/applications/${poorer.id}`)).body;
    expect(now).toMatchObject({ status: 'approved', monthlyBenefitFen: poorer.monthlyBenefitFen, reviewDueOn: '2026-04-01' });
    const queue = (await call('GET', '/reviews/queue?districtCode=640221&on=2026-04-01&limit=500')).body.items;
    expect(queue.map((c: { id: string }) => c.id)).toContain(poorer.id);
  });
});

describe('a run that keeps failing is parked, and never holds up the others (issue 10)', () => {
  const runner = (outbox = new Outbox('living-allowance', clock)) => new ReassessmentRunner(svc.dataSource, svc.app.get(ParameterCatalog), outbox, clock, pino({ level: 'silent' }));
  const publish = (districtCode: string, area: string, validFrom: string, monthlyFen: number) =>
    call('POST', '/parameters', { key: 'dibao.standard', districtCode, area, validFrom, value: { monthlyFen }, legalSource: 'test: parking' }, ADMIN);
  const runOf = async (standardVersionId: string) => ((await call('GET', '/reassessments')).body.items as any[]).find((r) => r.standardVersionId === standardVersionId);
  /**
   * POST /parameters refuses a version before the catalog's first day (libs/parameters), so such a
   * standard — and its run — come from what an earlier release or an import left in the table.
   */
  const standardBeforeTheCatalog = async (districtCode: string, area: 'urban' | 'rural', validFrom: string, monthlyFen: number) => {
    const versionId = `dibao.standard/${districtCode}/${area}@${validFrom}`;
    await svc.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO parameter_versions (version_id, key, scope, valid_from, value, unit, legal_source, published_by) VALUES ($1, 'dibao.standard', $2, $3, $4, 'fen per person per month', 'test: parking', 'admin-import')`,
        [versionId, `${districtCode}/${area}`, validFrom, JSON.stringify({ monthlyFen })],
      );
      await requestReassessment(m, { districtCode, area, standardVersionId: versionId, validFrom, requestedBy: 'admin-import', requestedAt: clock.now() });
    });
    svc.app.get(ParameterCatalog).invalidate();
    return { versionId };
  };

  let stuck: any;

  it(`a run whose parameters do not resolve is failed after ${ATTEMPTS_BEFORE_PARKING} tries with its reason, while a later run of another district completes`, async () => {
    // Dated 2020: the standard itself is there, but nothing else (asset limits, top-ups…) was in force then.
    const unresolvable = await standardBeforeTheCatalog('640202', 'rural', '2020-01-01', 50000);
    const later = await publish('640205', 'urban', '2026-01-01', 81000);
    expect(later.status).toBe(201);

    await runner().drain();
    stuck = await runOf(unresolvable.versionId);
    expect(stuck).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('do not resolve') });
    expect(await runOf(later.body.versionId)).toMatchObject({ status: 'completed', examined: 2, changed: 2 });
    for (const c of untouched) expect((await call('GET', `/applications/${c.id}`)).body.monthlyBenefitFen).toBe(c.monthlyBenefitFen + 2 * 3000);

    for (let pass = 2; pass <= ATTEMPTS_BEFORE_PARKING; pass++) await runner().drain();
    const parked = (await call('GET', `/reassessments/${stuck.id}`)).body;
    expect(parked).toMatchObject({ status: 'failed', attempts: ATTEMPTS_BEFORE_PARKING, lastError: expect.stringContaining('640202/rural on 2020-01-01 do not resolve'), failedAt: expect.any(String) });
    // Parked: a further pass leaves it alone.
    await runner().drain();
    expect((await call('GET', `/reassessments/${stuck.id}`)).body).toMatchObject({ status: 'failed', attempts: ATTEMPTS_BEFORE_PARKING });
  });

  it('only an administrator may retry or cancel a run: not a caseworker, nor the city auditor who reads the runs (403 AUTH.ROLE_NOT_ALLOWED)', async () => {
    for (const action of ['retry', 'cancel']) {
      for (const who of [as(CASEWORKER, 'caseworker'), AUDITOR]) {
        const res = await call('POST', `/reassessments/${stuck.id}/${action}`, undefined, who);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
      }
    }
    expect((await call('GET', `/reassessments/${stuck.id}`)).body.status).toBe('failed');
  });

  it('a cancelled run is closed for good: cancelling or retrying it again is refused', async () => {
    const cancelled = await call('POST', `/reassessments/${stuck.id}/cancel`, undefined, ADMIN);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: 'admin-43', cancelledAt: '2026-03-15T02:00:00.000Z' });
    expect((await call('POST', `/reassessments/${stuck.id}/cancel`, undefined, ADMIN)).body).toMatchObject({ status: 409, code: 'REASSESSMENT.RUN_CLOSED' });
    expect((await call('POST', `/reassessments/${stuck.id}/retry`, undefined, ADMIN)).body).toMatchObject({ status: 409, code: 'REASSESSMENT.RUN_NOT_FAILED' });
    await runner().drain();
    expect((await call('GET', `/reassessments/${stuck.id}`)).body).toMatchObject({ status: 'cancelled', examined: 0 });
  });

  it('a retried run goes back to the queue with a fresh count of tries and completes once what failed works again', async () => {
    const published = await publish('640221', 'urban', '2026-05-01', 83000);
    expect(published.status).toBe(201);
    const broken = new Outbox('living-allowance', clock);
    broken.appendMany = (async () => {
      throw new Error('outbox unavailable');
    }) as Outbox['appendMany'];
    for (let pass = 1; pass <= ATTEMPTS_BEFORE_PARKING; pass++) await runner(broken).drain();
    const failed = await runOf(published.body.versionId);
    expect(failed).toMatchObject({ status: 'failed', lastError: 'outbox unavailable' });

    const retried = await call('POST', `/reassessments/${failed.id}/retry`, undefined, ADMIN);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0, retriedBy: 'admin-43' });
    await runner().drain();
    expect((await call('GET', `/reassessments/${failed.id}`)).body).toMatchObject({ status: 'completed', attempts: 0 });
    expect((await call('POST', `/reassessments/${failed.id}/cancel`, undefined, ADMIN)).status).toBe(409);
  });

  it('retrying or cancelling a run that does not exist is 404, and a malformed id 400', async () => {
    expect((await call('POST', '/reassessments/00000000-0000-4000-8000-000000000000/retry', undefined, ADMIN)).status).toBe(404);
    expect((await call('POST', '/reassessments/not-a-uuid/cancel', undefined, ADMIN)).status).toBe(400);
  });
});
