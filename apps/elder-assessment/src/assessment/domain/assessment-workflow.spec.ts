import { ASSESSED_ON, defaultParams, fullScores, NO_CONDITIONS, scoresWithTotal } from './assessment-inputs.fixtures';
import {
  ASSESSMENT_ACTIONS,
  ASSESSMENT_STATUSES,
  AssessmentAction,
  AssessmentContent,
  AssessmentStatus,
  AssessmentSummary,
  ElderAssessment,
  TRANSITIONS,
} from './assessment-workflow';
import { ITEM_CODES } from './items';

const AT = '2025-06-16T02:00:00.000Z';
const TODAY = '2025-06-16';
const PERSON = 'a'.repeat(64);
const OTHER_PERSON = 'b'.repeat(64);
const ID = '00000000-0000-4000-8000-000000000001';
const PREVIOUS = '00000000-0000-4000-8000-000000000002';
const NEWER = '00000000-0000-4000-8000-000000000003';
/** 70 on the assessment date. */
const BIRTH = '1955-03-01';

const params = defaultParams(ASSESSED_ON);

const current = (status: AssessmentStatus = 'completed', assessedOn = '2024-06-15', id = PREVIOUS): AssessmentSummary => ({ id, personRef: PERSON, status, assessedOn });

function content(over: Partial<AssessmentContent> = {}): AssessmentContent {
  return {
    districtCode: '640205',
    townshipCode: '640205001',
    reason: 'first',
    assessedOn: ASSESSED_ON,
    assessors: ['assessor-1', 'assessor-2'],
    scores: fullScores(),
    conditions: { ...NO_CONDITIONS, careRiskEvents: [] },
    needs: [{ kind: 'meals', note: 'lunch on weekdays' }],
    supersedes: null,
    ...over,
  };
}

function draft(over: Partial<AssessmentContent> = {}, birthDate = BIRTH, supersedesTarget: AssessmentSummary | null = null) {
  return ElderAssessment.draft(
    { id: ID, personRef: PERSON, maskedIdNumber: '640205********1234', birthDate, content: content(over), by: 'assessor-1', at: AT },
    { params, today: TODAY, supersedesTarget },
  );
}

/** A valid draft; one that supersedes names a current assessment of the person (disputed for a dispute re-assessment). */
function drafted(over: Partial<AssessmentContent> = {}): ElderAssessment {
  const target = over.supersedes ? current(over.reason === 'dispute' ? 'disputed' : 'completed', '2024-06-15', over.supersedes) : null;
  const r = draft(over, BIRTH, target);
  if (!r.ok) throw new Error(JSON.stringify(r.violation));
  return r.value;
}

/** An assessment in `status`, restored as the repository would. */
function assessmentIn(status: AssessmentStatus, over: Partial<AssessmentContent> = {}): ElderAssessment {
  const d = drafted(over).state;
  return ElderAssessment.restore({ ...d, status, version: 3, ...(status === 'draft' ? {} : { result: null, validUntil: '2026-06-15', completedBy: 'assessor-2', completedAt: AT }) });
}


function act(a: ElderAssessment, action: AssessmentAction) {
  switch (action) {
    case 'edit':
      return a.edit(content({ needs: [] }), { params, today: TODAY, supersedesTarget: null }, 'assessor-2', AT);
    case 'complete':
      return a.complete({ params, today: TODAY, current: null }, 'assessor-2', AT);
    case 'dispute':
      return a.dispute('the family says she cannot dress herself', 'clerk-9', AT, TODAY);
    case 'supersede':
      return a.supersede(NEWER, 'assessor-3', AT, TODAY);
  }
}

