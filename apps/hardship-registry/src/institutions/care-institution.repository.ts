import { EntityManager, IsNull } from 'typeorm';
import { Conflict, LocalDate, NotFound } from '@jiuzhu/common';
import type { JurisdictionFilter } from '@jiuzhu/auth';
import type { PageRequest } from '@jiuzhu/common/http';
import type { BedKind } from '../reports/domain/reports';
import { CareBedRecord, CareInstitutionRecord } from './care-institution.entity';
import type { BedState, InstitutionKind, NewBed } from './domain/care-institutions';

export interface BedRow {
  id: string;
  code: string;
  kind: BedKind;
  addedOn: LocalDate;
  retiredOn: LocalDate | null;
  /** Someone lies in the bed now (never who: a reader of the institution may not read that person's case). */
  occupied: boolean;
  occupiedSince: LocalDate | null;
}

export interface InstitutionRow {
  id: string;
  name: string;
  kind: InstitutionKind;
  districtCode: string;
  townshipCode: string | null;
  version: number;
  registeredBy: string;
  registeredAt: string;
  updatedBy: string;
  updatedAt: string;
  beds: BedRow[];
}

/**
 * Which institutions a jurisdiction reaches. Reading (and placing a person): a township's officers
 * reach their township's elderly homes and the district's own facilities (a county facility, with
 * no township, serves every township of the district). Changing the register (`keeps`): only
 * what lies within the jurisdiction itself — a township does not keep the county's facility.
 */
function reach(scope: JurisdictionFilter, i = 'i', o: { keeps?: boolean } = {}): { sql: string; params: (string | null)[] } {
  const township = o.keeps ? `($2::text IS NULL OR ${i}.township_code = $2)` : `($2::text IS NULL OR ${i}.township_code = $2 OR ${i}.township_code IS NULL)`;
  return { sql: `($1::text IS NULL OR ${i}.district_code = $1) AND ${township}`, params: [scope.districtCode ?? null, scope.townshipCode ?? null] };
}

/**
 * Care institutions and their beds: every statement on `care_institutions` and `care_beds`, and
 * the reads of occupancy (the open periods of `care_setting_periods`). Jurisdiction is in each
 * query's WHERE: an institution outside it is not found (404).
 */
export class CareInstitutionRepository {
  async insert(m: EntityManager, i: Omit<InstitutionRow, 'beds' | 'version' | 'updatedBy' | 'updatedAt'>, beds: readonly (NewBed & { id: string })[], on: LocalDate): Promise<void> {
    await m.getRepository(CareInstitutionRecord).insert({
      id: i.id,
      name: i.name,
      kind: i.kind,
      districtCode: i.districtCode,
      townshipCode: i.townshipCode,
      version: 1,
      registeredBy: i.registeredBy,
      registeredAt: new Date(i.registeredAt),
      updatedBy: i.registeredBy,
      updatedAt: new Date(i.registeredAt),
    });
    await this.insertBeds(m, i.id, beds, on, i.registeredBy);
  }

  /** An institution's name is unique in its district (409 HARDSHIP.INSTITUTION_NAME_TAKEN naming `name`). */
  async nameTaken(m: EntityManager, districtCode: string, name: string): Promise<boolean> {
    return m.getRepository(CareInstitutionRecord).existsBy({ districtCode, name });
  }

  async insertBeds(m: EntityManager, institutionId: string, beds: readonly (NewBed & { id: string })[], on: LocalDate, by: string): Promise<void> {
    if (beds.length === 0) return;
    await m.getRepository(CareBedRecord).insert(beds.map((b) => ({ id: b.id, institutionId, code: b.code, kind: b.kind, addedOn: on, addedBy: by, retiredOn: null, retiredBy: null })));
  }

  /**
   * Locks an institution the jurisdiction keeps for a change of its beds, at the version the caller
   * read: 404 outside the jurisdiction, 409 when someone changed it since.
   */
  async lockForChange(m: EntityManager, id: string, scope: JurisdictionFilter, expectedVersion: number): Promise<InstitutionRow> {
    const r = reach(scope, 'i', { keeps: true });
    const rows: Array<{ version: number }> = await m.query(`SELECT i.version FROM care_institutions i WHERE i.id = $3 AND ${r.sql} FOR UPDATE`, [...r.params, id]);
    if (rows.length === 0) throw new NotFound(`Institution ${id}`);
    if (rows[0].version !== expectedVersion) {
      throw new Conflict('HARDSHIP.INSTITUTION_VERSION_CONFLICT', `The institution was changed by someone else (now version ${rows[0].version}, you had ${expectedVersion}); reload it and try again.`, [
        { field: 'expectedVersion', reason: `is ${expectedVersion} but the institution is at version ${rows[0].version}` },
      ]);
    }
    return this.stored(m, id);
  }

  /** The next version of an institution whose beds changed, and who changed them when. */
  async touched(m: EntityManager, id: string, by: string, at: string): Promise<void> {
    await m.getRepository(CareInstitutionRecord).update(id, { version: () => 'version + 1', updatedBy: by, updatedAt: new Date(at) });
  }

