import { ASSESSED_ON, defaultParams } from './assessment-inputs.fixtures';
import { ASSESSMENT_REASONS, nextRoutineAssessmentDue } from './next-due';

describe('next routine assessment: the assessment date plus the routine interval (default 12 months)', () => {
  it.each([
    ['2025-06-15', '2026-06-15', 'the same day a year later'],
    ['2024-02-29', '2025-02-28', '29 February clamps to the end of February'],
    ['2025-01-31', '2026-01-31', 'the end of a long month stays the end of that month'],
  ])('assessed on %s → due %s (%s)', (assessedOn, due) => {
    expect(nextRoutineAssessmentDue({ assessedOn, reason: 'routine' }, defaultParams(ASSESSED_ON))).toBe(due);
  });

  it('clamps to the end of a shorter month with a 6-month interval (MZ/T 039-2013)', () => {
    const params = defaultParams(ASSESSED_ON, (p) => (p.reassessmentInterval = { routineMonths: 6 }));
    expect(nextRoutineAssessmentDue({ assessedOn: '2025-08-31', reason: 'routine' }, params)).toBe('2026-02-28');
  });

  it('counts from every assessment, whatever its reason: an immediate or dispute re-assessment restarts the interval the same way', () => {
    const dues = ASSESSMENT_REASONS.map((reason) => nextRoutineAssessmentDue({ assessedOn: '2025-03-10', reason }, defaultParams(ASSESSED_ON)));
    expect(dues).toEqual(['2026-03-10', '2026-03-10', '2026-03-10', '2026-03-10']);
  });
});
