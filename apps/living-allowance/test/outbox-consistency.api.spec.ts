import { Writable } from 'node:stream';
import pino from 'pino';
import { eventually } from '../../../test/support/infra';
import { http, startLivingAllowance, TestService } from '../../../test/support/services';
import { as, countRows, dibaoHousehold, eventsOf, expectProblem, HouseholdInput, lowIncomeHousehold, personRef } from './households';
import { approver, throughNotice } from './process';

/**
 * The transactional outbox: a case's state change and the event announcing it commit together or
 * not at all. Checked over HTTP by making a statement inside a use case fail (a trigger) and looking
 * for half-done work (the outbox itself is tested in libs/messaging).
 */

const CLERK = 'clerk-31';
const OFFICER = 'officer-32';

/** Everything the service logs, as text, so a test can look for personal data in it. */
const logLines: string[] = [];
const logSink = new Writable({
  write(chunk, _enc, done) {
    logLines.push(String(chunk));
    done();
  },
});

let svc: TestService;

beforeAll(async () => {
  svc = await startLivingAllowance({ log: pino({ level: 'debug' }, logSink) });
  await svc.dataSource.query(`
    CREATE FUNCTION test_induced_failure() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_NARGS = 0 THEN RAISE EXCEPTION 'induced failure for a test'; END IF;
      IF NEW.type = TG_ARGV[0] THEN RAISE EXCEPTION 'induced failure for a test'; END IF;
      RETURN NEW;
    END $$`);
});

afterAll(async () => {
  await svc?.dispose();
});

const call = (method: string, path: string, body?: unknown, actor?: string) => http(svc.url, method, path, body, actor ? as(actor) : {});

/** Runs `body` while every INSERT into `table` (of event `type`, for the outbox) fails. */
async function withFailingInsert<T>(table: string, type: string | undefined, body: () => Promise<T>): Promise<T> {
  const args = type ? `'${type}'` : '';
  await svc.dataSource.query(`CREATE TRIGGER test_induced_failure BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION test_induced_failure(${args})`);
  try {
    return await body();
  } finally {
    await svc.dataSource.query(`DROP TRIGGER test_induced_failure ON ${table}`);
  }
}

async function filed(household: HouseholdInput = dibaoHousehold()): Promise<string> {
  const res = await call('POST', '/applications', { household }, CLERK);
  expect(res.status).toBe(201);
  return res.body.id;
}

async function submitted(household: HouseholdInput = dibaoHousehold()): Promise<string> {
  const id = await filed(household);
  expect((await call('POST', `/applications/${id}/submit`, { expectedVersion: 1 }, CLERK)).status).toBe(200);
  return id;
}

/** Submitted, reviewed at the township and past its notice: waiting for confirmation at version 4. */
async function confirming(household: HouseholdInput = dibaoHousehold()): Promise<string> {
  const id = await submitted(household);
  await throughNotice(svc.url, svc.clock, id, 2);
  return id;
}

const decide = (id: string, decision: 'approve' | 'refuse', body: Record<string, unknown> = {}) =>
  http(svc.url, 'POST', `/applications/${id}/${decision}`, { expectedVersion: 4, ...body }, approver(OFFICER));

/** What a half-done change would disturb: the case row, its history, memberships, the registry, events. */
async function footprint(id: string) {
  const [row] = await svc.dataSource.query(`SELECT status, version, granted, assessment IS NOT NULL AS assessed FROM applications WHERE id = $1`, [id]);
  return {
    row,
    history: await countRows(svc.dataSource, 'case_history', 'application_id = $1', [id]),
    activeMemberships: await countRows(svc.dataSource, 'household_memberships', 'application_id = $1 AND active', [id]),
    inclusions: await countRows(svc.dataSource, 'applications', 'parent_id = $1', [id]),
    lowIncome: await countRows(svc.dataSource, 'low_income_households', 'application_id = $1', [id]),
    events: await countRows(svc.dataSource, 'outbox', `payload->>'caseId' = $1 OR payload->>'applicationId' = $1`, [id]),
  };
}

describe('the events of a case', () => {
  it('a refusal is announced once, keyed by the household, so one household’s events stay in order', async () => {
    const household = dibaoHousehold();
    const id = await confirming(household);

    expect((await decide(id, 'refuse', { reasonCode: 'NOT_RESIDENT' })).status).toBe(200);

    const events = (await eventsOf(svc.url, 'living-allowance.case.refused')).filter((e) => e.data.caseId === id);
    expect(events.map((e) => e.key)).toEqual([personRef(household.members[0].idNumber)]);
  });
});

