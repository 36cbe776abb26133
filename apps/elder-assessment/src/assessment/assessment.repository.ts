import { EntityManager, In } from 'typeorm';
import { Conflict, LocalDate, NotFound } from '@jiuzhu/common';
import type { PageRequest } from '@jiuzhu/common/http';
import { AssessmentHistoryRecord, AssessmentRecord } from './assessment.entity';
import { AssessmentState, AssessmentSummary, CURRENT_STATUSES, ElderAssessment, HistoryEntry } from './domain/assessment-workflow';
import { NeedKind } from './domain/needs';

/** An assessment as read back: its state and who last changed it when. */
export interface AssessmentRow extends AssessmentState {
  updatedBy: string;
  updatedAt: string;
}

export interface HistoryLine {
  action: string;
  from: string | null;
  to: string;
  actor: string;
  at: string;
  note?: string;
}

/** Which district or township a queue or a summary covers. */
export interface AreaFilter {
  districtCode?: string;
  townshipCode?: string;
}

/** A line of the overdue queue, as the set-based query returns it. */
export interface OverdueRow {
  id: string;
  person_ref: string;
  masked_id: string;
  district_code: string;
  township_code: string | null;
  status: string;
  level: string;
  self_care: string;
  assessed_on: LocalDate;
  due_on: LocalDate;
  days_overdue: number;
}

/** An overdue re-assessment taken for announcement (its mark is written in the same statement). */
export interface OverdueToAnnounce {
  id: string;
  person_ref: string;
  district_code: string;
  township_code: string | null;
  due_on: LocalDate;
}

/** Elders counted per need kind among current assessments. */
export interface NeedsCount {
  elders: number;
  byKind: ReadonlyMap<NeedKind, number>;
}

const CURRENT = [...CURRENT_STATUSES];

/**
 * Assessments and their history, in this service's database: loads and saves of one assessment go
 * through TypeORM entities (mapped to the plain domain object here, nowhere else); the set-based
 * reads and marks (the overdue queue and its announcement, the needs summary) are SQL behind
 * intention-named methods with typed rows.
 */
export class AssessmentRepository {
  /** A new draft and its first history line. */
  async insert(m: EntityManager, a: ElderAssessment, at: string): Promise<void> {
    const s = a.state;
    await m.getRepository(AssessmentRecord).insert({ ...recordOf(s), version: s.version, createdBy: s.createdBy, createdAt: new Date(at), updatedBy: s.createdBy, updatedAt: new Date(at) });
    await this.appendHistory(m, a);
  }

