// From the module, not the index (which re-exports through getters): called per covered member.
import { shareOfFen } from '@jiuzhu/common/money';
import { TopUpCondition, TopUpRule } from '../../parameters/domain/parameter-keys';
import { HouseholdMember } from './household';

export interface GrantedTopUp {
  rule: TopUpRule;
  amountFen: number;
}

/**
 * Whether a top-up's conditions hold for a member of `age` full years with disability `grade` (0 for
 * none) who is or is not seriously `ill` and whose latest elder ability assessment found `ability`: plain values, so that the assessment need not read the
 * member object again for every rule.
 */
function applies(when: TopUpCondition, grade: number, ill: boolean, age: number, ability: string | undefined): boolean {
  if (when.minAge !== undefined && age < when.minAge) return false;
  if (when.abilityLevels !== undefined && (ability === undefined || !(when.abilityLevels as string[]).includes(ability))) return false;
  if (when.maxAgeExclusive !== undefined && age >= when.maxAgeExclusive) return false;
  if (when.disabilityGrades !== undefined && (grade === 0 || !when.disabilityGrades.includes(grade))) return false;
  if (when.seriousIllness !== undefined && ill !== when.seriousIllness) return false;
  return true;
}

/** Whether `rules[j]` is the first rule of its group: groups are listed in order of first appearance. */
export function opensGroup(rules: readonly TopUpRule[], j: number): boolean {
  const group = rules[j].group;
  for (let k = 0; k < j; k++) if (rules[k].group === group) return false;
  return true;
}

/**
 * `opensGroup` for every rule at once, as a bit mask (bit j: rules[j] opens its group), so that an
 * assessment works it out once per household rather than once per member. -1 (every bit) when there
 * are too many rules for a mask; `opensGroup` must then be asked rule by rule.
 */
export function groupOpeners(rules: readonly TopUpRule[]): number {
  if (rules.length > 31) return -1;
  let mask = 0;
  for (let j = 0; j < rules.length; j++) if (opensGroup(rules, j)) mask |= 1 << j;
  return mask;
}

/**
 * The index of the rule granted within the group that `rules[first]` opens, for a member described
 * as in `applies`: the highest applying
 * share, a tie going to the rule listed first; -1 when none applies. Scans the list instead of
 * building a Map of groups: an assessment asks this for every covered member, and a list of top-up
 * rules is a handful long.
 */
export function grantedInGroup(rules: readonly TopUpRule[], first: number, grade: number, ill: boolean, age: number, ability?: string): number {
  const group = rules[first].group;
  let best = -1;
  for (let j = first; j < rules.length; j++) {
    const rule = rules[j];
    if (rule.group !== group || rule.shareBp <= 0 || !applies(rule.when, grade, ill, age, ability)) continue;
    if (best < 0 || rule.shareBp > rules[best].shareBp) best = j;
  }
  return best;
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
  const granted: GrantedTopUp[] = [];
  const grade = member.disability == null ? 0 : member.disability.grade;
  const ill = member.seriousIllness === true;
  for (let j = 0; j < rules.length; j++) {
    if (!opensGroup(rules, j)) continue;
    const k = grantedInGroup(rules, j, grade, ill, age, member.abilityAssessment?.level);
    if (k >= 0) granted.push({ rule: rules[k], amountFen: shareOfFen(standardFen, rules[k].shareBp) });
  }
  return granted;
}
