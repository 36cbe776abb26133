import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Periodic review (复核) and gradual exit (渐退期) of paying cases, and the claim (with a lease) that
 * keeps two officers off one case: `FOR UPDATE SKIP LOCKED` hands concurrent claimers different rows.
 */
export class PeriodicReview1732700000400 implements MigrationInterface {
  name = 'PeriodicReview1732700000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications
      ADD COLUMN review_due_on date,
      ADD COLUMN review_announced_on date,
      ADD COLUMN exiting_until char(7),
      ADD COLUMN claimed_by text,
      ADD COLUMN claim_expires_at timestamptz`);
    await q.query(`CREATE INDEX applications_review_queue ON applications (review_due_on, filed_at, id) WHERE status = 'approved' AND granted = 'dibao' AND coverage = 'household'`);
    await q.query(`CREATE INDEX applications_exiting ON applications (exiting_until) WHERE exiting_until IS NOT NULL AND status = 'approved'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX applications_exiting`);
    await q.query(`DROP INDEX applications_review_queue`);
    await q.query(`ALTER TABLE applications DROP COLUMN review_due_on, DROP COLUMN review_announced_on, DROP COLUMN exiting_until, DROP COLUMN claimed_by, DROP COLUMN claim_expires_at`);
  }
}
