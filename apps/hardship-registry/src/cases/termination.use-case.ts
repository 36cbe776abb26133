import { Clock, Conflict, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { CriteriaDecision } from '../criteria/domain/criteria-decision';
import { incomeBelowStandard } from '../criteria/domain/rules/income-below-standard.rule';
import { StandardsInForce } from '../standards/standards-in-force';
import { CaseChange } from './case-change';
import { CaseRulesSource } from './case-rules-source';
import { TerminationGround } from './domain/termination';
import { CaseReading, FindCases } from './find-cases.use-case';

/**
 * 终止救助供养 (民发〔2021〕43号; policy.md §3 "Ends"): the township proposes the termination on a
 * ground, noticed for 7 days (posted, except for a minor); an objection upheld withdraws it; once
 * the notice has run, the county decides it — support stops from the next month and the person is
 * referred to dibao or temporary assistance when they may qualify there. Whoever proposed it does
 * not decide it.
 */
export class Termination {
  constructor(
    private readonly change: CaseChange,
    private readonly find: FindCases,
    private readonly standards: StandardsInForce,
    private readonly rules: CaseRulesSource,
    private readonly clock: Clock,
  ) {}

  async propose(id: string, expectedVersion: number, input: { ground: TerminationGround; note?: string }, actor: Actor): Promise<CaseReading> {
    const today = this.clock.today();
    const rules = await this.rules.on(today);
    await this.change.run(id, expectedVersion, actor, (c, _m, at) => orThrow(c.proposeTermination(input, rules, actor.id, at, today)));
    return this.find.get(id, actor);
  }

  async withdraw(id: string, expectedVersion: number, reason: string, actor: Actor): Promise<CaseReading> {
    const today = this.clock.today();
    await this.change.run(id, expectedVersion, actor, (c, _m, at) => orThrow(c.withdrawTermination(reason, actor.id, at, today)));
    return this.find.get(id, actor);
  }

  /**
   * The decision, with the referral worked out on the person's counted income as last established
   * (the investigation's, else the application's) against the standard in force today.
   */
  async decide(id: string, expectedVersion: number, actor: Actor): Promise<CaseReading> {
    const today = this.clock.today();
    const current = await this.find.get(id, actor);
    if (!current.entitlement) throw new Conflict('HARDSHIP.ILLEGAL_TRANSITION', `A case in status '${current.status}' does not allow 'terminate'.`);
    const standard = await this.standards.find(current.districtCode, current.area, today);
    const referral = { countedIncomeFen: countedIncomeOf(current.investigation?.criteria ?? current.appliedCriteria), standardFen: standard?.monthlyFen ?? current.entitlement.standardFen };
    await this.change.run(id, expectedVersion, actor, (c, _m, at) => orThrow(c.terminate(referral, actor.id, at, today)));
    return this.find.get(id, actor);
  }
}

/** The person's own income as the income test counted it (excluded kinds left out), or null when it was not assessed. */
export function countedIncomeOf(criteria: CriteriaDecision): number | null {
  const check = criteria.conditions.noMeansOfLiving.rules.find((r) => r.code === incomeBelowStandard.code);
  const counted = (check?.args as { countedFen?: unknown } | undefined)?.countedFen;
  return typeof counted === 'number' ? counted : null;
}
