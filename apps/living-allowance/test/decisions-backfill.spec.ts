import { CaseDecisions1732700001000 } from '../src/migrations/1732700001000-case-decisions';
import { ReassessmentRunner } from '../src/reassessment/reassessment-runner';
import { http, startLivingAllowance, TestClock, TestService } from '../../../test/support/services';
import { as, HouseholdInput, idNumber } from './households';
import { approvedCase, refuseThroughProcess } from './process';

/**
 * The migration that keeps every decision (issue 11 item 10) backfills the cases decided before it:
 * each gets the decision of its current assessment and, where it has one, its re-decision under a
 * new standard. Tested by taking the schema back to what the earlier release wrote (the migration's
 * `down`: the compact `redecision` column, no decisions table) and running the migration again.
 */
let svc: TestService;
const clock = new TestClock(new Date('2026-01-10T02:00:00Z'));
/** Reads as the city auditor unless told. */
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = as('auditor-1', 'city_auditor')) => http(svc.url, method, path, body, headers);

function twoAdults(districtCode: string, wageFen: number): HouseholdInput {
  return {
    districtCode,
    area: 'urban',
    members: [
      { idNumber: idNumber('1975-04-02', districtCode), relation: 'applicant' },
      { idNumber: idNumber('1977-09-14', districtCode), relation: 'spouse', ableToWork: true },
    ],
    incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: wageFen }],
    deductions: [],
    assets: { moneyFen: 0, homes: 1, housingAreaSqm: 50, vehicles: [] },
  };
}

const decisionsOf = async (id: string) => (await call('GET', `/applications/${id}/decisions`)).body;

let reassessed: any;
let reviewed: any;
let refused: any;
let pending: any;
const before = new Map<string, any>();

beforeAll(async () => {
  svc = await startLivingAllowance({ clock, backgroundJobs: false });
  reassessed = await approvedCase(svc.url, clock, twoAdults('640202', 40000), { clerkId: 'clerk-1', approverId: 'officer-1' });
  reviewed = await approvedCase(svc.url, clock, twoAdults('640205', 50000), { clerkId: 'clerk-1', approverId: 'officer-1' });
  const filed = await call('POST', '/applications', { household: twoAdults('640221', 500000) }, as('clerk-1'));
  const submitted = await call('POST', `/applications/${filed.body.id}/submit`, { expectedVersion: 1 }, as('clerk-1'));
  refused = await refuseThroughProcess(svc.url, clock, filed.body.id, submitted.body.version, 'INCOME_ABOVE_STANDARD', { approverId: 'officer-1' });
  const draft = await call('POST', '/applications', { household: twoAdults('640221', 10000) }, as('clerk-2'));
  pending = (await call('POST', `/applications/${draft.body.id}/submit`, { expectedVersion: 1 }, as('clerk-2'))).body;

  // A new standard re-decides the first case; a periodic review adjusts the second.
  clock.set('2026-03-15T02:00:00Z');
  const published = await call('POST', '/parameters', { key: 'dibao.standard', districtCode: '640202', area: 'urban', validFrom: '2026-01-01', value: { monthlyFen: 82000 }, legalSource: 'test' }, as('admin-1', 'admin'));
  expect(published.status).toBe(201);
  await svc.app.get(ReassessmentRunner).drain();
  clock.set('2026-08-05T02:00:00Z');
  const claimed = await call('POST', '/reviews/claim?districtCode=640205', undefined, as('officer-r', 'township_reviewer'));
  expect(claimed.body.id).toBe(reviewed.id);
  const review = await call('POST', `/applications/${reviewed.id}/review`, { expectedVersion: claimed.body.version, household: { ...twoAdults('640205', 30000) } }, as('officer-r', 'township_reviewer'));
  expect(review.status).toBe(200);

  for (const c of [reassessed, reviewed, refused, pending]) before.set(c.id, await decisionsOf(c.id));
  expect(before.get(reassessed.id).total).toBe(2);
  expect(before.get(reviewed.id).total).toBe(2);

  // Back to the earlier release's schema, and forward again.
  const q = svc.dataSource.createQueryRunner();
  try {
    await new CaseDecisions1732700001000().down(q);
    await new CaseDecisions1732700001000().up(q);
  } finally {
    await q.release();
  }
});

afterAll(() => svc?.dispose());

/** What the backfill restores exactly; `facts` it reconstructs from history (marked backfilled), and ids are new. */
function kept(d: any) {
  const { id: _id, facts: _facts, ...rest } = d;
  return rest;
}

describe('existing cases get their decisions backfilled', () => {
  it('a case re-decided under a new standard gets both: the approved decision from its assessment, and the re-decision from `redecision`, current', async () => {
    const was = before.get(reassessed.id);
    const now = await decisionsOf(reassessed.id);

    expect(now.total).toBe(2);
    expect(now.items.map(kept)).toEqual(was.items.map(kept));
    expect(now.items[0].facts).toEqual(was.items[0].facts);
    expect(now.items[1].facts).toEqual({ ...was.items[1].facts, backfilled: true });
    expect((await call('GET', `/applications/${reassessed.id}`)).body.currentDecision).toMatchObject({ id: now.items[0].id, trigger: 'new_standard' });
    expect((await call('GET', `/applications/${reassessed.id}/decisions/in-force?on=2026-03-14`)).body).toMatchObject({ trigger: 'application', monthlyBenefitFen: reassessed.monthlyBenefitFen });
  });

  it('a reviewed case gets the decision of its review (the approval its review overwrote before this release cannot be recovered)', async () => {
    const [review] = before.get(reviewed.id).items;
    const now = await decisionsOf(reviewed.id);

    expect(now.total).toBe(1);
    expect(kept(now.items[0])).toEqual(kept(review));
    expect(now.items[0].facts).toEqual({ outcome: { kind: 'adjust' }, backfilled: true });
  });

  it('a refused case gets its refusal; a case not yet decided gets none', async () => {
    const now = await decisionsOf(refused.id);
    expect(now.items.map(kept)).toEqual(before.get(refused.id).items.map(kept));
    expect(now.items[0]).toMatchObject({ trigger: 'application', granted: null, reasonCode: 'INCOME_ABOVE_STANDARD' });
    expect(await decisionsOf(pending.id)).toMatchObject({ items: [], total: 0 });
    expect((await call('GET', `/applications/${pending.id}`)).body.currentDecision).toBeNull();
  });
});

describe('decisions are kept for good', () => {
  it('the table refuses to change or remove a decision', async () => {
    await expect(svc.dataSource.query(`UPDATE case_decisions SET monthly_benefit_fen = 1`)).rejects.toThrow(/append-only/);
    await expect(svc.dataSource.query(`DELETE FROM case_decisions`)).rejects.toThrow(/append-only/);
    expect((await decisionsOf(reassessed.id)).total).toBe(2);
  });
});
