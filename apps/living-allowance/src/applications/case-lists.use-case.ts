import { DataSource } from 'typeorm';
import { Clock } from '@jiuzhu/common';
import { Actor, Page, PageRequest, pageOf } from '@jiuzhu/common/http';
import { ApplicationRepository, ApplicationRow, CaseFilter } from './application.repository';

/** What "my cases" lists: the drafts I am writing, every case I filed (any status), the cases I hold a claim on. */
export const MY_STAGES = ['draft', 'filed', 'claimed'] as const;
export type MyStage = (typeof MY_STAGES)[number];

/**
 * The lists people work from, each a page with its total. Until access control lands every officer
 * sees every case; the access-control issue scopes these lists to the caller's jurisdiction.
 */
export class CaseLists {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ApplicationRepository,
    private readonly clock: Clock,
  ) {}

  /** Cases matching the filters (none: every case), newest filed first. */
  async list(f: Pick<CaseFilter, 'status' | 'districtCode' | 'townshipCode' | 'personRef'>, page: PageRequest): Promise<Page<ApplicationRow>> {
    return this.page(f, page);
  }

  /** The acting officer's own cases: who they are comes from the request's identity, never from a parameter. */
  async mine(actor: Actor, stage: MyStage, page: PageRequest): Promise<Page<ApplicationRow>> {
    const f: CaseFilter =
      stage === 'draft' ? { filedBy: actor.id, status: 'draft' } : stage === 'filed' ? { filedBy: actor.id } : { claimedBy: { by: actor.id, now: this.clock.now() } };
    return this.page(f, page);
  }

  private async page(f: CaseFilter, page: PageRequest): Promise<Page<ApplicationRow>> {
    const { rows, total } = await this.repo.page(this.ds.manager, f, page);
    return pageOf(rows, total, page);
  }
}
