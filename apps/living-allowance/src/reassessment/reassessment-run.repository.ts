import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { LocalDate } from '@jiuzhu/common';
import { Area } from '../parameters/domain/parameter';
import { ReassessmentTotals } from './domain/reassess-case';
import { RunState, RunStatus } from './domain/reassessment-run';

export interface ReassessmentRun {
  id: string;
  districtCode: string;
  area: Area;
  standardVersionId: string;
  validFrom: LocalDate;
  status: RunStatus;
  cursorCaseId: string | null;
  examined: number;
  changed: number;
  increased: number;
  decreased: number;
  leavingDibao: number;
  /** Cases the assessment could not decide (left as they were). */
  failed: number;
  monthlyBudgetDeltaFen: number;
  settlementFen: number;
  /** Failed attempts since the last batch that committed. */
  attempts: number;
  /** Why the last attempt failed (kept after a retry, until a batch commits). */
  lastError: string | null;
  failedAt: string | null;
  requestedBy: string;
  requestedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  retriedBy: string | null;
  retriedAt: string | null;
  cancelledBy: string | null;
  cancelledAt: string | null;
}

/** What one committed batch adds to its run. */
export interface BatchProgress {
  /** The last case of the batch (null for an empty batch). */
  cursorCaseId: string | null;
  totals: ReassessmentTotals;
  undecided: number;
  done: boolean;
}

interface RunSqlRow {
  id: string;
  district_code: string;
  area: Area;
  standard_version_id: string;
  valid_from: string;
  status: RunStatus;
  cursor_case_id: string | null;
  examined: number;
  changed: number;
  increased: number;
  decreased: number;
  leaving_dibao: number;
  failed: number;
  monthly_budget_delta_fen: string;
  settlement_fen: string;
  attempts: number;
  last_error: string | null;
  failed_at: Date | null;
  requested_by: string;
  requested_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  retried_by: string | null;
  retried_at: Date | null;
  cancelled_by: string | null;
  cancelled_at: Date | null;
}

const COLUMNS = `id, district_code, area, standard_version_id, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, status, cursor_case_id,
  examined, changed, increased, decreased, leaving_dibao, failed, monthly_budget_delta_fen, settlement_fen, attempts, last_error, failed_at,
  requested_by, requested_at, started_at, completed_at, retried_by, retried_at, cancelled_by, cancelled_at`;

/** Reassessment runs: one per published standard, worked batch by batch (table `reassessment_runs`). */
export class ReassessmentRunRepository {
  constructor(private readonly ds: DataSource) {}

  /** Opens a run in the caller's transaction (the one publishing the standard). */
  async open(m: EntityManager, r: { districtCode: string; area: Area; standardVersionId: string; validFrom: LocalDate; requestedBy: string }): Promise<string> {
    const id = randomUUID();
    await m.query(
      `INSERT INTO reassessment_runs (id, district_code, area, standard_version_id, valid_from, status, requested_by) VALUES ($1, $2, $3, $4, $5, 'pending', $6)`,
      [id, r.districtCode, r.area, r.standardVersionId, r.validFrom, r.requestedBy],
    );
    return id;
  }

  async list(limit: number): Promise<ReassessmentRun[]> {
    const rows: RunSqlRow[] = await this.ds.query(`SELECT ${COLUMNS} FROM reassessment_runs ORDER BY requested_at DESC, id LIMIT $1`, [limit]);
    return rows.map(toRun);
  }

  async get(id: string, m: EntityManager = this.ds.manager): Promise<ReassessmentRun | undefined> {
    const [row]: RunSqlRow[] = await m.query(`SELECT ${COLUMNS} FROM reassessment_runs WHERE id = $1`, [id]);
    return row ? toRun(row) : undefined;
  }

  /** The run's row, locked until the transaction ends: its batches, retries and cancels queue up behind each other. */
  async lock(m: EntityManager, id: string): Promise<ReassessmentRun | undefined> {
    const [row]: RunSqlRow[] = await m.query(`SELECT ${COLUMNS} FROM reassessment_runs WHERE id = $1 FOR UPDATE`, [id]);
    return row ? toRun(row) : undefined;
  }

