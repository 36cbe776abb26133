import { EntityManager } from 'typeorm';
import { Clock, LocalDate } from '@jiuzhu/common';
import type { CaseFactReaction } from '../cases/case-change';
import type { CaseFact, HardshipCase } from '../cases/domain/hardship-case';
import { HardshipParameterCatalog } from '../parameters/hardship-parameter-catalog';
import { HARDSHIP_PARAMETER_KEYS as K } from '../parameters/domain/parameter-keys';
import type { HardshipParameters } from '../parameters/domain/resolve-parameters';
import type { SelfCareAbility } from '../persons/domain/vocabulary';
import { nextVisitDue } from './domain/visits';
import { VisitPlanRow, VisitsRepository } from './visits.repository';

/** Where a case lies and who it is, as a plan is counted for it. */
export interface PlannedCase {
  id: string;
  districtCode: string;
  townshipCode: string;
  selfCare: SelfCareAbility;
}

/**
 * The visit plan follows the case (policy.md §3: those supported at home get regular visits; a
 * person in an institution is looked after there). In the transaction of the change itself:
 * - confirmed at home (`registered`): on the plan from the first day of support;
 * - placed in an institution (`care_setting_changed` to institution) or support ended
 *   (`terminated`): off the plan — their visits stay;
 * - back home (`care_setting_changed` to home): on the plan again, counted from the return;
 * - a new self-care tier (`self_care_changed`): the next visit counted again with the new tier's
 *   interval from the same visit.
 *
 * Every care-setting change that goes through CaseChange (the one change path) is followed by
 * itself; a path that changes the care setting without it calls `careSettingChanged`. Should
 * neither happen, the queue and the sweep still keep to cases supported at home, in their SQL.
 */
export class KeepVisitPlan implements CaseFactReaction {
  constructor(
    private readonly repo: VisitsRepository,
    private readonly catalog: HardshipParameterCatalog,
    private readonly clock: Clock,
  ) {}

  async react(m: EntityManager, c: HardshipCase, facts: readonly CaseFact[]): Promise<void> {
    const s = c.state;
    const today = this.clock.today();
    for (const f of facts) {
      switch (f.kind) {
        case 'registered':
          if (f.careSetting === 'home') await this.start(m, { id: s.id, districtCode: s.districtCode, townshipCode: s.townshipCode, selfCare: f.selfCare }, `${f.supportFromMonth}-01`, today);
          break;
        case 'care_setting_changed':
          await this.careSettingChanged(m, { id: s.id, districtCode: s.districtCode, townshipCode: s.townshipCode, selfCare: s.selfCare!.ability }, f.to, f.on);
          break;
        case 'self_care_changed':
          await this.recount(m, s.id, f.to, today);
          break;
        case 'terminated':
          await this.repo.removePlan(m, s.id);
          break;
        default:
          break;
      }
    }
  }

  /** A move into an institution takes the person off the plan; a return home puts them on it, counted from `on`. */
  async careSettingChanged(m: EntityManager, c: PlannedCase, to: 'home' | 'institution', on: LocalDate): Promise<void> {
    if (to === 'institution') await this.repo.removePlan(m, c.id);
    else await this.start(m, c, on, this.clock.today());
  }

  /** Puts the person on the plan with home care from `homeCareSince`, counted from the later of it and their last visit. */
  private async start(m: EntityManager, c: PlannedCase, homeCareSince: LocalDate, today: LocalDate): Promise<void> {
    const params = await this.catalog.inForceOn(today);
    const lastVisitedOn = await this.repo.lastVisitOn(m, c.id);
    await this.repo.savePlan(m, planOf(c, homeCareSince, lastVisitedOn, params), this.clock.now().toISOString());
  }

  private async recount(m: EntityManager, caseId: string, selfCare: SelfCareAbility, today: LocalDate): Promise<void> {
    const plan = await this.repo.lockPlan(m, caseId);
    if (!plan) return;
    const params = await this.catalog.inForceOn(today);
    const next = planOf({ id: caseId, districtCode: plan.districtCode, townshipCode: plan.townshipCode, selfCare }, plan.homeCareSince, plan.lastVisitedOn, params);
    await this.repo.savePlan(m, { ...next, overdueAnnouncedFor: plan.overdueAnnouncedFor }, this.clock.now().toISOString());
  }
}

/** The plan of a person at home since `homeCareSince`, last visited on `lastVisitedOn`, with the interval of their tier in `params`. */
export function planOf(c: PlannedCase, homeCareSince: LocalDate, lastVisitedOn: LocalDate | null, params: Pick<HardshipParameters, 'visitIntervals' | 'versions'>): VisitPlanRow {
  const due = nextVisitDue({ careSetting: 'home', selfCare: c.selfCare, homeCareSince, lastVisitOn: lastVisitedOn }, params)!;
  return {
    caseId: c.id,
    districtCode: c.districtCode,
    townshipCode: c.townshipCode,
    homeCareSince,
    lastVisitedOn,
    selfCare: c.selfCare,
    intervalDays: due.intervalDays,
    nextVisitDueOn: due.deadline.dueOn,
    parameterVersion: due.parameterVersions[K.visitIntervals],
    overdueAnnouncedFor: null,
  };
}
