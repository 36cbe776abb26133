import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What this service knows of each person's elder ability assessment (老年人能力评估), learnt from the
 * elder-assessment service's events — never by reading that service's database. One row per person:
 * the current assessment, replaced by a newer or a superseding one.
 */
export class AbilityLevels1732700000800 implements MigrationInterface {
  name = 'AbilityLevels1732700000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person_ability_levels (
        person_ref        text PRIMARY KEY,
        assessment_id     uuid NOT NULL,
        level             text NOT NULL CHECK (level IN ('intact', 'mild', 'moderate', 'severe', 'complete')),
        total             int NOT NULL,
        self_care_ability text NOT NULL,
        district_code     text NOT NULL,
        assessed_on       date NOT NULL,
        valid_until       date NOT NULL,
        superseded        boolean NOT NULL DEFAULT false,
        recorded_at       timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_ability_levels`);
  }
}
