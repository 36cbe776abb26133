import { Decision } from '../../assessment/domain/decision';
import { Household } from '../../assessment/domain/household';
import { Application } from './application';
import { CHINA_CALENDAR_2025_2026 } from '@jiuzhu/common';
import { CASE_ACTIONS, CASE_STATUSES, CaseAction, CaseStatus, TRANSITIONS } from './case-status';
import { EMPTY_PROCESS, isPending, processDeadlines, ProcessRules, REMEDIES } from './process';
import { DEFAULT_PROCESS_TIME_LIMITS } from './process-parameters';

const household = { districtCode: '640202', area: 'urban', members: [], incomes: [], deductions: [], assets: { moneyFen: 0, homes: 1, housingAreaSqm: 50, vehicles: [] } } as unknown as Household;
const decision = (outcome: Decision['outcome'], monthlyBenefitFen = 50000) =>
  ({ outcome, monthlyBenefitFen, singlePersonInclusions: [{ memberIndex: 1, monthlyBenefitFen: 93600 }] }) as unknown as Decision;
const AT = '2026-03-02T02:00:00.000Z';
const ON = '2026-03-02';
const RULES: ProcessRules = { limits: DEFAULT_PROCESS_TIME_LIMITS, calendar: CHINA_CALENDAR_2025_2026 };
const CHECK = { homeVisitOn: '2026-02-10', neighboursInterviewed: 2, dataMatchedOn: '2026-02-12', discrepanciesFound: false };
const DECIDED_ON = '2026-02-28';
const CHANGE = { trigger: 'change_reported' as const, reportedOn: '2026-03-01', summary: 'the applicant started work at a factory' };

