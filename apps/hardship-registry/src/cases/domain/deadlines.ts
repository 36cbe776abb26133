import { calendarDaysDeadline, calendarDaysStatus, Deadline, LocalDate, provisionalWorkingDaysDeadline, workingDaysStatus } from '@jiuzhu/common';
import { CaseRules } from './case-rules';
import { CaseStatus } from './case-status';

/**
 * The time limits of a special-hardship case (民发〔2021〕43号《特困人员认定办法》; policy.md §3),
 * counted from the day after the event (自次日起算, libs/common working-days): investigation within
 * 15 working days of the application; the notice 7 calendar days; county confirmation within 15
 * working days after the notice (or after the investigation, when nothing was posted); the written
 * refusal within 3 working days; the termination notice 7 calendar days. The lengths are the
 * parameter `hardship.process.time-limits`.
 */
const MEASURES_43 = '民发〔2021〕43号《特困人员认定办法》';

/** The parts of a case its deadlines are counted from. */
export interface CaseTimeline {
  status: CaseStatus;
  appliedOn: LocalDate;
  investigation: { on: LocalDate } | null;
  notice: { startedOn: LocalDate; endsOn: LocalDate } | null;
  refusal: { on: LocalDate; delivery?: unknown } | null;
  termination: { proposedOn: LocalDate } | null;
}

/**
 * A deadline with where today stands against it, in the deadline's own unit: `workingDaysLeft`
 * for a working-day limit, `daysLeft` for a notice; 0 on the due date, negative once overdue.
 * `provisional`: counted past the end of the published holiday calendar.
 */
export interface DeadlineView extends Deadline {
  overdue: boolean;
  workingDaysLeft?: number;
  daysLeft?: number;
  provisional?: true;
}

type Counted = Deadline & { provisional?: true };

function workingDays(rules: CaseRules, kind: string, startedOn: LocalDate, length: number, legalSource: string): Counted {
  return provisionalWorkingDaysDeadline(rules.calendar, { kind, startedOn, length, legalSource });
}

export function investigationDeadline(rules: CaseRules, appliedOn: LocalDate): Counted {
  const n = rules.limits.investigationWorkingDays;
  return workingDays(rules, 'investigation', appliedOn, n, `${MEASURES_43}（乡镇人民政府（街道办事处）自受理申请之日起${n}个工作日内调查核实）`);
}

export function noticeDeadline(rules: CaseRules, startedOn: LocalDate): Deadline {
  const n = rules.limits.noticeCalendarDays;
  return calendarDaysDeadline({ kind: 'public_notice', startedOn, length: n, legalSource: `${MEASURES_43}（公示期${n}天；未成年人不公示）` });
}

export function confirmationDeadline(rules: CaseRules, startedOn: LocalDate): Counted {
  const n = rules.limits.confirmationWorkingDays;
  return workingDays(rules, 'county_confirmation', startedOn, n, `${MEASURES_43}（县级人民政府民政部门${n}个工作日内确认）`);
}

export function refusalNoticeDeadline(rules: CaseRules, refusedOn: LocalDate): Counted {
  const n = rules.limits.refusalNoticeWorkingDays;
  return workingDays(rules, 'refusal_notice', refusedOn, n, `${MEASURES_43}（不予认定的，${n}个工作日内书面告知理由）`);
}

export function terminationNoticeDeadline(rules: CaseRules, proposedOn: LocalDate): Deadline {
  const n = rules.limits.terminationNoticeCalendarDays;
  return calendarDaysDeadline({ kind: 'termination_notice', startedOn: proposedOn, length: n, legalSource: `${MEASURES_43}（终止救助供养前公示${n}天）` });
}

function view(d: Counted, rules: CaseRules, today: LocalDate): DeadlineView {
  return { ...d, ...(d.unit === 'working_days' ? workingDaysStatus(rules.calendar, d, today) : calendarDaysStatus(d, today)) };
}

/** The limit of the step the case is in, as a caseworker sees it and the queues order by; null when nothing is due. */
export function stageDeadline(c: CaseTimeline, rules: CaseRules, today: LocalDate): DeadlineView | null {
  let d: Counted | null = null;
  switch (c.status) {
    case 'investigating':
      d = investigationDeadline(rules, c.appliedOn);
      break;
    case 'notice':
      if (c.notice) d = noticeDeadline(rules, c.notice.startedOn);
      break;
    case 'confirming': {
      // Counted from the end of the notice; a minor's case (or an opinion to refuse) was not posted, so from the investigation.
      const from = c.notice?.endsOn ?? c.investigation?.on;
      if (from) d = confirmationDeadline(rules, from);
      break;
    }
    case 'refused':
      // Once delivered nothing is due: the case no longer shows the notice as pending or overdue.
      if (c.refusal && !c.refusal.delivery) d = refusalNoticeDeadline(rules, c.refusal.on);
      break;
    case 'terminating':
      if (c.termination) d = terminationNoticeDeadline(rules, c.termination.proposedOn);
      break;
  }
  return d && view(d, rules, today);
}
