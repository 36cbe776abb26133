import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { Clock, NotFound, Outcome, orThrow } from '@jiuzhu/common';
import { jurisdictionFilter, systemActor, type Actor } from '@jiuzhu/auth';
import { Page, PageRequest, pageOf } from '@jiuzhu/common/http';
import { ReferralRequestedV1 } from '@jiuzhu/contracts';
import { close, Referral, ReferralStatus, takeUp } from './domain/referral';
import { ReferralRepository } from './referral.repository';

/** Referrals to dibao from special-hardship support: received from the event, taken up or closed by a caseworker, each change audited. */
export class Referrals {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ReferralRepository,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  /** Only referrals that name dibao are this service's; temporary assistance takes its own. */
  async onRequested(m: EntityManager, e: ReferralRequestedV1): Promise<void> {
    if (!e.targets.includes('dibao')) return;
    await this.audit.within(m, async () => {
      const at = this.clock.now();
      const r = await this.repo.receive(m, e, at);
      if (r) this.audit.record(m, { actor: systemActor('hardship-registry'), action: 'referral.receive', target: auditTarget('referral', r.id), after: digestOf(r), at });
    });
  }

  async list(f: { status?: ReferralStatus }, page: PageRequest, reader: Pick<Actor, 'jurisdiction'>): Promise<Page<Referral>> {
    const { rows, total } = await this.repo.page(this.ds.manager, { ...f, within: jurisdictionFilter(reader.jurisdiction) }, page);
    return pageOf(rows, total, page);
  }

  takeUp(id: string, expectedVersion: number, note: string | undefined, actor: Actor): Promise<Referral> {
    return this.change(id, expectedVersion, actor, 'referral.take_up', (r) => takeUp(r, { by: actor.id, on: this.clock.today(), note }));
  }

  close(id: string, expectedVersion: number, reason: string, actor: Actor): Promise<Referral> {
    return this.change(id, expectedVersion, actor, 'referral.close', (r) => close(r, { by: actor.id, on: this.clock.today(), reason }));
  }

  private change(id: string, expectedVersion: number, actor: Actor, action: string, decide: (r: Referral) => Outcome<Referral>): Promise<Referral> {
    return this.audit.transaction(this.ds, async (m) => {
      const current = await this.repo.lockForChange(m, id, jurisdictionFilter(actor.jurisdiction), expectedVersion);
      if (!current) throw new NotFound(`Referral ${id}`);
      const next = orThrow(decide(current));
      const at = this.clock.now().toISOString();
      const version = await this.repo.save(m, next, actor.id, at);
      this.audit.record(m, { actor, action, target: auditTarget('referral', id), before: digestOf(current), after: digestOf(next), at });
      return { ...next, version };
    });
  }
}
