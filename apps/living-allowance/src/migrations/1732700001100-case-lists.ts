import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lists people work from (issue 11): a caseworker's drafts and filed cases, the claims an officer
 * holds, a township's cases by stage, a person's cases. Each is read a page at a time, newest first,
 * with its total, so each has an index that serves both its filter and its order.
 */
export class CaseLists1732700001100 implements MigrationInterface {
  name = 'CaseLists1732700001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX applications_filed_by ON applications (filed_by, filed_at, id)`);
    await q.query(`CREATE INDEX applications_claimed_by ON applications (claimed_by, claim_expires_at) WHERE claimed_by IS NOT NULL`);
    await q.query(`CREATE INDEX applications_township_stage ON applications (township_code, status, filed_at, id)`);
    await q.query(`CREATE INDEX applications_newest ON applications (filed_at, id)`);
    // The one-active index covers active memberships only; a person's list includes closed cases.
    await q.query(`CREATE INDEX household_memberships_person ON household_memberships (person_ref)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX household_memberships_person`);
    await q.query(`DROP INDEX applications_newest`);
    await q.query(`DROP INDEX applications_township_stage`);
    await q.query(`DROP INDEX applications_claimed_by`);
    await q.query(`DROP INDEX applications_filed_by`);
  }
}