describe('the elder assessment state machine', () => {
  const table = ASSESSMENT_STATUSES.flatMap((from) => ASSESSMENT_ACTIONS.map((action) => [from, action, TRANSITIONS[from][action] ?? null] as const));

  it.each(table)('an assessment %s asked to %s → %s', (from, action, to) => {
    const a = assessmentIn(from);
    const r = act(a, action);
    if (to === null) {
      expect(r).toEqual({ ok: false, violation: expect.objectContaining({ code: 'ASSESSMENT.ILLEGAL_TRANSITION', kind: 'conflict' }) });
      expect(a.state.status).toBe(from);
      expect(a.history).toEqual([]);
    } else {
      expect(r.ok).toBe(true);
      expect(a.state.status).toBe(to);
      expect(a.history).toEqual([expect.objectContaining({ action, from, to })]);
    }
  });

  it('walks the whole life: draft → completed → disputed → superseded when the re-assessment completes', () => {
    const a = drafted();
    expect(a.complete({ params, today: TODAY, current: null }, 'assessor-2', AT).ok).toBe(true);
    expect(a.dispute('level too low', 'clerk-9', AT, TODAY).ok).toBe(true);
    expect(a.supersede(NEWER, 'assessor-3', AT, TODAY)).toEqual({ ok: true, value: [{ kind: 'superseded', supersededBy: NEWER, on: TODAY }] });
    expect(a.history.map((h) => `${h.from}→${h.to}`)).toEqual(['null→draft', 'draft→completed', 'completed→disputed', 'disputed→superseded']);
    expect(a.state).toMatchObject({ status: 'superseded', supersededBy: NEWER, dispute: { by: 'clerk-9', on: TODAY, reason: 'level too low' } });
  });

  it('opens a draft at version 1 with its creation in the history', () => {
    const a = drafted();
    expect(a.state).toMatchObject({ status: 'draft', version: 1, createdBy: 'assessor-1', personRef: PERSON, result: null, validUntil: null });
    expect(a.history).toEqual([{ action: 'create', from: null, to: 'draft', actor: 'assessor-1', at: AT }]);
  });

  it('a completed assessment is immutable: editing it is refused and points to a superseding assessment', () => {
    const r = act(assessmentIn('completed'), 'edit');
    expect(r).toEqual({ ok: false, violation: expect.objectContaining({ code: 'ASSESSMENT.ILLEGAL_TRANSITION' }) });
    expect(!r.ok && r.violation.message.en).toMatch(/supersedes/);
  });
});

describe('completing: the result is fixed with the numbers in force on the assessment date', () => {
  it('stores the score, the level, self-care and the next routine date (12 months on)', () => {
    const a = drafted({ scores: scoresWithTotal(70) });
    const r = a.complete({ params, today: TODAY, current: null }, 'assessor-2', AT);

    expect(r).toEqual({ ok: true, value: [{ kind: 'completed', on: TODAY }] });
    expect(a.state.result).toMatchObject({ total: 70, finalLevel: 'mild', assessedOn: ASSESSED_ON });
    expect(a.state.result!.parameterVersions['elder.level-cut-offs']).toBe('elder.level-cut-offs@2025-01-01');
    expect(a.state).toMatchObject({ status: 'completed', validUntil: '2026-06-15', completedBy: 'assessor-2', completedAt: AT, supersedes: null });
  });

  it.each([
    [35, 'severe'],
    [20, 'complete'],
  ] as const)('a total of %i (%s loss) is also an ability-loss discovery for the assistance services', (total, level) => {
    const a = drafted({ scores: scoresWithTotal(total) });
    expect(a.complete({ params, today: TODAY, current: null }, 'assessor-2', AT)).toEqual({
      ok: true,
      value: [{ kind: 'completed', on: TODAY }, { kind: 'ability_loss_discovered', level, on: ASSESSED_ON }],
    });
  });

  it('a moderate result is no discovery', () => {
    const a = drafted({ scores: scoresWithTotal(50) });
    expect(a.complete({ params, today: TODAY, current: null }, 'assessor-2', AT)).toEqual({ ok: true, value: [{ kind: 'completed', on: TODAY }] });
  });

  it('replaces the person’s current assessment, naming it in supersedes', () => {
    const a = drafted({ reason: 'routine' });
    expect(a.complete({ params, today: TODAY, current: current() }, 'assessor-2', AT).ok).toBe(true);
    expect(a.state.supersedes).toBe(PREVIOUS);
  });

  it('four-eyes: only one of the two named assessors may complete it (403)', () => {
    const a = drafted();
    expect(a.complete({ params, today: TODAY, current: null }, 'clerk-9', AT)).toEqual({ ok: false, violation: expect.objectContaining({ code: 'ASSESSMENT.NOT_AN_ASSESSOR', kind: 'forbidden' }) });
    expect(a.state.status).toBe('draft');
  });

  it('four-eyes: the drafting assessor cannot complete their own draft; the second assessor completes it (403)', () => {
    const a = drafted();
    expect(a.complete({ params, today: TODAY, current: null }, 'assessor-1', AT)).toEqual({ ok: false, violation: expect.objectContaining({ code: 'ASSESSMENT.DRAFTER_CANNOT_COMPLETE', kind: 'forbidden' }) });
    expect(a.state).toMatchObject({ status: 'draft', result: null });
    expect(a.history).toHaveLength(1);
  });

  it('needs all 26 items scored: each missing item is named', () => {
    const scores: Record<string, number> = fullScores();
    delete scores['SELF_CARE.EATING'];
    delete scores['PERCEPTION_SOCIAL.HEARING'];
    const a = drafted({ scores });
    const r = a.complete({ params, today: TODAY, current: null }, 'assessor-2', AT);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.violation).toMatchObject({ code: 'INVALID_INPUT', kind: 'invalid' });
    expect(!r.ok && r.violation.fields).toEqual([
      { field: 'scores.SELF_CARE.EATING', code: 'ASSESSMENT.MISSING', reason: expect.stringMatching(/all 26/) },
      { field: 'scores.PERCEPTION_SOCIAL.HEARING', code: 'ASSESSMENT.MISSING', reason: expect.stringMatching(/all 26/) },
    ]);
  });

  const refusals: Array<[string, () => ReturnType<ElderAssessment['complete']>, string, string]> = [
    ['a first assessment when the person already has one', () => drafted().complete({ params, today: TODAY, current: current() }, 'assessor-2', AT), 'ASSESSMENT.ALREADY_ASSESSED', 'conflict'],
    [
      'a correction whose superseded assessment is no longer current',
      () => drafted({ reason: 'immediate', supersedes: PREVIOUS }).complete({ params, today: TODAY, current: current('completed', '2024-06-15', NEWER) }, 'assessor-2', AT),
      'ASSESSMENT.SUPERSEDES_NOT_CURRENT',
      'conflict',
    ],
    [
      'a dispute re-assessment of an assessment nobody disputed',
      () => drafted({ reason: 'dispute', supersedes: PREVIOUS }).complete({ params, today: TODAY, current: current('completed') }, 'assessor-2', AT),
      'ASSESSMENT.NOT_DISPUTED',
      'conflict',
    ],
    [
      'an assessment dated before the current one',
      () => drafted({ reason: 'immediate' }).complete({ params, today: TODAY, current: current('completed', '2025-06-16') }, 'assessor-2', AT),
      'ASSESSMENT.OLDER_THAN_CURRENT',
      'conflict',
    ],
  ];
  it.each(refusals)('refuses %s', (_what, complete, code, kind) => {
    expect(complete()).toEqual({ ok: false, violation: expect.objectContaining({ code, kind }) });
  });

  it('a dispute re-assessment completes over the disputed assessment', () => {
    const a = drafted({ reason: 'dispute', supersedes: PREVIOUS });
    expect(a.complete({ params, today: TODAY, current: current('disputed') }, 'assessor-2', AT).ok).toBe(true);
    expect(a.state.supersedes).toBe(PREVIOUS);
  });
});

