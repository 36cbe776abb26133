import { Outcome } from '@jiuzhu/common';
import { defaultParams } from '../../persons/domain/person-facts.fixtures';
import { SelfCareAbility } from '../../persons/domain/vocabulary';
import { nextVisitDue, recordVisit, VisitOutcome, VisitPlanInput, visitStatus } from './visits';

const params = defaultParams('2026-03-02');
const plan = (overrides: Partial<VisitPlanInput> = {}): VisitPlanInput => ({ careSetting: 'home', selfCare: 'full', homeCareSince: '2026-04-01', lastVisitOn: null, ...overrides });

function value(r: Outcome<VisitOutcome>): VisitOutcome {
  if (!r.ok) throw new Error(`expected a recorded visit, got ${r.violation.code}`);
  return r.value;
}

describe('visits (巡视探访) to people cared for at home', () => {
  it.each<[SelfCareAbility, number, string]>([
    ['full', 30, '2026-05-01'],
    ['partly_lost', 14, '2026-04-15'],
    ['fully_lost', 7, '2026-04-08'],
  ])('a person with %s self-care is visited every %i days: first due %s after home care began on 2026-04-01', (selfCare, intervalDays, dueOn) => {
    const s = nextVisitDue(plan({ selfCare }), params)!;
    expect(s).toMatchObject({ countedFrom: '2026-04-01', intervalDays, selfCare, deadline: { kind: 'visit', unit: 'calendar_days', dueOn } });
    expect(s.parameterVersions).toEqual({ 'hardship.visit-intervals': 'hardship.visit-intervals@2025-01-01' });
  });

  it('counts the next visit from the last one', () => {
    expect(nextVisitDue(plan({ lastVisitOn: '2026-04-20' }), params)!.deadline.dueOn).toBe('2026-05-20');
  });

  it('counts from the return home when the last visit was before it (a stay in an institution in between)', () => {
    expect(nextVisitDue(plan({ lastVisitOn: '2025-12-01', homeCareSince: '2026-04-01' }), params)!.countedFrom).toBe('2026-04-01');
  });

  it('a person in an institution has no visit plan', () => {
    expect(nextVisitDue(plan({ careSetting: 'institution' }), params)).toBeNull();
  });

  it.each([
    ['2026-04-30', false, 1],
    ['2026-05-01', false, 0],
    ['2026-05-02', true, -1],
  ])('on %s the visit due 2026-05-01 is overdue: %p (days left %i)', (today, overdue, daysLeft) => {
    expect(visitStatus(nextVisitDue(plan(), params)!, today)).toEqual({ overdue, daysLeft });
  });

  it('records a visit with no concern and schedules the next one', () => {
    const o = value(recordVisit({ visitedOn: '2026-04-28', visitor: 'grid-1', findings: [{ kind: 'no_concern' }] }, plan(), params, '2026-04-28'));
    expect(o).toMatchObject({ kind: 'recorded', late: false, nextDue: { countedFrom: '2026-04-28', deadline: { dueOn: '2026-05-28' } } });
  });

  it('a finding of danger produces a "danger found" outcome naming each danger', () => {
    const o = value(
      recordVisit(
        { visitedOn: '2026-04-28', visitor: 'grid-1', findings: [{ kind: 'needs_help', note: 'roof leaks' }, { kind: 'danger', danger: 'no_food_or_heating', note: 'no coal since last week' }] },
        plan(),
        params,
        '2026-04-28',
      ),
    );
    expect(o.kind).toBe('danger_found');
    expect(o.kind === 'danger_found' && o.dangers).toEqual([{ danger: 'no_food_or_heating', note: 'no coal since last week' }]);
  });

  it('records a visit after its due date as late, never refuses it', () => {
    expect(value(recordVisit({ visitedOn: '2026-05-03', visitor: 'grid-1', findings: [{ kind: 'no_concern' }] }, plan(), params, '2026-05-03')).late).toBe(true);
  });

  it.each([
    [{ visitedOn: '2026-04-29' }, '2026-04-28', 'HARDSHIP.VISIT.IN_FUTURE'],
    [{ visitedOn: '2026-03-31' }, '2026-04-28', 'HARDSHIP.VISIT.BEFORE_PREVIOUS'],
    [{ visitedOn: '2026-02-30' }, '2026-04-28', 'HARDSHIP.VISIT.DATE_INVALID'],
    [{ findings: [] }, '2026-04-28', 'HARDSHIP.VISIT.FINDINGS_REQUIRED'],
    [{ findings: [{ kind: 'no_concern' }, { kind: 'danger', danger: 'other' }] }, '2026-04-28', 'HARDSHIP.VISIT.FINDINGS_CONTRADICT'],
    [{ findings: [{ kind: 'needs_help', note: ' ' }] }, '2026-04-28', 'HARDSHIP.VISIT.NOTE_REQUIRED'],
  ] as const)('refuses a visit %o recorded on %s with %s', (overrides, today, code) => {
    const r = recordVisit({ visitedOn: '2026-04-28', visitor: 'grid-1', findings: [{ kind: 'no_concern' }], ...(overrides as object) }, plan(), params, today);
    expect(!r.ok && r.violation).toMatchObject({ code, kind: 'invalid' });
  });

  it('refuses to record a visit to a person cared for in an institution', () => {
    const r = recordVisit({ visitedOn: '2026-04-28', visitor: 'grid-1', findings: [{ kind: 'no_concern' }] }, plan({ careSetting: 'institution' }), params, '2026-04-28');
    expect(!r.ok && r.violation).toMatchObject({ code: 'HARDSHIP.VISIT.NOT_HOME_CARE', kind: 'conflict' });
  });
});
