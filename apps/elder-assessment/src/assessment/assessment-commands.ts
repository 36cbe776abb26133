import { LocalDate } from '@jiuzhu/common';
import { AssessmentConditions } from './domain/assessment-input';
import { AssessmentContent } from './domain/assessment-workflow';
import { Need } from './domain/needs';
import { AssessmentReason } from './domain/next-due';

/** What a caller sends to open a draft. */
export interface DraftCommand {
  idNumber: string;
  districtCode: string;
  townshipCode?: string | null;
  reason: AssessmentReason;
  assessedOn: LocalDate;
  /**
   * The staff id of the other assessor (GB/T 42195-2022: two per assessment). The first is the
   * signed-in assessor who opens the draft, from the token; the body names only the second.
   */
  secondAssessor: string;
  scores: Record<string, number>;
  conditions: AssessmentConditions;
  needs?: Need[];
  supersedes?: string | null;
}

/** An edit replaces the fields it names (null clears townshipCode or supersedes); the person cannot change (open a new draft instead). */
export type EditCommand = Partial<Omit<DraftCommand, 'idNumber'>>;

/**
 * The form as the domain holds it: copies, so nothing the caller keeps can change it later. The
 * two assessors are `firstAssessor` (the one who opened the draft: the signed-in actor for a new
 * one) and the second the command names.
 */
export function contentOf(c: Omit<DraftCommand, 'idNumber'>, firstAssessor: string): AssessmentContent {
  return {
    districtCode: c.districtCode,
    townshipCode: c.townshipCode ?? null,
    reason: c.reason,
    assessedOn: c.assessedOn,
    assessors: [firstAssessor, c.secondAssessor],
    scores: { ...c.scores },
    conditions: { ...c.conditions, careRiskEvents: (c.conditions?.careRiskEvents ?? []).map((e) => ({ kind: e.kind, on: e.on })) },
    needs: (c.needs ?? []).map((n) => ({ kind: n.kind, ...(n.note !== undefined ? { note: n.note } : {}) })),
    supersedes: c.supersedes ?? null,
  };
}

export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
