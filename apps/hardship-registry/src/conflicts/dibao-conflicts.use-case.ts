import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { Clock, Conflict, NotFound, orThrow } from '@jiuzhu/common';
import { jurisdictionFilter, systemActor, type Actor } from '@jiuzhu/auth';
import { Page, PageRequest, pageOf } from '@jiuzhu/common/http';
import { CaseApprovedV1, CaseTerminatedV1 } from '@jiuzhu/contracts';
import { acknowledgementNote, DibaoConflict } from './domain/dibao-conflict';
import { DibaoHouseholdRepository } from './dibao-household.repository';

const FROM_DIBAO = systemActor('living-allowance');

/**
 * Who is in an active dibao household, from living-allowance's case events, and the conflicts with
 * persons supported or applying here (see the domain's comment). Every change is audited, a
 * consumer's inside the inbox's transaction (a redelivery changes nothing twice).
 */
export class DibaoConflicts {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: DibaoHouseholdRepository,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async onApproved(m: EntityManager, e: CaseApprovedV1): Promise<void> {
    await this.audit.within(m, async () => {
      const at = this.clock.now();
      const n = await this.repo.recordApproved(m, e, at);
      if (n) this.audit.record(m, { actor: FROM_DIBAO, action: 'dibao_household.approved', target: auditTarget('dibao_case', e.caseId), after: digestOf(e), count: n, at });
    });
  }

  async onTerminated(m: EntityManager, e: CaseTerminatedV1): Promise<void> {
    await this.audit.within(m, async () => {
      const n = await this.repo.recordEnded(m, e);
      if (n) this.audit.record(m, { actor: FROM_DIBAO, action: 'dibao_household.ended', target: auditTarget('dibao_case', e.caseId), after: digestOf(e), count: n, at: this.clock.now() });
    });
  }

  async list(f: { acknowledged?: boolean }, page: PageRequest, reader: Pick<Actor, 'jurisdiction'>): Promise<Page<DibaoConflict>> {
    const { rows, total } = await this.repo.page(this.ds.manager, { ...f, within: jurisdictionFilter(reader.jurisdiction) }, page);
    return pageOf(rows, total, page);
  }

  ofCase(caseId: string, reader: Pick<Actor, 'jurisdiction'>): Promise<DibaoConflict[]> {
    return this.repo.ofCase(this.ds.manager, caseId, jurisdictionFilter(reader.jurisdiction));
  }

  /** A person acknowledges the conflict of the case with the dibao case, with what they checked or did. */
  async acknowledge(caseId: string, dibaoCaseId: string, note: string | undefined, actor: Actor): Promise<DibaoConflict> {
    const text = orThrow(acknowledgementNote(note));
    return this.audit.transaction(this.ds, async (m) => {
      const within = jurisdictionFilter(actor.jurisdiction);
      const c = await this.repo.lockConflict(m, caseId, dibaoCaseId, within);
      if (!c) throw new NotFound(`Conflict of case ${caseId} with dibao case ${dibaoCaseId}`);
      if (c.acknowledged) throw new Conflict('DIBAO_CONFLICT.ALREADY_ACKNOWLEDGED', `Acknowledged by ${c.acknowledged.by} at ${c.acknowledged.at}.`);
      const at = this.clock.now().toISOString();
      await this.repo.acknowledge(m, { caseId, dibaoCaseId, note: text, by: actor.id, at });
      const after = { ...c, acknowledged: { by: actor.id, at, note: text } };
      this.audit.record(m, { actor, action: 'dibao_conflict.acknowledge', target: auditTarget('hardship_case', caseId), before: digestOf(c), after: digestOf(after), at });
      return after;
    });
  }
}
