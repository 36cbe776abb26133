import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `needs_review` was set on a case a new standard would take out of dibao, and nothing ever read
 * it: no queue showed those households to anyone. Such a case now has its review brought forward
 * instead (`review_due_on`), so it reaches the review queue that officers work through. Cases
 * flagged before this migration get the same treatment on their next reassessment; a flag that
 * nobody read carried no decision, so dropping it loses nothing.
 */
export class ReviewInsteadOfFlag1732700000960 implements MigrationInterface {
  name = 'ReviewInsteadOfFlag1732700000960';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications DROP COLUMN IF EXISTS needs_review`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications ADD COLUMN needs_review boolean NOT NULL DEFAULT false`);
  }
}
