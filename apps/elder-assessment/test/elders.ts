import { refOf, residentIdCheckChar } from '@jiuzhu/common';
import { http, TEST_REF_KEY } from '../../../test/support/services';
import { as } from '../../../test/support/api';

export { as, eventsOf, expectProblem, fieldsOf, OutboxEvent } from '../../../test/support/api';
import { NO_CONDITIONS, scoresWithTotal } from '../src/assessment/domain/assessment-inputs.fixtures';

/**
 * Synthetic elders for the API tests. Every ID number is invented but valid (GB 11643 check
 * character); a per-file sequence keeps them unique, so each test assesses a person of its own.
 */

let sequence = 0;

/** A valid resident ID number for someone born on `birth` (YYYY-MM-DD) in district `region`. */
export function idNumber(birth = '1950-05-05', region = '640205'): string {
  sequence = (sequence + 1) % 1000;
  const first17 = `${region}${birth.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/** The same ID number with a wrong check character: a typical mistyping. */
export function withWrongCheckDigit(id: string): string {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
}

export function personRef(id: string): string {
  return refOf(id, TEST_REF_KEY);
}

export function masked(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}

export const ASSESSOR_A = 'assessor-01';
export const ASSESSOR_B = 'assessor-02';
export const ASSESSOR_C = 'assessor-03';
export const CLERK = 'clerk-09';

export const asAssessor = (actor = ASSESSOR_A) => as(actor, 'assessor');

export interface AssessmentForm {
  idNumber: string;
  districtCode: string;
  townshipCode?: string;
  reason: string;
  assessedOn: string;
  assessors: string[];
  scores: Record<string, number>;
  conditions: { coma: boolean; dementiaDiagnosed: boolean; psychiatricDisorderDiagnosed: boolean; careRiskEvents: { kind: string; on: string }[] };
  needs?: { kind: string; note?: string }[];
  supersedes?: string;
}

/**
 * A first assessment on 2026-03-02 (the test clock's today) of a 75-year-old in 惠农区, township
 * 640205001, by two assessors: all 26 items scored for a total of `total` (default 70: mild loss,
 * self-care intact), no special conditions, needing meals and cleaning.
 */
export function form(over: Partial<AssessmentForm> & { total?: number } = {}): AssessmentForm {
  const { total, ...rest } = over;
  return {
    idNumber: idNumber(),
    districtCode: '640205',
    townshipCode: '640205001',
    reason: 'first',
    assessedOn: '2026-03-02',
    assessors: [ASSESSOR_A, ASSESSOR_B],
    scores: scoresWithTotal(total ?? 70),
    conditions: { ...NO_CONDITIONS, careRiskEvents: [] },
    needs: [{ kind: 'meals', note: 'lunch on weekdays' }, { kind: 'cleaning' }],
    ...rest,
  };
}

export const COMPLETED = 'elder-assessment.assessment.completed';
export const SUPERSEDED = 'elder-assessment.assessment.superseded';
export const OVERDUE = 'elder-assessment.reassessment.overdue';
export const ABILITY_LOSS = 'elder-assessment.ability-loss.discovered';

/** A client of one running service: open, edit, complete and dispute assessments as given officers. */
export function client(url: () => string) {
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => http(url(), method, path, body, headers);
  return {
    call,
    create: (f: AssessmentForm, actor = ASSESSOR_A) => call('POST', '/assessments', f, as(actor)),
    edit: (id: string, body: Record<string, unknown>, actor = ASSESSOR_A) => call('PUT', `/assessments/${id}`, body, as(actor)),
    complete: (id: string, expectedVersion: number, headers = asAssessor()) => call('POST', `/assessments/${id}/complete`, { expectedVersion }, headers),
    dispute: (id: string, expectedVersion: number, reason = 'the family says she cannot walk indoors unaided', actor = CLERK) =>
      call('POST', `/assessments/${id}/dispute`, { expectedVersion, reason }, as(actor)),
    get: (id: string) => call('GET', `/assessments/${id}`),
    /** Opens and completes an assessment; returns the completed view. */
    async completed(f: AssessmentForm, headers = asAssessor()): Promise<any> {
      const created = await call('POST', '/assessments', f, as(ASSESSOR_A));
      if (created.status !== 201) throw new Error(`create answered ${created.status}: ${JSON.stringify(created.body)}`);
      const done = await call('POST', `/assessments/${created.body.id}/complete`, { expectedVersion: created.body.version }, headers);
      if (done.status !== 200) throw new Error(`complete answered ${done.status}: ${JSON.stringify(done.body)}`);
      return done.body;
    },
  };
}
