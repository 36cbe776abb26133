import { afterFailedAttempt, ATTEMPTS_BEFORE_PARKING, cancelRun, retryRun, RunState, RunStatus } from './reassessment-run';

describe('a reassessment run that fails', () => {
  it(`is tried again until it has failed ${ATTEMPTS_BEFORE_PARKING} times in a row, then parked as failed`, () => {
    let run: RunState = { status: 'running', attempts: 0 };
    for (let i = 1; i < ATTEMPTS_BEFORE_PARKING; i++) {
      run = afterFailedAttempt(run);
      expect(run).toEqual({ status: 'running', attempts: i });
    }
    expect(afterFailedAttempt(run)).toEqual({ status: 'failed', attempts: ATTEMPTS_BEFORE_PARKING });
  });

  it('keeps a run that never started pending while it is being retried', () => {
    expect(afterFailedAttempt({ status: 'pending', attempts: 0 })).toEqual({ status: 'pending', attempts: 1 });
  });
});

describe('an administrator retries or cancels a run', () => {
  it.each<[RunStatus, string | RunState]>([
    ['failed', { status: 'pending', attempts: 0 }],
    ['pending', 'REASSESSMENT.RUN_NOT_FAILED'],
    ['running', 'REASSESSMENT.RUN_NOT_FAILED'],
    ['completed', 'REASSESSMENT.RUN_NOT_FAILED'],
    ['cancelled', 'REASSESSMENT.RUN_NOT_FAILED'],
  ])('retrying a %s run gives %j', (status, expected) => {
    const r = retryRun({ status, attempts: 3 });
    expect(r.ok ? r.value : r.violation.code).toEqual(expected);
  });

  it.each<[RunStatus, boolean]>([
    ['pending', true],
    ['running', true],
    ['failed', true],
    ['completed', false],
    ['cancelled', false],
  ])('cancelling a %s run is allowed: %s (a finished run stays as it finished)', (status, allowed) => {
    const r = cancelRun({ status, attempts: 2 });
    expect(r.ok).toBe(allowed);
    if (r.ok) expect(r.value).toEqual({ status: 'cancelled', attempts: 2 });
    else expect(r.violation).toMatchObject({ code: 'REASSESSMENT.RUN_CLOSED', kind: 'conflict' });
  });
});
