/**
 * The life of a special-hardship case (民发〔2021〕43号《特困人员认定办法》; policy.md §3):
 * - `investigating`: the written application was accepted at the township of household
 *   registration; the township investigates (调查核实) within 15 working days;
 * - `notice`: the township's opinion to grant is posted for 7 days in the village or community
 *   (公示). Never for a minor, and never for an opinion to refuse (nobody is posted who is not to
 *   be granted support, 民办函〔2024〕31号);
 * - `confirming`: the county confirms or refuses within 15 working days;
 * - `supported`: support is paid from the month after confirmation;
 * - `terminating`: a termination is proposed and noticed for 7 days;
 * - `refused`, `withdrawn`, `terminated`: closed.
 */
export const CASE_STATUSES = ['investigating', 'notice', 'confirming', 'supported', 'refused', 'withdrawn', 'terminating', 'terminated'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = [
  'investigate_and_post',
  'investigate_without_notice',
  'close_notice',
  'return_for_investigation',
  'confirm',
  'refuse',
  'record_refusal_delivery',
  'withdraw',
  'change_entitlement',
  'record_self_care',
  'change_care_setting',
  'review_at_adulthood',
  'propose_termination',
  'withdraw_termination',
  'terminate',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Every legal transition; anything not listed is refused with `HARDSHIP.ILLEGAL_TRANSITION`. */
export const TRANSITIONS: Readonly<Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>>> = {
  investigating: { investigate_and_post: 'notice', investigate_without_notice: 'confirming', withdraw: 'withdrawn' },
  notice: { close_notice: 'confirming', withdraw: 'withdrawn' },
  confirming: { confirm: 'supported', refuse: 'refused', return_for_investigation: 'investigating', withdraw: 'withdrawn' },
  supported: {
    change_entitlement: 'supported',
    record_self_care: 'supported',
    change_care_setting: 'supported',
    review_at_adulthood: 'supported',
    propose_termination: 'terminating',
  },
  // Support is paid until the termination takes effect, so its amount still follows the standard
  // and the person's tier; a move between care settings waits for the decision.
  terminating: { change_entitlement: 'terminating', record_self_care: 'terminating', withdraw_termination: 'supported', terminate: 'terminated' },
  // The written refusal (书面告知) reaches the applicant after the decision, within 3 working days.
  refused: { record_refusal_delivery: 'refused' },
  withdrawn: {},
  terminated: {},
};

export function nextStatus(from: CaseStatus, action: CaseAction): CaseStatus | undefined {
  return TRANSITIONS[from][action];
}

/** Statuses in which the application is on its way to a decision. */
export const PENDING_STATUSES: readonly CaseStatus[] = ['investigating', 'notice', 'confirming'];

/** Statuses in which the person is supported (and counted in the caseload). */
export const SUPPORTED_STATUSES: readonly CaseStatus[] = ['supported', 'terminating'];

/**
 * Why an application is refused (不予认定); the written notice explains the one chosen. The first
 * three are the three conditions, not met.
 */
export const REFUSAL_REASONS = {
  HAS_WORK_ABILITY: { zh: '不符合无劳动能力条件', en: 'The condition of no ability to work is not met' },
  HAS_MEANS_OF_LIVING: { zh: '不符合无生活来源条件（收入或财产超过规定）', en: 'The condition of no means of living is not met (income or property over the limits)' },
  HAS_ABLE_SUPPORTER: { zh: '法定义务人具有履行义务能力', en: 'A legal supporter can meet the duty of support' },
  FALSE_DECLARATION: { zh: '隐瞒或虚报收入、财产等情况', en: 'Income, property or other facts were concealed or misreported' },
  INCOMPLETE_EVIDENCE: { zh: '申请材料不全且未按期补正', en: 'Evidence incomplete and not supplied in time' },
  REFUSED_VERIFICATION: { zh: '拒绝配合调查核实', en: 'Refused to cooperate with the investigation' },
  OTHER: { zh: '其他原因（见说明）', en: 'Other reason (see note)' },
} as const;
export type RefusalReason = keyof typeof REFUSAL_REASONS;

export function isRefusalReason(x: unknown): x is RefusalReason {
  return typeof x === 'string' && Object.hasOwn(REFUSAL_REASONS, x);
}

/** The applicant may contest the decision (行政复议法、行政诉讼法). */
export const REMEDIES = {
  zh: '对本决定不服的，可以自收到本通知之日起60日内依法申请行政复议，或者6个月内依法提起行政诉讼。',
  en: 'The applicant may apply for administrative reconsideration within 60 days of receiving this notice, or bring an administrative lawsuit within 6 months.',
};
