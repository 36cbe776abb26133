import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { Clock, monthOf } from '@jiuzhu/common';
import { BenefitAdjusted, BenefitAdjustedV1, ReassessmentCompleted } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { Area } from '../parameters/domain/parameter';
import { ParameterCatalog } from '../parameters/parameter-catalog';
import { addToTotals, CaseReassessment, emptyTotals, reassessCase } from './domain/reassess-case';
import { payingCasesAfter } from './paying-cases';

export interface ReassessmentRun {
  id: string;
  districtCode: string;
  area: Area;
  standardVersionId: string;
  validFrom: string;
  status: 'pending' | 'running' | 'completed';
  cursorCaseId: string | null;
  examined: number;
  changed: number;
  increased: number;
  decreased: number;
  leavingDibao: number;
  failed: number;
  monthlyBudgetDeltaFen: number;
  settlementFen: number;
  requestedBy: string;
  requestedAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

const RUN_COLUMNS = `id, district_code, area, standard_version_id, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, status, cursor_case_id,
  examined, changed, increased, decreased, leaving_dibao, failed, monthly_budget_delta_fen, settlement_fen, requested_by, requested_at, started_at, completed_at`;

/** Opens a run in the caller's transaction (the one publishing the standard). */
export async function requestReassessment(
  m: EntityManager,
  r: { districtCode: string; area: Area; standardVersionId: string; validFrom: string; requestedBy: string },
): Promise<string> {
  const id = randomUUID();
  await m.query(
    `INSERT INTO reassessment_runs (id, district_code, area, standard_version_id, valid_from, status, requested_by) VALUES ($1,$2,$3,$4,$5,'pending',$6)`,
    [id, r.districtCode, r.area, r.standardVersionId, r.validFrom, r.requestedBy],
  );
  return id;
}

/**
 * Works through open reassessment runs in the background, one batch per transaction: the batch's
 * cases, their history lines, their benefit.adjusted events and the run's cursor and totals commit
 * together. A crash (or a replica stopping) loses at most an uncommitted batch, which the next
 * worker redoes from the cursor — so every changed case is announced exactly once.
 */
export class ReassessmentRunner {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly ds: DataSource,
    private readonly catalog: ParameterCatalog,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly batchSize = 1000,
    private readonly idlePollMs = 2000,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  nudge(): void {
    this.wake?.();
  }

  async list(limit = 50): Promise<ReassessmentRun[]> {
    return (await this.ds.query(`SELECT ${RUN_COLUMNS} FROM reassessment_runs ORDER BY requested_at DESC LIMIT $1`, [limit])).map(toRun);
  }

  async get(id: string): Promise<ReassessmentRun | undefined> {
    const rows = await this.ds.query(`SELECT ${RUN_COLUMNS} FROM reassessment_runs WHERE id = $1`, [id]);
    return rows.length ? toRun(rows[0]) : undefined;
  }

  /** Runs every open run to completion (tests and the background loop). */
  async drain(): Promise<number> {
    let batches = 0;
    for (;;) {
      const [open] = await this.ds.query(`SELECT id FROM reassessment_runs WHERE status <> 'completed' ORDER BY requested_at, id LIMIT 1`);
      if (!open) return batches;
      while ((await this.processBatch(open.id)) === 'more') batches++;
      batches++;
    }
  }

