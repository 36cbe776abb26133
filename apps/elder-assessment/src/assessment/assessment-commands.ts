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
  assessors: string[];
  scores: Record<string, number>;
  conditions: AssessmentConditions;
  needs?: Need[];
  supersedes?: string | null;
}

/** An edit replaces the fields it names (null clears townshipCode or supersedes); the person cannot change (open a new draft instead). */
export type EditCommand = Partial<Omit<DraftCommand, 'idNumber'>>;

/** The role that may fix a result (GB/T 42195-2022: trained assessors make the assessment). */
export const ASSESSOR_ROLE = 'assessor';

/** The form as the domain holds it: copies, so nothing the caller keeps can change it later. */
export function contentOf(c: Omit<DraftCommand, 'idNumber'>): AssessmentContent {
  return {
    districtCode: c.districtCode,
    townshipCode: c.townshipCode ?? null,
    reason: c.reason,
    assessedOn: c.assessedOn,
    assessors: [...c.assessors],
    scores: { ...c.scores },
    conditions: { ...c.conditions, careRiskEvents: (c.conditions?.careRiskEvents ?? []).map((e) => ({ kind: e.kind, on: e.on })) },
    needs: (c.needs ?? []).map((n) => ({ kind: n.kind, ...(n.note !== undefined ? { note: n.note } : {}) })),
    supersedes: c.supersedes ?? null,
  };
}

export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
