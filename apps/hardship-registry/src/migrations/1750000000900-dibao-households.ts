import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-scheme consistency with living-allowance (issue 13): who is counted in an active dibao
 * household, as living-allowance's case events said (case.approved names the people covered;
 * case.terminated ends the case) — this service never reads another's tables — and the officers'
 * acknowledgements of the conflicts with supported or applying persons here. The conflict itself is
 * derived (a person of an active case here who is, or was while the case was open, in a dibao
 * household); what a person records is that they looked at it, with a note.
 */
export class DibaoHouseholds1750000000900 implements MigrationInterface {
  name = 'DibaoHouseholds1750000000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dibao_households (
        dibao_case_id   uuid NOT NULL,
        person_ref      char(64) NOT NULL,
        coverage        text NOT NULL CHECK (coverage IN ('household', 'single_person')),
        district_code   char(6) NOT NULL,
        approved_on     date NOT NULL,
        effective_month char(7) NOT NULL,
        ended_on        date,
        end_reason      text,
        stops_from_month char(7),
        recorded_at     timestamptz NOT NULL,
        PRIMARY KEY (dibao_case_id, person_ref)
      )`);
    await q.query(`CREATE INDEX dibao_households_person ON dibao_households (person_ref)`);

    await q.query(`
      CREATE TABLE dibao_conflict_acknowledgements (
        case_id         uuid NOT NULL REFERENCES hardship_cases (id),
        dibao_case_id   uuid NOT NULL,
        note            text NOT NULL,
        acknowledged_by text NOT NULL,
        acknowledged_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, dibao_case_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dibao_conflict_acknowledgements`);
    await q.query(`DROP TABLE dibao_households`);
  }
}
