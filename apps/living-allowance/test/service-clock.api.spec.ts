import { randomUUID } from 'node:crypto';
import { offsetClock } from '@jiuzhu/common';
import { AssessmentCompleted } from '@jiuzhu/contracts';
import { eventually } from '../../../test/support/infra';
import { outboundMessage } from '../../../test/support/messages';
import { http, startLivingAllowance, TestService } from '../../../test/support/services';
import { as, dibaoHousehold, eventsOf, idNumber, personRef } from './households';
import { reviewer } from './process';

/**
 * One clock per service (issue 11, item 7): the demo launcher runs the services days ahead with
 * DEMO_CLOCK_OFFSET_DAYS, and then every time the service writes — history, events and their
 * publication, claim leases, reassessment runs, parameter versions, inbox records — must be on that
 * clock. Events and runs used to carry the database's real time while the history carried the
 * shifted one.
 */
const DAY = 86_400_000;
const clock = offsetClock(8);
let svc: TestService;
let startedAt: Date;
const CLERK = as('clerk-clock');
const ADMIN = as('admin-clock', 'admin');
/** Reads as the caseworker unless told. */
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = CLERK) => http(svc.url, method, path, body, headers);

/** Written on the service's clock: from the service's start on, so 8 days after the real time. */
const onTheServiceClock = (iso: string) => {
  const t = Date.parse(iso);
  return t >= startedAt.getTime() && t <= clock.now().getTime();
};

beforeAll(async () => {
  startedAt = clock.now();
  svc = await startLivingAllowance({ clock });
});
afterAll(() => svc?.dispose());

describe('a service running on a shifted clock writes every time from it', () => {
  let caseId: string;
  let standardVersionId: string;

  beforeAll(async () => {
    const filed = await call('POST', '/applications', { household: { ...dibaoHousehold(), townshipCode: '640202001' } }, CLERK);
    expect(filed.status).toBe(201);
    caseId = filed.body.id;
    expect((await call('POST', `/applications/${caseId}/submit`, { expectedVersion: 1 }, CLERK)).status).toBe(200);
    const claimed = await call('POST', '/queues/township/claim?townshipCode=640202001', undefined, reviewer('reviewer-clock'));
    expect(claimed.body.id).toBe(caseId);
    const published = await call('POST', '/parameters', { key: 'dibao.standard', districtCode: '640202', area: 'urban', validFrom: clock.today(), value: { monthlyFen: 81000 }, legalSource: 'test: the demo clock' }, ADMIN);
    expect(published.status).toBe(201);
    standardVersionId = published.body.versionId;
    const ref = personRef(idNumber('1948-08-08'));
    await svc.deliver([outboundMessage(AssessmentCompleted, { ...AssessmentCompleted.example, assessmentId: randomUUID(), personRef: ref, districtCode: '640202', townshipCode: '640202001' }, { source: 'elder-assessment' })]);
    expect((await call('GET', `/ability-levels/${ref}`)).status).toBe(200);
  });

  it("the case's history, its events' occurredAt and their publication fall on the shifted day", async () => {
    const history = (await call('GET', `/applications/${caseId}/history`)).body.items as Array<{ action: string; at: string }>;
    expect(history.map((h) => h.action)).toEqual(['file', 'submit']);
    expect(history.filter((h) => !onTheServiceClock(h.at))).toEqual([]);

    const events = await eventually(async () => {
      const all = await eventsOf(svc.url);
      return all.length > 0 && all.every((e) => e.publishedAt) ? all : undefined;
    }, 'every event published');
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['living-allowance.application.submitted', 'living-allowance.standard.published']));
    expect(events.filter((e) => !onTheServiceClock(e.occurredAt) || !onTheServiceClock(e.publishedAt!))).toEqual([]);
  });

  it("the reassessment run opened by the new standard is requested (and worked) on the shifted clock, at the standard's publication time", async () => {
    const run = await eventually(async () => {
      const r = ((await call('GET', '/reassessments', undefined, ADMIN)).body.items as any[]).find((x) => x.standardVersionId === standardVersionId);
      return r?.status === 'completed' ? r : undefined;
    }, 'the run completed');
    expect(onTheServiceClock(run.requestedAt)).toBe(true);
    expect(onTheServiceClock(run.completedAt)).toBe(true);
    const [{ published_at }] = await svc.dataSource.query(`SELECT published_at FROM parameter_versions WHERE version_id = $1`, [standardVersionId]);
    expect(run.requestedAt).toBe(published_at.toISOString());
  });

  it('no time in any table of the service is the real one: every timestamp column holds only times of its clock', async () => {
    const columns: Array<{ table_name: string; column_name: string }> = await svc.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'timestamp with time zone' ORDER BY 1, 2`,
    );
    const seen: string[] = [];
    const offenders: string[] = [];
    for (const { table_name, column_name } of columns) {
      const rows: Array<{ at: Date }> = await svc.dataSource.query(`SELECT "${column_name}" AS at FROM "${table_name}" WHERE "${column_name}" IS NOT NULL`);
      if (rows.length) seen.push(`${table_name}.${column_name}`);
      // A lease's expiry lies ahead of the clock, but by minutes; a real time lies 8 days behind it.
      const ofThisClock = (t: Date) => t >= startedAt && t.getTime() < clock.now().getTime() + DAY;
      for (const { at } of rows) if (!ofThisClock(at)) offenders.push(`${table_name}.${column_name} = ${at.toISOString()} (${((clock.now().getTime() - at.getTime()) / DAY).toFixed(1)} days before the clock)`);
    }
    expect(offenders).toEqual([]);
    // What this walk wrote, so the check above is not vacuous.
    expect(seen).toEqual(
      expect.arrayContaining([
        'applications.claim_expires_at',
        'applications.filed_at',
        'case_history.at',
        'inbox.received_at',
        'outbox.occurred_at',
        'outbox.published_at',
        'parameter_versions.published_at',
        'person_ability_levels.recorded_at',
        'reassessment_runs.requested_at',
      ]),
    );
  });
});

describe('GET /clock', () => {
  it("answers the service's now, today and how many days its clock runs ahead", async () => {
    const res = await call('GET', '/clock');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ now: expect.any(String), today: clock.today(), offsetDays: 8 });
    expect(onTheServiceClock(res.body.now)).toBe(true);
  });

  it('is in the OpenAPI document, with its answer described', async () => {
    const doc = (await call('GET', '/docs/openapi.json')).body;
    const op = doc.paths['/clock']?.get;
    expect(op?.responses?.['200']?.content?.['application/json']?.schema).toBeDefined();
  });
});
