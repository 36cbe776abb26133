import {
  calendarDaysDeadline,
  calendarDaysStatus,
  Deadline,
  LocalDate,
  Outcome,
  provisionalWorkingDaysDeadline,
  ruleViolation,
  succeed,
  violate,
  WorkingDayCalendar,
  workingDaysStatus,
} from '@jiuzhu/common';
import { CaseStatus, RejectionReason } from './case-status';
import { ProcessTimeLimitsValue, MEASURES_2021 } from './process-parameters';

/**
 * The steps between submission and decision (民发〔2021〕57号, 审核确认): the township checks the
 * household's economic situation and gives an opinion, the opinion is publicly noticed for 7 days in
 * the village or community (an objection sends the case back for a re-check and a new notice), and
 * the county civil-affairs bureau — or the township, where the county has delegated it — confirms or
 * refuses. This file holds what those steps record and the time limits counted on them.
 */

/** 家庭经济状况调查: what the township did to verify the declared facts. */
export interface EconomicCheck {
  /** 入户调查. */
  homeVisitOn: LocalDate;
  /** 邻里访问: how many neighbours or village/community cadres were interviewed. */
  neighboursInterviewed: number;
  /** 信息核对: the day the cross-department data match (bank, vehicles, housing, social insurance…) came back. */
  dataMatchedOn: LocalDate;
  /** Whether the check found facts that differ from the declaration. */
  discrepanciesFound: boolean;
  /** What was found, in the reviewer's words (kept on the case, never published in events). */
  findings?: string;
}

export type TownshipOpinion = 'approve' | 'refuse';

/** 乡镇审核意见, one per round (a re-check after an objection is a new round). */
export interface TownshipReview {
  round: number;
  by: string;
  on: LocalDate;
  check: EconomicCheck;
  opinion: TownshipOpinion;
  reasonCode?: RejectionReason;
  note?: string;
}

export interface Objection {
  receivedOn: LocalDate;
  recordedBy: string;
  /** The objection in substance; names of whoever objected are not recorded here. */
  summary: string;
}

/** 公示: the opinion posted in the village or community. */
export interface PublicNotice {
  round: number;
  startedOn: LocalDate;
  /** Last day of the posting (the notice runs `noticeCalendarDays` days from the day after it started). */
  endsOn: LocalDate;
  closedOn?: LocalDate;
  objection?: Objection;
}

export interface Extension {
  by: string;
  on: LocalDate;
  reason: string;
  workingDays: number;
}

export type ConfirmationLevel = 'county' | 'township';

/**
 * Who confirms a case (确认): the county civil-affairs bureau, or the township where the county
 * delegated confirmation to it (民发〔2021〕57号 第二十一条). Both confirming roles may call the step;
 * which one confirms in this district is this rule, from the delegation in force. `roles`: the
 * confirming officer's roles as their token gives them.
 */
export function confirmingLevel(delegated: boolean, roles: readonly string[]): Outcome<ConfirmationLevel> {
  if (delegated && !roles.includes('township_approver')) {
    return violate(
      ruleViolation('CASE.CONFIRMATION_DELEGATED', 'forbidden', {
        zh: '本区县已委托乡镇（街道）确认，须由乡镇（街道）审批人确认',
        en: 'This district delegated confirmation to the townships: a township approver confirms.',
      }),
    );
  }
  if (!delegated && !roles.includes('county_approver')) {
    return violate(
      ruleViolation('CASE.CONFIRMATION_NOT_DELEGATED', 'forbidden', {
        zh: '本区县未委托乡镇（街道）确认，须由县级民政审批人确认',
        en: 'This district has not delegated confirmation: a county approver confirms.',
      }),
    );
  }
  return succeed(delegated ? 'township' : 'county');
}

export interface Confirmation {
  by: string;
  on: LocalDate;
  level: ConfirmationLevel;
}

/** 书面告知: what the written refusal must say and by when it must reach the household. */
export interface RefusalNotice {
  reasonCode: RejectionReason;
  note?: string;
  refusedOn: LocalDate;
  deliverBy: LocalDate;
  /** The household may ask for administrative reconsideration or sue (行政复议法、行政诉讼法). */
  remedies: { zh: string; en: string };
  /** 送达: set once the notice has reached the household; its deadline is then met (or missed) for good. */
  delivery?: RefusalNoticeDelivery;
}

/**
 * 送达方式, the ways a written administrative decision is served (as 民事诉讼法 第七章第二节 lists them,
 * which administrative practice follows): 直接送达 handed to the applicant or an adult member of the
 * household, 留置送达 left at the home when receipt is refused, 邮寄送达 by post, 电子送达 by an electronic
 * channel the applicant agreed to, 委托送达 through another office (e.g. the village committee).
 * 公告送达 is not offered: posting a refusal publicly would disclose the household's situation.
 */
