import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-scheme consistency with hardship-registry (issue 13): a person supported as 特困 must not
 * also be counted in an active dibao household.
 * - `hardship_persons`: who hardship-registry supports, as its events said (person.registered /
 *   person.terminated): this service never reads another's tables.
 * - `hardship_conflicts`: a dibao case with a member who is supported as 特困, flagged for an officer,
 *   who resolves it (the member excluded from the covered count at the next decision, or dismissed
 *   with a reason). District and township are the case's, so a list keeps to a jurisdiction in SQL.
 * - `hardship_referrals`: a person leaving 特困 support referred to dibao (转介), a lead a caseworker
 *   takes up or closes with a reason.
 */
export class HardshipConflicts1732700001300 implements MigrationInterface {
  name = 'HardshipConflicts1732700001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hardship_persons (
        person_ref         char(64) NOT NULL,
        hardship_case_id   uuid PRIMARY KEY,
        district_code      char(6) NOT NULL,
        registered_on      date NOT NULL,
        support_from_month char(7) NOT NULL,
        terminated_on      date,
        stops_from_month   char(7),
        recorded_at        timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX hardship_persons_supported ON hardship_persons (person_ref) WHERE terminated_on IS NULL`);

    await q.query(`
      CREATE TABLE hardship_conflicts (
        id                 uuid PRIMARY KEY,
        application_id     uuid NOT NULL REFERENCES applications (id),
        member_index       int NOT NULL,
        person_ref         char(64) NOT NULL,
        hardship_case_id   uuid NOT NULL,
        district_code      char(6) NOT NULL,
        township_code      text,
        registered_on      date NOT NULL,
        support_from_month char(7) NOT NULL,
        status             text NOT NULL CHECK (status IN ('open', 'excluding', 'dismissed', 'lifted')),
        hardship_ended_on  date,
        resolution         jsonb,
        flagged_at         timestamptz NOT NULL,
        version            int NOT NULL,
        updated_by         text NOT NULL,
        updated_at         timestamptz NOT NULL,
        UNIQUE (application_id, hardship_case_id)
      )`);
    await q.query(`CREATE INDEX hardship_conflicts_list ON hardship_conflicts (district_code, township_code, status, flagged_at, id)`);
    await q.query(`CREATE INDEX hardship_conflicts_person ON hardship_conflicts (person_ref)`);

    await q.query(`
      CREATE TABLE hardship_referrals (
        id               uuid PRIMARY KEY,
        hardship_case_id uuid NOT NULL UNIQUE,
        person_ref       char(64) NOT NULL,
        district_code    char(6) NOT NULL,
        township_code    char(9) NOT NULL,
        ground           text NOT NULL,
        requested_on     date NOT NULL,
        status           text NOT NULL CHECK (status IN ('open', 'taken_up', 'closed')),
        taken_up         jsonb,
        closed           jsonb,
        received_at      timestamptz NOT NULL,
        version          int NOT NULL,
        updated_by       text NOT NULL,
        updated_at       timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX hardship_referrals_list ON hardship_referrals (district_code, township_code, status, requested_on, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['hardship_referrals', 'hardship_conflicts', 'hardship_persons']) await q.query(`DROP TABLE ${t}`);
  }
}
