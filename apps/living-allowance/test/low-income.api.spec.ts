import { http, startLivingAllowance, TestService } from '../../../test/support/services';
import {
  as,
  eventsOf,
  expectProblem,
  HouseholdInput,
  LOW_INCOME_PER_CAPITA_FEN,
  lowIncomeHousehold,
  personRef,
  SINGLE_PERSON_BENEFIT_FEN,
} from './households';
import { approvedCase as approvedThroughProcess, approver, approveThroughProcess, refuseThroughProcess, throughNotice } from './process';

/**
 * The low-income database (低收入家庭数据库) and single-person inclusion (单人户, policy.md §1): a
 * household between the standard and 1.5 × the standard is registered when its case is approved;
 * a severely disabled or seriously ill member of it gets a dibao case of their own; a household that
 * later qualifies for dibao (or leaves the band) is removed from the database.
 */

const CLERK = 'clerk-11';
const OFFICER = 'officer-12';
const SECOND_OFFICER = 'officer-13';

let svc: TestService;

beforeAll(async () => {
  svc = await startLivingAllowance();
});

afterAll(async () => {
  await svc?.dispose();
});

/** A request as the caseworker `actor` (CLERK unless told). */
const call = (method: string, path: string, body?: unknown, actor = CLERK) => http(svc.url, method, path, body, as(actor));
const registry = async (active = true) => (await call('GET', `/low-income-households?active=${active}&limit=1000`)).body.items as any[];
const eventsAbout = async (type: string, field: string, value: string) => (await eventsOf(svc.url, type)).filter((e) => e.data[field] === value);

/** Filed and submitted by CLERK, through township review and notice, approved by OFFICER today. */
const approvedCase = (household: HouseholdInput): Promise<any> => approvedThroughProcess(svc.url, svc.clock, household, { clerkId: CLERK, approverId: OFFICER });
const today = () => svc.clock.today();

async function inclusionsOf(parentId: string): Promise<any[]> {
  const rows = await svc.dataSource.query(`SELECT id FROM applications WHERE parent_id = $1 ORDER BY member_index`, [parentId]);
  return Promise.all(rows.map(async (r: { id: string }) => (await call('GET', `/applications/${r.id}`)).body));
}

