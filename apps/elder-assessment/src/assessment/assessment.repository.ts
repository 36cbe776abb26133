import { EntityManager, In } from 'typeorm';
import { Conflict, LocalDate, NotFound } from '@jiuzhu/common';
import type { PageRequest } from '@jiuzhu/common/http';
import type { JurisdictionFilter } from '@jiuzhu/auth';
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

/** Which district or township a queue or a summary covers (within the caller’s jurisdiction: within-jurisdiction.ts areaWithin). */
export interface AreaFilter {
  districtCode?: string;
  townshipCode?: string;
}

/**
 * The jurisdiction a query keeps to: `jurisdictionFilter(actor.jurisdiction)` of libs/auth — `{}`
 * for the city, the district, or the district and township. An assessment lies where the elder
 * lives (its district_code and township_code), so a record outside it is simply not found: reads
 * and changes of it answer 404 and its existence is not revealed (issue 12).
 */
export type Scope = JurisdictionFilter;

/** An assessment locked for a change, with the row as it was stored (the audit trail's before-digest). */
export interface LockedAssessment {
  assessment: ElderAssessment;
  stored: AssessmentRow;
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
  async lockForChange(m: EntityManager, id: string, expectedVersion: number, scope: Scope): Promise<LockedAssessment> {
    const record = await m.getRepository(AssessmentRecord).findOne({ where: { id, ...placeIn(scope) }, lock: { mode: 'pessimistic_write' } });
    if (!record) throw new NotFound(`Assessment ${id}`);
    if (record.version !== expectedVersion) {
      throw new Conflict(
        'ASSESSMENT.VERSION_CONFLICT',
        `The assessment was changed by someone else (now version ${record.version}, you had ${expectedVersion}); reload it and try again.`,
        [{ field: 'expectedVersion', reason: `is ${expectedVersion} but the assessment is at version ${record.version}` }],
      );
    }
    return locked(record);
  }

