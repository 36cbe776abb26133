import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reassessment run re-decides every paying case of one district and area under a new standard.
 * It advances a cursor batch by batch, each batch in one transaction with its cases and events, so a
 * crash resumes where it stopped and no case is adjusted (or announced) twice.
 */
export class ReassessmentRuns1732700000200 implements MigrationInterface {
  name = 'ReassessmentRuns1732700000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reassessment_runs (
        id                  uuid PRIMARY KEY,
        district_code       char(6) NOT NULL,
        area                text NOT NULL,
        standard_version_id text NOT NULL REFERENCES parameter_versions (version_id),
        valid_from          date NOT NULL,
        status              text NOT NULL CHECK (status IN ('pending', 'running', 'completed')),
        cursor_case_id      uuid,
        examined            int NOT NULL DEFAULT 0,
        changed             int NOT NULL DEFAULT 0,
        increased           int NOT NULL DEFAULT 0,
        decreased           int NOT NULL DEFAULT 0,
        leaving_dibao       int NOT NULL DEFAULT 0,
        failed              int NOT NULL DEFAULT 0,
        monthly_budget_delta_fen bigint NOT NULL DEFAULT 0,
        settlement_fen      bigint NOT NULL DEFAULT 0,
        requested_by        text NOT NULL,
        requested_at        timestamptz NOT NULL DEFAULT now(),
        started_at          timestamptz,
        completed_at        timestamptz
      )`);
    await q.query(`CREATE INDEX reassessment_runs_open ON reassessment_runs (requested_at) WHERE status <> 'completed'`);
    await q.query(`ALTER TABLE applications ADD COLUMN needs_review boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX applications_paying ON applications (district_code, area, id) WHERE status = 'approved' AND granted = 'dibao'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX applications_paying`);
    await q.query(`ALTER TABLE applications DROP COLUMN needs_review`);
    await q.query(`DROP TABLE reassessment_runs`);
  }
}
