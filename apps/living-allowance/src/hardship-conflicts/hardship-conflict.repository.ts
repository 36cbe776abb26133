import { EntityManager } from 'typeorm';
import { Conflict, LocalDate } from '@jiuzhu/common';
import type { JurisdictionFilter } from '@jiuzhu/auth';
import type { PageRequest } from '@jiuzhu/common/http';
import { PersonRegisteredV1, PersonTerminatedV1 } from '@jiuzhu/contracts';
import { ConflictStatus, HardshipConflict, Resolution } from './domain/hardship-conflict';

interface ConflictSqlRow {
  id: string;
  application_id: string;
  member_index: number;
  person_ref: string;
  hardship_case_id: string;
  district_code: string;
  township_code: string | null;
  registered_on: string;
  support_from_month: string;
  status: ConflictStatus;
  hardship_ended_on: string | null;
  resolution: Resolution | null;
  flagged_at: Date;
  version: number;
}

const COLUMNS = `c.id, c.application_id, c.member_index, c.person_ref, c.hardship_case_id, c.district_code, c.township_code,
  to_char(c.registered_on, 'YYYY-MM-DD') AS registered_on, c.support_from_month, c.status,
  to_char(c.hardship_ended_on, 'YYYY-MM-DD') AS hardship_ended_on, c.resolution, c.flagged_at, c.version`;

/** Open dibao cases (on their way to a decision, or paying): the ones whose covered count a 特困 member affects. */
const OPEN_CASE = `a.status IN ('draft', 'submitted', 'notice', 'rechecking', 'confirming') OR (a.status = 'approved' AND a.granted = 'dibao')`;

function toConflict(r: ConflictSqlRow): HardshipConflict {
  return {
    id: r.id,
    applicationId: r.application_id,
    memberIndex: r.member_index,
    personRef: r.person_ref,
    hardshipCaseId: r.hardship_case_id,
    districtCode: r.district_code,
    townshipCode: r.township_code,
    registeredOn: r.registered_on,
    supportFromMonth: r.support_from_month.trim(),
    status: r.status,
    hardshipEndedOn: r.hardship_ended_on,
    resolution: r.resolution,
    flaggedAt: r.flagged_at.toISOString(),
    version: r.version,
  };
}

/**
 * The local read model of who hardship-registry supports, and the conflicts of dibao cases with
 * them: every statement on `hardship_persons` and `hardship_conflicts`. Jurisdiction is in each
 * query's WHERE (a conflict has its case's district and township).
 */
export class HardshipConflictRepository {
  /** Keeps the person as supported (a second delivery of the same registration changes nothing). */
  async recordSupported(m: EntityManager, e: PersonRegisteredV1, at: Date): Promise<void> {
    await m.query(
      `INSERT INTO hardship_persons (person_ref, hardship_case_id, district_code, registered_on, support_from_month, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (hardship_case_id) DO NOTHING`,
      [e.personRef, e.caseId, e.districtCode, e.registeredOn, e.supportFromMonth, at],
    );
  }

  async recordEnded(m: EntityManager, e: PersonTerminatedV1): Promise<void> {
    await m.query(`UPDATE hardship_persons SET terminated_on = $2, stops_from_month = $3 WHERE hardship_case_id = $1 AND terminated_on IS NULL`, [e.caseId, e.terminatedOn, e.stopsFromMonth]);
  }

  /** Of these people, those hardship-registry supports now, with the case they are supported on. */
  async supportedAmong(m: EntityManager, personRefs: string[]): Promise<Array<{ personRef: string; hardshipCaseId: string; registeredOn: LocalDate; supportFromMonth: string }>> {
    if (personRefs.length === 0) return [];
    const rows: Array<{ person_ref: string; hardship_case_id: string; registered_on: string; support_from_month: string }> = await m.query(
      `SELECT person_ref, hardship_case_id, to_char(registered_on, 'YYYY-MM-DD') AS registered_on, support_from_month
         FROM hardship_persons WHERE person_ref = ANY($1::text[]) AND terminated_on IS NULL`,
      [personRefs],
    );
    return rows.map((r) => ({ personRef: r.person_ref, hardshipCaseId: r.hardship_case_id, registeredOn: r.registered_on, supportFromMonth: r.support_from_month.trim() }));
  }

