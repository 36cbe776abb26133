// From the module, not the index (which re-exports through getters): called per covered member.
import { shareOfFen } from '@jiuzhu/common/money';
import { ABILITY_LEVELS, AbilityLevel, TopUpRule } from '../../parameters/domain/parameter-keys';
import { HouseholdMember } from './household';

export interface GrantedTopUp {
  rule: TopUpRule;
  amountFen: number;
}

/**
 * Top-ups (提档/增发) as shares of the monthly standard for one covered member (policy.md §1
 * Amount; city plan ch. 6 §二 asks for higher payments to the elderly, minors, the severely
 * disabled and the seriously ill). Within a group only the highest share counts — a 75-year-old
 * gets the 70+ share instead of, not on top of, the 60+ share; a tie goes to the rule listed first.
 * Groups add up. Groups are taken in the order of their first appearance in the parameter list, so
 * the result is deterministic.
 *
 * The rules as published are read once per rule list into this table: each condition in one fixed
 * shape (no condition = a bound that always holds), and the rules of each group listed together.
 * The assessment asks it for every covered member of every household; published conditions come in
 * as many shapes as they have optional fields, which made reading them per member slow.
 */
export class TopUpTable {
  /** Rule indices of each group, groups in order of first appearance, rules in list order. */
  readonly groups: readonly (readonly number[])[];
  private readonly minAge: Int32Array;
  private readonly maxAgeExclusive: Float64Array;
  /** Bit g set: disability grade g qualifies; 0: no disability condition. Bit 0 (no disability) is never set. */
  private readonly grades: Int32Array;
  /** -1: no illness condition; 0: only members who are not seriously ill; 1: only those who are. */
  private readonly ill: Int8Array;
  /** Bit of each qualifying ability level (see abilityBit); 0: no ability condition. */
  private readonly abilities: Int32Array;

  constructor(readonly rules: readonly TopUpRule[]) {
    const n = rules.length;
    this.minAge = new Int32Array(n);
    this.maxAgeExclusive = new Float64Array(n);
    this.grades = new Int32Array(n);
    this.ill = new Int8Array(n);
    this.abilities = new Int32Array(n);
    const groups = new Map<string, number[]>();
    for (let j = 0; j < n; j++) {
      const w = rules[j].when;
      this.minAge[j] = w.minAge ?? 0;
      this.maxAgeExclusive[j] = w.maxAgeExclusive ?? Infinity;
      this.grades[j] = (w.disabilityGrades ?? []).reduce((mask, g) => mask | (1 << g), 0);
      this.ill[j] = w.seriousIllness === undefined ? -1 : w.seriousIllness ? 1 : 0;
      this.abilities[j] = (w.abilityLevels ?? []).reduce((mask, l) => mask | abilityBit(l), 0);
      const members = groups.get(rules[j].group);
      if (members) members.push(j);
      else groups.set(rules[j].group, [j]);
    }
    this.groups = [...groups.values()];
  }

  /**
   * The index of the rule granted in group `g` to a member of `age` full years with disability
   * `grade` (0 for none), seriously `ill` or not, whose latest elder ability assessment found the
   * level with bit `ability` (0 for none on record): the highest applying share, a tie going to the
   * rule listed first; -1 when none applies. A share of 0 never applies.
   */
  granted(g: number, grade: number, ill: boolean, age: number, ability: number): number {
    const members = this.groups[g];
    let best = -1;
    for (let k = 0; k < members.length; k++) {
      const j = members[k];
      const share = this.rules[j].shareBp;
      if (share <= 0 || (best >= 0 && share <= this.rules[best].shareBp)) continue;
      if (age < this.minAge[j] || age >= this.maxAgeExclusive[j]) continue;
      const grades = this.grades[j];
      if (grades !== 0 && (grades & (1 << grade)) === 0) continue;
      const illness = this.ill[j];
      if (illness >= 0 && (illness === 1) !== ill) continue;
      const abilities = this.abilities[j];
      if (abilities !== 0 && (abilities & ability) === 0) continue;
      best = j;
    }
    return best;
  }
}

/** The bit of an ability level in `TopUpTable.granted`; 0 for no assessment on record. */
export function abilityBit(level: AbilityLevel | undefined): number {
  if (level === undefined) return 0;
  const i = ABILITY_LEVELS.indexOf(level);
  return i < 0 ? 0 : 1 << i;
}

const tables = new WeakMap<readonly TopUpRule[], TopUpTable>();

/** The table of a rule list, built once: resolved parameters are shared values nobody modifies. */
export function topUpTable(rules: readonly TopUpRule[]): TopUpTable {
  let t = tables.get(rules);
  if (t === undefined) {
    t = new TopUpTable(rules);
    tables.set(rules, t);
  }
  return t;
}

/** The top-ups one member gets, for callers that want them as a list (the assessment reads the table itself). */
export function topUpsFor(member: HouseholdMember, age: number, rules: readonly TopUpRule[], standardFen: number): GrantedTopUp[] {
  const table = topUpTable(rules);
  const grade = member.disability == null ? 0 : member.disability.grade;
  const ability = abilityBit(member.abilityAssessment?.level);
  const granted: GrantedTopUp[] = [];
  for (let g = 0; g < table.groups.length; g++) {
    const k = table.granted(g, grade, member.seriousIllness === true, age, ability);
    if (k >= 0) granted.push({ rule: rules[k], amountFen: shareOfFen(standardFen, rules[k].shareBp) });
  }
  return granted;
}
