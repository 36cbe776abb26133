import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { LocalDate } from '@jiuzhu/common';
import { Area } from '../parameters/domain/parameter';
import { ReassessmentTotals } from './domain/reassess-case';
import { RunState, RunStatus } from './domain/reassessment-run';
import { ReassessmentRunRecord } from './reassessment-run.entity';

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
  at: Date;
}

/** Reassessment runs: one per published standard, worked batch by batch (table `reassessment_runs`). */
export class ReassessmentRunRepository {
  constructor(private readonly ds: DataSource) {}

  /** Opens a run in the caller's transaction (the one publishing the standard). */
  async open(m: EntityManager, r: { districtCode: string; area: Area; standardVersionId: string; validFrom: LocalDate; requestedBy: string; requestedAt: Date }): Promise<string> {
    const id = randomUUID();
    // requestedAt is the standard's publication time on the service's clock (not the database's
    // now(), which the demo clock does not move): the run and the version it applies agree.
    await m.getRepository(ReassessmentRunRecord).insert({ id, ...r, status: 'pending' });
    return id;
  }

  async list(limit: number): Promise<ReassessmentRun[]> {
    const rows = await this.ds.getRepository(ReassessmentRunRecord).find({ order: { requestedAt: 'DESC', id: 'ASC' }, take: limit });
    return rows.map(toRun);
  }

  async get(id: string, m: EntityManager = this.ds.manager): Promise<ReassessmentRun | undefined> {
    const row = await m.getRepository(ReassessmentRunRecord).findOneBy({ id });
    return row ? toRun(row) : undefined;
  }

  /** The run's row, locked until the transaction ends: its batches, retries and cancels queue up behind each other. */
  async lock(m: EntityManager, id: string): Promise<ReassessmentRun | undefined> {
    const row = await m.getRepository(ReassessmentRunRecord).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    return row ? toRun(row) : undefined;
  }

  /** The oldest open run, leaving out those already tried (and failed) in this pass. */
  async nextOpen(excluding: readonly string[]): Promise<string | undefined> {
    const row = await this.ds.getRepository(ReassessmentRunRecord).findOne({
      select: { id: true },
      where: { status: In(['pending', 'running']), id: Not(In([...excluding])) },
      order: { requestedAt: 'ASC', id: 'ASC' },
    });
    return row?.id;
  }

  /**
   * A committed batch, written over the run locked at its start: the cursor moves past it, its
   * totals add up, and the run's count of failed attempts starts again.
   */
  async advance(m: EntityManager, run: ReassessmentRun, p: BatchProgress): Promise<void> {
    const t = p.totals;
    await m.getRepository(ReassessmentRunRecord).update(run.id, {
      cursorCaseId: p.cursorCaseId ?? run.cursorCaseId,
      examined: run.examined + t.examined,
      changed: run.changed + t.changed,
      increased: run.increased + t.increased,
      decreased: run.decreased + t.decreased,
      leavingDibao: run.leavingDibao + t.leavingDibao,
      failed: run.failed + p.undecided,
      monthlyBudgetDeltaFen: run.monthlyBudgetDeltaFen + t.monthlyBudgetDeltaFen,
      settlementFen: run.settlementFen + t.settlementFen,
      attempts: 0,
      status: p.done ? 'completed' : 'running',
      startedAt: run.startedAt ? new Date(run.startedAt) : p.at,
      completedAt: p.done ? p.at : null,
    });
  }

  /** A failed attempt, in its own transaction (the batch's own rolled back), with the state the domain gave it. */
  async recordFailure(m: EntityManager, run: ReassessmentRun, next: RunState, reason: string, at: Date): Promise<void> {
    await m.getRepository(ReassessmentRunRecord).update(run.id, {
      status: next.status,
      attempts: next.attempts,
      lastError: reason,
      failedAt: next.status === 'failed' ? at : run.failedAt ? new Date(run.failedAt) : null,
    });
  }

  async markRetried(m: EntityManager, id: string, next: RunState, by: string, at: Date): Promise<void> {
    await m.getRepository(ReassessmentRunRecord).update(id, { status: next.status, attempts: next.attempts, retriedBy: by, retriedAt: at });
  }

  async markCancelled(m: EntityManager, id: string, by: string, at: Date): Promise<void> {
    await m.getRepository(ReassessmentRunRecord).update(id, { status: 'cancelled', cancelledBy: by, cancelledAt: at });
  }
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function toRun(r: ReassessmentRunRecord): ReassessmentRun {
  return {
    id: r.id,
    districtCode: r.districtCode,
    area: r.area,
    standardVersionId: r.standardVersionId,
    validFrom: r.validFrom,
    status: r.status,
    cursorCaseId: r.cursorCaseId,
    examined: r.examined,
    changed: r.changed,
    increased: r.increased,
    decreased: r.decreased,
    leavingDibao: r.leavingDibao,
    failed: r.failed,
    monthlyBudgetDeltaFen: r.monthlyBudgetDeltaFen,
    settlementFen: r.settlementFen,
    attempts: r.attempts,
    lastError: r.lastError,
    failedAt: iso(r.failedAt),
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt.toISOString(),
    startedAt: iso(r.startedAt),
    completedAt: iso(r.completedAt),
    retriedBy: r.retriedBy,
    retriedAt: iso(r.retriedAt),
    cancelledBy: r.cancelledBy,
    cancelledAt: iso(r.cancelledAt),
  };
}
