import { EntityManager } from 'typeorm';
import { Conflict, NotFound } from '@jiuzhu/common';
import { AssessmentState, AssessmentSummary, CURRENT_STATUSES, ElderAssessment } from './domain/assessment-workflow';

export interface AssessmentRow extends AssessmentState {
  updatedBy: string;
  updatedAt: string;
}

const COLUMNS = `id, person_ref, masked_id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, district_code, township_code, reason, status, assessors,
  to_char(assessed_on, 'YYYY-MM-DD') AS assessed_on, input, result, to_char(valid_until, 'YYYY-MM-DD') AS valid_until, supersedes, superseded_by,
  dispute, completed_by, completed_at, version, created_by, created_at, updated_by, updated_at`;

/** Assessments and their history, in this service's database. */
export class AssessmentRepository {
  /** A new draft and its first history line. */
  async insert(m: EntityManager, a: ElderAssessment, at: string): Promise<void> {
    const s = a.state;
    await m.query(
      `INSERT INTO assessments (id, person_ref, masked_id, birth_date, district_code, township_code, reason, status, assessors, assessed_on, input,
         supersedes, version, created_by, created_at, updated_by, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$14,$15)`,
      [s.id, s.personRef, s.maskedIdNumber, s.birthDate, s.districtCode, s.townshipCode, s.reason, s.status, s.assessors, s.assessedOn, inputOf(s),
        s.supersedes, s.version, s.createdBy, at],
    );
    await this.appendHistory(m, a);
  }

  /**
   * Loads an assessment for a change, holding its row lock until the transaction ends: concurrent
   * changes queue up here, and the version check then turns a stale one into a 409 instead of an
   * overwrite — of two completions of the same version, exactly one wins.
   */
  async lockForChange(m: EntityManager, id: string, expectedVersion: number): Promise<ElderAssessment> {
    const rows = await m.query(`SELECT ${COLUMNS} FROM assessments WHERE id = $1 FOR UPDATE`, [id]);
    if (rows.length === 0) throw new NotFound(`Assessment ${id}`);
    const row = toRow(rows[0]);
    if (row.version !== expectedVersion) {
      throw new Conflict(
        'ASSESSMENT.VERSION_CONFLICT',
        `The assessment was changed by someone else (now version ${row.version}, you had ${expectedVersion}); reload it and try again.`,
        [{ field: 'expectedVersion', reason: `is ${expectedVersion} but the assessment is at version ${row.version}` }],
      );
    }
    return ElderAssessment.restore(row);
  }

  /**
   * The person's current assessment, locked. The person is locked first (a transaction-scoped
   * advisory lock on the reference), so two completions for the same elder take turns even when
   * neither finds a current assessment yet: the second sees the first and supersedes it.
   */
  async lockCurrentOf(m: EntityManager, personRef: string): Promise<ElderAssessment | undefined> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('elder-assessment/person/' || $1, 0))`, [personRef]);
    const rows = await m.query(`SELECT ${COLUMNS} FROM assessments WHERE person_ref = $1 AND status = ANY($2::text[]) FOR UPDATE`, [personRef, CURRENT_STATUSES]);
    return rows.length ? ElderAssessment.restore(toRow(rows[0])) : undefined;
  }

  /**
   * Writes the assessment. The level, total and self-care columns repeat what the result holds, so
   * queues and summaries filter on them without opening the result.
   */
  async save(m: EntityManager, a: ElderAssessment, by: string, at: string): Promise<void> {
    const s = a.state;
    await m.query(
      `UPDATE assessments SET district_code = $2, township_code = $3, reason = $4, status = $5, assessors = $6, assessed_on = $7, input = $8,
         result = $9, level = $10, total = $11, self_care = $12, valid_until = $13, supersedes = $14, superseded_by = $15, dispute = $16,
         completed_by = $17, completed_at = $18, version = version + 1, updated_by = $19, updated_at = $20
       WHERE id = $1`,
      [s.id, s.districtCode, s.townshipCode, s.reason, s.status, s.assessors, s.assessedOn, inputOf(s),
        s.result ? JSON.stringify(s.result) : null, s.result?.finalLevel ?? null, s.result?.total ?? null, s.result?.selfCare.ability ?? null,
        s.validUntil, s.supersedes, s.supersededBy, s.dispute ? JSON.stringify(s.dispute) : null, s.completedBy, s.completedAt, by, at],
    );
    await this.appendHistory(m, a);
  }

  async findById(m: EntityManager, id: string): Promise<AssessmentRow | undefined> {
    const rows = await m.query(`SELECT ${COLUMNS} FROM assessments WHERE id = $1`, [id]);
    return rows.length ? toRow(rows[0]) : undefined;
  }

  async summary(m: EntityManager, id: string): Promise<AssessmentSummary | undefined> {
    const rows = await m.query(`SELECT id, person_ref, status, to_char(assessed_on, 'YYYY-MM-DD') AS assessed_on FROM assessments WHERE id = $1`, [id]);
    return rows.length ? { id: rows[0].id, personRef: rows[0].person_ref, status: rows[0].status, assessedOn: rows[0].assessed_on } : undefined;
  }

  /** A person's assessments, newest first (by assessment date, then by when they were opened). */
  async ofPerson(m: EntityManager, personRef: string, limit: number, offset: number): Promise<AssessmentRow[]> {
    const rows = await m.query(
      `SELECT ${COLUMNS} FROM assessments WHERE person_ref = $1 ORDER BY assessed_on DESC, created_at DESC, id LIMIT $2 OFFSET $3`,
      [personRef, limit, offset],
    );
    return rows.map(toRow);
  }

  async history(m: EntityManager, id: string) {
    const rows = await m.query(`SELECT action, from_status, to_status, actor, at, note FROM assessment_history WHERE assessment_id = $1 ORDER BY id`, [id]);
    return rows.map((r: Record<string, any>) => ({
      action: r.action,
      from: r.from_status,
      to: r.to_status,
      actor: r.actor,
      at: new Date(r.at).toISOString(),
      ...(r.note ? { note: r.note } : {}),
    }));
  }

  private async appendHistory(m: EntityManager, a: ElderAssessment): Promise<void> {
    const entries = a.history.splice(0);
    if (entries.length === 0) return;
    await m.query(
      `INSERT INTO assessment_history (assessment_id, action, from_status, to_status, actor, at, note)
       SELECT $1, h.action, h.from_status, h.to_status, h.actor, h.at, h.note
         FROM jsonb_to_recordset($2::jsonb) AS h(action text, from_status text, to_status text, actor text, at timestamptz, note text)`,
      [a.state.id, JSON.stringify(entries.map((h) => ({ action: h.action, from_status: h.from, to_status: h.to, actor: h.actor, at: h.at, note: h.note ?? null })))],
    );
  }
}

function inputOf(s: AssessmentState): string {
  return JSON.stringify({ scores: s.scores, conditions: s.conditions, needs: s.needs });
}

function toRow(r: Record<string, any>): AssessmentRow {
  return {
    id: r.id,
    personRef: r.person_ref,
    maskedIdNumber: r.masked_id,
    birthDate: r.birth_date,
    districtCode: r.district_code,
    townshipCode: r.township_code,
    reason: r.reason,
    status: r.status,
    assessors: r.assessors,
    assessedOn: r.assessed_on,
    scores: r.input.scores,
    conditions: r.input.conditions,
    needs: r.input.needs,
    supersedes: r.supersedes,
    result: r.result,
    validUntil: r.valid_until,
    supersededBy: r.superseded_by,
    dispute: r.dispute,
    completedBy: r.completed_by,
    completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
    version: r.version,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
