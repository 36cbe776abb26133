import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Care institutions (供养服务机构, 敬老院), their beds, and where each supported person is cared for
 * over time (集中供养 / 分散供养; policy.md §3 "Care"). Occupancy is a fact of the database, not of
 * application code: a bed's current period is unique, so two officers placing two persons in one
 * bed at the same moment cannot both succeed.
 */
export class HardshipCareInstitutions1750000000200 implements MigrationInterface {
  name = 'HardshipCareInstitutions1750000000200';

  async up(q: QueryRunner): Promise<void> {
    // A county's 供养服务机构 has no township (it serves the whole district); a township's 敬老院 has one.
    await q.query(`
      CREATE TABLE care_institutions (
        id            uuid PRIMARY KEY,
        name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        kind          text NOT NULL CHECK (kind IN ('support_facility', 'elderly_home')),
        district_code char(6) NOT NULL,
        township_code char(9) CHECK (township_code IS NULL OR left(township_code, 6) = district_code),
        version       int NOT NULL,
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL,
        updated_by    text NOT NULL,
        updated_at    timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX care_institutions_one_name_per_district ON care_institutions (district_code, name)`);

    // A retired bed keeps its row (its past occupants' periods name it) and frees its code.
    await q.query(`
      CREATE TABLE care_beds (
        id             uuid PRIMARY KEY,
        institution_id uuid NOT NULL REFERENCES care_institutions (id),
        code           text NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
        kind           text NOT NULL CHECK (kind IN ('nursing', 'ordinary')),
        added_on       date NOT NULL,
        added_by       text NOT NULL,
        retired_on     date,
        retired_by     text,
        CHECK ((retired_on IS NULL) = (retired_by IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX care_beds_one_code_in_service ON care_beds (institution_id, code) WHERE retired_on IS NULL`);
    await q.query(`CREATE INDEX care_beds_institution ON care_beds (institution_id)`);

    // Where a supported person is cared for, from which day until which: the open period (until_on
    // NULL) is the current one. One open period per case; one open period per bed (occupancy).
    await q.query(`
      CREATE TABLE care_setting_periods (
        id             bigserial PRIMARY KEY,
        case_id        uuid NOT NULL REFERENCES hardship_cases (id),
        care_setting   text NOT NULL CHECK (care_setting IN ('home', 'institution')),
        institution_id uuid REFERENCES care_institutions (id),
        bed_id         uuid REFERENCES care_beds (id),
        from_on        date NOT NULL,
        until_on       date,
        reason         text NOT NULL CHECK (reason IN ('registered', 'placed', 'transferred', 'returned_home')),
        set_by         text NOT NULL,
        set_at         timestamptz NOT NULL,
        end_reason     text CHECK (end_reason IN ('placed', 'transferred', 'returned_home', 'terminated')),
        ended_by       text,
        ended_at       timestamptz,
        CHECK ((care_setting = 'institution') = (institution_id IS NOT NULL AND bed_id IS NOT NULL)),
        CHECK (care_setting = 'institution' OR (institution_id IS NULL AND bed_id IS NULL)),
        CHECK (until_on IS NULL OR until_on >= from_on),
        CHECK ((until_on IS NULL) = (end_reason IS NULL) AND (until_on IS NULL) = (ended_by IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX care_setting_periods_one_person_per_bed ON care_setting_periods (bed_id) WHERE until_on IS NULL AND bed_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX care_setting_periods_one_current_per_case ON care_setting_periods (case_id) WHERE until_on IS NULL`);
    await q.query(`CREATE INDEX care_setting_periods_case ON care_setting_periods (case_id, id)`);

    // The cases confirmed before this migration: their setting as it stands, from their confirmation.
    await q.query(`
      INSERT INTO care_setting_periods (case_id, care_setting, from_on, until_on, reason, set_by, set_at, end_reason, ended_by, ended_at)
      SELECT id, 'home', (confirmation ->> 'on')::date,
             CASE WHEN status = 'terminated' THEN (termination ->> 'decidedOn')::date END,
             'registered', confirmation ->> 'by', updated_at,
             CASE WHEN status = 'terminated' THEN 'terminated' END,
             CASE WHEN status = 'terminated' THEN termination ->> 'decidedBy' END,
             CASE WHEN status = 'terminated' THEN updated_at END
        FROM hardship_cases
       WHERE status IN ('supported', 'terminating', 'terminated') AND care_setting = 'home'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['care_setting_periods', 'care_beds', 'care_institutions']) await q.query(`DROP TABLE ${t}`);
  }
}
