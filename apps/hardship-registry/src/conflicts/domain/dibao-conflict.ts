import { LocalizedText, Outcome, ruleViolation, succeed, violate } from '@jiuzhu/common';

/**
 * 特困 and 低保 for one person (民发〔2021〕43号; policy.md §3): a person supported as 特困 (or applying)
 * must not also be counted in an active dibao household. This service learns of dibao households
 * from living-allowance's events and shows the conflict to its officers: living-allowance decides
 * the dibao side (it excludes the person from the covered count, or dismisses), the registry's
 * officer acknowledges that they saw it, with what they did or found — a conflict is never cleared
 * silently, and one whose dibao case ended in the meantime stays until someone acknowledges it.
 */
export interface DibaoConflict {
  caseId: string;
  personRef: string;
  caseStatus: string;
  districtCode: string;
  townshipCode: string;
  dibaoCaseId: string;
  coverage: 'household' | 'single_person';
  approvedOn: string;
  effectiveMonth: string;
  /** The day the dibao case ended (case.terminated); null while it pays. */
  dibaoEndedOn: string | null;
  acknowledged: { by: string; at: string; note: string } | null;
}

export const CONFLICT_EXPLANATION: LocalizedText = {
  zh: '该人员同时计入一个有效的低保家庭：特困人员单独供养，不应再计入低保保障人数（民发〔2021〕43号）。请与低保经办核实并记录处理情况。',
  en: 'This person is also counted in an active dibao household: a special-hardship person is supported on their own and must not also be covered by a dibao (民发〔2021〕43号). Check with the dibao officers and record what was done.',
};

/** The note an acknowledgement must carry: what the officer checked or did. */
export function acknowledgementNote(note: string | undefined): Outcome<string> {
  const n = (note ?? '').trim();
  if (!n) return violate(ruleViolation('DIBAO_CONFLICT.NOTE_REQUIRED', 'invalid', { zh: '确认须说明核实或处理情况', en: 'note must say what was checked or done' }, [{ field: 'note', reason: 'must say what was checked or done' }]));
  return succeed(n);
}
