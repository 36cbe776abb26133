import { EntityManager } from 'typeorm';
import type { LocalDate } from '@jiuzhu/common';
import type { PageRequest } from '@jiuzhu/common/http';
import type { JurisdictionFilter } from '@jiuzhu/auth';
import { SUPPORTED_STATUSES } from '../cases/domain/case-status';
import type { SelfCareAbility } from '../persons/domain/vocabulary';
import type { DangerKind, VisitFinding, VisitFindingKind } from './domain/visits';
import { HardshipVisitFindingRecord, HardshipVisitPlanRecord, HardshipVisitRecord } from './visit.entity';

/** A person's visit plan as stored: the next due day and what it was counted on. */
export interface VisitPlanRow {
  caseId: string;
  districtCode: string;
  townshipCode: string;
  homeCareSince: LocalDate;
  lastVisitedOn: LocalDate | null;
  selfCare: SelfCareAbility;
  intervalDays: number;
  nextVisitDueOn: LocalDate;
  parameterVersion: string;
  overdueAnnouncedFor: LocalDate | null;
}

export interface VisitRow {
  id: string;
  caseId: string;
  visitedOn: LocalDate;
  visitor: string;
  dueOn: LocalDate;
  late: boolean;
  recordedAt: string;
  findings: VisitFinding[];
}

/** A line of the overdue-visit queue: the plan and where the person's case lies (no personal data). */
export interface OverdueVisitRow extends VisitPlanRow {
  maskedIdNumber: string;
  status: string;
}

/** What a sweep announced: one visit.overdue per row. */
export interface AnnouncedOverdue {
  caseId: string;
  personRef: string;
  districtCode: string;
  townshipCode: string;
  selfCare: SelfCareAbility;
  lastVisitedOn: LocalDate | null;
  dueOn: LocalDate;
}

/** A person supported at home with no plan (supported before visits were kept): what their plan is counted on. */
export interface UnplannedHomeCase {
  caseId: string;
  districtCode: string;
  townshipCode: string;
  supportFromMonth: string;
  selfCare: SelfCareAbility;
  lastVisitedOn: LocalDate | null;
}

/**
 * Who is on the visit plan, decided in SQL from the case itself: supported (also while a
 * termination is noticed, when support is still paid) and cared for at home. A plan row of anyone
 * else — moved to an institution by a path that did not remove it — is never in a queue or a sweep.
 */
const ON_PLAN = `c.status = ANY($1::text[]) AND c.care_setting = 'home'`;

/** A plan's columns, dates as text (a raw query's date would come back as a Date at local midnight). */
const PLAN_COLUMNS = `p.case_id, p.district_code, p.township_code, p.self_care_ability, p.interval_days, p.parameter_version,
  to_char(p.home_care_since, 'YYYY-MM-DD') AS home_care_since, to_char(p.last_visited_on, 'YYYY-MM-DD') AS last_visited_on,
  to_char(p.next_visit_due_on, 'YYYY-MM-DD') AS next_visit_due_on, to_char(p.overdue_announced_for, 'YYYY-MM-DD') AS overdue_announced_for`;

/**
 * Visits and visit plans: every statement on hardship_visits, hardship_visit_findings and
 * hardship_visit_plans. A case's visits and plan are read within the reader's jurisdiction (a join
 * on the case: outside it there are none); the queue and the sweep are set-based SQL.
 */
export class VisitsRepository {
  /** The plan of a case, locked until the transaction ends: visits to one person are recorded one after another. */
  async lockPlan(m: EntityManager, caseId: string): Promise<VisitPlanRow | undefined> {
    const r = await m.getRepository(HardshipVisitPlanRecord).findOne({ where: { caseId }, lock: { mode: 'pessimistic_write' } });
    return r ? planOf(r) : undefined;
  }

  /** Writes a plan (a new one, or the same case's counted again). */
  async savePlan(m: EntityManager, p: VisitPlanRow, at: string): Promise<void> {
    await m.getRepository(HardshipVisitPlanRecord).upsert(planRecordOf(p, at), ['caseId']);
  }

