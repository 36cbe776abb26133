import { ageOn, compareLocalDate, LocalDate, Outcome, RuleViolation, ViolationKind } from '@jiuzhu/common';
import { AssessmentConditions } from './assessment-input';
import { ElderAssessmentParameters } from './assessment-parameters';
import { AssessmentResult } from './assessment-result';
import { AssessmentReason, nextRoutineAssessmentDue } from './next-due';
import { Need, validateNeeds } from './needs';
import { scoreAssessment } from './score-assessment';
import { validateAssessment } from './validate-assessment';

/**
 * The life of one elder ability assessment (GB/T 42195-2022; policy.md §5):
 * - `draft`: the two assessors fill in the form; it may be saved incomplete and edited;
 * - `completed`: scored with the parameters in force on the assessment date and fixed for good —
 *   a result other services act on is never edited; a correction is a new assessment that
 *   supersedes it, so the history of what was decided stays readable;
 * - `disputed`: the elder or the family contest the result; it still holds until the re-assessment
 *   after the dispute (reason `dispute`) completes;
 * - `superseded`: a later assessment of the same person completed and replaced it.
 * A person has at most one current (completed or disputed) assessment.
 */
export const ASSESSMENT_STATUSES = ['draft', 'completed', 'disputed', 'superseded'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** The statuses of a person's current assessment — the one other services and the schedule go by. */
export const CURRENT_STATUSES: readonly AssessmentStatus[] = ['completed', 'disputed'];

export function isCurrent(status: AssessmentStatus): boolean {
  return CURRENT_STATUSES.includes(status);
}

export const ASSESSMENT_ACTIONS = ['edit', 'complete', 'dispute', 'supersede'] as const;
export type AssessmentAction = (typeof ASSESSMENT_ACTIONS)[number];

/** Every legal transition; anything not listed is refused with `ASSESSMENT.ILLEGAL_TRANSITION`. */
export const TRANSITIONS: Record<AssessmentStatus, Partial<Record<AssessmentAction, AssessmentStatus>>> = {
  draft: { edit: 'draft', complete: 'completed' },
  completed: { dispute: 'disputed', supersede: 'superseded' },
  disputed: { supersede: 'superseded' },
  superseded: {},
};

export function nextStatus(from: AssessmentStatus, action: AssessmentAction): AssessmentStatus | undefined {
  return TRANSITIONS[from][action];
}

/**
 * GB/T 42195-2022: every assessment is made by two assessors. Here they are the assessor who opens
 * the draft (signed in) and one other assessor that draft names; the one who completes it is that
 * other assessor, signed in themselves — so each of the two has acted under their own identity
 * before a result stands (issue 12, four-eyes). Staff ids come from tokens, never from a body,
 * except the second assessor's, which is only a name until that person completes.
 */
export const ASSESSORS_PER_ASSESSMENT = 2;

/** What the assessors record; all of it may change while the assessment is a draft. */
export interface AssessmentContent {
  districtCode: string;
  /** 乡镇/街道 of residence: 9 digits beginning with the district code. */
  townshipCode: string | null;
  reason: AssessmentReason;
  assessedOn: LocalDate;
  /** Staff ids of the two assessors: the one who opened the draft, then the other one it names. */
  assessors: string[];
  /** Item code → score; a draft may leave items unscored. */
  scores: Record<string, number>;
  conditions: AssessmentConditions;
  needs: Need[];
  /** The assessment this one replaces (a correction, or the disputed one for reason `dispute`). */
  supersedes: string | null;
}

export interface Dispute {
  by: string;
  on: LocalDate;
  reason: string;
}

export interface AssessmentState extends AssessmentContent {
  id: string;
  /** Keyed hash of the resident ID number; the number itself is never kept. */
  personRef: string;
  /** For display only (first 6 and last 4 characters). */
  maskedIdNumber: string;
  /** Read from the ID number; decides whether the person is an elder on the assessment date. */
  birthDate: LocalDate;
  status: AssessmentStatus;
  result: AssessmentResult | null;
  /** The next routine assessment is due on this day. */
  validUntil: LocalDate | null;
  supersededBy: string | null;
  dispute: Dispute | null;
  completedBy: string | null;
  completedAt: string | null;
  version: number;
  createdBy: string;
  createdAt: string;
}

export interface HistoryEntry {
  action: 'create' | AssessmentAction;
  from: AssessmentStatus | null;
  to: AssessmentStatus;
  actor: string;
  at: string;
  note?: string;
}

export interface ProblemField {
  field: string;
  reason: string;
  code: string;
}

/** A refusal the caller can act on; expected outcomes are values (named rule violations), not exceptions. */
export type AssessmentProblem = RuleViolation;
export type { Outcome };

/** A fact a transition produced, for the service to turn into integration events. */
export type AssessmentFact =
  | { kind: 'completed'; on: LocalDate }
  | { kind: 'ability_loss_discovered'; level: 'severe' | 'complete'; on: LocalDate }
  | { kind: 'superseded'; supersededBy: string; on: LocalDate }
  | { kind: 'disputed'; on: LocalDate };


/** Another assessment as the rules need to see it: the person's current one, or the one a draft names. */
export interface AssessmentSummary {
  id: string;
  personRef: string;
  status: AssessmentStatus;
  assessedOn: LocalDate;
}

/** The numbers a draft is checked against: those in force on its assessment date. */
export type DraftParameters = Pick<ElderAssessmentParameters, 'on' | 'itemScoreRanges' | 'minimumAge'>;

const problem = (code: string, kind: ViolationKind, zh: string, en: string, fields: ProblemField[] = []): { ok: false; violation: AssessmentProblem } => ({
  ok: false,
  violation: { code, kind, message: { zh, en }, fields },
});

const field = (f: string, code: string, reason: string): ProblemField => ({ field: f, reason, code });

/**
 * An elder ability assessment as a state machine. State changes only through the intention methods
 * below, each of which checks its rules and records the history line and the facts to publish.
 */
export class ElderAssessment {
  readonly history: HistoryEntry[] = [];

  private constructor(private s: AssessmentState) {}

  /**
   * Opens a draft. The form may be incomplete (items are scored as the visit goes on), but what is
   * there must be right: a score out of range, an unknown need, a date in the future or a person
   * under the elder age is refused now rather than at completion.
   */
  static draft(
    init: { id: string; personRef: string; maskedIdNumber: string; birthDate: LocalDate; content: AssessmentContent; by: string; at: string },
    ctx: { params: DraftParameters; today: LocalDate; supersedesTarget: AssessmentSummary | null },
  ): Outcome<ElderAssessment> {
    // The drafter is the first of the two assessors: a draft is opened by one of the people who assess.
    if (init.content.assessors[0] !== init.by) return notAnAssessor('draft');
    const refused = contentProblem(init.content, init.birthDate, ctx.params, ctx.today, 'draft') ?? supersedesTargetProblem(init.content, init.personRef, ctx.supersedesTarget);
    if (refused) return refused;
    const a = new ElderAssessment({
      ...copyContent(init.content),
      id: init.id,
      personRef: init.personRef,
      maskedIdNumber: init.maskedIdNumber,
      birthDate: init.birthDate,
      status: 'draft',
      result: null,
      validUntil: null,
      supersededBy: null,
      dispute: null,
      completedBy: null,
      completedAt: null,
      version: 1,
      createdBy: init.by,
      createdAt: init.at,
    });
    a.history.push({ action: 'create', from: null, to: 'draft', actor: init.by, at: init.at });
    return { ok: true, value: a };
  }

  static restore(state: AssessmentState): ElderAssessment {
    return new ElderAssessment(structuredClone(state));
  }

  get state(): Readonly<AssessmentState> {
    return this.s;
  }

  /**
   * Replaces what the assessors recorded; only a draft can change, and only its two assessors change
   * it. The first assessor (who opened it) stays; the second may be replaced by another named one.
   */
  edit(content: AssessmentContent, ctx: { params: DraftParameters; today: LocalDate; supersedesTarget: AssessmentSummary | null }, by: string, at: string): Outcome<AssessmentFact[]> {
    if (!nextStatus(this.s.status, 'edit')) return this.illegal('edit');
    if (!this.s.assessors.includes(by)) return notAnAssessor('edit');
    if (content.assessors[0] !== this.s.assessors[0]) {
      return problem('ASSESSMENT.FIRST_ASSESSOR_FIXED', 'invalid', '首位评估员（开具评估的评估员）不能更换', 'The first assessor, who opened the draft, cannot be replaced.', [
        field('assessors', 'ASSESSMENT.FIRST_ASSESSOR_FIXED', `the first assessor stays ${this.s.assessors[0]}`),
      ]);
    }
    const refused = contentProblem(content, this.s.birthDate, ctx.params, ctx.today, 'draft') ?? supersedesTargetProblem(content, this.s.personRef, ctx.supersedesTarget);
    if (refused) return refused;
    this.transition('edit', by, at);
    Object.assign(this.s, copyContent(content));
    return { ok: true, value: [] };
  }

  /**
   * Completes the assessment: the whole form is scored with the parameters in force on the
   * assessment date and the result fixed, with the date the next routine assessment falls due.
   * The person's current assessment, if any, is the one this replaces: the caller supersedes it.
   */
  complete(ctx: { params: ElderAssessmentParameters; today: LocalDate; current: AssessmentSummary | null }, by: string, at: string): Outcome<AssessmentFact[]> {
    if (!nextStatus(this.s.status, 'complete')) return this.illegal('complete');
    // GB/T 42195-2022: the two assessors sign the form, so the result is fixed by one of them —
    // by the other one than who opened it, so that both have acted under their own identity.
    if (!this.s.assessors.includes(by)) return notAnAssessor('complete');
    if (by === this.s.createdBy) {
      return problem(
        'ASSESSMENT.DRAFTER_CANNOT_COMPLETE',
        'forbidden',
        '开具评估的评估员不能自行完成评估，须由另一名评估员完成',
        'The assessor who opened the draft cannot complete it: the other assessor named on it completes it.',
      );
    }
    const refused = contentProblem(this.s, this.s.birthDate, ctx.params, ctx.today, 'complete') ?? this.currentProblem(ctx.current);
    if (refused) return refused;
    const on = this.s.assessedOn;
    const result = scoreAssessment({ scores: this.s.scores, conditions: this.s.conditions, assessedOn: on }, ctx.params);
    this.transition('complete', by, at);
    this.s.result = result;
    this.s.validUntil = nextRoutineAssessmentDue({ assessedOn: on, reason: this.s.reason }, ctx.params);
    this.s.supersedes = ctx.current?.id ?? null;
    this.s.completedBy = by;
    this.s.completedAt = at;
    const facts: AssessmentFact[] = [{ kind: 'completed', on: ctx.today }];
    const level = result.finalLevel;
    // Active discovery (主动发现): severe or complete loss is a lead for the assistance services.
    if (level === 'severe' || level === 'complete') facts.push({ kind: 'ability_loss_discovered', level, on });
    return { ok: true, value: facts };
  }

  /** The elder or the family contest the result; it holds until the re-assessment after the dispute completes. */
  dispute(reason: string, by: string, at: string, on: LocalDate): Outcome<AssessmentFact[]> {
    if (!nextStatus(this.s.status, 'dispute')) return this.illegal('dispute');
    if (!reason.trim()) {
      return problem('ASSESSMENT.DISPUTE_REASON_REQUIRED', 'invalid', '请说明对评估结果的异议', 'A dispute must say what is contested.', [field('reason', 'ASSESSMENT.DISPUTE_REASON_REQUIRED', 'must say what is contested')]);
    }
    this.transition('dispute', by, at, reason);
    this.s.dispute = { by, on, reason };
    return { ok: true, value: [{ kind: 'disputed', on }] };
  }

  /** A later assessment of the same person completed: this one is kept, marked as replaced. */
  supersede(supersededBy: string, by: string, at: string, on: LocalDate): Outcome<AssessmentFact[]> {
    if (!nextStatus(this.s.status, 'supersede')) return this.illegal('supersede');
    if (supersededBy === this.s.id) {
      return problem('ASSESSMENT.SUPERSEDES_ITSELF', 'conflict', '评估不能替代其自身', 'An assessment cannot supersede itself.');
    }
    this.transition('supersede', by, at, `superseded by ${supersededBy}`);
    this.s.supersededBy = supersededBy;
    return { ok: true, value: [{ kind: 'superseded', supersededBy, on }] };
  }

  /** The rules that depend on the person's current assessment, checked under the person's lock. */
  private currentProblem(current: AssessmentSummary | null): { ok: false; violation: AssessmentProblem } | undefined {
    const s = this.s;
    if (s.reason === 'first' && current) {
      return problem('ASSESSMENT.ALREADY_ASSESSED', 'conflict', '该老年人已有评估结果，不是首次评估', 'The person already has an assessment: this is not the first.', [
        field('reason', 'ASSESSMENT.ALREADY_ASSESSED', `cannot be first: assessment ${current.id} is current`),
      ]);
    }
    if (s.supersedes !== null && current?.id !== s.supersedes) {
      return problem('ASSESSMENT.SUPERSEDES_NOT_CURRENT', 'conflict', '所替代的评估已不是该老年人的当前评估', 'The assessment this one supersedes is no longer the current one; reload and name the current one.', [
        field('supersedes', 'ASSESSMENT.SUPERSEDES_NOT_CURRENT', current ? `the current assessment is ${current.id}` : 'the person has no current assessment'),
      ]);
    }
    if (s.reason === 'dispute' && current?.status !== 'disputed') {
      return problem('ASSESSMENT.NOT_DISPUTED', 'conflict', '争议复评须替代一份有异议的评估', 'A re-assessment after a dispute must supersede a disputed assessment.', [
        field('supersedes', 'ASSESSMENT.NOT_DISPUTED', 'the assessment named is not disputed'),
      ]);
    }
    // A later date must win: an older visit completed late cannot replace what was found since.
    if (current && compareLocalDate(current.assessedOn, s.assessedOn) > 0) {
      return problem('ASSESSMENT.OLDER_THAN_CURRENT', 'conflict', `评估日期早于当前评估（${current.assessedOn}）`, `The assessment is dated before the current one (${current.assessedOn}).`, [
        field('assessedOn', 'ASSESSMENT.OLDER_THAN_CURRENT', `must not be before ${current.assessedOn}, the date of the current assessment`),
      ]);
    }
    return undefined;
  }

  private illegal(action: AssessmentAction): { ok: false; violation: AssessmentProblem } {
    const verb: Record<AssessmentAction, string> = { edit: 'edited', complete: 'completed', dispute: 'disputed', supersede: 'superseded' };
    const hint =
      action === 'edit' && this.s.status !== 'draft'
        ? { zh: '；已完成的评估不能修改，更正须另行评估并替代原评估', en: '; a completed assessment is never changed — correct it with a new assessment that supersedes it' }
        : { zh: '', en: '' };
    return problem(
      'ASSESSMENT.ILLEGAL_TRANSITION',
      'conflict',
      `当前状态（${this.s.status}）不能执行此操作（${action}）${hint.zh}`,
      `An assessment in status '${this.s.status}' cannot be ${verb[action]}${hint.en}.`,
    );
  }

  private transition(action: AssessmentAction, by: string, at: string, note?: string): void {
    const to = nextStatus(this.s.status, action)!;
    this.history.push({ action, from: this.s.status, to, actor: by, at, ...(note !== undefined ? { note } : {}) });
    this.s.status = to;
  }
}

function notAnAssessor(action: 'draft' | 'edit' | 'complete'): { ok: false; violation: AssessmentProblem } {
  const what = { draft: { zh: '开具', en: 'open' }, edit: { zh: '修改', en: 'edit' }, complete: { zh: '完成', en: 'complete' } }[action];
  return problem(
    'ASSESSMENT.NOT_AN_ASSESSOR',
    'forbidden',
    `只有本次评估的两名评估员可以${what.zh}评估`,
    `Only the two assessors named on the assessment may ${what.en} it${action === 'draft' ? ', and the one who opens it is the first' : ''}.`,
  );
}

function copyContent(c: AssessmentContent): AssessmentContent {
  return structuredClone({
    districtCode: c.districtCode,
    townshipCode: c.townshipCode,
    reason: c.reason,
    assessedOn: c.assessedOn,
    assessors: c.assessors,
    scores: c.scores,
    conditions: c.conditions,
    needs: c.needs,
    supersedes: c.supersedes,
  });
}

/**
 * What is wrong with the form itself. Field problems come first and all together (the assessor
 * corrects the form in one go); then the rules, one at a time. A draft may leave items unscored;
 * completion needs all 26.
 */
export function contentProblem(
  c: AssessmentContent,
  birthDate: LocalDate,
  params: DraftParameters,
  today: LocalDate,
  stage: 'draft' | 'complete',
): { ok: false; violation: AssessmentProblem } | undefined {
  const fields: ProblemField[] = [
    ...validateAssessment({ scores: c.scores, conditions: c.conditions, assessedOn: c.assessedOn }, params)
      .filter((p) => stage === 'complete' || !(p.reason === 'missing' && p.field.startsWith('scores.')))
      .map((p) => field(p.field, `ASSESSMENT.${p.reason.toUpperCase()}`, p.message.en)),
    ...validateNeeds(c.needs).map((p) => field(p.field, `ASSESSMENT.NEED_${p.reason.toUpperCase()}`, p.message.en)),
  ];
  // A township belongs to its district: its code begins with the district's (GB/T 10114).
  if (c.townshipCode !== null && !(/^\d{9}$/.test(c.townshipCode) && c.townshipCode.startsWith(c.districtCode))) {
    fields.push(field('townshipCode', 'ASSESSMENT.TOWNSHIP_OUTSIDE_DISTRICT', `must be a 9-digit township code of district ${c.districtCode} (begin with ${c.districtCode})`));
  }
  if (c.assessors.length !== ASSESSORS_PER_ASSESSMENT) {
    fields.push(field('assessors', 'ASSESSMENT.TWO_ASSESSORS', `must name exactly ${ASSESSORS_PER_ASSESSMENT} assessors (GB/T 42195-2022)`));
  }
  if (fields.length > 0) return problem('INVALID_INPUT', 'invalid', '评估表有误，请按提示更正', 'The assessment form has invalid fields.', fields);

  if (new Set(c.assessors).size < c.assessors.length) {
    return problem('ASSESSMENT.SAME_ASSESSOR_TWICE', 'invalid', '第二名评估员须为另一人', 'The second assessor must be another person than the first.', [
      field('secondAssessor', 'ASSESSMENT.SAME_ASSESSOR_TWICE', `names ${c.assessors[0]}, the first assessor: two different assessors are required`),
    ]);
  }
  // The assessment date is the day of the visit: a fact, so it cannot lie ahead.
  if (compareLocalDate(c.assessedOn, today) > 0) {
    return problem('ASSESSMENT.DATE_IN_FUTURE', 'invalid', `评估日期不能晚于今天（${today}）`, `The assessment date cannot be after today (${today}).`, [
      field('assessedOn', 'ASSESSMENT.DATE_IN_FUTURE', `must not be after today (${today})`),
    ]);
  }
  // 老年人权益保障法 第二条 and the scope of GB/T 42195-2022: the assessment is for elders only.
  const minYears = params.minimumAge.years;
  if (compareLocalDate(c.assessedOn, birthDate) < 0 || ageOn(birthDate, c.assessedOn) < minYears) {
    return problem('ASSESSMENT.NOT_AN_ELDER', 'invalid', `评估日未满 ${minYears} 周岁，不适用老年人能力评估`, `The person is under ${minYears} on the assessment date: the elder ability assessment does not apply.`, [
      field('idNumber', 'ASSESSMENT.NOT_AN_ELDER', `the person is not yet ${minYears} on ${c.assessedOn}`),
    ]);
  }
  if (c.reason === 'dispute' && c.supersedes === null) {
    return problem('ASSESSMENT.DISPUTE_NAMES_NO_ASSESSMENT', 'invalid', '争议复评须指明所复评的有异议的评估', 'A re-assessment after a dispute must name the disputed assessment it supersedes.', [
      field('supersedes', 'ASSESSMENT.DISPUTE_NAMES_NO_ASSESSMENT', 'required when the reason is dispute'),
    ]);
  }
  if (c.reason === 'first' && c.supersedes !== null) {
    return problem('ASSESSMENT.FIRST_SUPERSEDES_NOTHING', 'invalid', '首次评估不能替代其他评估', 'A first assessment has nothing to supersede.', [
      field('supersedes', 'ASSESSMENT.FIRST_SUPERSEDES_NOTHING', 'must be empty when the reason is first'),
    ]);
  }
  return undefined;
}

/** A draft that names an assessment to supersede must name a current one of the same person. */
export function supersedesTargetProblem(c: AssessmentContent, personRef: string, target: AssessmentSummary | null): { ok: false; violation: AssessmentProblem } | undefined {
  if (c.supersedes === null) return undefined;
  // Whether an id belongs to someone else is not disclosed: unknown and foreign read the same.
  if (!target || target.personRef !== personRef) {
    return problem('ASSESSMENT.SUPERSEDES_UNKNOWN', 'invalid', '所替代的评估不是该老年人的评估', 'The assessment named in supersedes is not an assessment of this person.', [
      field('supersedes', 'ASSESSMENT.SUPERSEDES_UNKNOWN', 'is not an assessment of this person'),
    ]);
  }
  if (!isCurrent(target.status)) {
    return problem('ASSESSMENT.SUPERSEDES_NOT_CURRENT', 'conflict', '只能替代该老年人的当前评估', "Only the person's current (completed or disputed) assessment can be superseded.", [
      field('supersedes', 'ASSESSMENT.SUPERSEDES_NOT_CURRENT', `assessment ${target.id} is ${target.status}`),
    ]);
  }
  if (c.reason === 'dispute' && target.status !== 'disputed') {
    return problem('ASSESSMENT.NOT_DISPUTED', 'conflict', '争议复评须替代一份有异议的评估', 'A re-assessment after a dispute must supersede a disputed assessment.', [
      field('supersedes', 'ASSESSMENT.NOT_DISPUTED', `assessment ${target.id} is not disputed`),
    ]);
  }
  return undefined;
}
