import { ageOn, LocalDate, RuleOutcome, ruleOutcome } from '@jiuzhu/common';
import { CaseStatus, SUPPORTED_STATUSES } from '../../cases/domain/case-status';

/**
 * Who may appear on the published list of special-hardship support (救助公示).
 *
 * 民办函〔2024〕31号 ("谁救助谁公示、救助谁公示谁"; policy.md §6): whoever grants aid publishes it, and
 * only people actually granted aid are published — never someone merely applying, investigated or
 * recognised, and never one refused. Minors are never posted (policy.md §3: minors' cases are not
 * posted). A person whose support has ended is no longer on the list of those supported.
 *
 * The 7-day notice of the township's opinion during the application is a step of the procedure
 * (cases/domain), not this list; it too is never posted for a minor, and never for an opinion to refuse.
 */

export type PublicityReason = 'granted' | 'not_granted' | 'support_ended' | 'minor';

export interface PublicityDecision {
  mayPost: boolean;
  reason: PublicityReason;
  outcome: RuleOutcome;
}

export interface PublicityCandidate {
  status: CaseStatus;
  birthDate: LocalDate;
}

const CODE = 'HARDSHIP.PUBLICITY.MAY_BE_POSTED';

/** Whether the person may be on the published list on `on`. */
export function publicityDecision(c: PublicityCandidate, rules: { minorBelowAge: number }, on: LocalDate): PublicityDecision {
  if (c.status === 'terminated') {
    return { mayPost: false, reason: 'support_ended', outcome: ruleOutcome(CODE, false, { zh: '救助供养已终止，不再公示。', en: 'Support has ended: no longer posted.' }) };
  }
  if (!SUPPORTED_STATUSES.includes(c.status)) {
    return {
      mayPost: false,
      reason: 'not_granted',
      outcome: ruleOutcome(CODE, false, {
        zh: '未获批准救助供养（仅申请、调查或不予认定）的人员不予公示（民办函〔2024〕31号“救助谁公示谁”）。',
        en: 'Not granted support (only applied, investigated or refused): never posted (民办函〔2024〕31号).',
      }),
    };
  }
  if (ageOn(c.birthDate, on) < rules.minorBelowAge) {
    return { mayPost: false, reason: 'minor', outcome: ruleOutcome(CODE, false, { zh: '未成年人不予公示。', en: 'A minor is never posted.' }) };
  }
  return { mayPost: true, reason: 'granted', outcome: ruleOutcome(CODE, true, { zh: '已获批准救助供养的成年人，予以公示。', en: 'An adult granted support: posted.' }) };
}

/** The candidates that may be posted on `on`, in their order. */
export function publicityList<T extends PublicityCandidate>(candidates: readonly T[], rules: { minorBelowAge: number }, on: LocalDate): T[] {
  return candidates.filter((c) => publicityDecision(c, rules, on).mayPost);
}
