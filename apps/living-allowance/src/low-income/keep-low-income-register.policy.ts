import { EntityManager } from 'typeorm';
import { LowIncomeRegistered, LowIncomeRemoved, LowIncomeRemovedV1 } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { AssessmentRuleCheck, Decision } from '../assessment/domain/decision';
import { ApplicationState, CaseFact } from '../applications/domain/application';
import { CasePolicy, FactContext } from '../applications/case-change';
import { LowIncomeRepository } from './low-income.repository';

type RemovalReason = LowIncomeRemovedV1['reason'];

/**
 * Why a household the assessment found ineligible leaves the low-income database, by the rule that
 * decided it: over a property limit, or income above the band.
 */
export const REMOVAL_REASON_OF_RULE: Readonly<Partial<Record<AssessmentRuleCheck['code'], RemovalReason>>> = {
  'DIBAO.ASSETS_MONEY_WITHIN_LIMIT': 'property_over_limit',
  'DIBAO.HOUSING_WITHIN_LIMIT': 'property_over_limit',
  'DIBAO.VEHICLES_WITHIN_LIMIT': 'property_over_limit',
  'LOW_INCOME.PER_CAPITA_INCOME_BELOW_BAND': 'above_band',
};

/** A household over a property limit is told about its property, whatever its income. */
export function removalReasonOf(d: Decision): RemovalReason {
  const reasons = new Set(d.reasons.map((r) => REMOVAL_REASON_OF_RULE[r.code]));
  return reasons.has('property_over_limit') ? 'property_over_limit' : 'above_band';
}

/**
 * The low-income household database (低收入家庭数据库) follows the decisions: a household confirmed
 * low-income is registered; one that now receives dibao, or is found above the band or over the
 * property limits, leaves it. Each entry and removal is announced.
 */
export class KeepLowIncomeRegister implements CasePolicy {
  constructor(
    private readonly register: LowIncomeRepository,
    private readonly outbox: Outbox,
  ) {}

  async react(fact: CaseFact, { m, app, actor }: FactContext): Promise<void> {
    const s = app.state;
    if (s.coverage !== 'household') return;
    const d = s.assessment as Decision;
    if (fact.kind === 'approved' && fact.granted === 'low_income') {
      const e = { householdRef: s.householdRef, districtCode: s.household.districtCode, area: s.household.area, householdSize: d.householdSize, perCapitaIncomeFen: d.perCapitaIncomeFen, registeredOn: fact.on };
      await this.register.register(m, { ...e, applicationId: s.id }, actor.id);
      await this.outbox.append(m, LowIncomeRegistered, { ...e, caseId: s.id });
    } else if (fact.kind === 'approved') {
      // A household that now receives dibao is no longer "edge".
      await this.remove(m, s, fact.on, 'now_dibao', actor.id);
    } else if (fact.kind === 'refused' && d?.outcome === 'ineligible') {
      await this.remove(m, s, fact.on, removalReasonOf(d), actor.id);
    }
  }

  private async remove(m: EntityManager, s: Readonly<ApplicationState>, on: string, reason: RemovalReason, by: string): Promise<void> {
    if (!(await this.register.remove(m, s.householdRef, on, reason, by))) return;
    await this.outbox.append(m, LowIncomeRemoved, { householdRef: s.householdRef, caseId: s.id, districtCode: s.household.districtCode, reason, removedOn: on });
  }
}
