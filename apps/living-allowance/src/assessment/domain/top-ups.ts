import { shareOfFen } from '@jiuzhu/common';
import { TopUpCondition, TopUpRule } from '../../parameters/domain/parameter-keys';
import { HouseholdMember } from './household';

export interface GrantedTopUp {
  rule: TopUpRule;
  amountFen: number;
}

function applies(when: TopUpCondition, member: HouseholdMember, age: number): boolean {
  if (when.minAge !== undefined && age < when.minAge) return false;
  if (when.maxAgeExclusive !== undefined && age >= when.maxAgeExclusive) return false;
  if (when.disabilityGrades !== undefined && (member.disability == null || !when.disabilityGrades.includes(member.disability.grade))) {
    return false;
  }
  if (when.seriousIllness !== undefined && (member.seriousIllness === true) !== when.seriousIllness) return false;
  return true;
}

/**
 * Top-ups (提档/增发) for one covered member, as shares of the monthly standard (policy.md §1
 * Amount; city plan ch. 6 §二 asks for higher payments to the elderly, minors, the severely
 * disabled and the seriously ill). Within a group only the highest share counts — a 75-year-old
 * gets the 70+ share instead of, not on top of, the 60+ share; a tie goes to the rule listed first.
 * Groups add up. Each amount is rounded half up to a whole fen. Result order follows the first
 * appearance of each group in the parameter list, so it is deterministic.
 */
export function topUpsFor(member: HouseholdMember, age: number, rules: readonly TopUpRule[], standardFen: number): GrantedTopUp[] {
  const bestByGroup = new Map<string, TopUpRule>();
  const groupOrder: string[] = [];
  for (const rule of rules) {
    if (!groupOrder.includes(rule.group)) groupOrder.push(rule.group);
    if (rule.shareBp <= 0 || !applies(rule.when, member, age)) continue;
    const best = bestByGroup.get(rule.group);
    if (best === undefined || rule.shareBp > best.shareBp) bestByGroup.set(rule.group, rule);
  }
  const granted: GrantedTopUp[] = [];
  for (const group of groupOrder) {
    const rule = bestByGroup.get(group);
    if (rule !== undefined) granted.push({ rule, amountFen: shareOfFen(standardFen, rule.shareBp) });
  }
  return granted;
}