describe('a household in the low-income band', () => {
  const household = lowIncomeHousehold();
  const householdRef = personRef(household.members[0].idNumber);
  let parent: any;
  let inclusion: any;

  it('is approved into the low-income database, not onto dibao', async () => {
    parent = await approvedCase(household);

    expect(parent).toMatchObject({ status: 'approved', granted: 'low_income', monthlyBenefitFen: null, effectiveMonth: null, householdRef });
    expect(parent.assessment).toMatchObject({ outcome: 'low_income', perCapitaIncomeFen: LOW_INCOME_PER_CAPITA_FEN });
    expect(await eventsAbout('living-allowance.case.approved', 'caseId', parent.id)).toEqual([]);
  });

  it('is listed by GET /low-income-households and announced as living-allowance.low-income.registered', async () => {
    expect((await registry()).filter((e) => e.householdRef === householdRef)).toEqual([
      {
        householdRef,
        applicationId: parent.id,
        districtCode: '640202',
        area: 'urban',
        householdSize: 2,
        perCapitaIncomeFen: LOW_INCOME_PER_CAPITA_FEN,
        registeredOn: '2026-03-02',
        active: true,
        removedOn: null,
        removalReason: null,
      },
    ]);
    const events = await eventsAbout('living-allowance.low-income.registered', 'householdRef', householdRef);
    expect(events.map((e) => e.data)).toEqual([
      { householdRef, caseId: parent.id, districtCode: '640202', area: 'urban', householdSize: 2, perCapitaIncomeFen: LOW_INCOME_PER_CAPITA_FEN, registeredOn: '2026-03-02' },
    ]);
  });

  it('opens a single-person inclusion case (单人户) for its grade-1 disabled member, submitted and waiting for a decision', async () => {
    const inclusions = await inclusionsOf(parent.id);

    expect(inclusions).toHaveLength(1);
    inclusion = inclusions[0];
    expect(inclusion).toMatchObject({ coverage: 'single_person', status: 'submitted', parentId: parent.id, memberIndex: 1, householdRef, version: 1, granted: null });
    expect(inclusion.assessment.singlePersonInclusions).toEqual([expect.objectContaining({ memberIndex: 1, monthlyBenefitFen: SINGLE_PERSON_BENEFIT_FEN })]);
    const submitted = await eventsAbout('living-allowance.application.submitted', 'caseId', inclusion.id);
    expect(submitted.map((e) => e.data)).toEqual([
      { caseId: inclusion.id, householdRef, districtCode: '640202', area: 'urban', householdSize: 1, submittedOn: '2026-03-02' },
    ]);
  });

  it('shows the inclusion in the work queue with its own benefit and a household of one', async () => {
    const queue = (await call('GET', '/applications?status=submitted&limit=500')).body.items;

    expect(queue.find((i: { id: string }) => i.id === inclusion.id)).toMatchObject({
      coverage: 'single_person',
      householdSize: 1,
      monthlyBenefitFen: SINGLE_PERSON_BENEFIT_FEN,
    });
  });

  it('records the inclusion as opened by the officer whose low-income approval created it', async () => {
    expect(inclusion.filedBy).toBe(OFFICER);
    const history = (await call('GET', `/applications/${inclusion.id}/history`)).body.items;
    expect(history.map((h: { action: string; actor: string }) => [h.action, h.actor])).toEqual([
      ['file', OFFICER],
      ['submit', OFFICER],
    ]);
  });

  it('cannot have the inclusion decided by the officer who opened it with the household approval (four-eyes)', async () => {
    inclusion = await throughNotice(svc.url, svc.clock, inclusion.id, inclusion.version);
    expectProblem(await http(svc.url, 'POST', `/applications/${inclusion.id}/approve`, { expectedVersion: inclusion.version }, approver(OFFICER)), 403, 'CASE.FOUR_EYES');
  });

  it('has the inclusion approved by another officer: dibao for one person, written as case.approved with coverage single_person', async () => {
    const res = await http(svc.url, 'POST', `/applications/${inclusion.id}/approve`, { expectedVersion: inclusion.version }, approver(SECOND_OFFICER));

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', granted: 'dibao', monthlyBenefitFen: SINGLE_PERSON_BENEFIT_FEN, effectiveMonth: '2026-04', version: inclusion.version + 1 });
    const events = await eventsAbout('living-allowance.case.approved', 'caseId', inclusion.id);
    expect(events.map((e) => e.data)).toEqual([
      {
        caseId: inclusion.id,
        householdRef,
        coverage: 'single_person',
        districtCode: '640202',
        area: 'urban',
        peopleCovered: 1,
        personRefs: [personRef(household.members[1].idNumber)],
        monthlyBenefitFen: SINGLE_PERSON_BENEFIT_FEN,
        standardFen: 78000,
        effectiveMonth: '2026-04',
        approvedOn: today(),
      },
    ]);
    // Covering one member on their own does not take the household out of the low-income database.
    expect((await registry()).some((e) => e.householdRef === householdRef)).toBe(true);
  });

  it('can apply again when its income falls below the standard, and approval onto dibao removes it from the database (now_dibao)', async () => {
    const poorer: HouseholdInput = { ...household, incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 100000 }] };

    const filed = await call('POST', '/applications', { household: poorer }, CLERK);
    expect(filed.status).toBe(201);
    const submitted = await call('POST', `/applications/${filed.body.id}/submit`, { expectedVersion: 1 }, CLERK);
    expect(submitted.body.assessment.outcome).toBe('dibao');
    const approved = await approveThroughProcess(svc.url, svc.clock, filed.body.id, 2, { approverId: OFFICER });

    expect((await registry()).some((e) => e.householdRef === householdRef)).toBe(false);
    expect((await registry(false)).find((e) => e.householdRef === householdRef)).toMatchObject({ active: false, removalReason: 'now_dibao', removedOn: approved.decidedOn });
    expect((await eventsAbout('living-allowance.low-income.removed', 'householdRef', householdRef)).map((e) => e.data)).toEqual([
      { householdRef, caseId: filed.body.id, districtCode: '640202', reason: 'now_dibao', removedOn: approved.decidedOn },
    ]);
  });

  it('ends the member\'s single-person inclusion when the household itself is approved for dibao: paid once, as a household member', async () => {
    const ended = (await call('GET', `/applications/${inclusion.id}`)).body;
    expect(ended).toMatchObject({ status: 'ended', coverage: 'single_person' });
    const terminated = await eventsAbout('living-allowance.case.terminated', 'caseId', inclusion.id);
    // The household is paid from 2026-04, so the inclusion pays no more from that month.
    expect(terminated.map((e) => e.data)).toEqual([
      { caseId: inclusion.id, householdRef, coverage: 'single_person', districtCode: '640202', reasonCode: 'COVERED_BY_HOUSEHOLD_CASE', stopsFromMonth: '2026-04', terminatedOn: today() },
    ]);
    const history = (await call('GET', `/applications/${inclusion.id}/history`)).body.items;
    expect(history[history.length - 1]).toMatchObject({ action: 'end', from: 'approved', to: 'ended', actor: OFFICER, reasonCode: 'COVERED_BY_HOUSEHOLD_CASE' });
  });
});