  /**
   * Loads an assessment for a change, holding its row lock until the transaction ends: concurrent
   * changes queue up here, and the version check then turns a stale one into a 409 instead of an
   * overwrite — of two completions of the same version, exactly one wins.
   */
  async lockForChange(m: EntityManager, id: string, expectedVersion: number): Promise<ElderAssessment> {
    const record = await m.getRepository(AssessmentRecord).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!record) throw new NotFound(`Assessment ${id}`);
    if (record.version !== expectedVersion) {
      throw new Conflict(
        'ASSESSMENT.VERSION_CONFLICT',
        `The assessment was changed by someone else (now version ${record.version}, you had ${expectedVersion}); reload it and try again.`,
        [{ field: 'expectedVersion', reason: `is ${expectedVersion} but the assessment is at version ${record.version}` }],
      );
    }
    return ElderAssessment.restore(toRow(record));
  }

  /**
   * The person's current assessment, locked. The person is locked first (a transaction-scoped
   * advisory lock on the reference), so two completions for the same elder take turns even when
   * neither finds a current assessment yet: the second sees the first and supersedes it.
   */
  async lockCurrentOf(m: EntityManager, personRef: string): Promise<ElderAssessment | undefined> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('elder-assessment/person/' || $1, 0))`, [personRef]);
    const record = await m.getRepository(AssessmentRecord).findOne({ where: { personRef, status: In(CURRENT) }, lock: { mode: 'pessimistic_write' } });
    return record ? ElderAssessment.restore(toRow(record)) : undefined;
  }

  /** Writes the assessment and its new history lines; the version moves on by one. */
  async save(m: EntityManager, a: ElderAssessment, by: string, at: string): Promise<void> {
    const s = a.state;
    await m.getRepository(AssessmentRecord).update(s.id, { ...recordOf(s), version: () => 'version + 1', updatedBy: by, updatedAt: new Date(at) });
    await this.appendHistory(m, a);
  }

  async findById(m: EntityManager, id: string): Promise<AssessmentRow | undefined> {
    const record = await m.getRepository(AssessmentRecord).findOneBy({ id });
    return record ? toRow(record) : undefined;
  }

  async summary(m: EntityManager, id: string): Promise<AssessmentSummary | undefined> {
    const record = await m.getRepository(AssessmentRecord).findOne({ where: { id }, select: { id: true, personRef: true, status: true, assessedOn: true } });
    return record ? { id: record.id, personRef: record.personRef, status: record.status, assessedOn: record.assessedOn } : undefined;
  }

  /** A person's assessments, newest first (by assessment date, then by when they were opened), and how many there are. */
  async ofPerson(m: EntityManager, personRef: string, page: PageRequest): Promise<{ rows: AssessmentRow[]; total: number }> {
    const [records, total] = await m.getRepository(AssessmentRecord).findAndCount({
      where: { personRef },
      order: { assessedOn: 'DESC', createdAt: 'DESC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { rows: records.map(toRow), total };
  }

  async history(m: EntityManager, id: string): Promise<HistoryLine[]> {
    const lines = await m.getRepository(AssessmentHistoryRecord).find({ where: { assessmentId: id }, order: { id: 'ASC' } });
    return lines.map((h) => ({ action: h.action, from: h.fromStatus, to: h.toStatus, actor: h.actor, at: h.at.toISOString(), ...(h.note ? { note: h.note } : {}) }));
  }

  /** Current assessments whose routine re-assessment was due before `today`, most overdue first, and how many there are. */
  async overdueQueue(m: EntityManager, today: LocalDate, f: AreaFilter, page: PageRequest): Promise<{ rows: OverdueRow[]; total: number }> {
    const where = `status = ANY($2::text[]) AND valid_until < $1 AND ($3::text IS NULL OR district_code = $3) AND ($4::text IS NULL OR township_code = $4)`;
    const params = [today, CURRENT, f.districtCode ?? null, f.townshipCode ?? null];
    const [rows, [{ total }]]: [OverdueRow[], Array<{ total: number }>] = await Promise.all([
      m.query(
        `SELECT id, person_ref, masked_id, district_code, township_code, status, level, self_care, to_char(assessed_on, 'YYYY-MM-DD') AS assessed_on,
                to_char(valid_until, 'YYYY-MM-DD') AS due_on, ($1::date - valid_until) AS days_overdue
           FROM assessments WHERE ${where}
          ORDER BY valid_until, assessed_on, id LIMIT $5 OFFSET $6`,
        [...params, page.limit, page.offset],
      ),
      m.query(`SELECT count(*)::int AS total FROM assessments WHERE ${where}`, params),
    ]);
    return { rows, total };
  }

  /**
   * Takes up to `limit` overdue re-assessments not yet announced — once per person and due date,
   * even if the assessment was corrected meanwhile with the same date — and marks them announced,
   * in one statement. Rows another transaction is announcing are skipped (SKIP LOCKED), so every
   * replica may sweep at once; the mark commits with the events the caller writes.
   */
  async takeOverdueToAnnounce(m: EntityManager, today: LocalDate, limit: number): Promise<OverdueToAnnounce[]> {
    // An UPDATE answers TypeORM's query() as [rows, affected count].
    const [taken]: [OverdueToAnnounce[], number] = await m.query(
      `WITH due AS (
         SELECT a.id FROM assessments a
          WHERE a.status = ANY($2::text[]) AND a.valid_until < $1
            AND (a.overdue_announced_on IS NULL OR a.overdue_announced_on < a.valid_until)
            AND NOT EXISTS (SELECT 1 FROM assessments o WHERE o.person_ref = a.person_ref AND o.overdue_announced_on = a.valid_until)
          ORDER BY a.valid_until, a.id LIMIT $3 FOR UPDATE OF a SKIP LOCKED)
       UPDATE assessments a SET overdue_announced_on = a.valid_until FROM due WHERE a.id = due.id
       RETURNING a.id, a.person_ref, a.district_code, a.township_code, to_char(a.valid_until, 'YYYY-MM-DD') AS due_on`,
      [today, CURRENT, limit],
    );
    // RETURNING keeps no order: announced most overdue first, as they were taken.
    return taken.sort((a, b) => (a.due_on === b.due_on ? (a.id < b.id ? -1 : 1) : a.due_on < b.due_on ? -1 : 1));
  }

  /** Elders with a current assessment, and how many of them have each need, in one district or township or city-wide. */
  async countNeeds(m: EntityManager, f: AreaFilter): Promise<NeedsCount> {
    const params = [CURRENT, f.districtCode ?? null, f.townshipCode ?? null];
    const where = `status = ANY($1::text[]) AND ($2::text IS NULL OR district_code = $2) AND ($3::text IS NULL OR township_code = $3)`;
    const [[{ elders }], rows]: [Array<{ elders: number }>, Array<{ kind: NeedKind; elders: number }>] = await Promise.all([
      m.query(`SELECT count(*)::int AS elders FROM assessments WHERE ${where}`, params),
      m.query(`SELECT n->>'kind' AS kind, count(*)::int AS elders FROM assessments, jsonb_array_elements(input->'needs') AS n WHERE ${where} GROUP BY 1`, params),
    ]);
    return { elders, byKind: new Map(rows.map((r) => [r.kind, r.elders])) };
  }

  private async appendHistory(m: EntityManager, a: ElderAssessment): Promise<void> {
    const entries = a.history.splice(0);
    if (entries.length === 0) return;
    await m.getRepository(AssessmentHistoryRecord).insert(entries.map((h) => historyRecord(a.state.id, h)));
  }
}

function historyRecord(assessmentId: string, h: HistoryEntry): Partial<AssessmentHistoryRecord> {
  return { assessmentId, action: h.action, fromStatus: h.from, toStatus: h.to, actor: h.actor, at: new Date(h.at), note: h.note ?? null };
}

/** The columns an assessment's state sets (bookkeeping columns aside). */
function recordOf(s: AssessmentState) {
  return {
    id: s.id,
    personRef: s.personRef,
    maskedId: s.maskedIdNumber,
    birthDate: s.birthDate,
    districtCode: s.districtCode,
    townshipCode: s.townshipCode,
    reason: s.reason,
    status: s.status,
    assessors: s.assessors,
    assessedOn: s.assessedOn,
    input: { scores: s.scores, conditions: s.conditions, needs: s.needs },
    result: s.result,
    level: s.result?.finalLevel ?? null,
    total: s.result?.total ?? null,
    selfCare: s.result?.selfCare.ability ?? null,
    validUntil: s.validUntil,
    supersedes: s.supersedes,
    supersededBy: s.supersededBy,
    dispute: s.dispute,
    completedBy: s.completedBy,
    completedAt: s.completedAt ? new Date(s.completedAt) : null,
  };
}

function toRow(r: AssessmentRecord): AssessmentRow {
  return {
    id: r.id,
    personRef: r.personRef,
    maskedIdNumber: r.maskedId,
    birthDate: r.birthDate,
    districtCode: r.districtCode,
    townshipCode: r.townshipCode,
    reason: r.reason,
    status: r.status,
    assessors: r.assessors,
    assessedOn: r.assessedOn,
    scores: r.input.scores,
    conditions: r.input.conditions,
    needs: r.input.needs,
    supersedes: r.supersedes,
    result: r.result,
    validUntil: r.validUntil,
    supersededBy: r.supersededBy,
    dispute: r.dispute,
    completedBy: r.completedBy,
    completedAt: r.completedAt ? r.completedAt.toISOString() : null,
    version: r.version,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt.toISOString(),
  };
}
