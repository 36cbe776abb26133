import { MigrationInterface, QueryRunner } from 'typeorm';

export class LivingAllowanceSchema1732700000100 implements MigrationInterface {
  name = 'LivingAllowanceSchema1732700000100';

  async up(q: QueryRunner): Promise<void> {
    // Rules as data: every published number with its date, source and publisher; never updated in place.
    await q.query(`
      CREATE TABLE parameter_versions (
        version_id   text PRIMARY KEY,
        key          text NOT NULL,
        scope        text NOT NULL DEFAULT '',
        valid_from   date NOT NULL,
        value        jsonb NOT NULL,
        unit         text NOT NULL,
        legal_source text NOT NULL,
        note         text,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by text NOT NULL
      )`);
    await q.query(`CREATE INDEX parameter_versions_lookup ON parameter_versions (key, scope, valid_from)`);

    await q.query(`
      CREATE TABLE applications (
        id                  uuid PRIMARY KEY,
        coverage            text NOT NULL CHECK (coverage IN ('household', 'single_person')),
        parent_id           uuid REFERENCES applications (id),
        member_index        int,
        household_ref       char(64) NOT NULL,
        district_code       char(6) NOT NULL,
        area                text NOT NULL,
        household           jsonb NOT NULL,
        status              text NOT NULL,
        assessment          jsonb,
        granted             text,
        monthly_benefit_fen bigint,
        effective_month     char(7),
        decided_on          date,
        rejection_reason    text,
        version             int NOT NULL,
        filed_by            text NOT NULL,
        filed_at            timestamptz NOT NULL,
        updated_by          text NOT NULL,
        updated_at          timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX applications_queue ON applications (status, district_code, filed_at)`);
    await q.query(`CREATE INDEX applications_household ON applications (household_ref)`);
    await q.query(`CREATE UNIQUE INDEX applications_one_inclusion_per_member ON applications (parent_id, member_index) WHERE parent_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE case_history (
        id             bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications (id),
        action         text NOT NULL,
        from_status    text,
        to_status      text NOT NULL,
        actor          text NOT NULL,
        at             timestamptz NOT NULL,
        reason_code    text,
        note           text
      )`);
    await q.query(`CREATE INDEX case_history_application ON case_history (application_id, id)`);

    // One person, one active household: the partial unique index is the guard, so two caseworkers
    // filing the same person at the same moment cannot both succeed.
    await q.query(`
      CREATE TABLE household_memberships (
        person_ref     char(64) NOT NULL,
        application_id uuid NOT NULL REFERENCES applications (id),
        member_index   int NOT NULL,
        active         boolean NOT NULL DEFAULT true,
        PRIMARY KEY (application_id, member_index)
      )`);
    await q.query(`CREATE UNIQUE INDEX household_memberships_one_active ON household_memberships (person_ref) WHERE active`);

    await q.query(`
      CREATE TABLE low_income_households (
        household_ref         char(64) PRIMARY KEY,
        application_id        uuid NOT NULL REFERENCES applications (id),
        district_code         char(6) NOT NULL,
        area                  text NOT NULL,
        household_size        int NOT NULL,
        per_capita_income_fen bigint NOT NULL,
        registered_on         date NOT NULL,
        registered_by         text NOT NULL,
        active                boolean NOT NULL,
        removed_on            date,
        removal_reason        text,
        removed_by            text
      )`);
    await q.query(`CREATE INDEX low_income_households_district ON low_income_households (district_code) WHERE active`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['low_income_households', 'household_memberships', 'case_history', 'applications', 'parameter_versions']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
