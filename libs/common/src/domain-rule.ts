/**
 * A rule answers "passed or not, and why" with a stable code and a message a caseworker understands.
 * Decisions list every rule they applied, so an appeal or an audit can see exactly which article
 * decided the case (style.md, "A rule object…").
 */

/** The UI speaks Simplified Chinese; English is kept for logs, APIs and non-Chinese readers. */
export interface LocalizedText {
  zh: string;
  en: string;
}

export interface RuleOutcome {
  /** Stable, dotted, upper-case: `DIBAO.ASSETS_MONEY_WITHIN_LIMIT`. Never reworded once published. */
  code: string;
  passed: boolean;
  message: LocalizedText;
}

/**
 * A rule's verdict recorded as data: its code, whether it passed, and the numbers that decided it
 * (amounts in fen, counts, the parameter values compared against). The words a caseworker reads are
 * produced from it by a pure function only when someone reads them: a batch of assessments records
 * thousands of verdicts a second that nobody reads, and a stored verdict keeps the facts, not prose.
 */
export interface RuleCheck<A extends object = object, C extends string = string> {
  code: C;
  passed: boolean;
  args: A;
}

/**
 * A named rule that records its verdict as data (`check`) and words it on demand (`describe`, a pure
 * function of the recorded check alone, so a stored verdict reads the same years later).
 */
export interface RecordedRule<I, A extends object, C extends string = string> {
  readonly code: C;
  check(input: I): RuleCheck<A, C>;
  describe(check: RuleCheck<A, C>): LocalizedText;
}

/** A named rule over some input. Implementations are pure functions of their input. */
export interface DomainRule<I> {
  readonly code: string;
  check(input: I): RuleOutcome;
}

export function ruleOutcome(code: string, passed: boolean, message: LocalizedText): RuleOutcome {
  return { code, passed, message };
}

/** Works on worded outcomes and on recorded checks alike. */
export function allPassed(outcomes: readonly { passed: boolean }[]): boolean {
  return outcomes.every((o) => o.passed);
}

export function failedOutcomes<T extends { passed: boolean }>(outcomes: readonly T[]): T[] {
  return outcomes.filter((o) => !o.passed);
}
