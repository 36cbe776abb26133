import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { Clock, NotFound, orThrow } from '@jiuzhu/common';
import { jurisdictionFilter, systemActor, type Actor } from '@jiuzhu/auth';
import { Page, PageRequest, pageOf } from '@jiuzhu/common/http';
import { PersonRegisteredV1, PersonTerminatedV1 } from '@jiuzhu/contracts';
import { ConflictStatus, dismiss, excludeAtNextDecision, HardshipConflict, supportEnded } from './domain/hardship-conflict';
import { HardshipConflictRepository } from './hardship-conflict.repository';

/** Who the consumers' changes are recorded as: the announcement of hardship-registry. */
const FROM_HARDSHIP = systemActor('hardship-registry');

/**
 * The conflicts between dibao cases and special-hardship support (see the domain's comment): flagged
 * when hardship-registry registers a member of an open case (or when a case with a supported member
 * is submitted), resolved by an officer, and marked or lifted when the support ends. Every change
 * is audited; the consumers' inside the inbox's transaction, so a redelivery changes nothing twice.
 */
export class HardshipConflicts {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: HardshipConflictRepository,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async onRegistered(m: EntityManager, e: PersonRegisteredV1): Promise<void> {
    await this.audit.within(m, async () => {
      const at = this.clock.now();
      await this.repo.recordSupported(m, e, at);
      const flagged = await this.repo.flagCasesOf(m, { personRef: e.personRef, hardshipCaseId: e.caseId, registeredOn: e.registeredOn, supportFromMonth: e.supportFromMonth, by: FROM_HARDSHIP.id, at: at.toISOString() });
      for (const c of flagged) this.audit.record(m, { actor: FROM_HARDSHIP, action: 'hardship_conflict.flag', target: auditTarget('hardship_conflict', c.id), after: digestOf(c), at });
    });
  }

  async onTerminated(m: EntityManager, e: PersonTerminatedV1): Promise<void> {
    await this.audit.within(m, async () => {
      await this.repo.recordEnded(m, e);
      const at = this.clock.now().toISOString();
      for (const c of await this.repo.lockOfHardshipCase(m, e.caseId)) {
        const next = supportEnded(c, { by: FROM_HARDSHIP.id, on: e.terminatedOn, stopsFromMonth: e.stopsFromMonth });
        if (next === c) continue;
        await this.repo.save(m, next, FROM_HARDSHIP.id, at);
        this.audit.record(m, { actor: FROM_HARDSHIP, action: next.status === 'lifted' ? 'hardship_conflict.lift' : 'hardship_conflict.support_ended', target: auditTarget('hardship_conflict', c.id), before: digestOf(c), after: digestOf(next), at });
      }
    });
  }

  /**
   * A case submitted with a member hardship-registry already supports is flagged too (the
   * registration came first), inside the submission's transaction.
   */
  async flagOnSubmission(m: EntityManager, applicationId: string, personRefs: string[], actor: Actor): Promise<void> {
    const at = this.clock.now().toISOString();
    for (const s of await this.repo.supportedAmong(m, personRefs)) {
      const flagged = await this.repo.flagCasesOf(m, { ...s, personRef: s.personRef, by: actor.id, at, only: applicationId });
      for (const c of flagged) this.audit.record(m, { actor, action: 'hardship_conflict.flag', target: auditTarget('hardship_conflict', c.id), after: digestOf(c), at });
    }
  }

  async list(f: { status?: ConflictStatus; districtCode?: string }, page: PageRequest, reader: Pick<Actor, 'jurisdiction'>): Promise<Page<HardshipConflict>> {
    const { rows, total } = await this.repo.page(this.ds.manager, { ...f, within: jurisdictionFilter(reader.jurisdiction) }, page);
    return pageOf(rows, total, page);
  }

  ofApplication(applicationId: string, m: EntityManager = this.ds.manager): Promise<HardshipConflict[]> {
    return this.repo.ofApplication(m, applicationId);
  }

  exclude(id: string, expectedVersion: number, note: string | undefined, actor: Actor): Promise<HardshipConflict> {
    return this.resolve(id, expectedVersion, actor, 'hardship_conflict.exclude', (c, x) => excludeAtNextDecision(c, { by: actor.id, on: this.clock.today(), note, members: x.members, othersExcluded: x.othersExcluded }));
  }

  dismiss(id: string, expectedVersion: number, reason: string, actor: Actor): Promise<HardshipConflict> {
    return this.resolve(id, expectedVersion, actor, 'hardship_conflict.dismiss', (c) => dismiss(c, { by: actor.id, on: this.clock.today(), reason }));
  }

  private async resolve(
    id: string,
    expectedVersion: number,
    actor: Actor,
    action: string,
    decide: (c: HardshipConflict, x: { members: number; othersExcluded: number }) => ReturnType<typeof dismiss>,
  ): Promise<HardshipConflict> {
    return this.audit.transaction(this.ds, async (m) => {
      const locked = await this.repo.lockForChange(m, id, jurisdictionFilter(actor.jurisdiction), expectedVersion);
      if (!locked) throw new NotFound(`Hardship conflict ${id}`);
      const next = orThrow(decide(locked.conflict, locked));
      const at = this.clock.now().toISOString();
      const version = await this.repo.save(m, next, actor.id, at);
      this.audit.record(m, { actor, action, target: auditTarget('hardship_conflict', id), before: digestOf(locked.conflict), after: digestOf(next), at });
      return { ...next, version };
    });
  }
}
