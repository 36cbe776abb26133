import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { Clock, NotFound, Outcome, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { cancelRun, RunState, retryRun } from './domain/reassessment-run';
import { ReassessmentRun, ReassessmentRunRepository } from './reassessment-run.repository';

/**
 * An administrator's decision about a run that could not finish: retry it (after fixing what made it
 * fail, e.g. publishing the missing parameter) or cancel it. Who decided, and when, stays on the run.
 */
export class RetryOrCancelRun {
  constructor(
    private readonly ds: DataSource,
    private readonly runs: ReassessmentRunRepository,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly onRetried: () => void = () => {},
  ) {}

  async retry(id: string, actor: Actor): Promise<ReassessmentRun> {
    const run = await this.decide(id, actor, 'reassessment.retry', retryRun, (m, next, at) => this.runs.markRetried(m, id, next, actor.id, at));
    this.onRetried();
    return run;
  }

  cancel(id: string, actor: Actor): Promise<ReassessmentRun> {
    return this.decide(id, actor, 'reassessment.cancel', cancelRun, (m, _next, at) => this.runs.markCancelled(m, id, actor.id, at));
  }

  private async decide(
    id: string,
    actor: Actor,
    action: string,
    rule: (run: RunState) => Outcome<RunState>,
    save: (m: EntityManager, next: RunState, at: Date) => Promise<void>,
  ): Promise<ReassessmentRun> {
    const at = this.clock.now();
    return this.audit.transaction(this.ds, async (m) => {
      const run = await this.runs.lock(m, id);
      if (!run) throw new NotFound(`Reassessment run ${id}`);
      await save(m, orThrow(rule(run)), at);
      const after = (await this.runs.get(id, m))!;
      this.audit.record(m, { actor, action, target: auditTarget('reassessment_run', id), before: digestOf(run), after: digestOf(after), at });
      return after;
    });
  }
}