describe('single-person inclusions are never duplicated or left open beside a household case', () => {
  it('a renewed low-income registration opens no second inclusion for a member who already has one', async () => {
    const household = lowIncomeHousehold();
    const first = await approvedCase(household);
    expect(await inclusionsOf(first.id)).toHaveLength(1);

    const second = await approvedCase(household);

    expect(second.granted).toBe('low_income');
    expect(await inclusionsOf(second.id)).toEqual([]);
  });

  it('an inclusion still waiting for its decision is withdrawn when the household is approved for dibao', async () => {
    const household = lowIncomeHousehold();
    const parent = await approvedCase(household);
    const [pending] = await inclusionsOf(parent.id);
    expect(pending.status).toBe('submitted');

    await approvedCase({ ...household, incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 100000 }] });

    expect((await call('GET', `/applications/${pending.id}`)).body.status).toBe('withdrawn');
    expect(await eventsAbout('living-allowance.case.approved', 'caseId', pending.id)).toEqual([]);
  });
});

describe('which members of a low-income household are covered alone (单人户)', () => {
  it.each([
    { what: 'a grade-1 physical disability', member: { disability: { grade: 1, kind: 'physical' } }, reason: 'SINGLE_PERSON.SEVERE_DISABILITY', benefit: 93600, expected: 'covered alone (severe disability), 780.00 + 20 % top-up' },
    { what: 'a grade-3 intellectual disability', member: { disability: { grade: 3, kind: 'intellectual' } }, reason: 'SINGLE_PERSON.INTELLECTUAL_OR_MENTAL_DISABILITY', benefit: 78000, expected: 'covered alone (intellectual disability), no top-up' },
    { what: 'a serious illness', member: { seriousIllness: true }, reason: 'SINGLE_PERSON.SERIOUS_ILLNESS', benefit: 93600, expected: 'covered alone (serious illness), 780.00 + 20 % top-up' },
    { what: 'a grade-3 physical disability', member: { disability: { grade: 3, kind: 'physical' } }, reason: null, benefit: null, expected: 'not covered alone' },
  ])('a member with $what is $expected', async ({ member, reason, benefit }) => {
    const h = lowIncomeHousehold();
    const { disability: _none, ...spouse } = h.members[1];
    const household = { ...h, members: [h.members[0], { ...spouse, ...member }] };

    const parent = await approvedCase(household);

    const inclusions = await inclusionsOf(parent.id);
    if (reason === null) {
      expect(inclusions).toEqual([]);
    } else {
      expect(inclusions).toHaveLength(1);
      expect(inclusions[0]).toMatchObject({ coverage: 'single_person', memberIndex: 1, status: 'submitted' });
      expect(parent.assessment.singlePersonInclusions).toEqual([expect.objectContaining({ memberIndex: 1, reason, monthlyBenefitFen: benefit })]);
    }
  });
});

