import { Decision } from '../../assessment/domain/decision';
import { Household } from '../../assessment/domain/household';
import { Application } from './application';
import { CHINA_CALENDAR_2025_2026 } from '@jiuzhu/common';
import { CASE_ACTIONS, CASE_STATUSES, CaseAction, CaseStatus, TRANSITIONS } from './case-status';
import { EMPTY_PROCESS, isPending, ProcessRules, REMEDIES } from './process';
import { DEFAULT_PROCESS_TIME_LIMITS } from './process-parameters';

const household = { districtCode: '640202', area: 'urban', members: [], incomes: [], deductions: [], assets: { moneyFen: 0, homes: 1, housingAreaSqm: 50, vehicles: [] } } as unknown as Household;
const decision = (outcome: Decision['outcome'], monthlyBenefitFen = 50000) =>
  ({ outcome, monthlyBenefitFen, singlePersonInclusions: [{ memberIndex: 1, monthlyBenefitFen: 93600 }] }) as unknown as Decision;
const AT = '2026-03-02T02:00:00.000Z';
const ON = '2026-03-02';
const RULES: ProcessRules = { limits: DEFAULT_PROCESS_TIME_LIMITS, calendar: CHINA_CALENDAR_2025_2026 };
const CHECK = { homeVisitOn: '2026-02-10', neighboursInterviewed: 2, dataMatchedOn: '2026-02-12', discrepanciesFound: false };

