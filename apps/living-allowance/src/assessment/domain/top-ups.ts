// From the module, not the index (which re-exports through getters): called per covered member.
import { shareOfFen } from '@jiuzhu/common/money';
import { TopUpCondition, TopUpRule } from '../../parameters/domain/parameter-keys';
import { HouseholdMember } from './household';

export interface GrantedTopUp {
  rule: TopUpRule;
  amountFen: number;
}

/** Whether a member of `age` full years meets every condition the rule states (an empty list states none). */
function meets(when: TopUpCondition, member: HouseholdMember, age: number): boolean {
  if (when.minAge !== undefined && age < when.minAge) return false;
  if (when.maxAgeExclusive !== undefined && age >= when.maxAgeExclusive) return false;
  if (when.disabilityGrades?.length && !(member.disability != null && when.disabilityGrades.includes(member.disability.grade))) return false;
  if (when.seriousIllness !== undefined && when.seriousIllness !== (member.seriousIllness === true)) return false;
  const level = member.abilityAssessment?.level;
  if (when.abilityLevels?.length && !(level !== undefined && when.abilityLevels.includes(level))) return false;
  return true;
}

/**
 * Top-ups (提档/增发) as shares of the monthly standard for one covered member (policy.md §1
 * Amount; city plan ch. 6 §二 asks for higher payments to the elderly, minors, the severely
 * disabled and the seriously ill). Within a group only the highest share counts — a 75-year-old
 * gets the 70+ share instead of, not on top of, the 60+ share; a tie goes to the rule listed first.
 * Groups add up. Groups are taken in the order of their first appearance in the parameter list, so
 * the result is deterministic. A share of 0 never applies: that is how a province switches one off.
 */
export function topUpsFor(member: HouseholdMember, age: number, rules: readonly TopUpRule[], standardFen: number): GrantedTopUp[] {
  // Every group in order of first appearance, with the best rule granted in it so far (null: none yet).
  const best = new Map<string, TopUpRule | null>();
  for (const rule of rules) {
    const current = best.get(rule.group) ?? null;
    if (rule.shareBp > 0 && (current === null || rule.shareBp > current.shareBp) && meets(rule.when, member, age)) best.set(rule.group, rule);
    else if (!best.has(rule.group)) best.set(rule.group, null);
  }
  return [...best.values()].filter((rule) => rule !== null).map((rule) => ({ rule, amountFen: shareOfFen(standardFen, rule.shareBp) }));
}
