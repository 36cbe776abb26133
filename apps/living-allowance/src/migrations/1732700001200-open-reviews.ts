import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A review opened out of turn when a household reports a change (变更申报/临时复核): the case keeps it
 * until the review is decided, and the review queue offers such cases with the due ones. Few cases
 * have one open at a time, so a partial index keeps the queue's look-up of them small.
 */
export class OpenReviews1732700001200 implements MigrationInterface {
  name = 'OpenReviews1732700001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications ADD COLUMN open_review jsonb`);
    await q.query(`CREATE INDEX applications_open_reviews ON applications (filed_at, id) WHERE open_review IS NOT NULL AND status = 'approved'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX applications_open_reviews`);
    await q.query(`ALTER TABLE applications DROP COLUMN open_review`);
  }
}
