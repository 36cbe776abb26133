import {
  addMonths,
  ageOn,
  Area,
  dateOfReachingAge,
  firstDayOfNextMonth,
  isLocalDate,
  isTownshipCodeOf,
  LocalDate,
  monthOf,
  Outcome,
  RuleViolation,
  ruleViolation,
  succeed,
  violate,
  ViolationKind,
} from '@jiuzhu/common';
import { SelfCareDetermination } from '../../care/domain/self-care';
import { ConditionResult, CriteriaDecision } from '../../criteria/domain/criteria-decision';
import { Entitlement, entitlementChanged } from '../../entitlement/domain/compute-entitlement';
import { CareSetting } from '../../persons/domain/vocabulary';
import { CaseRules } from './case-rules';
import { CaseAction, CaseStatus, nextStatus, PENDING_STATUSES, RefusalReason, REMEDIES } from './case-status';
import { Referral, referralFor, ReferralInput, TerminationGround } from './termination';
import { noticeDeadline, refusalNoticeDeadline, terminationNoticeDeadline } from './deadlines';

/** A refusal the caller can act on; expected outcomes are values (named rule violations), not exceptions. */
export type CaseProblem = RuleViolation;

export type InvestigationOpinion = 'grant' | 'refuse';

/** 调查核实: what the township found, with the three conditions as assessed on the investigation date. */
export interface Investigation {
  by: string;
  on: LocalDate;
  opinion: InvestigationOpinion;
  reasonCode?: RefusalReason;
  note?: string;
  criteria: CriteriaDecision;
}

/** 公示. `endsOn` is the last day of the posting; it runs `noticeCalendarDays` from the day after it started. */
export interface PublicNotice {
  startedOn: LocalDate;
  endsOn: LocalDate;
  closedOn?: LocalDate;
}

export interface Refusal {
  by: string;
  on: LocalDate;
  reasonCode: RefusalReason;
  note?: string;
  /** The written notice (书面告知) must reach the applicant by this day. */
  deliverBy: LocalDate;
  remedies: { zh: string; en: string };
  delivery?: { deliveredOn: LocalDate; recordedBy: string; late: boolean };
}

/** Where an institutionally cared-for person lives: a named institution and bed. */
export interface Placement {
  institutionId: string;
  bedId: string;
}

export interface Termination {
  ground: TerminationGround;
  note?: string;
  proposedBy: string;
  proposedOn: LocalDate;
  /** The 7-day notice before the decision; not posted publicly for a minor (the guardian is told in writing). */
  notice: PublicNotice & { posted: boolean };
  decidedBy?: string;
  decidedOn?: LocalDate;
  stopsFromMonth?: string;
  referral?: Referral;
}

export interface HardshipCaseState {
  id: string;
  /** Keyed hash of the resident ID number; the number itself is never kept here. */
  personRef: string;
  /** Read from the ID number at the edge; decides minority, ages and the 18th-birthday review. */
  birthDate: LocalDate;
  districtCode: string;
  /** 乡镇/街道 of household registration, where the written application was made. */
  townshipCode: string;
  area: Area;
  status: CaseStatus;
  appliedOn: LocalDate;
  filedBy: string;
  filedAt: string;
  investigation: Investigation | null;
  notice: PublicNotice | null;
  confirmation: { by: string; on: LocalDate } | null;
  refusal: Refusal | null;
  /** First month paid, `YYYY-MM`. */
  supportFromMonth: string | null;
  /** Confirmed while under the minor age limit: reviewed on reaching it, may continue while in school. */
  supportedAsMinor: boolean;
  /** The next review of a person supported as a minor (the day they reach the minor age limit, then each in-school re-check). */
  minorReviewDueOn: LocalDate | null;
  selfCare: SelfCareDetermination | null;
  careSetting: CareSetting | null;
  placement: Placement | null;
  entitlement: Entitlement | null;
  /** The month from which the current entitlement is paid. */
  entitlementFromMonth: string | null;
  termination: Termination | null;
  version: number;
}

