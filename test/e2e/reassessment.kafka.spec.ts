import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { refOf, residentIdCheckChar } from '@jiuzhu/common';
import { Outbox } from '@jiuzhu/messaging';
import { assessHousehold } from '../../apps/living-allowance/src/assessment/domain/assess-household';
import { Household } from '../../apps/living-allowance/src/assessment/domain/household';
import { DEFAULT_PARAMETERS } from '../../apps/living-allowance/src/parameters/domain/default-parameters';
import { resolveAssessmentParameters } from '../../apps/living-allowance/src/parameters/domain/resolve-parameters';
import { ParameterCatalog } from '../../apps/living-allowance/src/parameters/parameter-catalog';
import { ReassessmentRunner } from '../../apps/living-allowance/src/reassessment/reassessment-runner';
import { eventually } from '../support/infra';
import { as } from '../support/sign-in';
import { http, startLivingAllowance, TEST_REF_KEY, TestClock, TestService } from '../support/services';
import { startWatcher, Watcher } from './watcher';

/**
 * A new standard re-decides 10 000 paying cases; the run is killed halfway and resumed, and another
 * service on Kafka sees exactly one benefit.adjusted per changed case.
 */
const CASES = 10_000;
const clock = new TestClock(new Date('2026-03-15T02:00:00Z'));
let la: TestService;
let watcher: Watcher;

function household(i: number): Household {
  const serial = (n: number) => {
    const first17 = `640202${1950 + (n % 40)}0101${String(n % 1000).padStart(3, '0')}`.slice(0, 17);
    return first17 + residentIdCheckChar(first17);
  };
  // Two valid, distinct members per household (numbers recur across cases: this direct load registers
  // no memberships, and the run works case by case).
  return {
    districtCode: '640202',
    area: 'urban',
    members: [
      { idNumber: serial(i * 2), relation: 'applicant' },
      { idNumber: serial(i * 2 + 1), relation: 'spouse' },
    ],
    incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 30000 + (i % 500) * 100 }],
    deductions: [],
    assets: { moneyFen: 0, homes: 1, housingAreaSqm: 50, vehicles: [] },
  } as Household;
}

beforeAll(async () => {
  la = await startLivingAllowance({ transport: 'kafka', clock, backgroundJobs: false });
  watcher = await startWatcher({ transport: 'kafka', group: `e2e-reassessment-${randomUUID()}` });
  // Paying cases are loaded straight into the table: filing 10 000 over HTTP would test the filing, not the run.
  const params = resolveAssessmentParameters(DEFAULT_PARAMETERS, '640202', 'urban', '2026-01-01');
  if (!params.ok) throw new Error('default parameters do not resolve');
  const rows = Array.from({ length: CASES }, (_, i) => {
    const h = household(i);
    const r = assessHousehold(h, params.value, '2026-01-01');
    if (!r.ok || r.decision.outcome !== 'dibao') throw new Error(`synthetic household ${i} is not dibao`);
    return { id: randomUUID(), h, fen: r.decision.monthlyBenefitFen, ref: refOf(h.members[0].idNumber, TEST_REF_KEY) };
  });
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    await la.dataSource.query(
      `INSERT INTO applications (id, coverage, household_ref, district_code, area, household, status, granted, monthly_benefit_fen, effective_month,
         decided_on, version, filed_by, filed_at, updated_by, updated_at)
       SELECT id, 'household', ref, '640202', 'urban', h, 'approved', 'dibao', fen, '2026-02', '2026-01-15', 3, 'clerk', now(), 'officer', now()
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::bigint[]) AS t(id, ref, h, fen)`,
      [chunk.map((r) => r.id), chunk.map((r) => r.ref), chunk.map((r) => JSON.stringify(r.h)), chunk.map((r) => r.fen)],
    );
  }
}, 120_000);

afterAll(async () => {
  await watcher?.dispose();
  await la?.dispose();
});

it('a run killed halfway and resumed announces exactly one benefit.adjusted per changed case to another service', async () => {
  const published = await http(
    la.url,
    'POST',
    '/parameters',
    { key: 'dibao.standard', districtCode: '640202', area: 'urban', validFrom: '2026-01-01', value: { monthlyFen: 82000 }, legalSource: 'test: 2026 standard' },
    as('admin-1', 'admin'),
  );
  expect(published.status).toBe(201);
  const [{ id: runId }] = await la.dataSource.query(`SELECT id FROM reassessment_runs`);
  const catalog = la.app.get(ParameterCatalog);
  const log = pino({ level: 'silent' });

  const dyingOutbox = new Outbox('living-allowance', clock);
  const appendMany = dyingOutbox.appendMany.bind(dyingOutbox);
  let batches = 0;
  dyingOutbox.appendMany = (async (...args: Parameters<typeof appendMany>) => {
    if (++batches === 6) throw new Error('killed halfway');
    return appendMany(...args);
  }) as Outbox['appendMany'];
  const dying = new ReassessmentRunner(la.dataSource, catalog, dyingOutbox, clock, log, 1000);
  // The pass records the killed batch as a failed attempt of the run and stops there.
  await dying.drain();
  const [half] = await la.dataSource.query(`SELECT status, examined, attempts, last_error FROM reassessment_runs WHERE id = $1`, [runId]);
  expect(half).toEqual({ status: 'running', examined: 5000, attempts: 1, last_error: 'killed halfway' });

  await new ReassessmentRunner(la.dataSource, catalog, new Outbox('living-allowance', clock), clock, log, 1000).drain();
  const [run] = await la.dataSource.query(`SELECT status, examined, changed, attempts FROM reassessment_runs WHERE id = $1`, [runId]);
  expect(run).toEqual({ status: 'completed', examined: CASES, changed: CASES, attempts: 0 });

  await eventually(
    async () => Number((await watcher.dataSource.query(`SELECT count(*) AS n FROM seen WHERE type = 'living-allowance.benefit.adjusted'`))[0].n) === CASES,
    `${CASES} benefit.adjusted effects at the watcher`,
    90_000,
    250,
  );
  const [{ n, distinct }] = await watcher.dataSource.query(
    `SELECT count(*)::int AS n, count(DISTINCT case_id)::int AS distinct FROM seen WHERE type = 'living-allowance.benefit.adjusted'`,
  );
  expect({ n, distinct }).toEqual({ n: CASES, distinct: CASES });
  const [{ events }] = await la.dataSource.query(`SELECT count(*)::int AS events FROM outbox WHERE type = 'living-allowance.benefit.adjusted'`);
  expect(events).toBe(CASES);
}, 180_000);