/** A case in `status` with the process record that status implies (reviewed by 'reviewer', noticed 02-20 to 02-27). */
function caseIn(status: CaseStatus, coverage: 'household' | 'single_person' = 'household', outcome: Decision['outcome'] = 'dibao'): Application {
  const reviewed = !['draft', 'submitted'].includes(status);
  const objected = status === 'rechecking';
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
    redecision: null,
    process: {
      ...EMPTY_PROCESS,
      submittedOn: status === 'draft' ? null : '2026-02-02',
      reviews: reviewed ? [{ round: 1, by: 'reviewer', on: '2026-02-20', check: CHECK, opinion: 'approve' }] : [],
      notices: reviewed
        ? [{ round: 1, startedOn: '2026-02-20', endsOn: '2026-02-27', ...(objected ? { closedOn: '2026-02-24', objection: { receivedOn: '2026-02-24', recordedBy: 'reviewer', summary: 'undeclared shop' } } : {}) }]
        : [],
    },
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
    case 'township_review':
      return a.townshipReview({ check: CHECK, opinion: 'approve' }, RULES, 'reviewer-2', AT, ON);
    case 'object':
      return a.object('2026-02-25', 'income from a shop not declared', 'reviewer', AT, ON);
    case 'close_notice':
      return a.closeNotice('system', AT, ON);
    case 'approve':
      return a.approve('officer', AT, ON, 'county');
    case 'refuse':
      return a.refuse('officer', AT, ON, 'INCOME_ABOVE_STANDARD', RULES, 'county');
    case 'withdraw':
      return a.withdraw('caseworker', AT);
    case 'extend':
      return a.extend('household member in hospital, home visit postponed', RULES, 'officer', AT, ON);
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
    // An inclusion not yet decided is withdrawn rather than ended when its household is covered.
    const endsByWithdrawal = action === 'end' && isPending(from);
    if (to === null && !endsByWithdrawal) {
      expect(r).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.ILLEGAL_TRANSITION', kind: 'conflict' }) });
      expect(a.state.status).toBe(from);
      expect(a.history).toEqual([]);
    } else {
      expect(r.ok).toBe(true);
      expect(a.state.status).toBe(to ?? 'withdrawn');
      expect(a.history).toHaveLength(1);
    }
  });

  it('the table covers the whole process: submitted → township review → notice → confirmation → approved or refused', () => {
    const a = caseIn('submitted');
    expect(a.townshipReview({ check: CHECK, opinion: 'approve' }, RULES, 'reviewer', AT, '2026-02-20').ok).toBe(true);
    expect(a.state.status).toBe('notice');
    expect(a.closeNotice('system', AT, '2026-02-28').ok).toBe(true);
    expect(a.state.status).toBe('confirming');
    expect(a.approve('county-officer', AT, '2026-03-03', 'county').ok).toBe(true);
    expect(a.history.map((h) => `${h.from}→${h.to}`)).toEqual(['submitted→notice', 'notice→confirming', 'confirming→approved']);
  });

  it('a filed case starts as a draft at version 1 with its filing in the history', () => {
    const a = Application.file({ id: 'x', coverage: 'household', householdRef: 'a'.repeat(64), household, by: 'caseworker', at: AT });
    expect(a.state).toMatchObject({ status: 'draft', version: 1, filedBy: 'caseworker' });
    expect(a.history).toEqual([{ action: 'file', from: null, to: 'draft', actor: 'caseworker', at: AT }]);
  });

  it.each(['approve', 'refuse'] as const)('the officer who filed a case cannot %s it (four-eyes)', (action) => {
    const a = caseIn('confirming');
    const r = action === 'approve' ? a.approve('caseworker', AT, ON, 'county') : a.refuse('caseworker', AT, ON, 'OTHER', RULES, 'county', 'x');
    expect(r).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.FOUR_EYES', kind: 'forbidden' }) });
    expect(a.state.status).toBe('confirming');
  });

  it.each(['approve', 'refuse'] as const)('the township reviewer cannot %s the case they reviewed (four-eyes)', (action) => {
    const a = caseIn('confirming');
    const r = action === 'approve' ? a.approve('reviewer', AT, ON, 'township') : a.refuse('reviewer', AT, ON, 'NOT_RESIDENT', RULES, 'township');
    expect(r).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.REVIEWER_CANNOT_CONFIRM', kind: 'forbidden' }) });
    expect(a.state.status).toBe('confirming');
  });

  it('a reviewer of an earlier round cannot confirm either', () => {
    const a = caseIn('rechecking');
    expect(a.townshipReview({ check: CHECK, opinion: 'approve' }, RULES, 'reviewer-2', AT, '2026-02-26').ok).toBe(true);
    expect(a.closeNotice('system', AT, '2026-03-06').ok).toBe(true);
    expect(a.approve('reviewer', AT, '2026-03-06', 'county')).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.REVIEWER_CANNOT_CONFIRM' }) });
    expect(a.approve('reviewer-2', AT, '2026-03-06', 'county')).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.REVIEWER_CANNOT_CONFIRM' }) });
    expect(a.approve('county-officer', AT, '2026-03-06', 'county').ok).toBe(true);
  });

  it('the officer who filed a case cannot review it at the township (four-eyes)', () => {
    const a = caseIn('submitted');
    expect(a.townshipReview({ check: CHECK, opinion: 'approve' }, RULES, 'caseworker', AT, ON)).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.FOUR_EYES', kind: 'forbidden' }) });
  });

  it('a township review posts the opinion for 7 calendar days and announces both', () => {
    const a = caseIn('submitted');
    expect(a.townshipReview({ check: CHECK, opinion: 'refuse', reasonCode: 'ASSETS_OVER_LIMIT' }, RULES, 'reviewer', AT, '2026-02-20')).toEqual({
      ok: true,
      value: [
        { kind: 'township_reviewed', round: 1, opinion: 'refuse', reasonCode: 'ASSETS_OVER_LIMIT', on: '2026-02-20' },
        { kind: 'notice_started', round: 1, startedOn: '2026-02-20', endsOn: '2026-02-27' },
      ],
    });
    expect(a.state.process.reviews[0]).toMatchObject({ by: 'reviewer', check: CHECK, opinion: 'refuse' });
  });

  it.each([
    ['an opinion to refuse without a reason', { check: CHECK, opinion: 'refuse' as const }, 'CASE.REASON_REQUIRED'],
    ['reason OTHER without a note', { check: CHECK, opinion: 'refuse' as const, reasonCode: 'OTHER' as const }, 'CASE.NOTE_REQUIRED'],
    ['a home visit dated after today', { check: { ...CHECK, homeVisitOn: '2026-03-03' }, opinion: 'approve' as const }, 'CASE.CHECK_IN_FUTURE'],
    ['a data match dated before the submission', { check: { ...CHECK, dataMatchedOn: '2026-01-30' }, opinion: 'approve' as const }, 'CASE.CHECK_BEFORE_SUBMISSION'],
    ['a home visit on a day that does not exist', { check: { ...CHECK, homeVisitOn: '2026-02-30' }, opinion: 'approve' as const }, 'CASE.CHECK_DATE_INVALID'],
  ])('a township review with %s is refused', (_what, input, code) => {
    const a = caseIn('submitted');
    expect(a.townshipReview(input, RULES, 'reviewer', AT, ON)).toEqual({ ok: false, violation: expect.objectContaining({ code, kind: 'invalid' }) });
    expect(a.state.status).toBe('submitted');
  });

  it('the township cannot recommend approving a household the assessment found ineligible', () => {
    const a = caseIn('submitted', 'household', 'ineligible');
    expect(a.townshipReview({ check: CHECK, opinion: 'approve' }, RULES, 'reviewer', AT, ON)).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.OPINION_CONTRADICTS_ASSESSMENT' }) });
  });

  it('an objection during the notice sends the case back for a re-check, and the new opinion is noticed again as round 2', () => {
    const a = caseIn('notice');
    expect(a.object('2026-02-27', 'income from a shop not declared', 'reviewer', AT, '2026-02-27')).toEqual({ ok: true, value: [{ kind: 'objected', round: 1, receivedOn: '2026-02-27', on: '2026-02-27' }] });
    expect(a.state.status).toBe('rechecking');
    const r = a.townshipReview({ check: { ...CHECK, discrepanciesFound: true, findings: 'shop closed in 2025' }, opinion: 'approve' }, RULES, 'reviewer', AT, '2026-03-02');
    expect(r.ok && r.value[1]).toEqual({ kind: 'notice_started', round: 2, startedOn: '2026-03-02', endsOn: '2026-03-09' });
    expect(a.state.process.notices).toHaveLength(2);
  });

  it('an objection dated on a day that does not exist is refused, not stored', () => {
    const a = caseIn('notice');
    expect(a.object('2026-02-30', 'x', 'reviewer', AT, ON)).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.OBJECTION_DATE_INVALID', kind: 'invalid' }) });
    expect(a.state.status).toBe('notice');
  });

  it('an objection received after the notice ended is refused', () => {
    expect(caseIn('notice').object('2026-02-28', 'late', 'reviewer', AT, '2026-03-01')).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.OBJECTION_OUTSIDE_NOTICE' }) });
  });

  it('the notice cannot be closed on its last day, only from the day after', () => {
    expect(caseIn('notice').closeNotice('system', AT, '2026-02-27')).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.NOTICE_RUNNING' }) });
    expect(caseIn('notice').closeNotice('system', AT, '2026-02-28').ok).toBe(true);
  });

  it('the whole-process limit can be extended once, with a reason', () => {
    const a = caseIn('confirming');
    expect(a.extend('  ', RULES, 'officer', AT, ON)).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.NOTE_REQUIRED' }) });
    expect(a.extend('awaiting data match from another province', RULES, 'officer', AT, ON).ok).toBe(true);
    expect(a.state.process.extension).toEqual({ by: 'officer', on: ON, reason: 'awaiting data match from another province', workingDays: 15 });
    expect(a.extend('again', RULES, 'officer', AT, ON)).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.ALREADY_EXTENDED' }) });
  });

  it('a refusal records the written-notice data: reason, remedies, and delivery within 3 working days', () => {
    const a = caseIn('confirming');
    const r = a.refuse('officer', AT, '2026-09-30', 'ASSETS_OVER_LIMIT', RULES, 'county');
    // 2026-09-30 is the day before the National Day holiday (10-01 to 10-07); 10-10 is a Saturday worked instead.
    expect(r).toEqual({ ok: true, value: [{ kind: 'refused', reason: 'ASSETS_OVER_LIMIT', on: '2026-09-30', deliverBy: '2026-10-10', level: 'county' }] });
    expect(a.state.process.refusalNotice).toEqual({ reasonCode: 'ASSETS_OVER_LIMIT', refusedOn: '2026-09-30', deliverBy: '2026-10-10', remedies: REMEDIES });
  });

  it('approval pays the assessed benefit from the month after approval (次月起发放)', () => {
    const a = caseIn('confirming');
    expect(a.approve('officer', AT, '2026-12-31', 'county')).toEqual({ ok: true, value: [{ kind: 'approved', granted: 'dibao', on: '2026-12-31', level: 'county' }] });
    expect(a.state).toMatchObject({ granted: 'dibao', monthlyBenefitFen: 50000, effectiveMonth: '2027-01', decidedOn: '2026-12-31' });
  });

  it('a low-income household is approved into the database, with no dibao payment', () => {
    const a = caseIn('confirming', 'household', 'low_income');
    expect(a.approve('officer', AT, ON, 'township')).toEqual({ ok: true, value: [{ kind: 'approved', granted: 'low_income', on: ON, level: 'township' }] });
    expect(a.state).toMatchObject({ granted: 'low_income', monthlyBenefitFen: null, effectiveMonth: null });
  });

  it('an ineligible household cannot be approved: the officer must refuse it with a reason', () => {
    const a = caseIn('confirming', 'household', 'ineligible');
    expect(a.approve('officer', AT, ON, 'county')).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.ASSESSED_INELIGIBLE' }) });
  });

  it('a single-person inclusion is paid its own benefit, not the household figure', () => {
    const a = caseIn('confirming', 'single_person', 'low_income');
    expect(a.approve('officer', AT, ON, 'county').ok).toBe(true);
    expect(a.state).toMatchObject({ granted: 'dibao', monthlyBenefitFen: 93600 });
  });

  it('refusing with reason OTHER needs a note', () => {
    expect(caseIn('confirming').refuse('officer', AT, ON, 'OTHER', RULES, 'county')).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.NOTE_REQUIRED', kind: 'invalid' }) });
    expect(caseIn('confirming').refuse('officer', AT, ON, 'OTHER', RULES, 'county', 'moved away').ok).toBe(true);
  });

  it('only a single-person inclusion ends because its household is covered', () => {
    expect(caseIn('approved').endBecauseHouseholdCovered('h', '2026-04', 'officer', AT, ON)).toEqual({
      ok: false,
      violation: expect.objectContaining({ code: 'CASE.NOT_SINGLE_PERSON' }),
    });
  });
});