/** A case in `status` with the process record that status implies (reviewed by 'reviewer', noticed 02-20 to 02-27). */
function caseIn(status: CaseStatus, coverage: 'household' | 'single_person' = 'household', outcome: Decision['outcome'] = 'dibao'): Application {
  const reviewed = !['draft', 'submitted'].includes(status);
  const objected = status === 'rechecking';
  const paying = status === 'approved' || status === 'ended';
  const decided = paying || status === 'refused';
  return Application.restore({
    id: '00000000-0000-4000-8000-000000000001',
    coverage,
    parentId: null,
    memberIndex: coverage === 'single_person' ? 1 : null,
    householdRef: 'a'.repeat(64),
    household,
    status,
    assessment: status === 'draft' ? null : decision(outcome),
    granted: paying ? 'dibao' : null,
    monthlyBenefitFen: paying ? 50000 : null,
    effectiveMonth: paying ? '2026-03' : null,
    decidedOn: decided ? DECIDED_ON : null,
    rejectionReason: status === 'refused' ? 'INCOME_ABOVE_STANDARD' : null,
    reviewDueOn: paying ? '2027-02-28' : null,
    exitingUntil: null,
    openReview: null,
    process: {
      ...EMPTY_PROCESS,
      submittedOn: status === 'draft' ? null : '2026-02-02',
      reviews: reviewed ? [{ round: 1, by: 'reviewer', on: '2026-02-20', check: CHECK, opinion: 'approve' }] : [],
      notices: reviewed
        ? [{ round: 1, startedOn: '2026-02-20', endsOn: '2026-02-27', ...(objected ? { closedOn: '2026-02-24', objection: { receivedOn: '2026-02-24', recordedBy: 'reviewer', summary: 'undeclared shop' } } : {}) }]
        : [],
      confirmation: decided ? { by: 'officer', on: DECIDED_ON, level: 'county' } : null,
      // Refused 02-28 (a Saturday): the written notice is due Wednesday 03-04.
      refusalNotice: status === 'refused' ? { reasonCode: 'INCOME_ABOVE_STANDARD', refusedOn: DECIDED_ON, deliverBy: '2026-03-04', remedies: REMEDIES } : null,
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
    case 'open_review':
      return a.openReview(CHANGE, 'reviewer', AT, ON);
    case 'record_delivery':
      return a.recordRefusalNoticeDelivery({ deliveredOn: ON, method: 'in_person' }, 'clerk', AT, ON);
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

describe('a change reported by the household opens a review at once (变更申报/临时复核)', () => {
  it('opens a review of a paying case before its due date, records it in the history, and the review that decides it names the change as its trigger', () => {
    const a = caseIn('approved');
    expect(a.openReview(CHANGE, 'reviewer', AT, ON)).toEqual({ ok: true, value: [] });
    expect(a.state.openReview).toEqual({ ...CHANGE, openedBy: 'reviewer', openedOn: ON });
    expect(a.history).toEqual([{ action: 'open_review', from: 'approved', to: 'approved', actor: 'reviewer', at: AT, reasonCode: 'REVIEW.CHANGE_REPORTED', note: CHANGE.summary }]);

    const adjust = { kind: 'adjust' as const, oldMonthlyFen: 50000, newMonthlyFen: 30000, fromMonth: '2026-04' };
    expect(a.review(adjust, household, decision('dibao', 30000), '2026-09-02', 'reviewer', AT, ON)).toEqual({ ok: true, value: [{ kind: 'reviewed', outcome: adjust, on: ON, trigger: 'change_reported' }] });
    expect(a.state).toMatchObject({ monthlyBenefitFen: 30000, openReview: null, reviewDueOn: '2026-09-02' });
  });

  it('a review nobody opened is the periodic one', () => {
    const a = caseIn('approved');
    const r = a.review({ kind: 'end', reason: 'NO_LONGER_ELIGIBLE', stopsFromMonth: '2026-04' }, household, decision('ineligible'), '2027-03-02', 'reviewer', AT, ON);
    expect(r).toEqual({ ok: true, value: [{ kind: 'ended', reason: 'NO_LONGER_ELIGIBLE', on: ON, stopsFromMonth: '2026-04', review: 'periodic' }] });
  });

  it.each([
    ['reported on a day still to come', { reportedOn: '2026-03-03' }, 'CASE.REPORTED_IN_FUTURE', 'reportedOn'],
    ['reported before the approval it would change', { reportedOn: '2026-02-27' }, 'CASE.REPORTED_BEFORE_DECISION', 'reportedOn'],
    ['reported on a day that does not exist', { reportedOn: '2026-02-30' }, 'CASE.REPORT_DATE_INVALID', 'reportedOn'],
    ['without saying what changed', { summary: '  ' }, 'CASE.SUMMARY_REQUIRED', 'summary'],
  ])('a change %s is refused, naming the field', (_what, over, code, field) => {
    const a = caseIn('approved');
    expect(a.openReview({ ...CHANGE, ...over }, 'reviewer', AT, ON)).toEqual({ ok: false, violation: expect.objectContaining({ code, kind: 'invalid', fields: [expect.objectContaining({ field })] }) });
    expect(a.state.openReview).toBeNull();
    expect(a.history).toEqual([]);
  });

  it('one review at a time: a second change goes into the review already open', () => {
    const a = caseIn('approved');
    expect(a.openReview(CHANGE, 'reviewer', AT, ON).ok).toBe(true);
    expect(a.openReview({ ...CHANGE, summary: 'a child was born' }, 'reviewer', AT, ON)).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.REVIEW_ALREADY_OPEN', kind: 'conflict' }) });
  });

  it('only a paying household case is reviewed: not a low-income entry, nor a case in its gradual exit', () => {
    const lowIncome = Application.restore({ ...caseIn('approved').state, granted: 'low_income', monthlyBenefitFen: null });
    expect(lowIncome.openReview(CHANGE, 'reviewer', AT, ON)).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.NOT_PAYING' }) });
    const exiting = Application.restore({ ...caseIn('approved').state, exitingUntil: '2026-08' });
    expect(exiting.openReview(CHANGE, 'reviewer', AT, ON)).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.EXITING' }) });
  });
});

describe('delivery of the written refusal notice (送达)', () => {
  it('records the day, the method and who recorded it; the 3-working-day deadline is then gone', () => {
    const a = caseIn('refused');
    expect(processDeadlines('refused', a.state.process, RULES, ON).stage).toMatchObject({ kind: 'refusal_notice', dueOn: '2026-03-04', workingDaysLeft: 2 });

    expect(a.recordRefusalNoticeDelivery({ deliveredOn: '2026-03-02', method: 'post' }, 'clerk', AT, ON)).toEqual({ ok: true, value: [] });

    expect(a.state.process.refusalNotice!.delivery).toEqual({ deliveredOn: '2026-03-02', method: 'post', recordedBy: 'clerk', recordedOn: ON, late: false });
    expect(processDeadlines('refused', a.state.process, RULES, '2026-03-20')).toEqual({ stage: null, whole: null });
    expect(a.history).toEqual([expect.objectContaining({ action: 'record_delivery', actor: 'clerk', reasonCode: 'DELIVERY.POST' })]);
  });

  it('a delivery after the deadline is recorded, and kept as late', () => {
    const a = caseIn('refused');
    expect(a.recordRefusalNoticeDelivery({ deliveredOn: '2026-03-05', method: 'in_person' }, 'clerk', AT, '2026-03-06').ok).toBe(true);
    expect(a.state.process.refusalNotice!.delivery).toMatchObject({ deliveredOn: '2026-03-05', late: true });
  });

  it.each([
    ['before the refusal', '2026-02-27', 'CASE.DELIVERED_BEFORE_REFUSAL'],
    ['on a day still to come', '2026-03-03', 'CASE.DELIVERY_IN_FUTURE'],
    ['on a day that does not exist', '2026-02-30', 'CASE.DELIVERY_DATE_INVALID'],
  ])('a delivery dated %s is refused, naming deliveredOn', (_what, deliveredOn, code) => {
    const a = caseIn('refused');
    expect(a.recordRefusalNoticeDelivery({ deliveredOn, method: 'in_person' }, 'clerk', AT, ON)).toEqual({
      ok: false,
      violation: expect.objectContaining({ code, kind: 'invalid', fields: [expect.objectContaining({ field: 'deliveredOn' })] }),
    });
    expect(a.state.process.refusalNotice!.delivery).toBeUndefined();
  });

  it('is recorded once', () => {
    const a = caseIn('refused');
    expect(a.recordRefusalNoticeDelivery({ deliveredOn: ON, method: 'in_person' }, 'clerk', AT, ON).ok).toBe(true);
    expect(a.recordRefusalNoticeDelivery({ deliveredOn: ON, method: 'post' }, 'clerk', AT, ON)).toEqual({ ok: false, violation: expect.objectContaining({ code: 'CASE.NOTICE_ALREADY_DELIVERED', kind: 'conflict' }) });
  });
});

describe('every decision of a case is kept (issue 11 item 10)', () => {
  it('approval decides on the assessment fixed at submission: dibao at its amount, paid from the next month', () => {
    const a = caseIn('confirming');
    a.approve('officer', AT, ON, 'county');
    expect(a.decisions).toEqual([
      expect.objectContaining({ facts: { trigger: 'application', level: 'county' }, decidedOn: ON, effectiveOn: ON, fromMonth: '2026-04', outcome: 'dibao', granted: 'dibao', monthlyBenefitFen: 50000, reasonCode: null, decidedBy: 'officer', household }),
    ]);
  });

  it('a single-person inclusion is decided at its own amount, on its household\'s assessment', () => {
    const a = caseIn('confirming', 'single_person', 'low_income');
    a.approve('officer', AT, ON, 'county');
    expect(a.decisions).toEqual([expect.objectContaining({ outcome: 'low_income', granted: 'dibao', monthlyBenefitFen: 93600 })]);
  });

  it('a refusal is a decision too: nothing granted, with its reason', () => {
    const a = caseIn('confirming');
    a.refuse('officer', AT, ON, 'INCOME_ABOVE_STANDARD', RULES, 'county');
    expect(a.decisions).toEqual([expect.objectContaining({ granted: null, monthlyBenefitFen: null, fromMonth: null, reasonCode: 'INCOME_ABOVE_STANDARD' })]);
  });

  it.each([
    [{ kind: 'continue', monthlyBenefitFen: 50000 } as const, { granted: 'dibao', monthlyBenefitFen: 50000, fromMonth: null, reasonCode: 'REVIEW.CONTINUE' }],
    [{ kind: 'adjust', oldMonthlyFen: 50000, newMonthlyFen: 62000, fromMonth: '2026-04' } as const, { granted: 'dibao', monthlyBenefitFen: 62000, fromMonth: '2026-04', reasonCode: 'REVIEW.ADJUST' }],
    [{ kind: 'gradual_exit', months: 6, lastPaidMonth: '2026-09', monthlyBenefitFen: 50000 } as const, { granted: 'dibao', monthlyBenefitFen: 50000, fromMonth: null, reasonCode: 'REVIEW.GRADUAL_EXIT' }],
    [{ kind: 'end', reason: 'NO_LONGER_ELIGIBLE', stopsFromMonth: '2026-04' } as const, { granted: null, monthlyBenefitFen: null, fromMonth: '2026-04', reasonCode: 'NO_LONGER_ELIGIBLE' }],
  ])('a periodic review that decides %o adds a decision with the review\'s facts and assessment', (outcome, expected) => {
    const a = caseIn('approved');
    const reviewed = decision('dibao', 62000);
    expect(a.review(outcome, household, reviewed, '2027-03-02', 'officer', AT, ON).ok).toBe(true);
    expect(a.decisions).toEqual([expect.objectContaining({ facts: { trigger: 'periodic_review', outcome }, decidedOn: ON, assessment: reviewed, ...expected })]);
  });

  it('an intention a rule refuses decides nothing', () => {
    const a = caseIn('confirming');
    expect(a.approve('caseworker', AT, ON, 'county').ok).toBe(false);
    expect(a.decisions).toEqual([]);
  });
});
