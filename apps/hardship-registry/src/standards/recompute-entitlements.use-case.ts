import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { Clock, LocalDate, monthOf, orThrow } from '@jiuzhu/common';
import { safeError } from '@jiuzhu/common/logger';
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
 * A dibao standard living-allowance published is kept here (`onPublished`, inside the consumer's
 * inbox transaction); every supported person's entitlement of that district and area is then
 * re-computed on it, from the month it takes effect (never before support began), by a worker in
 * the background (`pass`). A district may hold tens of thousands of supported persons: done inside
 * the consumer, that would be one transaction locking them all, longer than the broker waits for a
 * consumer's heartbeat, and a failure would undo it all.
 *
 * The worker's work is found in the data, not in a job list: the paying cases whose entitlement does
 * not name the latest standard of their district and area — after a new standard, and as well a
 * case confirmed or changed meanwhile on the standard in force when its support began. It takes
 * them in batches by id,
 * each batch one transaction — cases, history lines, their `entitlement.changed` events (only where
 * the amounts changed) and one audit row for the batch commit together — skipping rows another
 * replica holds. A case re-computed names the standard and is not picked again, so however often a
 * standard is delivered or announced, and however the work is interrupted, each entitlement is
 * changed and announced once.
 */
export class RecomputeEntitlements {
  constructor(
    private readonly ds: DataSource,
    private readonly standards: DibaoStandardRepository,
    private readonly cases: HardshipCaseRepository,
    private readonly announce: AnnounceCaseFacts,
    private readonly catalog: HardshipParameterCatalog,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly log: Logger,
    /** Called after a new standard is kept: the worker has work (see PollingWorker.nudge). */
    private readonly wake: () => void = () => undefined,
    private readonly batchSize = 1000,
  ) {}

  /** Keeps the standard; false when that very version was kept already (a redelivery changes nothing). */
  async onPublished(m: EntityManager, e: StandardPublishedV1): Promise<{ kept: boolean }> {
    const standard: DibaoStandard = { districtCode: e.districtCode, area: e.area, monthlyFen: e.monthlyFen, validFrom: e.validFrom, versionId: e.versionId, legalSource: e.legalSource };
    const kept = await this.audit.within(m, () => this.standards.keep(m, standard, this.clock.now()));
    if (kept) this.wake();
    return { kept };
  }

  /**
   * One pass: each district's and area's paying cases not yet on its latest standard, batch by
   * batch. A district whose batch fails (its parameters do not resolve) is logged and left for the
   * next pass; the others go on. Returns the batches committed.
   */
  async pass(): Promise<number> {
    let batches = 0;
    for (const standard of await this.standards.latestOfEach(this.ds.manager)) {
      try {
        if (!(await this.cases.anyPayingNotOn(this.ds.manager, standard))) continue;
        // Cases skipped while another transaction held them are still off the standard: the next pass takes them.
        for (let after: string | null = null; ; batches++) {
          const last = await this.batch(standard, after);
          if (last === undefined) break;
          after = last;
        }
      } catch (e) {
        this.log.error({ err: safeError(e), standard: standard.versionId }, 'recomputing entitlements on a new dibao standard failed; the next pass retries');
      }
    }
    return batches;
  }

  /** One batch after `after`; the last case id it took, or undefined when none was left. */
  private batch(standard: DibaoStandard, after: string | null): Promise<string | undefined> {
    const actor = systemActor('dibao-standard');
    return this.audit.transaction(this.ds, async (m) => {
      const batch = await this.cases.lockPayingNotOn(m, { districtCode: standard.districtCode, area: standard.area, standardVersionId: standard.versionId, after, limit: this.batchSize });
      if (batch.length === 0) return undefined;
      const today = this.clock.today();
      const at = this.clock.now().toISOString();
      const writes: EntitlementWrite[] = [];
      const changes: { hardshipCase: HardshipCase; fact: EntitlementChangedFact }[] = [];
      for (const c of batch) {
        const s = c.state;
        // The numbers in force on the first day the new entitlement is paid.
        const params = await this.catalog.inForceOn(firstDayPaid(standard.validFrom, s.supportFromMonth!));
        const entitlement = computeEntitlement({ standard, selfCare: s.selfCare!.ability, careSetting: s.careSetting!, params });
        const facts = orThrow(c.applyNewStandard(entitlement, standard.validFrom, actor.id, at));
        // Amounts unchanged, the case still records the standard its entitlement now stands on.
        writes.push({ hardshipCase: c, by: actor.id, at });
        for (const f of facts) if (f.kind === 'entitlement_changed') changes.push({ hardshipCase: c, fact: f });
      }
      await this.cases.saveEntitlements(m, writes);
      await this.announce.entitlementsChanged(m, changes, today);
      // One audit row per batch, not per case (a hundred appends for 100 000 cases): it names the
      // standard and the count; each case's history line names the standard, and the digest covers
      // exactly which cases the batch changed to what.
      this.audit.record(m, {
        actor,
        action: 'hardship_case.recompute_entitlements',
        target: auditTarget('dibao_standard', standard.versionId),
        count: writes.length,
        after: digestOf(writes.map((w) => ({ id: w.hardshipCase.state.id, monthlyFen: w.hardshipCase.state.entitlement!.monthlyFen, fromMonth: w.hardshipCase.state.entitlementFromMonth }))),
        at,
      });
      return batch[batch.length - 1].state.id;
    });
  }
}

/** The first day of the first month a standard valid from `validFrom` is paid to a person supported from `supportFromMonth`. */
function firstDayPaid(validFrom: LocalDate, supportFromMonth: string): LocalDate {
  const month = monthOf(validFrom);
  return `${month > supportFromMonth ? month : supportFromMonth}-01`;
}
