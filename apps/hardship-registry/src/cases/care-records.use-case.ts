import { Clock, Conflict, firstDayOfNextMonth, InvalidInput, isLocalDate, LocalDate, monthOf, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { ActivitiesRecord, determineSelfCare } from '../care/domain/self-care';
import { computeEntitlement } from '../entitlement/domain/compute-entitlement';
import { HardshipParameterCatalog } from '../parameters/hardship-parameter-catalog';
import { StandardsInForce } from '../standards/standards-in-force';
import { CaseChange } from './case-change';
import { SUPPORTED_STATUSES } from './domain/case-status';
import { CaseReading, FindCases } from './find-cases.use-case';

/**
 * What a caseworker records about a supported person between decisions: the six self-care
 * activities re-assessed when ability changes (below 60; from 60 the elder assessment sets the
 * tier), and the schooling (入学/在读证明) the 18th-birthday review reads.
 */
export class CareRecords {
  constructor(
    private readonly change: CaseChange,
    private readonly find: FindCases,
    private readonly catalog: HardshipParameterCatalog,
    private readonly standards: StandardsInForce,
    private readonly clock: Clock,
  ) {}

  /** A new tier from the six activities: the care allowance follows from the next month (never before support began). */
  async recordSelfCare(id: string, expectedVersion: number, activities: ActivitiesRecord, actor: Actor): Promise<CaseReading> {
    const today = this.clock.today();
    const current = await this.find.get(id, actor);
    if (!current.careSetting || !current.supportFromMonth) throw new Conflict('HARDSHIP.ILLEGAL_TRANSITION', `A case in status '${current.status}' does not allow 'record_self_care'.`);
    const next = monthOf(firstDayOfNextMonth(today));
    const from: LocalDate = `${next > current.supportFromMonth ? next : current.supportFromMonth}-01`;
    const [params, standard] = await Promise.all([this.catalog.inForceOn(from), this.standards.on(current.districtCode, current.area, from)]);
    const selfCare = orThrow(determineSelfCare({ birthDate: current.birthDate, on: today, activities, elderAssessment: null }, params));
    const entitlement = computeEntitlement({ standard, selfCare: selfCare.ability, careSetting: current.careSetting, params });
    await this.change.run(id, expectedVersion, actor, (c, _m, at) => orThrow(c.recordSelfCare(selfCare, entitlement, actor.id, at, today)));
    return this.find.get(id, actor);
  }

  /** The schooling as recorded (enrolled or not, and the day of the certificate) of a person supported as a minor. */
  async recordSchooling(id: string, expectedVersion: number, schooling: { enrolled: boolean; recordedOn: LocalDate }, actor: Actor): Promise<CaseReading> {
    const today = this.clock.today();
    if (!isLocalDate(schooling.recordedOn) || schooling.recordedOn > today) throw new InvalidInput([{ field: 'recordedOn', reason: 'must be a real calendar date, not after today' }]);
    const current = await this.find.get(id, actor);
    if (!current.supportedAsMinor || !(SUPPORTED_STATUSES as readonly string[]).includes(current.status)) {
      throw new Conflict('HARDSHIP.NOT_A_MINOR_CASE', 'Schooling is recorded for a person supported as a minor, whose support may continue past 18 while in school.');
    }
    const facts = { ...current.facts, schooling: { enrolled: schooling.enrolled, recordedOn: schooling.recordedOn } };
    await this.change.run(id, expectedVersion, actor, () => [], { facts, action: 'hardship_case.record_schooling' });
    return this.find.get(id, actor);
  }
}
