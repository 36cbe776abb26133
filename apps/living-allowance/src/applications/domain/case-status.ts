/**
 * The life of a dibao case (民发〔2021〕57号). This issue covers filing and a single decision; the
 * township review, public notice and county confirmation steps slot in between `submitted` and the
 * decision as further states of the same table.
 */
export const CASE_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'withdrawn', 'ended'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = ['edit', 'submit', 'approve', 'reject', 'withdraw', 'review', 'end'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Every legal transition; anything not listed is refused with `CASE.ILLEGAL_TRANSITION`. */
export const TRANSITIONS: Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>> = {
  draft: { edit: 'draft', submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' },
  approved: { review: 'approved', end: 'ended' },
  rejected: {},
  withdrawn: {},
  ended: {},
};

export function nextStatus(from: CaseStatus, action: CaseAction): CaseStatus | undefined {
  return TRANSITIONS[from][action];
}


/**
 * Reasons an officer may give for a refusal; the written notice (书面告知) explains the one chosen.
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
