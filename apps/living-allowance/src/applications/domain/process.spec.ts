import { CHINA_CALENDAR_2025_2026 } from '@jiuzhu/common';
import { CaseProcess, EMPTY_PROCESS, processDeadlines, ProcessRules, queueDueOn, roundOf } from './process';
import { DEFAULT_PROCESS_PARAMETERS, DEFAULT_PROCESS_TIME_LIMITS, resolveProcessParameters } from './process-parameters';

const RULES: ProcessRules = { limits: DEFAULT_PROCESS_TIME_LIMITS, calendar: CHINA_CALENDAR_2025_2026 };
const CHECK = { homeVisitOn: '2026-09-21', neighboursInterviewed: 3, dataMatchedOn: '2026-09-21', discrepanciesFound: false };

function process(p: Partial<CaseProcess>): CaseProcess {
  return { ...EMPTY_PROCESS, reviews: [], notices: [], ...p };
}

// Around National Day 2026: 09-20 (Sunday) is worked, 09-25..27 Mid-Autumn and 10-01..07 National Day
// are off, 10-10 (Saturday) is worked (国办发明电〔2025〕7号).
describe('process deadlines on the working-day calendar', () => {
  const submitted = process({ submittedOn: '2026-09-18' });

  it('the township check is due 15 working days after submission, counting the adjusted Sunday and Saturday and skipping both holidays', () => {
    expect(processDeadlines('submitted', submitted, RULES, '2026-09-18').stage).toMatchObject({ kind: 'township_check', dueOn: '2026-10-15', overdue: false, workingDaysLeft: 15 });
  });

  it('a working-day limit shows the working days left, not the calendar days: the weekend and both holidays use none of them', () => {
    // On Thursday 09-24: 09-28..30, 10-08, 10-09, Saturday 10-10 and 10-12..15 are left — 10 working days, 21 calendar days.
    const stage = processDeadlines('submitted', submitted, RULES, '2026-09-24').stage!;
    expect(stage).toMatchObject({ unit: 'working_days', workingDaysLeft: 10 });
    expect(stage).not.toHaveProperty('daysLeft');
    // Over the National Day holiday nothing is used up.
    expect(processDeadlines('submitted', submitted, RULES, '2026-09-30').stage).toMatchObject({ workingDaysLeft: 7 });
    expect(processDeadlines('submitted', submitted, RULES, '2026-10-07').stage).toMatchObject({ workingDaysLeft: 7 });
  });

  it('a case is overdue only from the day after its due date', () => {
    expect(processDeadlines('submitted', submitted, RULES, '2026-10-15').stage).toMatchObject({ overdue: false, workingDaysLeft: 0 });
    expect(processDeadlines('submitted', submitted, RULES, '2026-10-16').stage).toMatchObject({ overdue: true, workingDaysLeft: -1 });
  });

  it('the whole process is due 30 working days after submission, 45 once extended', () => {
    expect(processDeadlines('submitted', submitted, RULES, '2026-09-18').whole).toMatchObject({ kind: 'whole_process', dueOn: '2026-11-05', length: 30 });
    const extended = process({ submittedOn: '2026-09-18', extension: { by: 'o', on: '2026-10-20', reason: 'r', workingDays: 15 } });
    expect(processDeadlines('confirming', { ...extended, notices: [{ round: 1, startedOn: '2026-09-22', endsOn: '2026-09-29', closedOn: '2026-09-30' }] }, RULES, '2026-09-18').whole).toMatchObject({ dueOn: '2026-11-26', length: 45 });
  });

  it('the notice runs 7 calendar days whatever the holidays', () => {
    const p = process({ submittedOn: '2026-09-18', reviews: [{ round: 1, by: 'r', on: '2026-09-28', check: CHECK, opinion: 'approve' }], notices: [{ round: 1, startedOn: '2026-09-28', endsOn: '2026-10-05' }] });
    expect(processDeadlines('notice', p, RULES, '2026-09-28').stage).toMatchObject({ kind: 'public_notice', dueOn: '2026-10-05', unit: 'calendar_days', daysLeft: 7 });
    expect(processDeadlines('notice', p, RULES, '2026-09-28').stage).not.toHaveProperty('workingDaysLeft');
  });

  it('county confirmation is due 10 working days after the notice ends', () => {
    const p = process({ submittedOn: '2026-09-18', notices: [{ round: 1, startedOn: '2026-09-22', endsOn: '2026-09-29', closedOn: '2026-09-30' }] });
    expect(processDeadlines('confirming', p, RULES, '2026-09-30').stage).toMatchObject({ kind: 'confirmation', startedOn: '2026-09-29', dueOn: '2026-10-19' });
  });

  it('a re-check after an objection is due 5 working days after the objection was received', () => {
    const p = process({ submittedOn: '2026-09-18', notices: [{ round: 1, startedOn: '2026-09-22', endsOn: '2026-09-29', closedOn: '2026-09-24', objection: { receivedOn: '2026-09-24', recordedBy: 'r', summary: 's' } }] });
    // 09-25..27 off; 09-28, 09-29, 09-30, then 10-08, 10-09.
    expect(processDeadlines('rechecking', p, RULES, '2026-09-24').stage).toMatchObject({ kind: 'recheck', dueOn: '2026-10-09' });
  });

  it('queues order by the earlier of the step limit and the whole-process limit', () => {
    const late = process({ submittedOn: '2026-08-03', notices: [{ round: 1, startedOn: '2026-09-22', endsOn: '2026-09-29', closedOn: '2026-09-30' }] });
    const d = processDeadlines('confirming', late, RULES, '2026-09-30');
    expect(d.whole!.dueOn < d.stage!.dueOn).toBe(true);
    expect(queueDueOn(d)).toBe(d.whole!.dueOn);
  });

  it('past the published calendar the count continues Monday to Friday and is marked provisional', () => {
    const d = processDeadlines('submitted', process({ submittedOn: '2026-12-10' }), RULES, '2026-12-10');
    expect(d.stage).not.toHaveProperty('provisional');
    expect(d.whole).toMatchObject({ dueOn: '2027-01-21', provisional: true });
  });

  it('a decided case has no whole-process deadline', () => {
    expect(processDeadlines('approved', submitted, RULES, '2026-12-01')).toEqual({ stage: null, whole: null });
  });
});

