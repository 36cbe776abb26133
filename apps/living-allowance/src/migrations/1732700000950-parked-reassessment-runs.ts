import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run that keeps failing is parked as `failed` with its reason instead of being retried forever
 * ahead of every later run (runs are worked oldest first); an administrator retries or cancels it,
 * and who did so, when, is kept on the run.
 */
export class ParkedReassessmentRuns1732700000950 implements MigrationInterface {
  name = 'ParkedReassessmentRuns1732700000950';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reassessment_runs DROP CONSTRAINT reassessment_runs_status_check`);
    await q.query(`ALTER TABLE reassessment_runs ADD CONSTRAINT reassessment_runs_status_check CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled'))`);
    await q.query(`
      ALTER TABLE reassessment_runs
        ADD COLUMN attempts     int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        ADD COLUMN last_error   text,
        ADD COLUMN failed_at    timestamptz,
        ADD COLUMN retried_by   text,
        ADD COLUMN retried_at   timestamptz,
        ADD COLUMN cancelled_by text,
        ADD COLUMN cancelled_at timestamptz`);
    await q.query(`DROP INDEX reassessment_runs_open`);
    await q.query(`CREATE INDEX reassessment_runs_open ON reassessment_runs (requested_at, id) WHERE status IN ('pending', 'running')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reassessment_runs_open`);
    await q.query(`CREATE INDEX reassessment_runs_open ON reassessment_runs (requested_at) WHERE status <> 'completed'`);
    await q.query(`ALTER TABLE reassessment_runs DROP COLUMN attempts, DROP COLUMN last_error, DROP COLUMN failed_at, DROP COLUMN retried_by, DROP COLUMN retried_at, DROP COLUMN cancelled_by, DROP COLUMN cancelled_at`);
    await q.query(`ALTER TABLE reassessment_runs DROP CONSTRAINT reassessment_runs_status_check`);
    await q.query(`ALTER TABLE reassessment_runs ADD CONSTRAINT reassessment_runs_status_check CHECK (status IN ('pending', 'running', 'completed'))`);
  }
}
