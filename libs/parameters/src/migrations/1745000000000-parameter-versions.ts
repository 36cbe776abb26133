import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The parameter catalog of a service (rules as data): every published number with its date, source
 * and publisher; never updated in place.
 *
 * Released migrations are never edited, and the first two services' own first migrations
 * (living-allowance 1732700000100, elder-assessment 1740000000100) already create this table. So
 * this one is dated after both and creates only what is missing: on their databases, new or old,
 * it finds the table and does nothing; a service that has no such migration of its own gets the
 * table from here.
 */
export class ParameterVersions1745000000000 implements MigrationInterface {
  name = 'ParameterVersions1745000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS parameter_versions (
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
    await q.query(`CREATE INDEX IF NOT EXISTS parameter_versions_lookup ON parameter_versions (key, scope, valid_from)`);
  }

  /**
   * Nothing: the table may be the one a service's own first migration created (and drops on its
   * way down), and it holds the rules past decisions were made with.
   */
  async down(): Promise<void> {}
}

/** The parameters library's migrations, for a service definition's `migrations`. */
export const PARAMETER_MIGRATIONS = [ParameterVersions1745000000000];