  /** Takes the person off the visit plan (placed in an institution, or support ended); their visits stay. */
  async removePlan(m: EntityManager, caseId: string): Promise<boolean> {
    const r = await m.getRepository(HardshipVisitPlanRecord).delete({ caseId });
    return (r.affected ?? 0) > 0;
  }

  /** Plans made before the sweep could see them (a race with a placement is settled by ON CONFLICT). */
  async insertPlansIfMissing(m: EntityManager, plans: readonly VisitPlanRow[], at: string): Promise<number> {
    if (plans.length === 0) return 0;
    const r = await m
      .getRepository(HardshipVisitPlanRecord)
      .createQueryBuilder()
      .insert()
      .values(plans.map((p) => planRecordOf({ ...p, overdueAnnouncedFor: null }, at)))
      .orIgnore()
      .returning(['caseId'])
      .execute();
    return r.raw.length;
  }

  async insertVisit(m: EntityManager, v: VisitRow): Promise<void> {
    await m.getRepository(HardshipVisitRecord).insert({ id: v.id, caseId: v.caseId, visitedOn: v.visitedOn, visitor: v.visitor, dueOn: v.dueOn, late: v.late, recordedAt: new Date(v.recordedAt) });
    await m.getRepository(HardshipVisitFindingRecord).insert(
      v.findings.map((f, position) => ({
        visitId: v.id,
        position,
        kind: f.kind,
        dangerKind: f.kind === 'danger' ? f.danger : null,
        note: f.kind === 'no_concern' ? null : f.note?.trim() || null,
      })),
    );
  }

  /** A visit as stored, read back in the transaction that wrote it (the audit trail's after-digest). */
  async storedVisit(m: EntityManager, id: string): Promise<VisitRow> {
    const r = await m.getRepository(HardshipVisitRecord).findOneByOrFail({ id });
    return (await this.withFindings(m, [r]))[0];
  }

  /** The plan of a case within the scope; none for a case not on it or outside the scope. */
  async planWithin(m: EntityManager, caseId: string, scope: JurisdictionFilter): Promise<VisitPlanRow | undefined> {
    const rows: PlanSqlRow[] = await m.query(
      `SELECT ${PLAN_COLUMNS} FROM hardship_visit_plans p JOIN hardship_cases c ON c.id = p.case_id
        WHERE p.case_id = $2 AND ${ON_PLAN} AND ($3::text IS NULL OR c.district_code = $3) AND ($4::text IS NULL OR c.township_code = $4)`,
      [SUPPORTED_STATUSES, caseId, scope.districtCode ?? null, scope.townshipCode ?? null],
    );
    return rows[0] ? planOfSql(rows[0]) : undefined;
  }

  /** One page of a case's visits within the scope, the latest first, and how many there are. */
  async visitsWithin(m: EntityManager, caseId: string, page: PageRequest, scope: JurisdictionFilter): Promise<{ rows: VisitRow[]; total: number }> {
    const qb = m.getRepository(HardshipVisitRecord).createQueryBuilder('v').innerJoin('hardship_cases', 'c', 'c.id = v.case_id').where('v.case_id = :caseId', { caseId });
    if (scope.districtCode !== undefined) qb.andWhere('c.district_code = :district', { district: scope.districtCode });
    if (scope.townshipCode !== undefined) qb.andWhere('c.township_code = :township', { township: scope.townshipCode });
    const [records, total] = await qb.orderBy('v.visited_on', 'DESC').addOrderBy('v.recorded_at', 'DESC').addOrderBy('v.id', 'ASC').take(page.limit).skip(page.offset).getManyAndCount();
    return { rows: await this.withFindings(m, records), total };
  }

  /** The latest visit to a case (whatever the care setting then), for a plan counted afresh. */
  async lastVisitOn(m: EntityManager, caseId: string): Promise<LocalDate | null> {
    const rows: Array<{ on: string | null }> = await m.query(`SELECT to_char(max(visited_on), 'YYYY-MM-DD') AS on FROM hardship_visits WHERE case_id = $1`, [caseId]);
    return rows[0]?.on ?? null;
  }