export interface HistoryEntry {
  action: CaseAction | 'apply';
  from: CaseStatus | null;
  to: CaseStatus;
  actor: string;
  at: string;
  reasonCode?: string;
  note?: string;
}

/** What re-computes an entitlement (issue 13: a new dibao standard, a new ability result, a new care setting). */
export type EntitlementTrigger = 'standard_published' | 'ability_result' | 'care_setting_changed';

/** A fact a transition produced, for the service to translate into integration events. */
export type CaseFact =
  | { kind: 'applied'; on: LocalDate }
  | { kind: 'investigated'; opinion: InvestigationOpinion; eligible: boolean; on: LocalDate }
  | { kind: 'notice_started'; startedOn: LocalDate; endsOn: LocalDate }
  | { kind: 'notice_skipped'; reason: 'minor' | 'refusal_opinion'; on: LocalDate }
  | { kind: 'returned_for_investigation'; on: LocalDate }
  | { kind: 'registered'; on: LocalDate; supportFromMonth: string; monthlyFen: number; selfCare: SelfCareDetermination['ability']; careSetting: CareSetting }
  | { kind: 'refused'; reasonCode: RefusalReason; on: LocalDate; deliverBy: LocalDate }
  | { kind: 'withdrawn'; on: LocalDate }
  | { kind: 'entitlement_changed'; trigger: EntitlementTrigger; fromMonth: string; monthlyFen: number; previousMonthlyFen: number }
  | { kind: 'care_setting_changed'; from: CareSetting; to: CareSetting; on: LocalDate }
  /** Every move, a transfer between beds included: where the person is cared for from `on` (the care-setting register keeps it). */
  | { kind: 'placement_changed'; from: CareSetting; to: CareSetting; placement: Placement | null; on: LocalDate }
  | { kind: 'self_care_changed'; from: SelfCareDetermination['ability']; to: SelfCareDetermination['ability']; on: LocalDate }
  | { kind: 'minor_review_continued'; on: LocalDate; grounds: string[]; nextReviewOn: LocalDate | null }
  | { kind: 'termination_proposed'; ground: TerminationGround; on: LocalDate; noticeEndsOn: LocalDate; posted: boolean }
  | { kind: 'termination_withdrawn'; ground: TerminationGround; on: LocalDate }
  | { kind: 'terminated'; ground: TerminationGround; on: LocalDate; stopsFromMonth: string }
  | { kind: 'referral_requested'; ground: TerminationGround; targets: Referral['targets']; on: LocalDate };

export type Result = Outcome<CaseFact[]>;
type Refused = { ok: false; violation: CaseProblem };

const problem = (code: string, kind: ViolationKind, zh: string, en: string): Refused => violate(ruleViolation(code, kind, { zh, en }));
/** Bad input in one field: a 400 naming it. */
const invalidField = (code: string, field: string, zh: string, reason: string): Refused => violate(ruleViolation(code, 'invalid', { zh, en: `${field} ${reason}.` }, [{ field, reason }]));

const nextMonth = (on: LocalDate): string => monthOf(firstDayOfNextMonth(on));
const laterMonth = (a: string, b: string): string => (a > b ? a : b);

/**
 * A special-hardship case as a state machine. State changes only through the intention methods
 * below, each of which checks its rules, records the history line and returns the facts to
 * publish. Four-eyes (审核与确认分离): the caseworker who accepted the application may not
 * investigate it, and neither the caseworker nor the investigator may confirm or refuse it; whoever
 * proposes a termination may not decide it. Identities are the acting officers' ids, from their
 * tokens, never from a request body.
 */
export class HardshipCase {
  readonly history: HistoryEntry[] = [];

  private constructor(private s: HardshipCaseState) {}

