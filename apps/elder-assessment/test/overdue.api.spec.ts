import { startElderAssessment, TestClock, TestService } from '../../../test/support/services';
import { AnnounceOverdueReassessments } from '../src/reassessment/announce-overdue-reassessments.use-case';
import { client, eventsOf, expectProblem, fieldsOf, form, idNumber, masked, OVERDUE, personRef } from './elders';

/**
 * Routine re-assessment (policy.md §5, default every 12 months): an assessment holds until its
 * validUntil; after that the elder is in the overdue queue, most overdue first, and the sweep
 * announces reassessment.overdue once per person and due date.
 */

const clock = new TestClock(new Date('2026-03-02T02:00:00Z'));

let svc: TestService;
const api = client(() => svc.url);
const sweep = () => svc.app.get(AnnounceOverdueReassessments).sweep();

beforeAll(async () => {
  // The sweep is driven by hand here.
  svc = await startElderAssessment({ clock, backgroundJobs: false });
});

afterAll(async () => {
  await svc?.dispose();
});

const overdueQueue = async (query = '') => {
  const res = await api.read(`/queues/overdue${query}`);
  expect(res.status).toBe(200);
  return res.body.items as any[];
};
const overdueEventsOf = async (ref: string) => (await eventsOf(svc.url, OVERDUE)).filter((e) => e.data.personRef === ref);

// Due 2026-01-10 (51 days overdue on 2026-03-02), 2026-02-20 (10 days), 2026-03-01 (1 day); the last is not yet due.
const longOverdue = form({ idNumber: idNumber('1940-01-01'), assessedOn: '2025-01-10', districtCode: '640221', townshipCode: '640221100' });
const overdue = form({ idNumber: idNumber('1941-01-01'), assessedOn: '2025-02-20' });
const justOverdue = form({ idNumber: idNumber('1942-01-01', '640202'), assessedOn: '2025-03-01', districtCode: '640202', townshipCode: '640202001' });
const dueToday = form({ idNumber: idNumber('1943-01-01'), assessedOn: '2025-03-02' });
let ids: Record<string, string>;

beforeAll(async () => {
  ids = {};
  for (const [name, f] of Object.entries({ longOverdue, overdue, justOverdue, dueToday })) ids[name] = (await api.completed(f)).id;
  // A draft past its date is no result: it is not in the queue.
  await api.create(form({ assessedOn: '2025-01-05' }));
});

describe('the overdue queue', () => {
  it('lists elders whose current assessment is past its validUntil, most overdue first; one due today is not yet overdue', async () => {
    const items = await overdueQueue();

    expect(items.map((i) => i.assessmentId)).toEqual([ids.longOverdue, ids.overdue, ids.justOverdue]);
    expect(items[0]).toEqual({
      assessmentId: ids.longOverdue,
      personRef: personRef(longOverdue.idNumber),
      maskedIdNumber: masked(longOverdue.idNumber),
      districtCode: '640221',
      townshipCode: '640221100',
      status: 'completed',
      level: 'mild',
      selfCareAbility: 'full',
      assessedOn: '2025-01-10',
      dueOn: '2026-01-10',
      daysOverdue: 51,
    });
    expect(JSON.stringify(items)).not.toContain(longOverdue.idNumber);
  });

  it.each([
    ['?districtCode=640205', ['overdue']],
    ['?districtCode=640202&townshipCode=640202001', ['justOverdue']],
    ['?townshipCode=640221100', ['longOverdue']],
    ['?limit=1&offset=1', ['overdue']],
  ])('filters by district and township and pages: %s', async (query, names) => {
    expect((await overdueQueue(query)).map((i) => i.assessmentId)).toEqual(names.map((n) => ids[n]));
  });

  it.each([
    ['?districtCode=110101', 'districtCode'],
    ['?townshipCode=64020', 'townshipCode'],
    ['?districtCode=640205&townshipCode=640202001', 'townshipCode'],
    ['?limit=0', 'limit'],
  ])('refuses %s (400 naming the field)', async (query, field) => {
    expect(fieldsOf(expectProblem(await api.read(`/queues/overdue${query}`), 400, 'INVALID_INPUT'))).toEqual([field]);
  });
});

describe('the overdue sweep', () => {
  it('announces elder-assessment.reassessment.overdue once per elder and due date', async () => {
    expect(await sweep()).toBe(3);
    expect(await sweep()).toBe(0);

    const [event, ...more] = await overdueEventsOf(personRef(longOverdue.idNumber));
    expect(more).toEqual([]);
    expect(event.key).toBe(personRef(longOverdue.idNumber));
    expect(event.data).toEqual({ personRef: personRef(longOverdue.idNumber), districtCode: '640221', townshipCode: '640221100', lastAssessmentId: ids.longOverdue, dueOn: '2026-01-10' });
    expect(JSON.stringify(event)).not.toContain(longOverdue.idNumber);
    expect(await overdueEventsOf(personRef(dueToday.idNumber))).toEqual([]);
  });

  it('announces the next one when another day passes', async () => {
    clock.set('2026-03-03T02:00:00Z');

    expect(await sweep()).toBe(1);
    expect((await overdueEventsOf(personRef(dueToday.idNumber))).map((e) => e.data.dueOn)).toEqual(['2026-03-02']);
    expect(await sweep()).toBe(0);
  });

  it('a re-assessment takes the elder out of the queue, and the sweep does not announce them again', async () => {
    const done = await api.completed(form({ idNumber: overdue.idNumber, reason: 'routine', assessedOn: '2026-03-03' }));

    expect(done.validUntil).toBe('2027-03-03');
    expect((await overdueQueue()).map((i) => i.assessmentId)).not.toContain(ids.overdue);
    expect(await sweep()).toBe(0);
    expect(await overdueEventsOf(personRef(overdue.idNumber))).toHaveLength(1);
  });

  it('a correction with the same date (so the same due date) is not announced a second time', async () => {
    const correction = await api.completed(form({ idNumber: justOverdue.idNumber, districtCode: '640202', townshipCode: '640202001', reason: 'immediate', assessedOn: '2025-03-01', supersedes: ids.justOverdue, total: 60 }));

    expect(correction.validUntil).toBe('2026-03-01');
    expect((await overdueQueue()).map((i) => i.assessmentId)).toContain(correction.id);
    expect(await sweep()).toBe(0);
    expect((await overdueEventsOf(personRef(justOverdue.idNumber))).map((e) => e.data.dueOn)).toEqual(['2026-03-01']);
  });

  it('a service with the 60 s background sweep on starts and stops cleanly, and shares the same once-only guard', async () => {
    const other = await startElderAssessment({ clock: new TestClock(new Date('2026-03-02T02:00:00Z')) });
    try {
      const c = client(() => other.url);
      await c.completed(form({ assessedOn: '2025-01-20' }));
      expect(await other.app.get(AnnounceOverdueReassessments).sweep()).toBe(1);
      expect(await other.app.get(AnnounceOverdueReassessments).sweep()).toBe(0);
    } finally {
      await other.dispose();
    }
  });
});