  /**
   * The overdue-visit queue within the scope: persons on the plan whose due day is before today,
   * the most overdue first (then by case id, so pages never overlap), and how many there are.
   */
  async overdueQueue(m: EntityManager, q: { districtCode?: string; townshipCode?: string; today: LocalDate }, page: PageRequest, scope: JurisdictionFilter): Promise<{ rows: OverdueVisitRow[]; total: number }> {
    const where = `${ON_PLAN} AND p.next_visit_due_on < $2::date
      AND ($3::text IS NULL OR p.district_code = $3) AND ($4::text IS NULL OR p.township_code = $4)
      AND ($5::text IS NULL OR p.district_code = $5) AND ($6::text IS NULL OR p.township_code = $6)`;
    const args = [SUPPORTED_STATUSES, q.today, q.districtCode ?? null, q.townshipCode ?? null, scope.districtCode ?? null, scope.townshipCode ?? null];
    const rows: Array<PlanSqlRow & { masked_id: string; status: string }> = await m.query(
      `SELECT ${PLAN_COLUMNS}, c.masked_id, c.status FROM hardship_visit_plans p JOIN hardship_cases c ON c.id = p.case_id
        WHERE ${where} ORDER BY p.next_visit_due_on ASC, p.case_id ASC LIMIT $7 OFFSET $8`,
      [...args, page.limit, page.offset],
    );
    const [{ total }]: Array<{ total: number }> = await m.query(`SELECT count(*)::int AS total FROM hardship_visit_plans p JOIN hardship_cases c ON c.id = p.case_id WHERE ${where}`, args);
    return { rows: rows.map((r) => ({ ...planOfSql(r), maskedIdNumber: r.masked_id, status: r.status })), total };
  }

  /**
   * One statement: marks up to `limit` plans overdue by `today` and not yet announced for their due
   * day as announced, and returns them, for the caller to write one visit.overdue each in the same
   * transaction. A plan another transaction holds (a visit being recorded, another replica's sweep)
   * is skipped; the WHERE is checked again on each row as it is updated, so a due day is announced
   * once however many sweeps run, at once or after a restart.
   */
  async announceOverdue(m: EntityManager, today: LocalDate, limit: number, at: string): Promise<AnnouncedOverdue[]> {
    const rows: Array<{ case_id: string; person_ref: string; district_code: string; township_code: string; self_care_ability: SelfCareAbility; last_visited_on: string | null; due_on: string }> = await m.query(
      `WITH due AS (
         SELECT p.case_id FROM hardship_visit_plans p JOIN hardship_cases c ON c.id = p.case_id
          WHERE ${ON_PLAN} AND p.next_visit_due_on < $2::date AND p.overdue_announced_for IS DISTINCT FROM p.next_visit_due_on
          ORDER BY p.next_visit_due_on, p.case_id
          LIMIT $3
          FOR UPDATE OF p SKIP LOCKED),
       announced AS (
         UPDATE hardship_visit_plans p SET overdue_announced_for = p.next_visit_due_on, updated_at = $4
           FROM due, hardship_cases c
          WHERE p.case_id = due.case_id AND c.id = p.case_id
            AND p.next_visit_due_on < $2::date AND p.overdue_announced_for IS DISTINCT FROM p.next_visit_due_on
         RETURNING p.case_id, c.person_ref, p.district_code, p.township_code, p.self_care_ability,
                   to_char(p.last_visited_on, 'YYYY-MM-DD') AS last_visited_on, to_char(p.next_visit_due_on, 'YYYY-MM-DD') AS due_on)
       SELECT * FROM announced ORDER BY due_on, case_id`,
      [SUPPORTED_STATUSES, today, limit, at],
    );
    return rows.map((r) => ({
      caseId: r.case_id,
      personRef: r.person_ref,
      districtCode: r.district_code,
      townshipCode: r.township_code,
      selfCare: r.self_care_ability,
      lastVisitedOn: r.last_visited_on,
      dueOn: r.due_on,
    }));
  }