export const DELIVERY_METHODS = ['in_person', 'left_at_residence', 'post', 'electronic', 'entrusted'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export interface RefusalNoticeDelivery {
  /** The day the notice reached the household (for post: the day it was signed for). */
  deliveredOn: LocalDate;
  method: DeliveryMethod;
  /** Who recorded the delivery, and when. */
  recordedBy: string;
  recordedOn: LocalDate;
  /** Delivered after `deliverBy`: the 3-working-day limit was missed (kept, not hidden). */
  late: boolean;
}

export interface CaseProcess {
  submittedOn: LocalDate | null;
  reviews: TownshipReview[];
  notices: PublicNotice[];
  extension: Extension | null;
  confirmation: Confirmation | null;
  refusalNotice: RefusalNotice | null;
}

export const EMPTY_PROCESS: CaseProcess = Object.freeze({
  submittedOn: null,
  reviews: [],
  notices: [],
  extension: null,
  confirmation: null,
  refusalNotice: null,
}) as CaseProcess;

export const REMEDIES = {
  zh: '对本决定不服的，可以自收到本通知之日起60日内依法申请行政复议，或者6个月内依法提起行政诉讼。',
  en: 'The household may apply for administrative reconsideration within 60 days of receiving this notice, or bring an administrative lawsuit within 6 months.',
};

/** The time limits and the calendar they are counted on. */
export interface ProcessRules {
  limits: ProcessTimeLimitsValue;
  calendar: WorkingDayCalendar;
}

/** Statuses in which the case is on its way to a decision and the whole-process limit runs. */
export const PENDING_STATUSES: readonly CaseStatus[] = ['submitted', 'rechecking', 'notice', 'confirming'];

export function isPending(status: CaseStatus): boolean {
  return PENDING_STATUSES.includes(status);
}

/**
 * A deadline with where today stands against it, counted in the deadline's own unit: a working-day
 * limit shows `workingDaysLeft` (on the calendar it was counted on), the 7-day notice `daysLeft` in
 * calendar days; each is 0 on the due date and negative once overdue. `provisional`: counted past
 * the end of the published calendar.
 */
export interface DeadlineView extends Deadline {
  overdue: boolean;
  /** Working days after today up to the due date; working-day limits only. */
  workingDaysLeft?: number;
  /** Calendar days to the due date; calendar-day limits (the public notice) only. */
  daysLeft?: number;
  provisional?: true;
}

function workingDays(rules: ProcessRules, kind: string, startedOn: LocalDate, length: number, legalSource: string): Deadline & { provisional?: true } {
  return provisionalWorkingDaysDeadline(rules.calendar, { kind, startedOn, length, legalSource });
}

function view(d: Deadline & { provisional?: true }, rules: ProcessRules, today: LocalDate): DeadlineView {
  return { ...d, ...(d.unit === 'working_days' ? workingDaysStatus(rules.calendar, d, today) : calendarDaysStatus(d, today)) };
}

export interface ProcessDeadlines {
  /** The limit of the step the case is in (township check, re-check, notice, confirmation, refusal notice). */
  stage: DeadlineView | null;
  /** The whole process, submission to decision, with any extension. */
  whole: DeadlineView | null;
}

/** The deadlines a caseworker sees on a case and the queues order by. */
export function processDeadlines(status: CaseStatus, p: CaseProcess, rules: ProcessRules, today: LocalDate): ProcessDeadlines {
  const L = rules.limits;
  const lastNotice = p.notices[p.notices.length - 1];
  let stage: (Deadline & { provisional?: true }) | null = null;
  switch (status) {
    case 'submitted':
      if (p.submittedOn) stage = workingDays(rules, 'township_check', p.submittedOn, L.townshipCheckWorkingDays, `${MEASURES_2021}（乡镇审核；期限为示例默认值）`);
      break;
    case 'rechecking':
      if (lastNotice?.objection) stage = workingDays(rules, 'recheck', lastNotice.objection.receivedOn, L.recheckWorkingDays, `${MEASURES_2021}（公示有异议的重新调查核实；期限为示例默认值）`);
      break;
    case 'notice':
      if (lastNotice) stage = calendarDaysDeadline({ kind: 'public_notice', startedOn: lastNotice.startedOn, length: L.noticeCalendarDays, legalSource: `${MEASURES_2021}（公示期${L.noticeCalendarDays}天）` });
      break;
    case 'confirming':
      if (lastNotice) stage = workingDays(rules, 'confirmation', lastNotice.closedOn && lastNotice.closedOn < lastNotice.endsOn ? lastNotice.closedOn : lastNotice.endsOn, L.confirmationWorkingDays, `${MEASURES_2021}（公示结束后${L.confirmationWorkingDays}个工作日内确认）`);
      break;
    case 'refused':
      // Once delivered, nothing is due any more: the case no longer shows the notice as pending or overdue.
      if (p.refusalNotice && !p.refusalNotice.delivery) stage = workingDays(rules, 'refusal_notice', p.refusalNotice.refusedOn, L.refusalNoticeWorkingDays, `${MEASURES_2021}（不予批准的，${L.refusalNoticeWorkingDays}个工作日内书面告知）`);
      break;
  }
  let whole: (Deadline & { provisional?: true }) | null = null;
  if (isPending(status) && p.submittedOn) {
    const extra = p.extension?.workingDays ?? 0;
    whole = workingDays(rules, 'whole_process', p.submittedOn, L.wholeProcessWorkingDays + extra, `${MEASURES_2021}（原则上不超过${L.wholeProcessWorkingDays}个工作日${extra ? `，已延长${extra}个工作日` : ''}）`);
  }
  return { stage: stage && view(stage, rules, today), whole: whole && view(whole, rules, today) };
}

/** The date the queues order by: the earlier of the step's limit and the whole process's. */
export function queueDueOn(d: ProcessDeadlines): LocalDate | null {
  const dates = [d.stage?.dueOn, d.whole?.dueOn].filter((x): x is LocalDate => !!x);
  return dates.length ? dates.sort()[0] : null;
}

/**
 * The round of township review (审核) a case is in: a new submission waits for round 1, and a re-check
 * after an objection to round n's notice is round n + 1; from the notice on (notice, confirmation,
 * decision) the case stays in the round of its latest review.
 */
export function roundOf(status: CaseStatus, p: CaseProcess): number {
  return status === 'submitted' || status === 'rechecking' ? p.reviews.length + 1 : Math.max(1, p.reviews.length);
}