  /**
   * 申请: a written application accepted at the township of household registration. The birth date
   * and district come from the person's record; the township must lie in the district.
   */
  static apply(
    init: { id: string; personRef: string; birthDate: LocalDate; districtCode: string; townshipCode: string; area: Area; appliedOn: LocalDate; by: string; at: string },
    today: LocalDate,
  ): Outcome<{ hardshipCase: HardshipCase; facts: CaseFact[] }> {
    if (!isLocalDate(init.appliedOn)) return invalidField('HARDSHIP.APPLIED_ON_INVALID', 'appliedOn', '申请日期必须是有效日期', 'must be a real calendar date');
    if (init.appliedOn > today) return invalidField('HARDSHIP.APPLIED_IN_FUTURE', 'appliedOn', '申请日期不能晚于今天', 'cannot be after today');
    if (!isLocalDate(init.birthDate) || init.birthDate > init.appliedOn) {
      return invalidField('HARDSHIP.BIRTH_DATE_INVALID', 'birthDate', '出生日期必须是申请日期之前的有效日期', 'must be a real calendar date before the application');
    }
    if (!isTownshipCodeOf(init.districtCode, init.townshipCode)) {
      return invalidField('HARDSHIP.TOWNSHIP_OUTSIDE_DISTRICT', 'townshipCode', '户籍所在乡镇（街道）必须属于所在区县', `must be a township of district ${init.districtCode}`);
    }
    const c = new HardshipCase({
      id: init.id,
      personRef: init.personRef,
      birthDate: init.birthDate,
      districtCode: init.districtCode,
      townshipCode: init.townshipCode,
      area: init.area,
      status: 'investigating',
      appliedOn: init.appliedOn,
      filedBy: init.by,
      filedAt: init.at,
      investigation: null,
      notice: null,
      confirmation: null,
      refusal: null,
      supportFromMonth: null,
      supportedAsMinor: false,
      minorReviewDueOn: null,
      selfCare: null,
      careSetting: null,
      placement: null,
      entitlement: null,
      entitlementFromMonth: null,
      termination: null,
      version: 1,
    });
    c.history.push({ action: 'apply', from: null, to: 'investigating', actor: init.by, at: init.at });
    return succeed({ hardshipCase: c, facts: [{ kind: 'applied', on: init.appliedOn }] });
  }

  static restore(state: HardshipCaseState): HardshipCase {
    return new HardshipCase(structuredClone(state));
  }

  get state(): Readonly<HardshipCaseState> {
    return this.s;
  }

  /** Under the minor age limit on `on`. */
  isMinorOn(on: LocalDate, rules: Pick<CaseRules, 'minorBelowAge'>): boolean {
    return ageOn(this.s.birthDate, on) < rules.minorBelowAge;
  }

