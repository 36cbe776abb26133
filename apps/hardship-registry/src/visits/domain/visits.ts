import { calendarDaysDeadline, calendarDaysStatus, compareLocalDate, Deadline, isLocalDate, LocalDate, LocalizedText, Outcome, ruleViolation, succeed, violate } from '@jiuzhu/common';
import { HARDSHIP_PARAMETER_KEYS as K } from '../../parameters/domain/parameter-keys';
import { HardshipParameters } from '../../parameters/domain/resolve-parameters';
import { CareSetting, SELF_CARE_ABILITY_NAMES, SelfCareAbility } from '../../persons/domain/vocabulary';

/**
 * Visits (巡视探访) to special-hardship persons cared for at home (分散供养): the city plan asks for
 * regular visits to those supported at home (policy.md §3 "Care"); a person in an institution is
 * looked after there and is not on the visit plan. The interval by self-care tier is the parameter
 * `hardship.visit-intervals`; the next visit falls due that many calendar days after the last one
 * (or after home care began) and is overdue from the day after.
 */

export const VISIT_FINDING_KINDS = ['no_concern', 'needs_help', 'danger'] as const;
export type VisitFindingKind = (typeof VISIT_FINDING_KINDS)[number];

/** Dangers a visitor may find: each is a lead for temporary assistance (主动发现, policy.md §4). */
export const DANGER_KINDS = ['health_emergency', 'unsafe_housing', 'no_food_or_heating', 'abuse_or_neglect', 'not_found_at_home', 'other'] as const;
export type DangerKind = (typeof DANGER_KINDS)[number];

export const DANGER_NAMES: Readonly<Record<DangerKind, LocalizedText>> = {
  health_emergency: { zh: '突发疾病或伤病需紧急救治', en: 'health emergency' },
  unsafe_housing: { zh: '住房存在安全隐患', en: 'unsafe housing' },
  no_food_or_heating: { zh: '缺少食物、饮水或取暖', en: 'no food, water or heating' },
  abuse_or_neglect: { zh: '遭受虐待或疏于照料', en: 'abuse or neglect' },
  not_found_at_home: { zh: '无法联系、下落不明', en: 'not found and cannot be reached' },
  other: { zh: '其他危险情况', en: 'other danger' },
};

export type VisitFinding =
  | { kind: 'no_concern' }
  /** Something to follow up (a repair, a doctor's visit) that is not a danger. */
  | { kind: 'needs_help'; note: string }
  | { kind: 'danger'; danger: DangerKind; note?: string };

export interface Visit {
  visitedOn: LocalDate;
  /** Staff id of the visitor. */
  visitor: string;
  findings: VisitFinding[];
}

/** When the next visit is due, and on what it was counted. */
export interface VisitSchedule {
  /** The visit (or the start of home care) it is counted from. */
  countedFrom: LocalDate;
  intervalDays: number;
  selfCare: SelfCareAbility;
  deadline: Deadline;
  parameterVersions: Record<string, string>;
}

export interface VisitPlanInput {
  careSetting: CareSetting;
  selfCare: SelfCareAbility;
  /** The day home care began (confirmation or the return home). */
  homeCareSince: LocalDate;
  lastVisitOn: LocalDate | null;
}

/** The next visit of a person cared for at home; null for a person in an institution (no visit plan). */
export function nextVisitDue(input: VisitPlanInput, params: Pick<HardshipParameters, 'visitIntervals' | 'versions'>): VisitSchedule | null {
  if (input.careSetting !== 'home') return null;
  const countedFrom = input.lastVisitOn && compareLocalDate(input.lastVisitOn, input.homeCareSince) > 0 ? input.lastVisitOn : input.homeCareSince;
  const intervalDays = params.visitIntervals[input.selfCare];
  const tier = SELF_CARE_ABILITY_NAMES[input.selfCare];
  return {
    countedFrom,
    intervalDays,
    selfCare: input.selfCare,
    deadline: calendarDaysDeadline({
      kind: 'visit',
      startedOn: countedFrom,
      length: intervalDays,
      legalSource: `石嘴山市2021–2025年公共服务规划 第六章（分散供养特困人员巡视探访）; ${tier.zh}每${intervalDays}天探访一次（hardship.visit-intervals）`,
    }),
    parameterVersions: { [K.visitIntervals]: params.versions[K.visitIntervals] },
  };
}

