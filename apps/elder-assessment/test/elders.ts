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

/** Opens the drafts: the first of the two assessors. */
export const ASSESSOR_A = 'assessor-01';
/** The second assessor each draft names: the one who completes it. */
export const ASSESSOR_B = 'assessor-02';
export const ASSESSOR_C = 'assessor-03';
/** A caseworker: records disputes. */
export const CLERK = 'clerk-09';

/**
 * An assessor signed in, of the whole city unless a jurisdiction is given, so that suites about
 * other rules are not about places (jurisdiction has its own suite: access.api.spec.ts).
 */
export const asAssessor = (actor = ASSESSOR_A, jurisdiction?: string) => as(actor, 'assessor', jurisdiction);

/** Who reads in the suites about other rules: a supervisor of the whole city. */
export const READER = as('lead-01', 'supervisor');

export interface AssessmentForm {
  idNumber: string;
  districtCode: string;
  townshipCode?: string;
  reason: string;
  assessedOn: string;
  secondAssessor: string;
  scores: Record<string, number>;
  conditions: { coma: boolean; dementiaDiagnosed: boolean; psychiatricDisorderDiagnosed: boolean; careRiskEvents: { kind: string; on: string }[] };
  needs?: { kind: string; note?: string }[];
  supersedes?: string;
}

/**
 * A first assessment on 2026-03-02 (the test clock's today) of a 75-year-old in 惠农区, township
 * 640205001, by two assessors (the one signed in who opens it, and ASSESSOR_B): all 26 items scored for a total of `total` (default 70: mild loss,
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
    secondAssessor: ASSESSOR_B,
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

type Headers = Record<string, string>;

/**
 * A client of one running service: open, edit, complete and dispute assessments as given officers
 * (`as(…)` headers). By default ASSESSOR_A opens and edits, ASSESSOR_B (the second assessor the
 * form names) completes, the caseworker CLERK records disputes and READER reads; a call without
 * `as(…)` carries no token.
 */
export function client(url: () => string) {
  const call = (method: string, path: string, body?: unknown, headers: Headers = {}) => http(url(), method, path, body, headers);
  return {
    call,
    read: (path: string, headers: Headers = READER) => call('GET', path, undefined, headers),
    create: (f: AssessmentForm, headers: Headers = asAssessor(ASSESSOR_A)) => call('POST', '/assessments', f, headers),
    edit: (id: string, body: Record<string, unknown>, headers: Headers = asAssessor(ASSESSOR_A)) => call('PUT', `/assessments/${id}`, body, headers),
    complete: (id: string, expectedVersion: number, headers: Headers = asAssessor(ASSESSOR_B)) => call('POST', `/assessments/${id}/complete`, { expectedVersion }, headers),
    dispute: (id: string, expectedVersion: number, reason = 'the family says she cannot walk indoors unaided', headers: Headers = as(CLERK)) =>
      call('POST', `/assessments/${id}/dispute`, { expectedVersion, reason }, headers),
    get: (id: string, headers: Headers = READER) => call('GET', `/assessments/${id}`, undefined, headers),
    /** Opens (as `opener`, ASSESSOR_A by default) and completes (as `headers`, the second assessor) an assessment; returns the completed view. */
    async completed(f: AssessmentForm, headers: Headers = asAssessor(ASSESSOR_B), opener: Headers = asAssessor(ASSESSOR_A)): Promise<any> {
      const created = await call('POST', '/assessments', f, opener);
      if (created.status !== 201) throw new Error(`create answered ${created.status}: ${JSON.stringify(created.body)}`);
      const done = await call('POST', `/assessments/${created.body.id}/complete`, { expectedVersion: created.body.version }, headers);
      if (done.status !== 200) throw new Error(`complete answered ${done.status}: ${JSON.stringify(done.body)}`);
      return done.body;
    },
  };
}