  /**
   * 调查核实: the township records its findings — the three conditions as assessed — and its
   * opinion. An opinion to grant is posted for 7 days (公示), except for a minor, whose case is
   * never posted; it then goes to the county. An opinion to refuse goes to the county unposted:
   * nobody is posted who is not to be granted support (民办函〔2024〕31号).
   */
  investigate(input: { criteria: CriteriaDecision; opinion: InvestigationOpinion; reasonCode?: RefusalReason; note?: string }, rules: CaseRules, by: string, at: string, on: LocalDate): Result {
    if (this.s.status !== 'investigating') return this.illegal('investigate_and_post');
    if (by === this.s.filedBy) {
      return problem('HARDSHIP.FOUR_EYES.FILER_CANNOT_INVESTIGATE', 'forbidden', '受理申请的经办人不能调查核实自己受理的申请', 'The caseworker who accepted the application cannot investigate it.');
    }
    const { criteria, opinion } = input;
    if (criteria.assessedOn < this.s.appliedOn || criteria.assessedOn > on) {
      return problem('HARDSHIP.CRITERIA_DATE_INVALID', 'invalid', '条件审核日期须在申请日期与今天之间', 'The conditions must be assessed between the application and today.');
    }
    if (opinion === 'refuse' && !input.reasonCode) return invalidField('HARDSHIP.REASON_REQUIRED', 'reasonCode', '建议不予认定时必须选择理由', 'is required for an opinion to refuse');
    if (input.reasonCode === 'OTHER' && !input.note?.trim()) return invalidField('HARDSHIP.NOTE_REQUIRED', 'note', '选择“其他原因”时必须填写说明', 'is required when the reason is OTHER');
    if (opinion === 'grant' && !criteria.eligible) {
      return problem('HARDSHIP.OPINION_CONTRADICTS_CRITERIA', 'conflict', '三项条件未全部符合，不能提出认定意见', 'Not all three conditions are met; the township cannot recommend granting support.');
    }
    const minor = this.isMinorOn(on, rules);
    const posted = opinion === 'grant' && !minor;
    const t = this.transition(posted ? 'investigate_and_post' : 'investigate_without_notice', by, at, opinion === 'grant' ? 'OPINION.GRANT' : `OPINION.REFUSE.${input.reasonCode}`, input.note);
    if (!t.ok) return t;
    this.s.investigation = { by, on, opinion, ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}), ...(input.note ? { note: input.note } : {}), criteria };
    const facts: CaseFact[] = [{ kind: 'investigated', opinion, eligible: criteria.eligible, on }];
    if (posted) {
      const endsOn = noticeDeadline(rules, on).dueOn;
      this.s.notice = { startedOn: on, endsOn };
      facts.push({ kind: 'notice_started', startedOn: on, endsOn });
    } else {
      this.s.notice = null;
      facts.push({ kind: 'notice_skipped', reason: opinion === 'refuse' ? 'refusal_opinion' : 'minor', on });
    }
    return succeed(facts);
  }

  /** The notice has run its days: from the day after its last day, the case goes to the county. */
  closeNotice(by: string, at: string, on: LocalDate): Result {
    if (!nextStatus(this.s.status, 'close_notice')) return this.illegal('close_notice');
    const notice = this.s.notice!;
    if (on <= notice.endsOn) {
      return problem('HARDSHIP.NOTICE_RUNNING', 'conflict', `公示期至${notice.endsOn}，期满后方可报送确认`, `The notice runs until ${notice.endsOn}; it can be closed from the day after.`);
    }
    const t = this.transition('close_notice', by, at, 'NOTICE.COMPLETED');
    if (!t.ok) return t;
    notice.closedOn = on;
    return succeed([]);
  }

  /**
   * The county sends the case back for a new investigation (e.g. the township's opinion to refuse
   * is not borne out, or the facts are incomplete); a new opinion, and notice, follow.
   */
  returnForInvestigation(reason: string, by: string, at: string, on: LocalDate): Result {
    if (!nextStatus(this.s.status, 'return_for_investigation')) return this.illegal('return_for_investigation');
    const guard = this.deciderGuard(by);
    if (guard) return guard;
    if (!reason.trim()) return invalidField('HARDSHIP.NOTE_REQUIRED', 'reason', '退回重新调查须说明理由', 'must say why the case is returned');
    const t = this.transition('return_for_investigation', by, at, 'RETURNED', reason);
    if (!t.ok) return t;
    this.s.notice = null;
    return succeed([{ kind: 'returned_for_investigation', on }]);
  }

  /**
   * 县级确认: the county grants support on the township's opinion to grant, with the self-care tier,
   * the care setting and the entitlement worked out on them. Support is paid from the next month.
   * A person confirmed as a minor is reviewed on reaching the minor age limit.
   */
  confirm(
    input: { selfCare: SelfCareDetermination; careSetting: CareSetting; placement: Placement | null; entitlement: Entitlement },
    rules: CaseRules,
    by: string,
    at: string,
    on: LocalDate,
  ): Result {
    if (!nextStatus(this.s.status, 'confirm')) return this.illegal('confirm');
    const guard = this.deciderGuard(by);
    if (guard) return guard;
    const inv = this.s.investigation!;
    if (inv.opinion !== 'grant' || !inv.criteria.eligible) {
      return problem(
        'HARDSHIP.NOT_RECOMMENDED',
        'conflict',
        '乡镇未提出认定意见或三项条件未全部符合，不能确认；请不予认定或退回重新调查',
        'The township did not recommend granting support, or not all three conditions are met; refuse the application or return it for investigation.',
      );
    }
    const placed = this.placementProblem(input.careSetting, input.placement);
    if (placed) return placed;
    assertEntitlementFits(input.entitlement, input.selfCare.ability, input.careSetting);
    const t = this.transition('confirm', by, at);
    if (!t.ok) return t;
    const supportFromMonth = nextMonth(on);
    this.s.confirmation = { by, on };
    this.s.supportFromMonth = supportFromMonth;
    this.s.selfCare = input.selfCare;
    this.s.careSetting = input.careSetting;
    this.s.placement = input.placement ? { ...input.placement } : null;
    this.s.entitlement = input.entitlement;
    this.s.entitlementFromMonth = supportFromMonth;
    this.s.supportedAsMinor = this.isMinorOn(on, rules);
    this.s.minorReviewDueOn = this.s.supportedAsMinor ? dateOfReachingAge(this.s.birthDate, rules.minorBelowAge) : null;
    return succeed([
      { kind: 'registered', on, supportFromMonth, monthlyFen: input.entitlement.monthlyFen, selfCare: input.selfCare.ability, careSetting: input.careSetting },
    ]);
  }

  /** 不予认定: the refusal, with the day its written notice must reach the applicant (3 working days). */
  refuse(input: { reasonCode: RefusalReason; note?: string }, rules: CaseRules, by: string, at: string, on: LocalDate): Result {
    if (!nextStatus(this.s.status, 'refuse')) return this.illegal('refuse');
    const guard = this.deciderGuard(by);
    if (guard) return guard;
    if (input.reasonCode === 'OTHER' && !input.note?.trim()) return invalidField('HARDSHIP.NOTE_REQUIRED', 'note', '选择“其他原因”时必须填写说明', 'is required when the reason is OTHER');
    const t = this.transition('refuse', by, at, input.reasonCode, input.note);
    if (!t.ok) return t;
    const deliverBy = refusalNoticeDeadline(rules, on).dueOn;
    this.s.confirmation = { by, on };
    this.s.refusal = { by, on, reasonCode: input.reasonCode, ...(input.note ? { note: input.note } : {}), deliverBy, remedies: REMEDIES };
    return succeed([{ kind: 'refused', reasonCode: input.reasonCode, on, deliverBy }]);
  }

  /** 送达: the written refusal reached the applicant; a delivery after the limit is recorded as late, never refused. */
  recordRefusalDelivery(deliveredOn: LocalDate, by: string, at: string, on: LocalDate): Result {
    if (!nextStatus(this.s.status, 'record_refusal_delivery')) return this.illegal('record_refusal_delivery');
    const r = this.s.refusal!;
    if (r.delivery) return problem('HARDSHIP.NOTICE_ALREADY_DELIVERED', 'conflict', `书面告知已于${r.delivery.deliveredOn}送达`, `The written notice was already delivered on ${r.delivery.deliveredOn}.`);
    if (!isLocalDate(deliveredOn) || deliveredOn < r.on || deliveredOn > on) {
      return invalidField('HARDSHIP.DELIVERY_DATE_INVALID', 'deliveredOn', `送达日期须在不予认定日期（${r.on}）与今天之间`, `must be between the refusal on ${r.on} and today`);
    }
    const t = this.transition('record_refusal_delivery', by, at, undefined, `delivered on ${deliveredOn}`);
    if (!t.ok) return t;
    r.delivery = { deliveredOn, recordedBy: by, late: deliveredOn > r.deliverBy };
    return succeed([]);
  }

  withdraw(by: string, at: string, on: LocalDate, note?: string): Result {
    const t = this.transition('withdraw', by, at, undefined, note);
    if (!t.ok) return t;
    return succeed([{ kind: 'withdrawn', on }]);
  }

  /**
   * A new dibao standard (its `validFrom`) re-computes the entitlement from the month it takes
   * effect — never before support began. Nothing is recorded when the amounts do not change, so a
   * repeated delivery of the same standard changes nothing.
   */
  applyNewStandard(entitlement: Entitlement, validFrom: LocalDate, by: string, at: string): Result {
    if (!nextStatus(this.s.status, 'change_entitlement')) return this.illegal('change_entitlement');
    assertEntitlementFits(entitlement, this.s.selfCare!.ability, this.s.careSetting!);
    return this.changeEntitlement(entitlement, 'standard_published', laterMonth(monthOf(validFrom), this.s.supportFromMonth!), by, at);
  }

  /**
   * A new self-care result (the elder ability assessment's, or the six activities re-assessed when
   * ability changes) sets the tier; the care allowance follows from the next month, as support does.
   */
  recordSelfCare(selfCare: SelfCareDetermination, entitlement: Entitlement, by: string, at: string, on: LocalDate): Result {
    if (!nextStatus(this.s.status, 'record_self_care')) return this.illegal('record_self_care');
    assertEntitlementFits(entitlement, selfCare.ability, this.s.careSetting!);
    const before = this.s.selfCare!.ability;
    const t = this.transition('record_self_care', by, at, `SELF_CARE.${selfCare.ability.toUpperCase()}`);
    if (!t.ok) return t;
    this.s.selfCare = selfCare;
    const changed = this.changeEntitlement(entitlement, 'ability_result', laterMonth(nextMonth(on), this.s.supportFromMonth!), by, at);
    if (!changed.ok) return changed;
    const facts: CaseFact[] = before !== selfCare.ability ? [{ kind: 'self_care_changed', from: before, to: selfCare.ability, on }] : [];
    return succeed([...facts, ...changed.value]);
  }

  /** 集中/分散供养: a placement in an institution (a named bed), a transfer, or a return home. */
  changeCareSetting(input: { careSetting: CareSetting; placement: Placement | null }, entitlement: Entitlement, by: string, at: string, on: LocalDate): Result {
    if (!nextStatus(this.s.status, 'change_care_setting')) return this.illegal('change_care_setting');
    const placed = this.placementProblem(input.careSetting, input.placement);
    if (placed) return placed;
    const from = this.s.careSetting!;
    if (from === input.careSetting && samePlacement(this.s.placement, input.placement)) {
      return problem('HARDSHIP.CARE_SETTING_UNCHANGED', 'conflict', '供养方式和床位未发生变化', 'The care setting and placement are unchanged.');
    }
    assertEntitlementFits(entitlement, this.s.selfCare!.ability, input.careSetting);
    const t = this.transition('change_care_setting', by, at, `CARE_SETTING.${input.careSetting.toUpperCase()}`);
    if (!t.ok) return t;
    this.s.careSetting = input.careSetting;
    this.s.placement = input.placement ? { ...input.placement } : null;
    const changed = this.changeEntitlement(entitlement, 'care_setting_changed', laterMonth(nextMonth(on), this.s.supportFromMonth!), by, at);
    if (!changed.ok) return changed;
    const moved: CaseFact = { kind: 'placement_changed', from, to: input.careSetting, placement: this.s.placement ? { ...this.s.placement } : null, on };
    // care-setting.changed says home ⇄ institution; a transfer between beds or institutions is no change of setting.
    const settingChanged: CaseFact[] = from !== input.careSetting ? [{ kind: 'care_setting_changed', from, to: input.careSetting, on }] : [];
    return succeed([...settingChanged, moved, ...changed.value]);
  }

  /**
   * The review of a person supported as a minor, due on reaching the minor age limit and at each
   * in-school re-check after it (policy.md §3: support may continue past 18 while still in school).
   * `noWorkAbility` is the condition re-assessed today with the schooling as recorded: met, support
   * continues (re-checked in a year when it rests on schooling alone); not met, the termination is
   * proposed, ground `came_of_age`, and a referral follows the decision.
   */
  reviewAtAdulthood(noWorkAbility: ConditionResult, rules: CaseRules, by: string, at: string, on: LocalDate): Result {
    if (!nextStatus(this.s.status, 'review_at_adulthood')) return this.illegal('review_at_adulthood');
    if (!this.s.supportedAsMinor || !this.s.minorReviewDueOn) {
      return problem('HARDSHIP.NOT_A_MINOR_CASE', 'conflict', '该人员不是作为未成年人纳入供养的，无需成年复核', 'The person was not supported as a minor; there is no coming-of-age review.');
    }
    if (on < this.s.minorReviewDueOn) {
      return problem('HARDSHIP.MINOR_REVIEW_NOT_DUE', 'conflict', `复核应于${this.s.minorReviewDueOn}起进行`, `The review is due from ${this.s.minorReviewDueOn}.`);
    }
    if (noWorkAbility.condition !== 'noWorkAbility') throw new RangeError(`reviewAtAdulthood: expected the noWorkAbility condition, got ${noWorkAbility.condition}`);
    if (!noWorkAbility.met) {
      const t = this.transition('review_at_adulthood', by, at, 'MINOR_REVIEW.ENDS');
      if (!t.ok) return t;
      return this.proposeTermination({ ground: 'came_of_age' }, rules, by, at, on);
    }
    const grounds = noWorkAbility.reasons.map((r) => r.code);
    const onlySchooling = grounds.length === 1 && grounds[0] === 'HARDSHIP.NO_WORK_ABILITY.IN_SCHOOL';
    const nextReviewOn = onlySchooling ? addMonths(on, rules.inSchoolRecheckMonths) : null;
    const t = this.transition('review_at_adulthood', by, at, 'MINOR_REVIEW.CONTINUED', grounds.join(','));
    if (!t.ok) return t;
    this.s.minorReviewDueOn = nextReviewOn;
    return succeed([{ kind: 'minor_review_continued', on, grounds, nextReviewOn }]);
  }

  /**
   * 终止救助供养: the ground is noticed for 7 days before the decision — posted in the village or
   * community, except for a minor, whose case is never posted (the guardian is told in writing).
   */
  proposeTermination(input: { ground: TerminationGround; note?: string }, rules: CaseRules, by: string, at: string, on: LocalDate): Result {
    const t = this.transition('propose_termination', by, at, `TERMINATION.${input.ground.toUpperCase()}`, input.note);
    if (!t.ok) return t;
    const endsOn = terminationNoticeDeadline(rules, on).dueOn;
    const posted = !this.isMinorOn(on, rules);
    this.s.termination = { ground: input.ground, ...(input.note ? { note: input.note } : {}), proposedBy: by, proposedOn: on, notice: { startedOn: on, endsOn, posted } };
    return succeed([{ kind: 'termination_proposed', ground: input.ground, on, noticeEndsOn: endsOn, posted }]);
  }

  /** An objection to the termination notice is upheld, or the ground proves wrong: support goes on. */
  withdrawTermination(reason: string, by: string, at: string, on: LocalDate): Result {
    if (!nextStatus(this.s.status, 'withdraw_termination')) return this.illegal('withdraw_termination');
    if (!reason.trim()) return invalidField('HARDSHIP.NOTE_REQUIRED', 'reason', '撤回终止须说明理由', 'must say why the termination is withdrawn');
    const ground = this.s.termination!.ground;
    const t = this.transition('withdraw_termination', by, at, 'TERMINATION.WITHDRAWN', reason);
    if (!t.ok) return t;
    this.s.termination = null;
    return succeed([{ kind: 'termination_withdrawn', ground, on }]);
  }

  /**
   * The termination is decided once its notice has run: support stops from the next month, and the
   * person is referred to dibao or temporary assistance when they may qualify (termination.ts).
   */
  terminate(referral: Omit<ReferralInput, 'ground'>, by: string, at: string, on: LocalDate): Result {
    if (!nextStatus(this.s.status, 'terminate')) return this.illegal('terminate');
    const term = this.s.termination!;
    if (by === term.proposedBy) {
      return problem('HARDSHIP.FOUR_EYES.PROPOSER_CANNOT_TERMINATE', 'forbidden', '提出终止的人员不能决定终止', 'The officer who proposed the termination cannot decide it.');
    }
    if (on <= term.notice.endsOn) {
      return problem('HARDSHIP.TERMINATION_NOTICE_RUNNING', 'conflict', `终止公示期至${term.notice.endsOn}，期满后方可决定`, `The termination notice runs until ${term.notice.endsOn}; it can be decided from the day after.`);
    }
    const t = this.transition('terminate', by, at, `TERMINATION.${term.ground.toUpperCase()}`);
    if (!t.ok) return t;
    const stopsFromMonth = nextMonth(on);
    const r = referralFor({ ...referral, ground: term.ground });
    Object.assign(term, { decidedBy: by, decidedOn: on, stopsFromMonth, referral: r });
    this.s.minorReviewDueOn = null;
    const facts: CaseFact[] = [{ kind: 'terminated', ground: term.ground, on, stopsFromMonth }];
    if (r.targets.length > 0) facts.push({ kind: 'referral_requested', ground: term.ground, targets: r.targets, on });
    return succeed(facts);
  }

  private changeEntitlement(entitlement: Entitlement, trigger: EntitlementTrigger, fromMonth: string, by: string, at: string): Result {
    const before = this.s.entitlement!;
    if (!entitlementChanged(before, entitlement)) {
      // Still the latest explanation (e.g. a new parameter version giving the same amounts).
      this.s.entitlement = entitlement;
      return succeed([]);
    }
    const t = this.transition('change_entitlement', by, at, `ENTITLEMENT.${trigger.toUpperCase()}`);
    if (!t.ok) return t;
    this.s.entitlement = entitlement;
    this.s.entitlementFromMonth = fromMonth;
    return succeed([{ kind: 'entitlement_changed', trigger, fromMonth, monthlyFen: entitlement.monthlyFen, previousMonthlyFen: before.monthlyFen }]);
  }

  private placementProblem(careSetting: CareSetting, placement: Placement | null): Refused | undefined {
    if (careSetting === 'institution' && (!placement?.institutionId.trim() || !placement.bedId.trim())) {
      return invalidField('HARDSHIP.PLACEMENT_REQUIRED', 'placement', '集中供养须指定供养服务机构和床位', 'must name the institution and the bed for institutional care');
    }
    if (careSetting === 'home' && placement) {
      return invalidField('HARDSHIP.PLACEMENT_NOT_FOR_HOME_CARE', 'placement', '分散供养不指定机构床位', 'must be empty for home care');
    }
    return undefined;
  }

  /** Four-eyes on a decision: neither the caseworker who accepted the application nor the investigator decides it. */
  private deciderGuard(by: string): Refused | undefined {
    if (by === this.s.filedBy) {
      return problem('HARDSHIP.FOUR_EYES.FILER_CANNOT_CONFIRM', 'forbidden', '受理申请的经办人不能确认或不予认定自己受理的申请', 'The caseworker who accepted the application cannot decide it.');
    }
    if (this.s.investigation?.by === by) {
      return problem('HARDSHIP.FOUR_EYES.INVESTIGATOR_CANNOT_CONFIRM', 'forbidden', '调查核实人员不能确认自己调查的申请', 'The officer who investigated the application cannot decide it.');
    }
    return undefined;
  }

  private illegal(action: CaseAction): Refused {
    return problem('HARDSHIP.ILLEGAL_TRANSITION', 'conflict', `当前状态（${this.s.status}）不能执行此操作（${action}）`, `A case in status '${this.s.status}' does not allow '${action}'.`);
  }

  private transition(action: CaseAction, by: string, at: string, reasonCode?: string, note?: string): Result {
    const to = nextStatus(this.s.status, action);
    if (!to) return this.illegal(action);
    this.history.push({ action, from: this.s.status, to, actor: by, at, ...(reasonCode ? { reasonCode } : {}), ...(note ? { note } : {}) });
    this.s.status = to;
    return succeed([]);
  }
}

function samePlacement(a: Placement | null, b: Placement | null): boolean {
  return a === null || b === null ? a === b : a.institutionId === b.institutionId && a.bedId === b.bedId;
}

/** An entitlement computed for another tier or setting than the case's is a programming error of the caller. */
function assertEntitlementFits(e: Entitlement, selfCare: SelfCareDetermination['ability'], careSetting: CareSetting): void {
  if (e.selfCare !== selfCare || e.careSetting !== careSetting) {
    throw new RangeError(`entitlement computed for ${e.selfCare}/${e.careSetting}, the case is ${selfCare}/${careSetting}`);
  }
}

/** Whether the case is on its way to a decision. */
export function isPending(status: CaseStatus): boolean {
  return PENDING_STATUSES.includes(status);
}