  /**
   * Flags every open dibao case the person is counted in: a household case they are an active member
   * of, or a single-person inclusion of theirs (its household's membership row names them). One
   * statement; a case already flagged for this hardship case is left as it is. `only`: just this case.
   */
  async flagCasesOf(
    m: EntityManager,
    f: { personRef: string; hardshipCaseId: string; registeredOn: LocalDate; supportFromMonth: string; by: string; at: string; only?: string },
  ): Promise<HardshipConflict[]> {
    const rows: ConflictSqlRow[] = await m.query(
      `WITH counted AS (
         SELECT a.id AS application_id, hm.member_index, a.district_code, a.township_code
           FROM household_memberships hm JOIN applications a ON a.id = hm.application_id
          WHERE hm.person_ref = $1 AND hm.active AND a.coverage = 'household' AND (${OPEN_CASE})
         UNION
         SELECT a.id, 0, a.district_code, a.township_code
           FROM applications a JOIN household_memberships hm ON hm.application_id = a.parent_id AND hm.member_index = a.member_index
          WHERE hm.person_ref = $1 AND a.coverage = 'single_person' AND (${OPEN_CASE})),
       flagged AS (
         INSERT INTO hardship_conflicts AS c (id, application_id, member_index, person_ref, hardship_case_id, district_code, township_code,
           registered_on, support_from_month, status, flagged_at, version, updated_by, updated_at)
         SELECT gen_random_uuid(), counted.application_id, counted.member_index, $1, $2, counted.district_code, counted.township_code,
           $3, $4, 'open', $6, 1, $5, $6
           FROM counted WHERE $7::uuid IS NULL OR counted.application_id = $7::uuid
         ON CONFLICT (application_id, hardship_case_id) DO NOTHING
         RETURNING c.*)
       SELECT ${COLUMNS} FROM flagged c`,
      [f.personRef, f.hardshipCaseId, f.registeredOn, f.supportFromMonth, f.by, f.at, f.only ?? null],
    );
    return rows.map(toConflict);
  }

  /** The conflicts of one hardship case, locked for the change support's end makes to them. */
  async lockOfHardshipCase(m: EntityManager, hardshipCaseId: string): Promise<HardshipConflict[]> {
    const rows: ConflictSqlRow[] = await m.query(`SELECT ${COLUMNS} FROM hardship_conflicts c WHERE c.hardship_case_id = $1 ORDER BY c.id FOR UPDATE`, [hardshipCaseId]);
    return rows.map(toConflict);
  }

  /**
   * A conflict within the jurisdiction, locked until the transaction ends, with its case's size and
   * how many other members of it are being excluded; undefined when it is not there (a 404). A
   * stale `expectedVersion` is a 409.
   */
  async lockForChange(
    m: EntityManager,
    id: string,
    within: JurisdictionFilter,
    expectedVersion: number,
  ): Promise<{ conflict: HardshipConflict; members: number; othersExcluded: number } | undefined> {
    const rows: Array<ConflictSqlRow & { members: number; others_excluded: number }> = await m.query(
      `SELECT ${COLUMNS},
              CASE WHEN a.coverage = 'household' THEN jsonb_array_length(a.household -> 'members') ELSE 1 END AS members,
              (SELECT count(*)::int FROM hardship_conflicts o WHERE o.application_id = c.application_id AND o.id <> c.id AND o.status = 'excluding') AS others_excluded
         FROM hardship_conflicts c JOIN applications a ON a.id = c.application_id
        WHERE c.id = $1 AND ($2::text IS NULL OR c.district_code = $2) AND ($3::text IS NULL OR c.township_code = $3)
        FOR UPDATE OF c`,
      [id, within.districtCode ?? null, within.townshipCode ?? null],
    );
    const r = rows[0];
    if (!r) return undefined;
    if (r.version !== expectedVersion) {
      throw new Conflict('HARDSHIP_CONFLICT.VERSION_CONFLICT', `The conflict is at version ${r.version}, not ${expectedVersion}; reload it and decide again.`, [
        { field: 'expectedVersion', reason: `is ${expectedVersion}, the conflict is at ${r.version}` },
      ]);
    }
    return { conflict: toConflict(r), members: Number(r.members), othersExcluded: Number(r.others_excluded) };
  }

