import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { Clock, LocalDate, monthOf } from '@jiuzhu/common';
import { BenefitAdjusted, BenefitAdjustedV1, ReassessmentCompleted } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { PollingWorker } from '@jiuzhu/platform';
import { ApplicationRepository, PayingCaseRecord } from '../applications/application.repository';
import { Area } from '../parameters/domain/parameter';
import { ParameterCatalog } from '../parameters/parameter-catalog';
import { CaseReassessment, reassessBatch } from './domain/reassess-case';
import { afterFailedAttempt, isOpen } from './domain/reassessment-run';
import { ReassessmentRun, ReassessmentRunRepository } from './reassessment-run.repository';

export type { ReassessmentRun } from './reassessment-run.repository';

/** Who a run's changes are recorded as. */
const RUN_ACTOR = 'system:reassessment';

/** Opens a run in the caller's transaction (the one publishing the standard). */
export async function requestReassessment(
  m: EntityManager,
  r: { districtCode: string; area: Area; standardVersionId: string; validFrom: string; requestedBy: string; requestedAt: Date },
): Promise<string> {
  return new ReassessmentRunRepository(m.connection).open(m, r);
}

/**
 * Works through open reassessment runs in the background, one batch per transaction: the batch's
 * cases, their history lines, their benefit.adjusted events and the run's cursor and totals commit
 * together. A crash (or a replica stopping) loses at most an uncommitted batch, which the next
 * worker redoes from the cursor — so every changed case is announced exactly once.
 *
 * A batch that fails is counted against its run and the pass goes on with the next run: one run that
 * cannot work (its parameters do not resolve) never holds up the others, and after
 * ATTEMPTS_BEFORE_PARKING failures in a row it is parked as failed, with its reason, for an
 * administrator to retry or cancel.
 */
export class ReassessmentRunner {
  private readonly worker: PollingWorker;
  private readonly runs: ReassessmentRunRepository;
  private readonly cases = new ApplicationRepository();

  constructor(
    private readonly ds: DataSource,
    private readonly catalog: ParameterCatalog,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly batchSize = 1000,
    private readonly idlePollMs = 2000,
    private readonly audit = new AuditTrail(clock),
  ) {
    this.runs = new ReassessmentRunRepository(ds);
    this.worker = new PollingWorker({ log, what: 'reassessment', pass: () => this.drain(), idleMs: idlePollMs });
  }