describe('leaving the low-income database', () => {
  /** A registered household (no member covered alone); registration leaves it free to apply again. */
  async function registeredThenFreed(): Promise<{ household: HouseholdInput; householdRef: string; parentId: string }> {
    const household = lowIncomeHousehold();
    const { disability: _none, ...spouse } = household.members[1];
    const plain = { ...household, members: [household.members[0], spouse] };
    const parent = await approvedCase(plain);
    return { household: plain, householdRef: personRef(plain.members[0].idNumber), parentId: parent.id };
  }

  it.each([
    {
      what: 'approved onto dibao after its income fell',
      change: (h: HouseholdInput): HouseholdInput => ({ ...h, incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 100000 }] }),
      decide: (id: string) => approveThroughProcess(svc.url, svc.clock, id, 2, { approverId: OFFICER }),
      outcome: 'dibao',
      reason: 'now_dibao',
    },
    {
      what: 'refused after its income rose above the band',
      change: (h: HouseholdInput): HouseholdInput => ({ ...h, incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 300000 }] }),
      decide: (id: string) => refuseThroughProcess(svc.url, svc.clock, id, 2, 'INCOME_ABOVE_STANDARD', { approverId: OFFICER }),
      outcome: 'ineligible',
      reason: 'above_band',
    },
    {
      what: 'refused because its money assets now exceed the limit',
      change: (h: HouseholdInput): HouseholdInput => ({ ...h, assets: { ...h.assets, moneyFen: 36 * 78000 * 2 + 1 } }),
      decide: (id: string) => refuseThroughProcess(svc.url, svc.clock, id, 2, 'ASSETS_OVER_LIMIT', { approverId: OFFICER }),
      outcome: 'ineligible',
      reason: 'property_over_limit',
    },
  ])('a registered household $what is removed with reason $reason and living-allowance.low-income.removed', async ({ change, decide, outcome, reason }) => {
    const { household, householdRef } = await registeredThenFreed();

    const filed = await call('POST', '/applications', { household: change(household) }, CLERK);
    expect(filed.status).toBe(201);
    const submitted = await call('POST', `/applications/${filed.body.id}/submit`, { expectedVersion: 1 }, CLERK);
    expect(submitted.body.assessment.outcome).toBe(outcome);
    const decided = await decide(filed.body.id);

    expect((await registry()).some((e) => e.householdRef === householdRef)).toBe(false);
    expect((await registry(false)).find((e) => e.householdRef === householdRef)).toMatchObject({ active: false, removalReason: reason, removedOn: decided.decidedOn });
    expect((await eventsAbout('living-allowance.low-income.removed', 'householdRef', householdRef)).map((e) => e.data)).toEqual([
      { householdRef, caseId: filed.body.id, districtCode: '640202', reason, removedOn: decided.decidedOn },
    ]);
  });

  it('a refusal of a household that was never registered removes nothing', async () => {
    const h = lowIncomeHousehold();
    const household = { ...h, incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 400000 }] };
    const filed = await call('POST', '/applications', { household }, CLERK);
    await call('POST', `/applications/${filed.body.id}/submit`, { expectedVersion: 1 }, CLERK);
    const before = (await eventsOf(svc.url, 'living-allowance.low-income.removed')).length;

    expect((await refuseThroughProcess(svc.url, svc.clock, filed.body.id, 2, 'INCOME_ABOVE_STANDARD', { approverId: OFFICER })).status).toBe('refused');

    expect((await eventsOf(svc.url, 'living-allowance.low-income.removed')).length).toBe(before);
  });
});

describe('GET /low-income-households', () => {
  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['offset=-2', 'offset'],
    ['active=yes', 'active'],
  ])('refuses ?%s (400 naming %s)', async (query, field) => {
    const problem = expectProblem(await call('GET', `/low-income-households?${query}`), 400, 'INVALID_INPUT');
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it('filters by district', async () => {
    expect(await registry()).not.toEqual([]);

    const other = (await call('GET', '/low-income-households?districtCode=640205')).body.items;

    expect(other).toEqual([]);
  });
});