  /** The oldest open run, leaving out those already tried (and failed) in this pass. */
  async nextOpen(excluding: readonly string[]): Promise<string | undefined> {
    const [row]: Array<{ id: string }> = await this.ds.query(
      `SELECT id FROM reassessment_runs WHERE status IN ('pending', 'running') AND NOT (id = ANY($1::uuid[])) ORDER BY requested_at, id LIMIT 1`,
      [excluding],
    );
    return row?.id;
  }

  /** A committed batch: the cursor moves past it, its totals add up, and the run's count of failed attempts starts again. */
  async advance(m: EntityManager, id: string, p: BatchProgress): Promise<void> {
    const t = p.totals;
    await m.query(
        `UPDATE reassessment_runs r
            SET cursor_case_id = coalesce(p.cursor_case_id, r.cursor_case_id), examined = r.examined + p.examined, changed = r.changed + p.changed,
                increased = r.increased + p.increased, decreased = r.decreased + p.decreased, leaving_dibao = r.leaving_dibao + p.leaving_dibao,
                failed = r.failed + p.undecided, monthly_budget_delta_fen = r.monthly_budget_delta_fen + p.monthly_budget_delta_fen,
                settlement_fen = r.settlement_fen + p.settlement_fen, attempts = 0,
                status = CASE WHEN p.done THEN 'completed' ELSE 'running' END,
                started_at = coalesce(r.started_at, now()), completed_at = CASE WHEN p.done THEN now() END
           FROM jsonb_to_record($2::jsonb) AS p(cursor_case_id uuid, examined int, changed int, increased int, decreased int, leaving_dibao int,
                undecided int, monthly_budget_delta_fen bigint, settlement_fen bigint, done boolean)
          WHERE r.id = $1`,
        [
          id,
          JSON.stringify({
            cursor_case_id: p.cursorCaseId,
            examined: t.examined,
            changed: t.changed,
            increased: t.increased,
            decreased: t.decreased,
            leaving_dibao: t.leavingDibao,
            undecided: p.undecided,
            monthly_budget_delta_fen: t.monthlyBudgetDeltaFen,
            settlement_fen: t.settlementFen,
            done: p.done,
          }),
        ],
      );
  }

  /** A failed attempt, in its own transaction (the batch's own rolled back), with the state the domain gave it. */
  async recordFailure(m: EntityManager, id: string, next: RunState, reason: string): Promise<void> {
    await m.query(
      `UPDATE reassessment_runs SET status = $2, attempts = $3, last_error = $4, failed_at = CASE WHEN $2 = 'failed' THEN now() ELSE failed_at END WHERE id = $1`,
      [id, next.status, next.attempts, reason],
    );
  }

  async markRetried(m: EntityManager, id: string, next: RunState, by: string, at: string): Promise<void> {
    await m.query(`UPDATE reassessment_runs SET status = $2, attempts = $3, retried_by = $4, retried_at = $5 WHERE id = $1`, [id, next.status, next.attempts, by, at]);
  }

  async markCancelled(m: EntityManager, id: string, by: string, at: string): Promise<void> {
    await m.query(`UPDATE reassessment_runs SET status = 'cancelled', cancelled_by = $2, cancelled_at = $3 WHERE id = $1`, [id, by, at]);
  }
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

function toRun(r: RunSqlRow): ReassessmentRun {
  return {
    id: r.id,
    districtCode: r.district_code,
    area: r.area,
    standardVersionId: r.standard_version_id,
    validFrom: r.valid_from,
    status: r.status,
    cursorCaseId: r.cursor_case_id,
    examined: r.examined,
    changed: r.changed,
    increased: r.increased,
    decreased: r.decreased,
    leavingDibao: r.leaving_dibao,
    failed: r.failed,
    monthlyBudgetDeltaFen: Number(r.monthly_budget_delta_fen),
    settlementFen: Number(r.settlement_fen),
    attempts: r.attempts,
    lastError: r.last_error,
    failedAt: iso(r.failed_at),
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at).toISOString(),
    startedAt: iso(r.started_at),
    completedAt: iso(r.completed_at),
    retriedBy: r.retried_by,
    retriedAt: iso(r.retried_at),
    cancelledBy: r.cancelled_by,
    cancelledAt: iso(r.cancelled_at),
  };
}