  async retireBed(m: EntityManager, bedId: string, on: LocalDate, by: string): Promise<void> {
    await m.getRepository(CareBedRecord).update(bedId, { retiredOn: on, retiredBy: by });
  }

  /** The codes of the institution's beds in service (a new bed may not repeat one). */
  async codesInService(m: EntityManager, institutionId: string): Promise<string[]> {
    const beds = await m.getRepository(CareBedRecord).find({ where: { institutionId, retiredOn: IsNull() }, select: { code: true } });
    return beds.map((b) => b.code);
  }

  /**
   * Locks a bed of the institution (placements into it, and its retirement, queue up here) and
   * reads who lies in it now; undefined when the institution has no such bed.
   */
  async lockBed(m: EntityManager, institutionId: string, bedId: string): Promise<BedState | undefined> {
    const rows: Array<{ id: string; code: string; retired_on: string | null }> = await m.query(
      `SELECT b.id, b.code, b.retired_on FROM care_beds b WHERE b.id = $1 AND b.institution_id = $2 FOR UPDATE`,
      [bedId, institutionId],
    );
    if (rows.length === 0) return undefined;
    // Read after the lock is held: a placement committed meanwhile is seen (READ COMMITTED takes a new snapshot per statement).
    const occupant: Array<{ case_id: string }> = await m.query(`SELECT case_id FROM care_setting_periods WHERE bed_id = $1 AND until_on IS NULL`, [bedId]);
    return { id: rows[0].id, institutionId, code: rows[0].code, retired: rows[0].retired_on !== null, occupiedByCaseId: occupant[0]?.case_id ?? null };
  }

  /** Whether an institution is within reach of the jurisdiction (for a placement in it). */
  async reachable(m: EntityManager, id: string, scope: JurisdictionFilter): Promise<boolean> {
    const r = reach(scope);
    const rows: unknown[] = await m.query(`SELECT 1 FROM care_institutions i WHERE i.id = $3 AND ${r.sql}`, [...r.params, id]);
    return rows.length > 0;
  }

  async findById(m: EntityManager, id: string, scope: JurisdictionFilter): Promise<InstitutionRow | undefined> {
    return (await this.reachable(m, id, scope)) ? this.stored(m, id) : undefined;
  }

  /** One page of the institutions within reach, by district, township and name, with their beds and occupancy; and how many there are. */
  async page(m: EntityManager, f: { districtCode?: string }, page: PageRequest, scope: JurisdictionFilter): Promise<{ rows: InstitutionRow[]; total: number }> {
    const r = reach(scope);
    const where = `${r.sql} AND ($3::text IS NULL OR i.district_code = $3)`;
    const params = [...r.params, f.districtCode ?? null];
    const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM care_institutions i WHERE ${where}`, params);
    const ids: Array<{ id: string }> = await m.query(
      `SELECT i.id FROM care_institutions i WHERE ${where} ORDER BY i.district_code, i.township_code NULLS FIRST, i.name, i.id LIMIT $4 OFFSET $5`,
      [...params, page.limit, page.offset],
    );
    return { rows: await this.withBeds(m, ids.map((x) => x.id)), total };
  }

  /** The institution and its beds as stored now (the audit trail's digests; the answer to a change). */
  async stored(m: EntityManager, id: string): Promise<InstitutionRow> {
    const [row] = await this.withBeds(m, [id]);
    return row;
  }

  private async withBeds(m: EntityManager, ids: readonly string[]): Promise<InstitutionRow[]> {
    if (ids.length === 0) return [];
    const institutions = await m.getRepository(CareInstitutionRecord).createQueryBuilder('i').where('i.id IN (:...ids)', { ids }).getMany();
    const beds: Array<{ id: string; institution_id: string; code: string; kind: BedKind; added_on: string; retired_on: string | null; occupied_since: string | null }> = await m.query(
      `SELECT b.id, b.institution_id, b.code, b.kind, b.added_on::text, b.retired_on::text, p.from_on::text AS occupied_since
         FROM care_beds b LEFT JOIN care_setting_periods p ON p.bed_id = b.id AND p.until_on IS NULL
        WHERE b.institution_id = ANY($1::uuid[])
        ORDER BY b.retired_on NULLS FIRST, b.code, b.id`,
      [ids],
    );
    const byId = new Map(institutions.map((i) => [i.id, i]));
    return ids.map((id) => {
      const i = byId.get(id)!;
      return {
        id: i.id,
        name: i.name,
        kind: i.kind,
        districtCode: i.districtCode,
        townshipCode: i.townshipCode,
        version: i.version,
        registeredBy: i.registeredBy,
        registeredAt: i.registeredAt.toISOString(),
        updatedBy: i.updatedBy,
        updatedAt: i.updatedAt.toISOString(),
        beds: beds
          .filter((b) => b.institution_id === id)
          .map((b) => ({ id: b.id, code: b.code, kind: b.kind, addedOn: b.added_on, retiredOn: b.retired_on, occupied: b.occupied_since !== null, occupiedSince: b.occupied_since })),
      };
    });
  }
}
