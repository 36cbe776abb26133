import { MigrationInterface, QueryRunner } from 'typeorm';

export class ElderAssessmentSchema1740000000100 implements MigrationInterface {
  name = 'ElderAssessmentSchema1740000000100';

  async up(q: QueryRunner): Promise<void> {
    // Rules as data: every published number with its date, source and publisher; never updated in place.
    // The same shape as the living-allowance catalog, so one reader serves both.
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

    // The resident ID number is never stored: the person is its keyed hash, shown by a masked copy,
    // and the birth date read from it decides the elder age.
    await q.query(`
      CREATE TABLE assessments (
        id                   uuid PRIMARY KEY,
        person_ref           char(64) NOT NULL,
        masked_id            text NOT NULL,
        birth_date           date NOT NULL,
        district_code        char(6) NOT NULL,
        township_code        char(9),
        reason               text NOT NULL CHECK (reason IN ('first', 'routine', 'immediate', 'dispute')),
        status               text NOT NULL CHECK (status IN ('draft', 'completed', 'disputed', 'superseded')),
        assessors            text[] NOT NULL,
        assessed_on          date NOT NULL,
        input                jsonb NOT NULL,
        result               jsonb,
        level                text,
        total                int,
        self_care            text,
        valid_until          date,
        supersedes           uuid REFERENCES assessments (id),
        superseded_by        uuid REFERENCES assessments (id),
        dispute              jsonb,
        completed_by         text,
        completed_at         timestamptz,
        overdue_announced_on date,
        version              int NOT NULL,
        created_by           text NOT NULL,
        created_at           timestamptz NOT NULL,
        updated_by           text NOT NULL,
        updated_at           timestamptz NOT NULL,
        CHECK (status = 'draft' OR (result IS NOT NULL AND level IS NOT NULL AND valid_until IS NOT NULL)),
        CHECK ((status = 'superseded') = (superseded_by IS NOT NULL))
      )`);
    // One current result per person: other services act on it, so two completions racing for the
    // same elder cannot both stand.
    await q.query(`CREATE UNIQUE INDEX assessments_one_current_per_person ON assessments (person_ref) WHERE status IN ('completed', 'disputed')`);
    await q.query(`CREATE INDEX assessments_person ON assessments (person_ref, assessed_on DESC, created_at DESC)`);
    await q.query(`CREATE INDEX assessments_current_due ON assessments (valid_until, district_code, township_code) WHERE status IN ('completed', 'disputed')`);

    await q.query(`
      CREATE TABLE assessment_history (
        id            bigserial PRIMARY KEY,
        assessment_id uuid NOT NULL REFERENCES assessments (id),
        action        text NOT NULL,
        from_status   text,
        to_status     text NOT NULL,
        actor         text NOT NULL,
        at            timestamptz NOT NULL,
        note          text
      )`);
    await q.query(`CREATE INDEX assessment_history_assessment ON assessment_history (assessment_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['assessment_history', 'assessments', 'parameter_versions']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
