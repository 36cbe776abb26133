import { EntityManager } from 'typeorm';
import type { JurisdictionFilter } from '@jiuzhu/auth';
import type { PageRequest } from '@jiuzhu/common/http';
import { CaseApprovedV1, CaseTerminatedV1 } from '@jiuzhu/contracts';
import { DibaoConflict } from './domain/dibao-conflict';

interface ConflictSqlRow {
  case_id: string;
  person_ref: string;
  case_status: string;
  district_code: string;
  township_code: string;
  dibao_case_id: string;
  coverage: 'household' | 'single_person';
  approved_on: string;
  effective_month: string;
  ended_on: string | null;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  note: string | null;
}

/** A case here that is on its way or paying. */
const ACTIVE = `('investigating', 'notice', 'confirming', 'supported', 'terminating')`;

/**
 * The conflicts, derived in one query: an active case here whose person is in a dibao household
 * that pays, or that paid while the case was open (ended on or after the application), with the
 * acknowledgement when there is one. Jurisdiction is the case's, in the WHERE (`$1`, `$2`).
 */
const CONFLICTS = `
  SELECT c.id AS case_id, c.person_ref, c.status AS case_status, c.district_code, c.township_code,
         d.dibao_case_id, d.coverage, to_char(d.approved_on, 'YYYY-MM-DD') AS approved_on, d.effective_month,
         to_char(d.ended_on, 'YYYY-MM-DD') AS ended_on, k.acknowledged_by, k.acknowledged_at, k.note
    FROM hardship_cases c
    JOIN dibao_households d ON d.person_ref = c.person_ref AND (d.ended_on IS NULL OR d.ended_on >= c.applied_on)
    LEFT JOIN dibao_conflict_acknowledgements k ON k.case_id = c.id AND k.dibao_case_id = d.dibao_case_id
   WHERE c.status IN ${ACTIVE} AND ($1::text IS NULL OR c.district_code = $1) AND ($2::text IS NULL OR c.township_code = $2)`;

const toConflict = (r: ConflictSqlRow): DibaoConflict => ({
  caseId: r.case_id,
  personRef: r.person_ref,
  caseStatus: r.case_status,
  districtCode: r.district_code,
  townshipCode: r.township_code,
  dibaoCaseId: r.dibao_case_id,
  coverage: r.coverage,
  approvedOn: r.approved_on,
  effectiveMonth: r.effective_month.trim(),
  dibaoEndedOn: r.ended_on,
  acknowledged: r.acknowledged_by ? { by: r.acknowledged_by, at: r.acknowledged_at!.toISOString(), note: r.note! } : null,
});

/** The local copy of who is in a dibao household (`dibao_households`) and the acknowledgements of conflicts: every statement on them. */
export class DibaoHouseholdRepository {
  /** Keeps the people a dibao approval covers; a redelivery adds nothing. Returns how many were new. */
  async recordApproved(m: EntityManager, e: CaseApprovedV1, at: Date): Promise<number> {
    const rows: unknown[] = await m.query(
      `WITH kept AS (
         INSERT INTO dibao_households (dibao_case_id, person_ref, coverage, district_code, approved_on, effective_month, recorded_at)
         SELECT $1, ref, $3, $4, $5, $6, $7 FROM unnest($2::text[]) AS ref
         ON CONFLICT (dibao_case_id, person_ref) DO NOTHING RETURNING 1)
       SELECT 1 FROM kept`,
      [e.caseId, e.personRefs, e.coverage, e.districtCode, e.approvedOn, e.effectiveMonth, at],
    );
    return rows.length;
  }

  /** The dibao case ended: its people are no longer in an active dibao household from then. Returns how many rows it ended. */
  async recordEnded(m: EntityManager, e: CaseTerminatedV1): Promise<number> {
    const rows: unknown[] = await m.query(
      `WITH ended AS (
         UPDATE dibao_households SET ended_on = $2, end_reason = $3, stops_from_month = $4 WHERE dibao_case_id = $1 AND ended_on IS NULL RETURNING 1)
       SELECT 1 FROM ended`,
      [e.caseId, e.terminatedOn, e.reasonCode, e.stopsFromMonth],
    );
    return rows.length;
  }

  /** A page of conflicts within the jurisdiction (by default those not yet acknowledged), oldest dibao approval first. */
  async page(m: EntityManager, f: { acknowledged?: boolean; within: JurisdictionFilter }, page: PageRequest): Promise<{ rows: DibaoConflict[]; total: number }> {
    const ack = f.acknowledged === undefined ? '' : f.acknowledged ? ' AND k.case_id IS NOT NULL' : ' AND k.case_id IS NULL';
    const params = [f.within.districtCode ?? null, f.within.townshipCode ?? null];
    const [rows, [{ n }]] = await Promise.all([
      m.query(`${CONFLICTS}${ack} ORDER BY d.approved_on, c.id, d.dibao_case_id LIMIT $3 OFFSET $4`, [...params, page.limit, page.offset]) as Promise<ConflictSqlRow[]>,
      m.query(`SELECT count(*)::int AS n FROM (${CONFLICTS}${ack}) x`, params) as Promise<Array<{ n: number }>>,
    ]);
    return { rows: rows.map(toConflict), total: n };
  }

  /** The conflicts of one case (its view shows them, acknowledged or not). */
  async ofCase(m: EntityManager, caseId: string, within: JurisdictionFilter): Promise<DibaoConflict[]> {
    const rows: ConflictSqlRow[] = await m.query(`${CONFLICTS} AND c.id = $3 ORDER BY d.approved_on, d.dibao_case_id`, [within.districtCode ?? null, within.townshipCode ?? null, caseId]);
    return rows.map(toConflict);
  }

  /** The conflict of the case with that dibao case, its case row locked so two acknowledgements queue up. */
  async lockConflict(m: EntityManager, caseId: string, dibaoCaseId: string, within: JurisdictionFilter): Promise<DibaoConflict | undefined> {
    const rows: ConflictSqlRow[] = await m.query(`${CONFLICTS} AND c.id = $3 AND d.dibao_case_id = $4 FOR UPDATE OF c`, [within.districtCode ?? null, within.townshipCode ?? null, caseId, dibaoCaseId]);
    return rows[0] ? toConflict(rows[0]) : undefined;
  }

  async acknowledge(m: EntityManager, a: { caseId: string; dibaoCaseId: string; note: string; by: string; at: string }): Promise<void> {
    await m.query(`INSERT INTO dibao_conflict_acknowledgements (case_id, dibao_case_id, note, acknowledged_by, acknowledged_at) VALUES ($1, $2, $3, $4, $5)`, [a.caseId, a.dibaoCaseId, a.note, a.by, a.at]);
  }
}
