import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The recomputation of entitlements after a new dibao standard works through a district's paying
 * cases in batches, by id, picking those whose entitlement does not yet stand on the latest
 * standard (the version it names in `entitlement.parameterVersions`): one index serves the walk.
 * A standard kept waits with `recomputed_at` null until its district and area have none left; the
 * worker looks only for those, so an idle pass costs one indexed read of a small table. Standards
 * kept before this migration were applied as they arrived.
 */
export class HardshipRecomputeByBatch1750000000500 implements MigrationInterface {
  name = 'HardshipRecomputeByBatch1750000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX hardship_cases_paying_by_id ON hardship_cases (district_code, area, id) WHERE status IN ('supported', 'terminating')`);
    await q.query(`DROP INDEX hardship_cases_paying`);
    await q.query(`ALTER TABLE dibao_standards ADD COLUMN recomputed_at timestamptz`);
    await q.query(`UPDATE dibao_standards SET recomputed_at = received_at`);
    await q.query(`CREATE INDEX dibao_standards_awaiting_recomputation ON dibao_standards (district_code, area) WHERE recomputed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dibao_standards DROP COLUMN recomputed_at`);
    await q.query(`CREATE INDEX hardship_cases_paying ON hardship_cases (district_code, area) WHERE status IN ('supported', 'terminating')`);
    await q.query(`DROP INDEX hardship_cases_paying_by_id`);
  }
}
