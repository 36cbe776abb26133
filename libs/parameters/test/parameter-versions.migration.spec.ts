import { DataSource } from 'typeorm';
import { openDataSource } from '../../persistence/src';
import { freshDatabase } from '../../../test/support/infra';
import { ElderAssessmentSchema1740000000100 } from '../../../apps/elder-assessment/src/migrations/1740000000100-elder-assessment-schema';
import { LivingAllowanceSchema1732700000100 } from '../../../apps/living-allowance/src/migrations/1732700000100-living-allowance-schema';
import { PARAMETER_MIGRATIONS, ParameterVersionRepository } from '../src';

/**
 * The lib's migration of `parameter_versions`, on real Postgres: it creates the table where a
 * service has none, and is a no-op where a released first migration already made it — on a fresh
 * database (both run, the service's first) and on one migrated by an earlier release.
 */
const opened: DataSource[] = [];
const drops: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const ds of opened) if (ds.isInitialized) await ds.destroy();
  for (const drop of drops) await drop();
});

async function database(prefix: string) {
  const db = await freshDatabase(prefix);
  drops.push(db.drop);
  return {
    async open(migrations: Function[]) {
      const ds = await openDataSource({ url: db.url, applicationName: 'parameters-migration-test', entities: [], migrations });
      opened.push(ds);
      return ds;
    },
  };
}

const columns = async (ds: DataSource) =>
  (await ds.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'parameter_versions' ORDER BY column_name`)).map(
    (r: any) => `${r.column_name}:${r.data_type}`,
  );
const executed = async (ds: DataSource) => (await ds.query(`SELECT name FROM migrations ORDER BY id`)).map((r: any) => r.name);
const hasLookupIndex = async (ds: DataSource) => (await ds.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'parameter_versions_lookup'`)).length === 1;

const SEED = { key: 'test.rule', scope: '', versionId: 'test.rule@2025-01-01', validFrom: '2025-01-01', value: { n: 1 }, unit: 'n', legalSource: 'a test rule' };

describe('the parameter_versions migration of libs/parameters', () => {
  it('creates the table on a database that has none (a new service)', async () => {
    const ds = await (await database('pv_new')).open(PARAMETER_MIGRATIONS);

    expect(await columns(ds)).toEqual([
      'key:text',
      'legal_source:text',
      'note:text',
      'published_at:timestamp with time zone',
      'published_by:text',
      'scope:text',
      'unit:text',
      'valid_from:date',
      'value:jsonb',
      'version_id:text',
    ]);
    expect(await hasLookupIndex(ds)).toBe(true);
    // The very table the released first migrations make, so one repository serves every service.
    const released = await (await database('pv_released')).open([ElderAssessmentSchema1740000000100]);
    expect(await columns(ds)).toEqual(await columns(released));
    expect(await new ParameterVersionRepository(ds).seedMissing([SEED], new Date())).toBe(1);
  });

  it.each([
    ['elder-assessment', ElderAssessmentSchema1740000000100],
    ['living-allowance', LivingAllowanceSchema1732700000100],
  ])('on a fresh %s database it runs after the service’s first migration and changes nothing', async (_service, first) => {
    const ds = await (await database('pv_fresh')).open([first, ...PARAMETER_MIGRATIONS]);

    expect(await executed(ds)).toEqual([first.name, 'ParameterVersions1745000000000']);
    expect((await columns(ds)).length).toBe(10);
    expect(await hasLookupIndex(ds)).toBe(true);
  });

  it.each([
    ['elder-assessment', ElderAssessmentSchema1740000000100],
    ['living-allowance', LivingAllowanceSchema1732700000100],
  ])('on a %s database migrated by an earlier release it is pending, runs as a no-op, and keeps the published versions', async (_service, first) => {
    const db = await database('pv_old');
    const old = await db.open([first]);
    await new ParameterVersionRepository(old).seedMissing([SEED], new Date());
    await old.destroy();

    const ds = await db.open([first, ...PARAMETER_MIGRATIONS]);

    expect(await executed(ds)).toEqual([first.name, 'ParameterVersions1745000000000']);
    const versions = await new ParameterVersionRepository(ds).all();
    expect(versions.map((v) => [v.versionId, v.value])).toEqual([['test.rule@2025-01-01', { n: 1 }]]);
  });
});