describe('a use case that fails part-way changes nothing and announces nothing', () => {
  it.each([
    {
      what: 'a submission whose application.submitted cannot be written',
      prepare: () => filed(),
      table: 'outbox',
      type: 'living-allowance.application.submitted',
      act: (id: string) => call('POST', `/applications/${id}/submit`, { expectedVersion: 1 }, CLERK),
    },
    {
      what: 'a township review whose notice.started cannot be written',
      prepare: () => submitted(),
      table: 'outbox',
      type: 'living-allowance.notice.started',
      act: (id: string) =>
        http(
          svc.url,
          'POST',
          `/applications/${id}/township-review`,
          { expectedVersion: 2, opinion: 'approve', check: { homeVisitOn: svc.clock.today(), neighboursInterviewed: 1, dataMatchedOn: svc.clock.today(), discrepanciesFound: false } },
          as('reviewer-9', 'township_reviewer'),
        ),
    },
    {
      what: 'an approval whose case.approved cannot be written',
      prepare: () => confirming(),
      table: 'outbox',
      type: 'living-allowance.case.approved',
      act: (id: string) => decide(id, 'approve'),
    },
    {
      what: 'a low-income approval whose registry entry cannot be written',
      prepare: () => confirming(lowIncomeHousehold()),
      table: 'low_income_households',
      type: undefined,
      act: (id: string) => decide(id, 'approve'),
    },
    {
      what: 'a low-income approval whose single-person inclusion cannot be announced',
      prepare: () => confirming(lowIncomeHousehold()),
      table: 'outbox',
      type: 'living-allowance.application.submitted',
      act: (id: string) => decide(id, 'approve'),
    },
    {
      what: 'a refusal whose case.refused cannot be written',
      prepare: () => confirming(),
      table: 'outbox',
      type: 'living-allowance.case.refused',
      act: (id: string) => decide(id, 'refuse', { reasonCode: 'NOT_RESIDENT' }),
    },
  ])('$what: the case, its history, memberships, registry and outbox are as before', async ({ prepare, table, type, act }) => {
    const id = await prepare();
    const before = await footprint(id);

    const res = await withFailingInsert(table, type, () => act(id));

    expectProblem(res, 500, 'INTERNAL');
    expect(JSON.stringify(res.body)).not.toMatch(/induced failure|INSERT|SELECT/);
    expect(await footprint(id)).toEqual(before);
  });

  it('the same change succeeds once the failure is gone, with exactly one event', async () => {
    const id = await confirming();
    await withFailingInsert('outbox', 'living-allowance.case.approved', () => decide(id, 'approve'));

    const res = await decide(id, 'approve');

    expect(res.status).toBe(200);
    expect((await eventsOf(svc.url, 'living-allowance.case.approved')).filter((e) => e.data.caseId === id)).toHaveLength(1);
  });

  it('a failed filing leaves no application, history or membership behind', async () => {
    const tables = ['applications', 'case_history', 'household_memberships'];
    const before = await Promise.all(tables.map((t) => countRows(svc.dataSource, t)));

    const res = await withFailingInsert('case_history', undefined, () => call('POST', '/applications', { household: dibaoHousehold() }, CLERK));

    expect(res.status).toBe(500);
    expect(await Promise.all(tables.map((t) => countRows(svc.dataSource, t)))).toEqual(before);
  });
});

describe('personal data stays out of the logs', () => {
  it('a database failure while filing does not write the members’ resident ID numbers to any log', async () => {
    const household = dibaoHousehold();
    const captured: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void captured.push(args.map(String).join(' '))),
    );
    const logStart = logLines.length;

    try {
      const res = await withFailingInsert('applications', undefined, () => call('POST', '/applications', { household }, CLERK));
      expect(res.status).toBe(500);
    } finally {
      spies.forEach((s) => s.mockRestore());
    }

    const logged = [...captured, ...logLines.slice(logStart)].join('\n');
    expect(logged).not.toBe('');
    for (const m of household.members) expect(logged).not.toContain(m.idNumber);
  });
});

describe('operations endpoints', () => {
  it('GET /health answers 200 while the database is reachable', async () => {
    const res = await call('GET', '/health');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('GET /metrics reports the outbox backlog in Prometheus text, and the relay drains it', async () => {
    const id = await confirming();
    expect((await decide(id, 'approve')).status).toBe(200);

    const text = await eventually(async () => {
      const res = await call('GET', '/metrics');
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      return /jiuzhu_outbox_pending\{service="living-allowance"\} 0\n/.test(res.body) ? (res.body as string) : undefined;
    }, 'the outbox relay to publish every pending event');

    expect(text).toContain('# TYPE jiuzhu_outbox_pending gauge');
    // Every event this instance wrote was published once, and counted by its type.
    const published = [...text.matchAll(/^jiuzhu_events_published_total\{type="[^"]+",service="living-allowance"\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
    expect(published).toBe(await countRows(svc.dataSource, 'outbox'));
    expect(text).toMatch(/^jiuzhu_events_published_total\{type="living-allowance\.case\.approved",service="living-allowance"\} [1-9]/m);
    expect((await eventsOf(svc.url, 'living-allowance.case.approved')).find((e) => e.data.caseId === id)?.publishedAt).toEqual(expect.any(String));
  });
});