  start(): void {
    this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  nudge(): void {
    this.worker.nudge();
  }

  list(limit = 50): Promise<ReassessmentRun[]> {
    return this.runs.list(limit);
  }

  get(id: string): Promise<ReassessmentRun | undefined> {
    return this.runs.get(id);
  }

  /**
   * One pass over the open runs, oldest first, each to completion; a run whose batch fails has the
   * failure recorded and is left for the next pass. Returns the batches committed.
   */
  async drain(): Promise<number> {
    let batches = 0;
    const failedThisPass: string[] = [];
    for (let id = await this.runs.nextOpen(failedThisPass); id !== undefined; id = await this.runs.nextOpen(failedThisPass)) {
      try {
        for (let more = true; more; batches++) more = (await this.processBatch(id)) === 'more';
      } catch (e) {
        failedThisPass.push(id);
        await this.recordFailure(id, e);
      }
    }
    return batches;
  }

  /** One batch of one run; 'more' while cases remain. */
  async processBatch(runId: string): Promise<'more' | 'done'> {
    const head = await this.runs.get(runId);
    if (!head || !isOpen(head.status)) return 'done';
    // Parameters are resolved before the transaction, so it never waits for a second pool connection.
    const params = await this.catalog.resolve(head.districtCode, head.area, head.validFrom);
    if (!params.ok) throw new Error(`parameters for ${head.districtCode}/${head.area} on ${head.validFrom} do not resolve (${params.reason})`);
    const today = this.clock.today();
    const now = this.clock.now();

    return this.audit.transaction(this.ds, async (m) => {
      const run = await this.runs.lock(m, runId);
      if (!run || !isOpen(run.status)) return 'done';
      const cases = await this.cases.payingCasesBatch(m, { districtCode: run.districtCode, area: run.area, after: run.cursorCaseId, limit: this.batchSize, lock: true });
      const batch = reassessBatch(cases, params.value, run.validFrom, monthOf(today));
      for (const u of batch.undecided) this.log.warn({ runId, caseId: u.caseId, codes: u.codes }, 'reassessment: case could not be re-decided; left as it is');

      // Each re-decision is a decision of its case, kept beside the approved one, and stored compactly
      // (amounts, parameter versions, the decision whose facts it re-decided): its explanation is the
      // same pure assessment re-run on those facts and versions when someone reads it. One multi-row
      // statement for the batch, never a row at a time.
      await this.cases.saveRedecisions(m, {
        runId,
        standardVersionId: run.standardVersionId,
        decidedOn: today,
        decidedFor: run.validFrom,
        parameterVersions: params.value.versions,
        updatedBy: RUN_ACTOR,
        historyActor: `${RUN_ACTOR}:${runId}`,
        at: now.toISOString(),
        changed: batch.changed.map((r) => ({
          caseId: r.caseId,
          oldMonthlyFen: r.oldMonthlyFen,
          newMonthlyFen: r.newMonthlyFen,
          fromMonth: r.adjustedFromMonth,
          outcome: r.decision.outcome,
          note: `${run.standardVersionId}: ${r.oldMonthlyFen} → ${r.newMonthlyFen} fen/month from ${r.adjustedFromMonth}`,
        })),
        leavingDibao: batch.leavingDibao,
      });
      const byId = new Map(cases.map((c) => [c.id, c]));
      await this.outbox.appendMany(m, BenefitAdjusted, batch.changed.map((r) => benefitAdjusted(byId.get(r.caseId)!, r, run, today)));

      // One audit row per batch, not per case: a run over 100 000 cases stays set-based (a hundred
      // appends, not 100 000 queued on the chain's lock). The row names the run and the count; each
      // case's own history line names the run, and the digests cover exactly which cases the batch
      // read and what it changed them to.
      this.audit.record(m, {
        actor: { id: RUN_ACTOR },
        action: 'reassessment.batch',
        target: auditTarget('reassessment_run', runId),
        count: batch.changed.length + batch.leavingDibao.length,
        before: digestOf(cases.map((c) => [c.id, c.monthlyBenefitFen])),
        after: digestOf({ changed: batch.changed.map((r) => [r.caseId, r.newMonthlyFen]), reviewBroughtForward: batch.leavingDibao }),
        at: now,
      });
      const done = cases.length < this.batchSize;
      await this.runs.advance(m, run, { cursorCaseId: cases.length ? cases[cases.length - 1].id : null, totals: batch.totals, undecided: batch.undecided.length, done, at: now });
      if (done) await this.announceCompleted(m, runId, today);
      return done ? 'done' : 'more';
    });
  }

  private async announceCompleted(m: EntityManager, runId: string, today: LocalDate): Promise<void> {
    const run = (await this.runs.get(runId, m))!;
    await this.outbox.append(m, ReassessmentCompleted, {
      runId,
      districtCode: run.districtCode,
      area: run.area,
      standardVersionId: run.standardVersionId,
      casesExamined: run.examined,
      casesChanged: run.changed,
      casesLeavingDibao: run.leavingDibao,
      monthlyBudgetDeltaFen: run.monthlyBudgetDeltaFen,
      settlementFen: run.settlementFen,
      completedOn: today,
    });
    this.log.info({ runId, examined: run.examined, changed: run.changed }, 'reassessment completed');
  }

  private async recordFailure(runId: string, e: unknown): Promise<void> {
    const reason = e instanceof Error ? e.message : String(e);
    const parked = await this.ds.transaction(async (m) => {
      const run = await this.runs.lock(m, runId);
      if (!run || !isOpen(run.status)) return false;
      const next = afterFailedAttempt(run);
      await this.runs.recordFailure(m, run, next, reason, this.clock.now());
      return next.status === 'failed';
    });
    this.log.error({ runId, err: e instanceof Error ? { message: e.message, stack: e.stack } : reason, parked }, parked ? 'reassessment run failed too often; parked' : 'reassessment batch failed; will retry');
  }
}

function benefitAdjusted(c: PayingCaseRecord, r: CaseReassessment, run: ReassessmentRun, today: LocalDate): BenefitAdjustedV1 {
  return {
    caseId: c.id,
    reason: 'NEW_STANDARD',
    householdRef: c.householdRef,
    coverage: c.coverage,
    districtCode: c.districtCode,
    area: c.area,
    oldMonthlyBenefitFen: r.oldMonthlyFen,
    newMonthlyBenefitFen: r.newMonthlyFen,
    adjustedFromMonth: r.adjustedFromMonth,
    monthsPaidAtOldAmount: r.monthsPaidAtOldAmount,
    settlementFen: r.settlementFen,
    standardVersionId: run.standardVersionId,
    reassessmentRunId: run.id,
    adjustedOn: today,
  };
}
