/**
 * The life of a dibao case (民发〔2021〕57号 审核确认): filed as a draft, submitted to the township,
 * checked and given an opinion, publicly noticed, confirmed or refused (by the county, or by the
 * township where the county delegated it), then paid and periodically reviewed until it ends.
 * - `submitted`: awaiting the township's economic check and opinion;
 * - `notice`: the opinion is posted in the village or community (公示);
 * - `rechecking`: an objection to the notice sends the case back to the township (复查), after which
 *   the new opinion is posted again;
 * - `confirming`: the notice is over, awaiting confirmation (确认).
 */
export const CASE_STATUSES = ['draft', 'submitted', 'notice', 'rechecking', 'confirming', 'approved', 'refused', 'withdrawn', 'ended'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = ['edit', 'submit', 'township_review', 'object', 'close_notice', 'approve', 'refuse', 'record_delivery', 'withdraw', 'extend', 'open_review', 'review', 'end'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Every legal transition; anything not listed is refused with `CASE.ILLEGAL_TRANSITION`. */
export const TRANSITIONS: Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>> = {
  draft: { edit: 'draft', submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { township_review: 'notice', withdraw: 'withdrawn', extend: 'submitted' },
  notice: { object: 'rechecking', close_notice: 'confirming', withdraw: 'withdrawn', extend: 'notice' },
  rechecking: { township_review: 'notice', withdraw: 'withdrawn', extend: 'rechecking' },
  confirming: { approve: 'approved', refuse: 'refused', withdraw: 'withdrawn', extend: 'confirming' },
  approved: { open_review: 'approved', review: 'approved', end: 'ended' },
  // The written refusal notice is delivered after the decision (书面告知, within 3 working days).
  refused: { record_delivery: 'refused' },
  withdrawn: {},
  ended: {},
};

export function nextStatus(from: CaseStatus, action: CaseAction): CaseStatus | undefined {
  return TRANSITIONS[from][action];
}


/**
 * Reasons an officer may give for a refusal (不予批准) or a township may give for an opinion to refuse;
 * the written notice (书面告知) explains the one chosen.
 */
export const REJECTION_REASONS = {
  INCOME_ABOVE_STANDARD: { zh: '家庭人均收入不低于当地低保标准', en: 'Per-capita income is not below the local standard' },
  ASSETS_OVER_LIMIT: { zh: '家庭财产超过规定', en: 'Household property exceeds the limits' },
  FALSE_DECLARATION: { zh: '隐瞒或虚报家庭收入、财产', en: 'Income or property was concealed or misreported' },
  NOT_RESIDENT: { zh: '不符合户籍或居住条件', en: 'Household registration or residence requirement not met' },
  INCOMPLETE_EVIDENCE: { zh: '申请材料不全且未按期补正', en: 'Evidence incomplete and not supplied in time' },
  REFUSED_VERIFICATION: { zh: '拒绝配合家庭经济状况核查', en: 'Refused to cooperate with the economic check' },
  OTHER: { zh: '其他原因（见说明）', en: 'Other reason (see note)' },
} as const;
export type RejectionReason = keyof typeof REJECTION_REASONS;
