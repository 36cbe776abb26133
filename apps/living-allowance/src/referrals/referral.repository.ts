import { EntityManager } from 'typeorm';
import { Conflict } from '@jiuzhu/common';
import type { JurisdictionFilter } from '@jiuzhu/auth';
import type { PageRequest } from '@jiuzhu/common/http';
import { ReferralRequestedV1 } from '@jiuzhu/contracts';
import { Referral, ReferralStatus } from './domain/referral';

interface ReferralSqlRow {
  id: string;
  hardship_case_id: string;
  person_ref: string;
  district_code: string;
  township_code: string;
  ground: string;
  requested_on: string;
  status: ReferralStatus;
  taken_up: Referral['takenUp'];
  closed: Referral['closed'];
  version: number;
}

const COLUMNS = `id, hardship_case_id, person_ref, district_code, township_code, ground, to_char(requested_on, 'YYYY-MM-DD') AS requested_on, status, taken_up, closed, version`;

const toReferral = (r: ReferralSqlRow): Referral => ({
  id: r.id,
  hardshipCaseId: r.hardship_case_id,
  personRef: r.person_ref,
  districtCode: r.district_code,
  townshipCode: r.township_code,
  ground: r.ground,
  requestedOn: r.requested_on,
  status: r.status,
  takenUp: r.taken_up,
  closed: r.closed,
  version: r.version,
});

/** Referrals from special-hardship support (`hardship_referrals`): every statement on the table, jurisdiction in the WHERE. */
export class ReferralRepository {
  /** One referral per hardship case: the same request delivered again adds nothing. */
  async receive(m: EntityManager, e: ReferralRequestedV1, at: Date): Promise<Referral | undefined> {
    const rows: ReferralSqlRow[] = await m.query(
      `INSERT INTO hardship_referrals (id, hardship_case_id, person_ref, district_code, township_code, ground, requested_on, status, received_at, version, updated_by, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, 'open', $7, 1, 'system:hardship-registry', $7)
       ON CONFLICT (hardship_case_id) DO NOTHING
       RETURNING ${COLUMNS}`,
      [e.caseId, e.personRef, e.districtCode, e.townshipCode, e.ground, e.requestedOn, at],
    );
    return rows[0] ? toReferral(rows[0]) : undefined;
  }

  async page(m: EntityManager, f: { status?: ReferralStatus; within: JurisdictionFilter }, page: PageRequest): Promise<{ rows: Referral[]; total: number }> {
    const where = `($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR district_code = $2) AND ($3::text IS NULL OR township_code = $3)`;
    const params = [f.status ?? null, f.within.districtCode ?? null, f.within.townshipCode ?? null];
    const [rows, [{ n }]] = await Promise.all([
      m.query(`SELECT ${COLUMNS} FROM hardship_referrals WHERE ${where} ORDER BY requested_on, id LIMIT $4 OFFSET $5`, [...params, page.limit, page.offset]) as Promise<ReferralSqlRow[]>,
      m.query(`SELECT count(*)::int AS n FROM hardship_referrals WHERE ${where}`, params) as Promise<Array<{ n: number }>>,
    ]);
    return { rows: rows.map(toReferral), total: n };
  }

  /** A referral within the jurisdiction, locked; undefined when not there (404); a stale version is a 409. */
  async lockForChange(m: EntityManager, id: string, within: JurisdictionFilter, expectedVersion: number): Promise<Referral | undefined> {
    const rows: ReferralSqlRow[] = await m.query(
      `SELECT ${COLUMNS} FROM hardship_referrals WHERE id = $1 AND ($2::text IS NULL OR district_code = $2) AND ($3::text IS NULL OR township_code = $3) FOR UPDATE`,
      [id, within.districtCode ?? null, within.townshipCode ?? null],
    );
    const r = rows[0];
    if (!r) return undefined;
    if (r.version !== expectedVersion) {
      throw new Conflict('REFERRAL.VERSION_CONFLICT', `The referral is at version ${r.version}, not ${expectedVersion}; reload it.`, [{ field: 'expectedVersion', reason: `is ${expectedVersion}, the referral is at ${r.version}` }]);
    }
    return toReferral(r);
  }

  async save(m: EntityManager, r: Referral, by: string, at: string): Promise<number> {
    const rows: Array<{ version: number }> = await m.query(
      `WITH saved AS (
         UPDATE hardship_referrals SET status = $2, taken_up = $3::jsonb, closed = $4::jsonb, version = version + 1, updated_by = $5, updated_at = $6 WHERE id = $1 RETURNING version)
       SELECT version FROM saved`,
      [r.id, r.status, r.takenUp && JSON.stringify(r.takenUp), r.closed && JSON.stringify(r.closed), by, at],
    );
    return rows[0].version;
  }
}
