import { DataSource } from 'typeorm';
import { Clock, InvalidInput, normalizeResidentId } from '@jiuzhu/common';
import { jurisdictionFilter, type Actor } from '@jiuzhu/auth';
import { Page, PageRequest, pageOf } from '@jiuzhu/common/http';
import { ApplicationRepository, ApplicationRow, CaseFilter } from './application.repository';
import { PersonRefs } from './person-refs';

/** What "my cases" lists: the drafts I am writing, every case I filed (any status), the cases I hold a claim on. */
export const MY_STAGES = ['draft', 'filed', 'claimed'] as const;
export type MyStage = (typeof MY_STAGES)[number];

/** Whom a search is for: an ID number, or a name within a township. */
export interface PersonSearch {
  idNumber?: string;
  name?: string;
  townshipCode?: string;
}

/** The filters a list takes from its caller; the jurisdiction is the reader's, never a parameter. */
export type ListFilter = Omit<CaseFilter, 'within'>;

/**
 * The lists people work from, each a page with its total, all within the reader's jurisdiction: the
 * repository's query keeps to it, so neither the items nor the total count another place's cases.
 */
export class CaseLists {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ApplicationRepository,
    private readonly refs: PersonRefs,
    private readonly clock: Clock,
  ) {}

  /** Cases matching the filters (none: every case), newest filed first. */
  async list(f: Pick<CaseFilter, 'status' | 'districtCode' | 'townshipCode' | 'personRef'>, page: PageRequest, reader: Pick<Actor, 'jurisdiction'>): Promise<Page<ApplicationRow>> {
    return this.page(f, page, reader);
  }

  /** The acting officer's own cases: who they are comes from the request's identity, never from a parameter. */
  async mine(actor: Actor, stage: MyStage, page: PageRequest): Promise<Page<ApplicationRow>> {
    const f: ListFilter =
      stage === 'draft' ? { filedBy: actor.id, status: 'draft' } : stage === 'filed' ? { filedBy: actor.id } : { claimedBy: { by: actor.id, now: this.clock.now() } };
    return this.page(f, page, actor);
  }

  /**
   * The cases of the person in front of the caseworker: by ID number, every household case they are
   * (or were) a member of, as applicant or otherwise — the number hashed to its personRef at once and
   * the answer naming no reference; or by the applicant's name as given on the case, within one
   * township (a name alone is no one in particular across a city).
   */
  async search(q: PersonSearch, page: PageRequest, reader: Pick<Actor, 'jurisdiction'>): Promise<Page<ApplicationRow>> {
    if (q.idNumber !== undefined && q.name !== undefined) throw new InvalidInput([{ field: 'name', reason: 'search by idNumber or by name, not both' }]);
    if (q.idNumber !== undefined) return this.page({ personRef: this.refs.ofIdNumber(normalizeResidentId(q.idNumber)), townshipCode: q.townshipCode }, page, reader);
    if (q.name === undefined) throw new InvalidInput([{ field: 'idNumber', reason: 'is required, or name with townshipCode' }]);
    if (q.townshipCode === undefined) throw new InvalidInput([{ field: 'townshipCode', reason: 'is required to search by name: a name is searched within one township' }]);
    return this.page({ contactName: q.name, townshipCode: q.townshipCode }, page, reader);
  }

  private async page(f: ListFilter, page: PageRequest, reader: Pick<Actor, 'jurisdiction'>): Promise<Page<ApplicationRow>> {
    const { rows, total } = await this.repo.page(this.ds.manager, { ...f, within: jurisdictionFilter(reader.jurisdiction) }, page);
    return pageOf(rows, total, page);
  }
}
