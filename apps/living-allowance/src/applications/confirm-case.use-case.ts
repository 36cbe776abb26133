import { Clock, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { householdTypeOf, nextReviewDue } from '../periodic-review/domain/periodic-review';
import { ParameterCatalog } from '../parameters/parameter-catalog';
import { ApplicationRow } from './application.repository';
import { CaseChange } from './case-change';
import { CaseClaims } from '@jiuzhu/platform';
import { FindCases } from './find-cases.use-case';
import { confirmingLevel } from './domain/process';
import { ProcessRulesInForce, ProcessRulesSource } from './process-rules';
import { rejectionReason } from './township-review.use-case';

/**
 * 确认: the county (or the township where delegated) approves or refuses a case whose notice is over,
 * within the confirming officer's jurisdiction (another district's case is not found). Who they are
 * comes from their token: the domain refuses the filer and the township reviewer (four-eyes).
 */
export class ConfirmCase {
  constructor(
    private readonly change: CaseChange,
    private readonly cases: FindCases,
    private readonly rules: ProcessRulesSource,
    private readonly catalog: ParameterCatalog,
    private readonly claims: CaseClaims,
    private readonly clock: Clock,
  ) {}

  /**
   * Approval grants what the assessment found, paid from the next month; the first periodic review
   * is scheduled from the approval date.
   */
  async approve(id: string, expectedVersion: number, actor: Actor, note?: string): Promise<ApplicationRow> {
    const on = this.clock.today();
    const current = await this.cases.get(id, actor);
    const level = levelOf(current, await this.rules.inForceOn(on), actor);
    // The review interval is read before the transaction (no second pool connection inside it).
    const params = await this.catalog.resolve(current.household.districtCode, current.household.area, on);
    return this.change.run(id, expectedVersion, actor, async (app, m, at) => {
      await this.claims.assertNotClaimedByOther(m, id, actor);
      const facts = orThrow(app.approve(actor.id, at, on, level, note));
      if (app.state.granted === 'dibao' && app.state.coverage === 'household' && params.ok) {
        app.scheduleReview(nextReviewDue(on, householdTypeOf(app.state.household), params.value.reviewInterval));
      }
      return facts;
    });
  }

  /** 不予批准, with a reason the written notice explains. */
  async refuse(id: string, expectedVersion: number, reasonCode: string, actor: Actor, note?: string): Promise<ApplicationRow> {
    const reason = rejectionReason(reasonCode, 'reasonCode');
    const on = this.clock.today();
    const current = await this.cases.get(id, actor);
    const rules = await this.rules.inForceOn(on);
    const level = levelOf(current, rules, actor);
    return this.change.run(id, expectedVersion, actor, async (app, m, at) => {
      await this.claims.assertNotClaimedByOther(m, id, actor);
      return orThrow(app.refuse(actor.id, at, on, reason, rules, level, note));
    });
  }
}

/** Who confirms in the case's district: the county, or the township where the county delegated it. */
function levelOf(c: ApplicationRow, rules: ProcessRulesInForce, actor: Actor) {
  return orThrow(confirmingLevel(rules.params.delegatedDistricts.has(c.household.districtCode), actor.roles));
}
