import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whose case it is (issue 11): the applicant's name, address and phone, kept with the case. Personal
 * data: the repository reads and writes it, the case view shows it; no event or log carries it. A
 * name is searched within one township, so the index leads with the township.
 */
export class CaseContacts1732700001110 implements MigrationInterface {
  name = 'CaseContacts1732700001110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications ADD COLUMN contact_name text, ADD COLUMN contact_address text, ADD COLUMN contact_phone text`);
    await q.query(`CREATE INDEX applications_contact_name ON applications (township_code, contact_name) WHERE contact_name IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX applications_contact_name`);
    await q.query(`ALTER TABLE applications DROP COLUMN contact_name, DROP COLUMN contact_address, DROP COLUMN contact_phone`);
  }
}