describe('what a draft refuses at once', () => {
  it('allows an incomplete form: items are scored as the visit goes on', () => {
    expect(draft({ scores: { 'SELF_CARE.EATING': 3 } }).ok).toBe(true);
  });

  const cases: Array<[string, () => ReturnType<typeof draft>, string, string]> = [
    ['a score out of range', () => draft({ scores: { ...fullScores(), 'BASIC_MOBILITY.STAIRS': 4 } }), 'INVALID_INPUT', 'scores.BASIC_MOBILITY.STAIRS'],
    ['an unknown need', () => draft({ needs: [{ kind: 'gardening' as never }] }), 'INVALID_INPUT', 'needs[0].kind'],
    ['a need listed twice', () => draft({ needs: [{ kind: 'meals' }, { kind: 'meals' }] }), 'INVALID_INPUT', 'needs[1].kind'],
    ['a township of another district', () => draft({ townshipCode: '640202001' }), 'INVALID_INPUT', 'townshipCode'],
    ['one assessor only (GB/T 42195-2022 asks for two)', () => draft({ assessors: ['assessor-1'] }), 'INVALID_INPUT', 'assessors'],
    ['a second assessor who is the first again: the second assessor must be another person', () => draft({ assessors: ['assessor-1', 'assessor-1'] }), 'ASSESSMENT.SAME_ASSESSOR_TWICE', 'secondAssessor'],
    ['an assessment date after today', () => draft({ assessedOn: '2025-06-17' }), 'ASSESSMENT.DATE_IN_FUTURE', 'assessedOn'],
    ['a dispute re-assessment that names no assessment', () => draft({ reason: 'dispute' }), 'ASSESSMENT.DISPUTE_NAMES_NO_ASSESSMENT', 'supersedes'],
    ['a first assessment that supersedes another', () => draft({ supersedes: PREVIOUS }, BIRTH, current()), 'ASSESSMENT.FIRST_SUPERSEDES_NOTHING', 'supersedes'],
    ['superseding another person’s assessment', () => draft({ reason: 'immediate', supersedes: PREVIOUS }, BIRTH, { ...current(), personRef: OTHER_PERSON }), 'ASSESSMENT.SUPERSEDES_UNKNOWN', 'supersedes'],
    ['superseding an assessment already superseded', () => draft({ reason: 'immediate', supersedes: PREVIOUS }, BIRTH, current('superseded')), 'ASSESSMENT.SUPERSEDES_NOT_CURRENT', 'supersedes'],
    ['a dispute re-assessment of an undisputed assessment', () => draft({ reason: 'dispute', supersedes: PREVIOUS }, BIRTH, current('completed')), 'ASSESSMENT.NOT_DISPUTED', 'supersedes'],
  ];
  it.each(cases)('refuses %s', (_what, make, code, f) => {
    const r = make();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.violation.code).toBe(code);
    expect(!r.ok && (r.violation.fields ?? []).map((x) => x.field)).toContain(f);
  });

  it.each([
    ['1965-06-15', true, 'turns 60 on the assessment date'],
    ['1965-06-16', false, 'turns 60 the day after'],
    ['1990-01-01', false, 'is 35'],
  ])('born %s: assessed as an elder = %s (%s)', (birth, ok) => {
    const r = draft({}, birth);
    expect(r.ok).toBe(ok);
    if (!ok) expect(!r.ok && r.violation).toMatchObject({ code: 'ASSESSMENT.NOT_AN_ELDER', kind: 'invalid', fields: [expect.objectContaining({ field: 'idNumber' })] });
  });

  it('is opened by the first of its two assessors: a draft opened by someone else is refused (403)', () => {
    const r = ElderAssessment.draft(
      { id: ID, personRef: PERSON, maskedIdNumber: 'x', birthDate: BIRTH, content: content(), by: 'assessor-3', at: AT },
      { params, today: TODAY, supersedesTarget: null },
    );
    expect(r).toEqual({ ok: false, violation: expect.objectContaining({ code: 'ASSESSMENT.NOT_AN_ASSESSOR', kind: 'forbidden' }) });
  });

  it('is edited by its two assessors only, and an edit keeps the first assessor while the second may be replaced', () => {
    const a = drafted();
    expect(a.edit(content({ needs: [] }), { params, today: TODAY, supersedesTarget: null }, 'assessor-3', AT)).toEqual({
      ok: false,
      violation: expect.objectContaining({ code: 'ASSESSMENT.NOT_AN_ASSESSOR', kind: 'forbidden' }),
    });
    expect(a.edit(content({ assessors: ['assessor-3', 'assessor-2'] }), { params, today: TODAY, supersedesTarget: null }, 'assessor-2', AT)).toEqual({
      ok: false,
      violation: expect.objectContaining({ code: 'ASSESSMENT.FIRST_ASSESSOR_FIXED' }),
    });
    expect(a.edit(content({ assessors: ['assessor-1', 'assessor-3'] }), { params, today: TODAY, supersedesTarget: null }, 'assessor-2', AT).ok).toBe(true);
    expect(a.state.assessors).toEqual(['assessor-1', 'assessor-3']);
    expect(a.complete({ params, today: TODAY, current: null }, 'assessor-2', AT)).toEqual({ ok: false, violation: expect.objectContaining({ code: 'ASSESSMENT.NOT_AN_ASSESSOR' }) });
    expect(a.complete({ params, today: TODAY, current: null }, 'assessor-3', AT).ok).toBe(true);
  });

  it('counts the elder age from the parameter in force', () => {
    const stricter = { ...params, minimumAge: { years: 65 } };
    const r = ElderAssessment.draft(
      { id: ID, personRef: PERSON, maskedIdNumber: 'x', birthDate: '1963-01-01', content: content(), by: 'assessor-1', at: AT },
      { params: stricter, today: TODAY, supersedesTarget: null },
    );
    expect(!r.ok && r.violation.code).toBe('ASSESSMENT.NOT_AN_ELDER');
  });

  it('an edit is checked like a new draft and changes nothing when refused', () => {
    const a = drafted();
    const r = a.edit(content({ scores: { ...fullScores(), 'SELF_CARE.EATING': 9 } }), { params, today: TODAY, supersedesTarget: null }, 'assessor-2', AT);
    expect(!r.ok && (r.violation.fields ?? []).map((x) => x.field)).toEqual(['scores.SELF_CARE.EATING']);
    expect(a.state.scores['SELF_CARE.EATING']).toBe(4);
    expect(a.history).toHaveLength(1);
  });

  it('scores every one of the 26 items of the form', () => {
    expect(Object.keys(content().scores).sort()).toEqual([...ITEM_CODES].sort());
  });
});

describe('disputes', () => {
  it('needs a reason', () => {
    const a = assessmentIn('completed');
    expect(a.dispute('  ', 'clerk-9', AT, TODAY)).toEqual({ ok: false, violation: expect.objectContaining({ code: 'ASSESSMENT.DISPUTE_REASON_REQUIRED', kind: 'invalid' }) });
    expect(a.state.status).toBe('completed');
  });

  it('records who raised it, when and why, in the state and the history', () => {
    const a = assessmentIn('completed');
    expect(a.dispute('cannot walk indoors unaided', 'clerk-9', AT, TODAY)).toEqual({ ok: true, value: [{ kind: 'disputed', on: TODAY }] });
    expect(a.history).toEqual([{ action: 'dispute', from: 'completed', to: 'disputed', actor: 'clerk-9', at: AT, note: 'cannot walk indoors unaided' }]);
  });
});
