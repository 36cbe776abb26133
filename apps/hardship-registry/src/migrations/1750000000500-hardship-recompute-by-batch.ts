import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The recomputation of entitlements after a new dibao standard works through a district's paying
 * cases in batches, by id, picking those whose entitlement does not yet stand on the district's and
 * area's latest standard (the version it names in `entitlement.parameterVersions`): one index
 * serves that walk, another the worker's check, every second, of whether any such case is left —
 * an index probe per district and area, however many cases there are.
 */
export class HardshipRecomputeByBatch1750000000500 implements MigrationInterface {
  name = 'HardshipRecomputeByBatch1750000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX hardship_cases_paying_by_id ON hardship_cases (district_code, area, id) WHERE status IN ('supported', 'terminating')`);
    await q.query(
      `CREATE INDEX hardship_cases_paying_standard ON hardship_cases (district_code, area, ((entitlement -> 'parameterVersions' ->> 'dibao.standard'))) WHERE status IN ('supported', 'terminating')`,
    );
    await q.query(`DROP INDEX hardship_cases_paying`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX hardship_cases_paying ON hardship_cases (district_code, area) WHERE status IN ('supported', 'terminating')`);
    await q.query(`DROP INDEX hardship_cases_paying_standard`);
    await q.query(`DROP INDEX hardship_cases_paying_by_id`);
  }
}
