import { StandardPublished } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { livingAllowanceService } from '../src/living-allowance.service';
import { DEFAULT_PARAMETERS } from '../src/parameters/domain/default-parameters';
import { startLivingAllowance, TestService, TEST_REF_KEY, testLogger } from '../../../test/support/services';

/**
 * The seeded dibao standards are announced as `standard.published`, once: services that keep their
 * own copy (hardship-registry) have a standard right after the first start, without a publication.
 */

let svc: TestService;

beforeAll(async () => {
  svc = await startLivingAllowance();
});

afterAll(async () => {
  await svc?.dispose();
});

const SEEDED_STANDARDS = DEFAULT_PARAMETERS.filter((v) => v.key === 'dibao.standard');

async function announced(): Promise<Array<{ versionId: string; districtCode: string; area: string; monthlyFen: number }>> {
  const rows: Array<{ payload: any }> = await svc.dataSource.query(`SELECT payload FROM outbox WHERE type = $1 ORDER BY seq`, [StandardPublished.type]);
  return rows.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload));
}

/** What the runtime's start does before taking traffic, again, on the same database. */
const prepareAgain = () => livingAllowanceService({ refKey: TEST_REF_KEY }).prepare!({ dataSource: svc.dataSource, log: testLogger(), clock: svc.clock, outbox: new Outbox('living-allowance', svc.clock) });

test('each seeded dibao standard is announced as standard.published on the first start', async () => {
  expect(SEEDED_STANDARDS.length).toBeGreaterThan(0);
  const events = await announced();
  expect(events.map((e) => e.versionId).sort()).toEqual(SEEDED_STANDARDS.map((v) => v.versionId).sort());
  const first = SEEDED_STANDARDS[0];
  const [districtCode, area] = first.scope.split('/');
  expect(events.find((e) => e.versionId === first.versionId)).toMatchObject({ districtCode, area, monthlyFen: (first.value as { monthlyFen: number }).monthlyFen, validFrom: first.validFrom });
});

test('a restart does not announce the seeded standards again', async () => {
  const before = (await announced()).length;
  await prepareAgain();
  expect((await announced()).length).toBe(before);
});

test('two replicas seeding at once announce each seeded standard once', async () => {
  // As before a first start: no standard, nothing announced; then two replicas prepare together.
  await svc.dataSource.query(`DELETE FROM parameter_versions WHERE key = 'dibao.standard'`);
  await svc.dataSource.query(`DELETE FROM outbox WHERE type = $1`, [StandardPublished.type]);
  await Promise.all([prepareAgain(), prepareAgain()]);
  const ids = (await announced()).map((e) => e.versionId);
  expect(ids.sort()).toEqual(SEEDED_STANDARDS.map((v) => v.versionId).sort());
});
