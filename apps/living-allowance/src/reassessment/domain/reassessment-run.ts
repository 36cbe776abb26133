import { Outcome, ruleViolation, succeed, violate } from '@jiuzhu/common';

/**
 * pending → running → completed, the way every run should go. A run that keeps failing is parked as
 * `failed` with its reason, so the runs behind it go on; an administrator then retries it (back to
 * pending, from its cursor) or cancels it.
 */
export type RunStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';

/**
 * Consecutive failed attempts before a run is parked. The background loop tries again every couple
 * of seconds, so five attempts ride out what passes by itself (a database restart, a lost
 * connection, a deadlock) while a run that cannot work as it stands — its parameters do not resolve
 * on its date — is parked within a quarter of a minute and shows an administrator why.
 */
export const ATTEMPTS_BEFORE_PARKING = 5;

export interface RunState {
  status: RunStatus;
  /** Failed attempts since the last batch that committed. */
  attempts: number;
}

export const isOpen = (s: RunStatus): boolean => s === 'pending' || s === 'running';

/** A failed attempt: counted, and the run parked once it has failed ATTEMPTS_BEFORE_PARKING times in a row. */
export function afterFailedAttempt(run: RunState): RunState {
  const attempts = run.attempts + 1;
  return { status: attempts >= ATTEMPTS_BEFORE_PARKING ? 'failed' : run.status, attempts };
}

/** Retrying a parked run: it goes back to the queue with a fresh count of attempts, and resumes from its cursor. */
export function retryRun(run: RunState): Outcome<RunState> {
  if (run.status !== 'failed') {
    return violate(
      ruleViolation('REASSESSMENT.RUN_NOT_FAILED', 'conflict', {
        zh: `只有已失败的重新核定批次可以重试（当前状态：${run.status}）。`,
        en: `Only a failed reassessment run can be retried (this one is ${run.status}).`,
      }),
    );
  }
  return succeed({ status: 'pending', attempts: 0 });
}

/**
 * Cancelling a run that has not finished. Batches already committed stay: their cases were adjusted
 * and announced, and a later run (or a review) is how they change again.
 */
export function cancelRun(run: RunState): Outcome<RunState> {
  if (run.status === 'completed' || run.status === 'cancelled') {
    return violate(
      ruleViolation('REASSESSMENT.RUN_CLOSED', 'conflict', {
        zh: `重新核定批次已${run.status === 'completed' ? '完成' : '取消'}，不能取消。`,
        en: `The reassessment run is already ${run.status}; it cannot be cancelled.`,
      }),
    );
  }
  return succeed({ status: 'cancelled', attempts: run.attempts });
}
