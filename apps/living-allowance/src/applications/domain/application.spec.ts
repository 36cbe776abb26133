import { Decision } from '../../assessment/domain/decision';
import { Household } from '../../assessment/domain/household';
import { Application } from './application';
import { CASE_ACTIONS, CASE_STATUSES, CaseAction, CaseStatus, TRANSITIONS } from './case-status';

const household = { districtCode: '640202', area: 'urban', members: [], incomes: [], deductions: [], assets: { moneyFen: 0, homes: 1, housingAreaSqm: 50, vehicles: [] } } as unknown as Household;
const decision = (outcome: Decision['outcome'], monthlyBenefitFen = 50000) =>
  ({ outcome, monthlyBenefitFen, singlePersonInclusions: [{ memberIndex: 1, monthlyBenefitFen: 93600 }] }) as unknown as Decision;
const AT = '2026-03-02T02:00:00.000Z';
const ON = '2026-03-02';

function caseIn(status: CaseStatus, coverage: 'household' | 'single_person' = 'household', outcome: Decision['outcome'] = 'dibao'): Application {
  return Application.restore({
    id: '00000000-0000-4000-8000-000000000001',
    coverage,
    parentId: null,
    memberIndex: coverage === 'single_person' ? 1 : null,
    householdRef: 'a'.repeat(64),
    household,
    status,
    assessment: status === 'draft' ? null : decision(outcome),
    granted: null,
    monthlyBenefitFen: null,
    effectiveMonth: null,
    decidedOn: null,
    rejectionReason: null,
    reviewDueOn: null,
    exitingUntil: null,
    version: 3,
    filedBy: 'caseworker',
    filedAt: AT,
  });
}

function act(a: Application, action: CaseAction) {
  switch (action) {
    case 'edit':
      return a.editHousehold(household, 'b'.repeat(64), 'caseworker', AT);
    case 'submit':
      return a.submit(decision('dibao'), 'caseworker', AT, ON);
    case 'approve':
      return a.approve('officer', AT, ON);
    case 'reject':
      return a.reject('officer', AT, ON, 'INCOME_ABOVE_STANDARD');
    case 'withdraw':
      return a.withdraw('caseworker', AT);
    case 'end':
      return a.endBecauseHouseholdCovered('00000000-0000-4000-8000-000000000002', '2026-04', 'officer', AT, ON);
    case 'review':
      return a.review({ kind: 'continue', monthlyBenefitFen: 50000 }, household, decision('dibao'), '2027-03-02', 'officer', AT, ON);
  }
}

describe('the dibao case state machine', () => {
  const table = CASE_STATUSES.flatMap((from) => CASE_ACTIONS.map((action) => [from, action, TRANSITIONS[from][action] ?? null] as const));

  it.each(table)('a %s case asked to %s → %s', (from, action, to) => {
    const a = caseIn(from, action === 'end' ? 'single_person' : 'household');
    const r = act(a, action);
    if (to === null && !(action === 'end' && from === 'submitted')) {
      expect(r).toEqual({ ok: false, problem: expect.objectContaining({ code: 'CASE.ILLEGAL_TRANSITION', status: 409 }) });
      expect(a.state.status).toBe(from);
      expect(a.history).toEqual([]);
    } else {
      expect(r.ok).toBe(true);
      // An inclusion not yet decided is withdrawn rather than ended.
      expect(a.state.status).toBe(to ?? 'withdrawn');
      expect(a.history).toHaveLength(1);
    }
  });

  it('a filed case starts as a draft at version 1 with its filing in the history', () => {
    const a = Application.file({ id: 'x', coverage: 'household', householdRef: 'a'.repeat(64), household, by: 'caseworker', at: AT });
    expect(a.state).toMatchObject({ status: 'draft', version: 1, filedBy: 'caseworker' });
    expect(a.history).toEqual([{ action: 'file', from: null, to: 'draft', actor: 'caseworker', at: AT }]);
  });

  it.each(['approve', 'reject'] as const)('the officer who filed a case cannot %s it (four-eyes)', (action) => {
    const a = caseIn('submitted');
    const r = action === 'approve' ? a.approve('caseworker', AT, ON) : a.reject('caseworker', AT, ON, 'OTHER', 'x');
    expect(r).toEqual({ ok: false, problem: expect.objectContaining({ code: 'CASE.FOUR_EYES', status: 403 }) });
    expect(a.state.status).toBe('submitted');
  });

  it('approval pays the assessed benefit from the month after approval (次月起发放)', () => {
    const a = caseIn('submitted');
    expect(a.approve('officer', AT, '2026-12-31')).toEqual({ ok: true, facts: [{ kind: 'approved', granted: 'dibao', on: '2026-12-31' }] });
    expect(a.state).toMatchObject({ granted: 'dibao', monthlyBenefitFen: 50000, effectiveMonth: '2027-01', decidedOn: '2026-12-31' });
  });

  it('a low-income household is approved into the database, with no dibao payment', () => {
    const a = caseIn('submitted', 'household', 'low_income');
    expect(a.approve('officer', AT, ON)).toEqual({ ok: true, facts: [{ kind: 'approved', granted: 'low_income', on: ON }] });
    expect(a.state).toMatchObject({ granted: 'low_income', monthlyBenefitFen: null, effectiveMonth: null });
  });

  it('an ineligible household cannot be approved: the officer must reject it with a reason', () => {
    const a = caseIn('submitted', 'household', 'ineligible');
    expect(a.approve('officer', AT, ON)).toEqual({ ok: false, problem: expect.objectContaining({ code: 'CASE.ASSESSED_INELIGIBLE' }) });
  });

  it('a single-person inclusion is paid its own benefit, not the household figure', () => {
    const a = caseIn('submitted', 'single_person', 'low_income');
    expect(a.approve('officer', AT, ON).ok).toBe(true);
    expect(a.state).toMatchObject({ granted: 'dibao', monthlyBenefitFen: 93600 });
  });

  it('rejecting with reason OTHER needs a note', () => {
    expect(caseIn('submitted').reject('officer', AT, ON, 'OTHER')).toEqual({ ok: false, problem: expect.objectContaining({ code: 'CASE.NOTE_REQUIRED', status: 400 }) });
    expect(caseIn('submitted').reject('officer', AT, ON, 'OTHER', 'moved away').ok).toBe(true);
  });

  it('only a single-person inclusion ends because its household is covered', () => {
    expect(caseIn('approved').endBecauseHouseholdCovered('h', '2026-04', 'officer', AT, ON)).toEqual({
      ok: false,
      problem: expect.objectContaining({ code: 'CASE.NOT_SINGLE_PERSON' }),
    });
  });
});