describe('the round of township review a case is in', () => {
  const review = (round: number) => ({ round, by: 'r', on: '2026-09-28', check: CHECK, opinion: 'approve' as const });
  const notice = (round: number) => ({ round, startedOn: '2026-09-28', endsOn: '2026-10-05' });

  it('a new submission waits for round 1', () => {
    expect(roundOf('submitted', process({ submittedOn: '2026-09-18' }))).toBe(1);
  });

  it('after a single township review the case stays in round 1 through its notice and confirmation', () => {
    const p = process({ submittedOn: '2026-09-18', reviews: [review(1)], notices: [notice(1)] });
    expect(roundOf('notice', p)).toBe(1);
    expect(roundOf('confirming', p)).toBe(1);
  });

  it('a re-check after an objection is round 2, and so is its notice and confirmation', () => {
    const objected = process({ submittedOn: '2026-09-18', reviews: [review(1)], notices: [notice(1)] });
    expect(roundOf('rechecking', objected)).toBe(2);
    const again = process({ submittedOn: '2026-09-18', reviews: [review(1), review(2)], notices: [notice(1), notice(2)] });
    expect(roundOf('confirming', again)).toBe(2);
  });
});

describe('process parameters', () => {
  it('the defaults resolve with their version ids', () => {
    const r = resolveProcessParameters(DEFAULT_PROCESS_PARAMETERS, '2026-01-01');
    expect(r.ok && r.value.timeLimits).toEqual(DEFAULT_PROCESS_TIME_LIMITS);
    expect(r.ok && [...r.value.delegatedDistricts]).toEqual([]);
    expect(r.ok && Object.keys(r.value.versions)).toEqual(['dibao.process.time-limits', 'dibao.process.confirmation-delegation']);
  });

  it('delegation to the township applies from the date it is published', () => {
    const delegated = { ...DEFAULT_PROCESS_PARAMETERS[1], versionId: 'x@2026-07-01', validFrom: '2026-07-01', value: { delegatedDistricts: ['640221'] } };
    const before = resolveProcessParameters([...DEFAULT_PROCESS_PARAMETERS, delegated], '2026-06-30');
    const after = resolveProcessParameters([...DEFAULT_PROCESS_PARAMETERS, delegated], '2026-07-01');
    expect(before.ok && before.value.delegatedDistricts.has('640221')).toBe(false);
    expect(after.ok && after.value.delegatedDistricts.has('640221')).toBe(true);
  });

  it('a malformed time-limit value is reported, not used', () => {
    const bad = { ...DEFAULT_PROCESS_PARAMETERS[0], versionId: 'bad', validFrom: '2026-02-01', value: { ...DEFAULT_PROCESS_TIME_LIMITS, noticeCalendarDays: 0 } };
    expect(resolveProcessParameters([...DEFAULT_PROCESS_PARAMETERS, bad], '2026-03-01')).toEqual({ ok: false, reason: 'invalid_parameter', key: 'dibao.process.time-limits' });
  });
});