/** Where a visit plan stands today: overdue from the day after the due date; `daysLeft` 0 on it. */
export function visitStatus(schedule: VisitSchedule, today: LocalDate): { overdue: boolean; daysLeft: number } {
  return calendarDaysStatus(schedule.deadline, today);
}

export type VisitOutcome =
  | { kind: 'recorded'; visit: Visit; late: boolean; nextDue: VisitSchedule }
  /** A danger was found: the service raises an active-discovery lead (`danger.found`) for temporary assistance. */
  | { kind: 'danger_found'; visit: Visit; late: boolean; dangers: { danger: DangerKind; note?: string }[]; nextDue: VisitSchedule };

const invalid = (code: string, field: string, zh: string, reason: string) => violate(ruleViolation(code, 'invalid', { zh, en: `${field} ${reason}.` }, [{ field, reason }]));

/**
 * Records a visit to a person cared for at home. A visit on or after the day of the previous one
 * and not after today; at least one finding; "no concern" alone or not at all; a need for help
 * says what it is. `late` when the visit came after the due date (kept, never refused).
 */
export function recordVisit(visit: Visit, plan: VisitPlanInput, params: Pick<HardshipParameters, 'visitIntervals' | 'versions'>, today: LocalDate): Outcome<VisitOutcome> {
  const due = nextVisitDue(plan, params);
  if (!due) {
    return violate(ruleViolation('HARDSHIP.VISIT.NOT_HOME_CARE', 'conflict', { zh: '集中供养人员不列入巡视探访计划', en: 'A person cared for in an institution is not on the visit plan.' }));
  }
  const d = visit.visitedOn;
  if (!isLocalDate(d)) return invalid('HARDSHIP.VISIT.DATE_INVALID', 'visitedOn', '探访日期必须是有效日期', 'must be a real calendar date');
  if (d > today) return invalid('HARDSHIP.VISIT.IN_FUTURE', 'visitedOn', '探访日期不能晚于今天', 'cannot be after today');
  if (d < due.countedFrom) return invalid('HARDSHIP.VISIT.BEFORE_PREVIOUS', 'visitedOn', `探访日期不能早于${due.countedFrom}（上次探访或开始分散供养）`, `cannot be before ${due.countedFrom}, the previous visit or the start of home care`);
  if (visit.findings.length === 0) return invalid('HARDSHIP.VISIT.FINDINGS_REQUIRED', 'findings', '须记录探访发现', 'must record at least one finding');
  if (visit.findings.some((f) => f.kind === 'no_concern') && visit.findings.length > 1) {
    return invalid('HARDSHIP.VISIT.FINDINGS_CONTRADICT', 'findings', '“无异常”不能与其他发现同时记录', 'cannot record "no concern" together with other findings');
  }
  const i = visit.findings.findIndex((f) => f.kind === 'needs_help' && !f.note.trim());
  if (i >= 0) return invalid('HARDSHIP.VISIT.NOTE_REQUIRED', `findings[${i}].note`, '需要帮助的情况须说明', 'must say what help is needed');
  const late = compareLocalDate(d, due.deadline.dueOn) > 0;
  const nextDue = nextVisitDue({ ...plan, lastVisitOn: d }, params)!;
  const recorded: Visit = { visitedOn: d, visitor: visit.visitor, findings: visit.findings.map((f) => ({ ...f })) };
  const dangers = visit.findings.flatMap((f) => (f.kind === 'danger' ? [{ danger: f.danger, ...(f.note ? { note: f.note } : {}) }] : []));
  return succeed(dangers.length > 0 ? { kind: 'danger_found', visit: recorded, late, dangers, nextDue } : { kind: 'recorded', visit: recorded, late, nextDue });
}