  /** One batch of one run; 'more' while cases remain. */
  async processBatch(runId: string): Promise<'more' | 'done'> {
    const head = await this.get(runId);
    if (!head || head.status === 'completed') return 'done';
    // Parameters are resolved before the transaction, so it never waits for a second pool connection.
    const params = await this.catalog.resolve(head.districtCode, head.area, head.validFrom);
    if (!params.ok) throw new Error(`reassessment ${runId}: parameters for ${head.districtCode}/${head.area} on ${head.validFrom} do not resolve (${params.reason})`);
    const today = this.clock.today();
    const currentMonth = monthOf(today);
    const at = this.clock.now().toISOString();

    return this.ds.transaction(async (m) => {
      const [locked] = (await m.query(`SELECT ${RUN_COLUMNS} FROM reassessment_runs WHERE id = $1 FOR UPDATE`, [runId])).map(toRun);
      if (locked.status === 'completed') return 'done';
      const cases = await payingCasesAfter(m, { districtCode: locked.districtCode, area: locked.area, after: locked.cursorCaseId, limit: this.batchSize, lock: true });
      const totals = emptyTotals();
      const changed: Array<{ row: (typeof cases)[number]; r: CaseReassessment }> = [];
      const leaving: string[] = [];
      let failed = 0;
      for (const row of cases) {
        const r = reassessCase(row, params.value, locked.validFrom, currentMonth);
        if ('error' in r) {
          failed++;
          this.log.warn({ runId, caseId: row.id, codes: r.error }, 'reassessment: case could not be re-decided; left as it is');
          continue;
        }
        addToTotals(totals, r);
        if (r.leavesDibao) leaving.push(row.id);
        if (r.newMonthlyFen !== r.oldMonthlyFen) changed.push({ row, r });
      }

      if (changed.length) {
        // The re-decision is stored compactly (amounts and parameter versions); its explanation is the
        // same pure assessment re-run on those versions when someone reads the case.
        const parameterVersions = JSON.stringify(params.value.versions);
        await m.query(
          `UPDATE applications a SET monthly_benefit_fen = v.fen, version = a.version + 1, updated_by = $4, updated_at = $5,
              redecision = jsonb_build_object('runId', $6::text, 'standardVersionId', $7::text, 'decidedFor', $8::text,
                'oldMonthlyFen', v.old_fen, 'newMonthlyFen', v.fen, 'parameterVersions', $9::jsonb)
             FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS v(id, old_fen, fen) WHERE a.id = v.id`,
          [changed.map((c) => c.row.id), changed.map((c) => c.r.oldMonthlyFen), changed.map((c) => c.r.newMonthlyFen), 'system:reassessment', at, runId, locked.standardVersionId, locked.validFrom, parameterVersions],
        );
        await m.query(
          `INSERT INTO case_history (application_id, action, from_status, to_status, actor, at, reason_code, note)
           SELECT id, 'reassess', 'approved', 'approved', $2, $3, 'NEW_STANDARD', note FROM unnest($1::uuid[], $4::text[]) AS t(id, note)`,
          [changed.map((c) => c.row.id), `system:reassessment:${runId}`, at, changed.map((c) => `${locked.standardVersionId}: ${c.r.oldMonthlyFen} → ${c.r.newMonthlyFen} fen/month from ${c.r.adjustedFromMonth}`)],
        );
        const events: BenefitAdjustedV1[] = changed.map(({ row, r }) => ({
          caseId: row.id,
          reason: 'NEW_STANDARD',
          householdRef: row.householdRef,
          coverage: row.coverage,
          districtCode: row.districtCode,
          area: row.area,
          oldMonthlyBenefitFen: r.oldMonthlyFen,
          newMonthlyBenefitFen: r.newMonthlyFen,
          adjustedFromMonth: r.adjustedFromMonth,
          monthsPaidAtOldAmount: r.monthsPaidAtOldAmount,
          settlementFen: r.settlementFen,
          standardVersionId: locked.standardVersionId,
          reassessmentRunId: runId,
          adjustedOn: today,
        }));
        await this.outbox.appendMany(m, BenefitAdjusted, events);
      }
      if (leaving.length) await m.query(`UPDATE applications SET needs_review = true WHERE id = ANY($1::uuid[])`, [leaving]);

      const done = cases.length < this.batchSize;
      const [after] = (
        await m.query(
          `UPDATE reassessment_runs SET cursor_case_id = coalesce($2, cursor_case_id), examined = examined + $3, changed = changed + $4, increased = increased + $5,
              decreased = decreased + $6, leaving_dibao = leaving_dibao + $7, failed = failed + $8, monthly_budget_delta_fen = monthly_budget_delta_fen + $9,
              settlement_fen = settlement_fen + $10, status = $11, started_at = coalesce(started_at, now()), completed_at = CASE WHEN $11 = 'completed' THEN now() END
            WHERE id = $1 RETURNING ${RUN_COLUMNS}`,
          [runId, cases.length ? cases[cases.length - 1].id : null, totals.examined, totals.changed, totals.increased, totals.decreased, totals.leavingDibao, failed,
            totals.monthlyBudgetDeltaFen, totals.settlementFen, done ? 'completed' : 'running'],
        )
      )[0].map(toRun);
      if (done) {
        await this.outbox.append(m, ReassessmentCompleted, {
          runId,
          districtCode: after.districtCode,
          area: after.area,
          standardVersionId: after.standardVersionId,
          casesExamined: after.examined,
          casesChanged: after.changed,
          casesLeavingDibao: after.leavingDibao,
          monthlyBudgetDeltaFen: after.monthlyBudgetDeltaFen,
          settlementFen: after.settlementFen,
          completedOn: today,
        });
        this.log.info({ runId, examined: after.examined, changed: after.changed }, 'reassessment completed');
      }
      return done ? 'done' : 'more';
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.drain();
      } catch (e) {
        this.log.error({ err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'reassessment batch failed; will retry');
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.idlePollMs);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }
}

function toRun(r: Record<string, any>): ReassessmentRun {
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
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at).toISOString(),
    startedAt: r.started_at ? new Date(r.started_at).toISOString() : null,
    completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
  };
}
