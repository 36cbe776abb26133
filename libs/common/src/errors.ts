import type { LocalizedText } from './domain-rule';

/**
 * Expected failures a caller can act on, named in the domain's words. Domain code says *what kind* of
 * failure a rule violation is (invalid input, forbidden to this actor, a conflict with the current
 * state, something not found, a dependency unavailable); it never knows HTTP. The one mapping from a
 * kind to a status lives at the HTTP edge (`http/problem-details.filter.ts`). Anything that is not an
 * `AppError` is a bug or an infrastructure failure (500, logged with its stack).
 */
export type ViolationKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'unavailable';

export interface FieldProblem {
  field: string;
  reason: string;
  code?: string;
}

/**
 * A named rule violation: a stable code (`CASE.FILER_CANNOT_REVIEW`), its kind, and a message a
 * caseworker understands in Chinese and English. Domain intention methods return these as values.
 */
export interface RuleViolation {
  readonly code: string;
  readonly kind: ViolationKind;
  readonly message: LocalizedText;
  readonly fields?: readonly FieldProblem[];
}

export function ruleViolation(code: string, kind: ViolationKind, message: LocalizedText, fields?: readonly FieldProblem[]): RuleViolation {
  return fields && fields.length ? { code, kind, message, fields } : { code, kind, message };
}

/** What an intention method returns: its value, or the rule it would break. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; violation: RuleViolation };

export const succeed = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const violate = (v: RuleViolation): { ok: false; violation: RuleViolation } => ({ ok: false, violation: v });

export class AppError extends Error {
  constructor(
    readonly kind: ViolationKind,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    /** The same message in Chinese, when the violation has one. */
    readonly messageZh?: string,
  ) {
    super(message);
  }
}

/** A domain rule violation thrown at the edge of a use case (see `orThrow`). */
export class RuleViolated extends AppError {
  constructor(readonly violation: RuleViolation) {
    super(violation.kind, violation.code, violation.message.en, [...(violation.fields ?? [])], violation.message.zh);
  }
}

/** A use case's one way from an outcome to its value: a violation becomes its problem-details error. */
export function orThrow<T>(o: Outcome<T>): T {
  if (o.ok) return o.value;
  throw new RuleViolated(o.violation);
}

export class InvalidInput extends AppError {
  constructor(fields: FieldProblem[], message = 'The request has invalid fields.') {
    super('invalid', 'INVALID_INPUT', message, fields);
  }
}

export class NotFound extends AppError {
  constructor(what: string) {
    super('not-found', 'NOT_FOUND', `${what} was not found.`);
  }
}

export class Conflict extends AppError {
  constructor(code: string, message: string, fields: FieldProblem[] = []) {
    super('conflict', code, message, fields);
  }
}

export class Unauthenticated extends AppError {
  /**
   * `challenge`: the `WWW-Authenticate` value the 401 carries (RFC 9110 §15.5.2 requires one; RFC 6750
   * §3 words it for bearer tokens, e.g. `Bearer error="invalid_token"`).
   */
  constructor(
    message: string,
    readonly challenge = 'Bearer',
    messageZh?: string,
  ) {
    super('unauthenticated', 'UNAUTHENTICATED', message, [], messageZh);
  }
}

export class Forbidden extends AppError {
  constructor(code: string, message: string) {
    super('forbidden', code, message);
  }
}

/** A dependency the request needs is not usable now (e.g. parameters that do not resolve). */
export class Unavailable extends AppError {
  constructor(code: string, message: string) {
    super('unavailable', code, message);
  }
}