  /** Writes the conflict's new state (locked by the caller); returns the new version. */
  async save(m: EntityManager, c: HardshipConflict, by: string, at: string): Promise<number> {
    const rows: Array<{ version: number }> = await m.query(
      // The UPDATE sits in a CTE so that the statement's result is the rows it returns.
      `WITH saved AS (
         UPDATE hardship_conflicts SET status = $2, hardship_ended_on = $3, resolution = $4::jsonb, version = version + 1, updated_by = $5, updated_at = $6
          WHERE id = $1 RETURNING version)
       SELECT version FROM saved`,
      [c.id, c.status, c.hardshipEndedOn, c.resolution === null ? null : JSON.stringify(c.resolution), by, at],
    );
    return rows[0].version;
  }

  async findById(m: EntityManager, id: string): Promise<HardshipConflict | undefined> {
    const rows: ConflictSqlRow[] = await m.query(`SELECT ${COLUMNS} FROM hardship_conflicts c WHERE c.id = $1`, [id]);
    return rows[0] ? toConflict(rows[0]) : undefined;
  }

  /** A page of conflicts within the jurisdiction, oldest flagged first, with the total. */
  async page(m: EntityManager, f: { status?: ConflictStatus; districtCode?: string; applicationId?: string; within: JurisdictionFilter }, page: PageRequest): Promise<{ rows: HardshipConflict[]; total: number }> {
    const where = `($1::text IS NULL OR c.status = $1) AND ($2::text IS NULL OR c.district_code = $2) AND ($3::uuid IS NULL OR c.application_id = $3)
      AND ($4::text IS NULL OR c.district_code = $4) AND ($5::text IS NULL OR c.township_code = $5)`;
    const params = [f.status ?? null, f.districtCode ?? null, f.applicationId ?? null, f.within.districtCode ?? null, f.within.townshipCode ?? null];
    const [rows, [{ n }]] = await Promise.all([
      m.query(`SELECT ${COLUMNS} FROM hardship_conflicts c WHERE ${where} ORDER BY c.flagged_at, c.id LIMIT $6 OFFSET $7`, [...params, page.limit, page.offset]) as Promise<ConflictSqlRow[]>,
      m.query(`SELECT count(*)::int AS n FROM hardship_conflicts c WHERE ${where}`, params) as Promise<Array<{ n: number }>>,
    ]);
    return { rows: rows.map(toConflict), total: n };
  }

  /** Every conflict of a case (the case view shows them, resolved or not). */
  async ofApplication(m: EntityManager, applicationId: string): Promise<HardshipConflict[]> {
    const rows: ConflictSqlRow[] = await m.query(`SELECT ${COLUMNS} FROM hardship_conflicts c WHERE c.application_id = $1 ORDER BY c.flagged_at, c.id`, [applicationId]);
    return rows.map(toConflict);
  }

  /** The people an officer decided to leave out of the case's covered count at its next decision. */
  async exclusionsOf(m: EntityManager, applicationId: string): Promise<Array<{ conflictId: string; personRef: string; hardshipCaseId: string }>> {
    const rows: Array<{ id: string; person_ref: string; hardship_case_id: string }> = await m.query(
      `SELECT id, person_ref, hardship_case_id FROM hardship_conflicts WHERE application_id = $1 AND status = 'excluding' ORDER BY id`,
      [applicationId],
    );
    return rows.map((r) => ({ conflictId: r.id, personRef: r.person_ref, hardshipCaseId: r.hardship_case_id }));
  }
}
