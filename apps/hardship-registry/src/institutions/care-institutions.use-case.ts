import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail, auditTarget, Digest, digestOf } from '@jiuzhu/audit';
import { Actor, jurisdictionFilter, placedWithin } from '@jiuzhu/auth';
import { Clock, Conflict, InvalidInput, NotFound, orThrow } from '@jiuzhu/common';
import { Page, PageRequest, pageOf } from '@jiuzhu/common/http';
import { CareInstitutionRepository, InstitutionRow } from './care-institution.repository';
import { bedsToAdd, InstitutionRegistration, NewBed, registerInstitution, retireBed } from './domain/care-institutions';

/**
 * The register of care institutions and their beds: registering an institution with its beds,
 * adding beds, retiring an empty one, and reading them with their occupancy. Each change is one
 * audited transaction (`care_institution.<action>`, digests of the institution and its beds before
 * and after) at the version the keeper read; who acts comes from the token.
 */
export class CareInstitutions {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: CareInstitutionRepository,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async register(input: InstitutionRegistration, actor: Actor): Promise<InstitutionRow> {
    const r = orThrow(registerInstitution(input));
    // A new institution is placed by its township (or, for a county facility, its district): 403 naming it outside the jurisdiction.
    orThrow(placedWithin(actor.jurisdiction, { districtCode: r.districtCode, townshipCode: r.townshipCode }, r.townshipCode ? 'townshipCode' : 'districtCode'));
    const id = randomUUID();
    const today = this.clock.today();
    return this.audit.transaction(this.ds, async (m) => {
      if (await this.repo.nameTaken(m, r.districtCode, r.name)) {
        throw new Conflict('HARDSHIP.INSTITUTION_NAME_TAKEN', `An institution of district ${r.districtCode} already has this name.`, [{ field: 'name', reason: 'is taken by another institution of the district' }]);
      }
      const at = this.clock.now().toISOString();
      await this.repo.insert(m, { id, name: r.name, kind: r.kind, districtCode: r.districtCode, townshipCode: r.townshipCode, registeredBy: actor.id, registeredAt: at }, withIds(r.beds), today);
      return this.record(m, id, 'care_institution.register', actor, at, null);
    });
  }

  async addBeds(id: string, expectedVersion: number, beds: readonly NewBed[], actor: Actor): Promise<InstitutionRow> {
    if (beds.length === 0) throw new InvalidInput([{ field: 'beds', reason: 'must list at least one bed' }]);
    const today = this.clock.today();
    return this.audit.transaction(this.ds, async (m) => {
      const before = await this.repo.lockForChange(m, id, jurisdictionFilter(actor.jurisdiction), expectedVersion);
      const added = orThrow(bedsToAdd(beds, await this.repo.codesInService(m, id)));
      const at = this.clock.now().toISOString();
      await this.repo.insertBeds(m, id, withIds(added), today, actor.id);
      await this.repo.touched(m, id, actor.id, at);
      return this.record(m, id, 'care_institution.add_beds', actor, at, digestOf(before));
    });
  }

  /** Takes an empty bed out of service from today (409 HARDSHIP.BED_OCCUPIED while someone lies in it). */
  async retireBed(id: string, bedId: string, expectedVersion: number, actor: Actor): Promise<InstitutionRow> {
    const today = this.clock.today();
    return this.audit.transaction(this.ds, async (m) => {
      const before = await this.repo.lockForChange(m, id, jurisdictionFilter(actor.jurisdiction), expectedVersion);
      const bed = await this.repo.lockBed(m, id, bedId);
      if (!bed) throw new NotFound(`Bed ${bedId} of institution ${id}`);
      orThrow(retireBed(bed));
      const at = this.clock.now().toISOString();
      await this.repo.retireBed(m, bedId, today, actor.id);
      await this.repo.touched(m, id, actor.id, at);
      return this.record(m, id, 'care_institution.retire_bed', actor, at, digestOf(before));
    });
  }

  async get(id: string, actor: Pick<Actor, 'jurisdiction'>): Promise<InstitutionRow> {
    const row = await this.repo.findById(this.ds.manager, id, jurisdictionFilter(actor.jurisdiction));
    if (!row) throw new NotFound(`Institution ${id}`);
    return row;
  }

  async list(f: { districtCode?: string }, page: PageRequest, actor: Pick<Actor, 'jurisdiction'>): Promise<Page<InstitutionRow>> {
    const { rows, total } = await this.repo.page(this.ds.manager, f, page, jurisdictionFilter(actor.jurisdiction));
    return pageOf(rows, total, page);
  }

  private async record(m: EntityManager, id: string, action: string, actor: Actor, at: string, before: Digest | null): Promise<InstitutionRow> {
    const after = await this.repo.stored(m, id);
    this.audit.record(m, { actor, action, target: auditTarget('care_institution', id), before, after: digestOf(after), at });
    return after;
  }
}

function withIds(beds: readonly NewBed[]): (NewBed & { id: string })[] {
  return beds.map((b) => ({ ...b, id: randomUUID() }));
}
