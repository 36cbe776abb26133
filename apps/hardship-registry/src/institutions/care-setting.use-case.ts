import { DataSource } from 'typeorm';
import { Actor, jurisdictionFilter } from '@jiuzhu/auth';
import { Clock, Conflict, firstDayOfNextMonth, InvalidInput, LocalDate, monthOf, NotFound, orThrow } from '@jiuzhu/common';
import { CaseChange } from '../cases/case-change';
import { Placement } from '../cases/domain/hardship-case';
import { CaseReading, FindCases } from '../cases/find-cases.use-case';
import { computeEntitlement } from '../entitlement/domain/compute-entitlement';
import { HardshipParameterCatalog } from '../parameters/hardship-parameter-catalog';
import { CareSetting } from '../persons/domain/vocabulary';
import { StandardsInForce } from '../standards/standards-in-force';
import { CareInstitutionRepository } from './care-institution.repository';
import { CareSettingHistoryRepository, CareSettingPeriod } from './care-setting-history.repository';
import { bedTakes } from './domain/care-institutions';

export interface CareSettingCommand {
  careSetting: CareSetting;
  placement?: Placement | null;
}

/**
 * 集中供养 / 分散供养: a supported person is placed in a bed of an institution within reach, moved
 * to another bed or institution, or goes home. In one transaction: the case (its care setting and
 * the entitlement re-computed with the care allowance of the new setting, from the next month), the
 * care-setting register (the previous bed freed, the new one taken — one person a bed), the events
 * (care-setting.changed on a move between home and institution, entitlement.changed when the amount
 * changes) and the audit row.
 */
export class ChangeCareSetting {
  constructor(
    private readonly ds: DataSource,
    private readonly change: CaseChange,
    private readonly find: FindCases,
    private readonly institutions: CareInstitutionRepository,
    private readonly periods: CareSettingHistoryRepository,
    private readonly catalog: HardshipParameterCatalog,
    private readonly standards: StandardsInForce,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, expectedVersion: number, cmd: CareSettingCommand, actor: Actor): Promise<CaseReading> {
    const today = this.clock.today();
    const current = await this.find.get(id, actor);
    if (!current.careSetting || !current.supportFromMonth || !current.selfCare) {
      throw new Conflict('HARDSHIP.ILLEGAL_TRANSITION', `A case in status '${current.status}' does not allow 'change_care_setting'.`);
    }
    // The care allowance of the new setting is paid from the next month, never before support began.
    const next = monthOf(firstDayOfNextMonth(today));
    const from: LocalDate = `${next > current.supportFromMonth ? next : current.supportFromMonth}-01`;
    // Read before the transaction (no second pool connection while it holds one); the version check under the lock guarantees the case is the one read.
    const [params, standard] = await Promise.all([this.catalog.inForceOn(from), this.standards.on(current.districtCode, current.area, from)]);
    const entitlement = computeEntitlement({ standard, selfCare: current.selfCare.ability, careSetting: cmd.careSetting, params });
    const placement = cmd.placement ? { institutionId: cmd.placement.institutionId, bedId: cmd.placement.bedId } : null;
    await this.change.run(id, expectedVersion, actor, async (c, m, at) => {
      if (cmd.careSetting === 'institution' && placement) {
        if (!(await this.institutions.reachable(m, placement.institutionId, jurisdictionFilter(actor.jurisdiction)))) throw new NotFound(`Institution ${placement.institutionId}`);
        const bed = await this.institutions.lockBed(m, placement.institutionId, placement.bedId);
        if (!bed) throw new InvalidInput([{ field: 'placement.bedId', reason: `is no bed of institution ${placement.institutionId}` }]);
        orThrow(bedTakes(bed, id));
      }
      return orThrow(c.changeCareSetting({ careSetting: cmd.careSetting, placement }, entitlement, actor.id, at, today));
    });
    return this.find.get(id, actor);
  }

  /** Where the person has been cared for since their confirmation, oldest first (404 for a case outside the jurisdiction). */
  async history(id: string, actor: Pick<Actor, 'jurisdiction'>): Promise<CareSettingPeriod[]> {
    await this.find.get(id, actor);
    return this.periods.ofCase(this.ds.manager, id, jurisdictionFilter(actor.jurisdiction));
  }
}
