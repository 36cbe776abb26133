import { EntityManager } from 'typeorm';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { Clock, LocalDate, monthOf, orThrow } from '@jiuzhu/common';
import { systemActor } from '@jiuzhu/auth';
import { StandardPublishedV1 } from '@jiuzhu/contracts';
import { AnnounceCaseFacts } from '../cases/announce-case-facts.policy';
import { CaseFact, HardshipCase } from '../cases/domain/hardship-case';
import { EntitlementWrite, HardshipCaseRepository } from '../cases/hardship-case.repository';
import { computeEntitlement } from '../entitlement/domain/compute-entitlement';
import { HardshipParameterCatalog } from '../parameters/hardship-parameter-catalog';
import { DibaoStandardRepository } from './dibao-standard.repository';
import { DibaoStandard } from './domain/dibao-standard';

type EntitlementChangedFact = Extract<CaseFact, { kind: 'entitlement_changed' }>;

/**
 * A dibao standard living-allowance published: kept here, and — when it is now the district's and
 * area's latest — every supported person's entitlement there re-computed on it, from the month it
 * takes effect (never before support began). Set-based: the cases are locked and written, their
 * history and their `entitlement.changed` events appended, in a constant number of statements
 * however many there are, with one audit row for the batch. A standard already kept changes nothing,
 * so a redelivery (or a second announcement of the same version) announces nothing twice; the
 * inbox makes the whole effect once per event besides.
 */
export class RecomputeEntitlements {
  constructor(
    private readonly standards: DibaoStandardRepository,
    private readonly cases: HardshipCaseRepository,
    private readonly announce: AnnounceCaseFacts,
    private readonly catalog: HardshipParameterCatalog,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async onPublished(m: EntityManager, e: StandardPublishedV1): Promise<{ kept: boolean; changed: number }> {
    const standard: DibaoStandard = { districtCode: e.districtCode, area: e.area, monthlyFen: e.monthlyFen, validFrom: e.validFrom, versionId: e.versionId, legalSource: e.legalSource };
    return this.audit.within(m, async () => {
      if (!(await this.standards.keep(m, standard, this.clock.now()))) return { kept: false, changed: 0 };
      // An older standard delivered late is kept for the months it covered, but the entitlements
      // stand on the latest (of one day, the one received last: a correction).
      const all = await this.standards.of(m, e.districtCode, e.area);
      if (all.some((s) => s.validFrom > e.validFrom)) return { kept: true, changed: 0 };

      const actor = systemActor('dibao-standard');
      const today = this.clock.today();
      const at = this.clock.now().toISOString();
      const writes: EntitlementWrite[] = [];
      const changes: { hardshipCase: HardshipCase; fact: EntitlementChangedFact }[] = [];
      for (const { hardshipCase: c } of await this.cases.lockPaying(m, e.districtCode, e.area)) {
        const s = c.state;
        // The numbers in force on the first day the new entitlement is paid.
        const params = await this.catalog.inForceOn(firstDayPaid(e.validFrom, s.supportFromMonth!));
        const entitlement = computeEntitlement({ standard, selfCare: s.selfCare!.ability, careSetting: s.careSetting!, params });
        const facts = orThrow(c.applyNewStandard(entitlement, e.validFrom, actor.id, at));
        // Amounts unchanged, the case still records the standard its entitlement now stands on.
        writes.push({ hardshipCase: c, by: actor.id, at });
        for (const f of facts) if (f.kind === 'entitlement_changed') changes.push({ hardshipCase: c, fact: f });
      }
      await this.cases.saveEntitlements(m, writes);
      await this.announce.entitlementsChanged(m, changes, today);
      if (writes.length) {
        this.audit.record(m, {
          actor,
          action: 'hardship_case.recompute_entitlements',
          target: auditTarget('dibao_standard', e.versionId),
          count: writes.length,
          after: digestOf(writes.map((w) => ({ id: w.hardshipCase.state.id, monthlyFen: w.hardshipCase.state.entitlement!.monthlyFen, fromMonth: w.hardshipCase.state.entitlementFromMonth }))),
          at,
        });
      }
      return { kept: true, changed: changes.length };
    });
  }
}

/** The first day of the first month a standard valid from `validFrom` is paid to a person supported from `supportFromMonth`. */
function firstDayPaid(validFrom: LocalDate, supportFromMonth: string): LocalDate {
  const month = monthOf(validFrom);
  return `${month > supportFromMonth ? month : supportFromMonth}-01`;
}