  /**
   * The person's current assessment, locked. The person is locked first (a transaction-scoped
   * advisory lock on the reference), so two completions for the same elder take turns even when
   * neither finds a current assessment yet: the second sees the first and supersedes it.
   *
   * Not scoped by the completing assessor's jurisdiction, on purpose: a person has one current
   * result wherever it was made (other services act on it), so an elder who moved to another
   * district is re-assessed there and the new result replaces the old. The old one stays unreadable
   * to that assessor (404); only its supersession is the consequence of their completion.
   */
  async lockCurrentOf(m: EntityManager, personRef: string): Promise<LockedAssessment | undefined> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('elder-assessment/person/' || $1, 0))`, [personRef]);
    const record = await m.getRepository(AssessmentRecord).findOne({ where: { personRef, status: In(CURRENT) }, lock: { mode: 'pessimistic_write' } });
    return record ? locked(record) : undefined;
  }

  /** Writes the assessment and its new history lines; the version moves on by one. */
  async save(m: EntityManager, a: ElderAssessment, by: string, at: string): Promise<void> {
    const s = a.state;
    await m.getRepository(AssessmentRecord).update(s.id, { ...recordOf(s), version: () => 'version + 1', updatedBy: by, updatedAt: new Date(at) });
    await this.appendHistory(m, a);
  }

  async findById(m: EntityManager, id: string, scope: Scope): Promise<AssessmentRow | undefined> {
    const record = await m.getRepository(AssessmentRecord).findOneBy({ id, ...placeIn(scope) });
    return record ? toRow(record) : undefined;
  }

  /**
   * The row as it is stored now, read back inside the transaction that just wrote it: what the
   * audit trail digests as the state after a change (not a guess of it). The change found the
   * record within the actor's jurisdiction already, so this read is not scoped again.
   */
  async storedState(m: EntityManager, id: string): Promise<AssessmentRow> {
    const record = await m.getRepository(AssessmentRecord).findOneByOrFail({ id });
    return toRow(record);
  }

  async summary(m: EntityManager, id: string, scope: Scope): Promise<AssessmentSummary | undefined> {
    const record = await m.getRepository(AssessmentRecord).findOne({ where: { id, ...placeIn(scope) }, select: { id: true, personRef: true, status: true, assessedOn: true } });
    return record ? { id: record.id, personRef: record.personRef, status: record.status, assessedOn: record.assessedOn } : undefined;
  }

  /** A person's assessments within the jurisdiction, newest first (by assessment date, then by when they were opened), and how many there are. */
  async ofPerson(m: EntityManager, personRef: string, page: PageRequest, scope: Scope): Promise<{ rows: AssessmentRow[]; total: number }> {
    const [records, total] = await m.getRepository(AssessmentRecord).findAndCount({
      where: { personRef, ...placeIn(scope) },
      order: { assessedOn: 'DESC', createdAt: 'DESC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { rows: records.map(toRow), total };
  }

  /** The history of an assessment within the jurisdiction (none for one outside it). */
  async history(m: EntityManager, id: string, scope: Scope): Promise<HistoryLine[]> {
    const q = m
      .getRepository(AssessmentHistoryRecord)
      .createQueryBuilder('h')
      .innerJoin(AssessmentRecord, 'a', 'a.id = h.assessmentId')
      .where('h.assessmentId = :id', { id });
    if (scope.districtCode !== undefined) q.andWhere('a.districtCode = :district', { district: scope.districtCode });
    if (scope.townshipCode !== undefined) q.andWhere('a.townshipCode = :township', { township: scope.townshipCode });
    const lines = await q.orderBy('h.id', 'ASC').getMany();
    return lines.map((h) => ({ action: h.action, from: h.fromStatus, to: h.toStatus, actor: h.actor, at: h.at.toISOString(), ...(h.note ? { note: h.note } : {}) }));
  }

  /** Current assessments in the area and the jurisdiction whose routine re-assessment was due before `today`, most overdue first, and how many there are. */
  async overdueQueue(m: EntityManager, today: LocalDate, f: AreaFilter, scope: Scope, page: PageRequest): Promise<{ rows: OverdueRow[]; total: number }> {
    const where = `status = ANY($2::text[]) AND valid_until < $1
      AND ($3::text IS NULL OR district_code = $3) AND ($4::text IS NULL OR township_code = $4)
      AND ($5::text IS NULL OR district_code = $5) AND ($6::text IS NULL OR township_code = $6)`;
    const params = [today, CURRENT, f.districtCode ?? null, f.townshipCode ?? null, scope.districtCode ?? null, scope.townshipCode ?? null];
    const [rows, [{ total }]]: [OverdueRow[], Array<{ total: number }>] = await Promise.all([
      m.query(
        `SELECT id, person_ref, masked_id, district_code, township_code, status, level, self_care, to_char(assessed_on, 'YYYY-MM-DD') AS assessed_on,
                to_char(valid_until, 'YYYY-MM-DD') AS due_on, ($1::date - valid_until) AS days_overdue
           FROM assessments WHERE ${where}
          ORDER BY valid_until, assessed_on, id LIMIT $7 OFFSET $8`,
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

  /** Elders with a current assessment, and how many of them have each need, in one district or township or city-wide, within the jurisdiction. */
  async countNeeds(m: EntityManager, f: AreaFilter, scope: Scope): Promise<NeedsCount> {
    const params = [CURRENT, f.districtCode ?? null, f.townshipCode ?? null, scope.districtCode ?? null, scope.townshipCode ?? null];
    const where = `status = ANY($1::text[])
      AND ($2::text IS NULL OR district_code = $2) AND ($3::text IS NULL OR township_code = $3)
      AND ($4::text IS NULL OR district_code = $4) AND ($5::text IS NULL OR township_code = $5)`;
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

/** The entity's columns a jurisdiction names, for a TypeORM `where` (only those the filter sets). */
function placeIn(scope: Scope): { districtCode?: string; townshipCode?: string } {
  return {
    ...(scope.districtCode !== undefined ? { districtCode: scope.districtCode } : {}),
    ...(scope.townshipCode !== undefined ? { townshipCode: scope.townshipCode } : {}),
  };
}

function locked(record: AssessmentRecord): LockedAssessment {
  const stored = toRow(record);
  return { assessment: ElderAssessment.restore(stored), stored };
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