  /** Persons supported at home without a plan, up to `limit`. */
  async unplannedHomeCases(m: EntityManager, limit: number): Promise<UnplannedHomeCase[]> {
    const rows: Array<{ id: string; district_code: string; township_code: string; support_from_month: string; self_care_ability: SelfCareAbility; last_visited_on: string | null }> = await m.query(
      `SELECT c.id, c.district_code, c.township_code, c.support_from_month, c.self_care_ability,
              (SELECT to_char(max(v.visited_on), 'YYYY-MM-DD') FROM hardship_visits v WHERE v.case_id = c.id) AS last_visited_on
         FROM hardship_cases c
        WHERE ${ON_PLAN} AND NOT EXISTS (SELECT 1 FROM hardship_visit_plans p WHERE p.case_id = c.id)
        ORDER BY c.id LIMIT $2`,
      [SUPPORTED_STATUSES, limit],
    );
    return rows.map((r) => ({ caseId: r.id, districtCode: r.district_code, townshipCode: r.township_code, supportFromMonth: r.support_from_month, selfCare: r.self_care_ability, lastVisitedOn: r.last_visited_on }));
  }

  private async withFindings(m: EntityManager, visits: HardshipVisitRecord[]): Promise<VisitRow[]> {
    if (visits.length === 0) return [];
    const findings = await m
      .getRepository(HardshipVisitFindingRecord)
      .createQueryBuilder('f')
      .where('f.visit_id IN (:...ids)', { ids: visits.map((v) => v.id) })
      .orderBy('f.visit_id')
      .addOrderBy('f.position')
      .getMany();
    return visits.map((v) => ({
      id: v.id,
      caseId: v.caseId,
      visitedOn: v.visitedOn,
      visitor: v.visitor,
      dueOn: v.dueOn,
      late: v.late,
      recordedAt: v.recordedAt.toISOString(),
      findings: findings.filter((f) => f.visitId === v.id).map(findingOf),
    }));
  }
}

function findingOf(f: HardshipVisitFindingRecord): VisitFinding {
  const kind: VisitFindingKind = f.kind;
  if (kind === 'danger') return { kind, danger: f.dangerKind as DangerKind, ...(f.note ? { note: f.note } : {}) };
  if (kind === 'needs_help') return { kind, note: f.note ?? '' };
  return { kind: 'no_concern' };
}

/** The row a plan is stored as. */
function planRecordOf(p: VisitPlanRow, at: string): Partial<HardshipVisitPlanRecord> {
  return {
    caseId: p.caseId,
    districtCode: p.districtCode,
    townshipCode: p.townshipCode,
    homeCareSince: p.homeCareSince,
    lastVisitedOn: p.lastVisitedOn,
    selfCareAbility: p.selfCare,
    intervalDays: p.intervalDays,
    nextVisitDueOn: p.nextVisitDueOn,
    parameterVersion: p.parameterVersion,
    overdueAnnouncedFor: p.overdueAnnouncedFor,
    updatedAt: new Date(at),
  };
}

function planOf(r: HardshipVisitPlanRecord): VisitPlanRow {
  return {
    caseId: r.caseId,
    districtCode: r.districtCode,
    townshipCode: r.townshipCode,
    homeCareSince: r.homeCareSince,
    lastVisitedOn: r.lastVisitedOn,
    selfCare: r.selfCareAbility,
    intervalDays: r.intervalDays,
    nextVisitDueOn: r.nextVisitDueOn,
    parameterVersion: r.parameterVersion,
    overdueAnnouncedFor: r.overdueAnnouncedFor,
  };
}

interface PlanSqlRow {
  case_id: string;
  district_code: string;
  township_code: string;
  home_care_since: string;
  last_visited_on: string | null;
  self_care_ability: SelfCareAbility;
  interval_days: number;
  next_visit_due_on: string;
  parameter_version: string;
  overdue_announced_for: string | null;
}

function planOfSql(r: PlanSqlRow): VisitPlanRow {
  return {
    caseId: r.case_id,
    districtCode: r.district_code,
    townshipCode: r.township_code,
    homeCareSince: r.home_care_since,
    lastVisitedOn: r.last_visited_on,
    selfCare: r.self_care_ability,
    intervalDays: r.interval_days,
    nextVisitDueOn: r.next_visit_due_on,
    parameterVersion: r.parameter_version,
    overdueAnnouncedFor: r.overdue_announced_for,
  };
}
