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

/** A named rule over some input. Implementations are pure functions of their input. */
export interface DomainRule<I> {
  readonly code: string;
  check(input: I): RuleOutcome;
}

export function ruleOutcome(code: string, passed: boolean, message: LocalizedText): RuleOutcome {
  return { code, passed, message };
}

export function allPassed(outcomes: readonly RuleOutcome[]): boolean {
  return outcomes.every((o) => o.passed);
}

export function failedOutcomes(outcomes: readonly RuleOutcome[]): RuleOutcome[] {
  return outcomes.filter((o) => !o.passed);
}
