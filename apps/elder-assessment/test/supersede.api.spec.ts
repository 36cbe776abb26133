import { startElderAssessment, TestClock, TestService } from '../../../test/support/services';
import { ASSESSOR_A, ASSESSOR_B, ASSESSOR_C, asAssessor, client, COMPLETED, eventsOf, expectProblem, fieldsOf, form, idNumber, personRef, SUPERSEDED } from './elders';

/**
 * A completed result is never edited: a correction, a re-assessment after a change, or a
 * re-assessment after a dispute is a new assessment that supersedes the current one. The old one is
 * kept (marked superseded, pointing at its successor) and announced as superseded in the same
 * transaction that announces the new result.
 */

const clock = new TestClock(new Date('2026-03-02T02:00:00Z'), 1000);

let svc: TestService;
const api = client(() => svc.url);
const { read, create, edit, complete } = api;

beforeAll(async () => {
  svc = await startElderAssessment({ clock, backgroundJobs: false });
});

afterAll(async () => {
  await svc?.dispose();
});

const eventsAbout = async (type: string, id: string) => (await eventsOf(svc.url, type)).filter((e) => e.data.assessmentId === id);
const currentCount = async (ref: string) => {
  const [{ n }] = await svc.dataSource.query(`SELECT count(*)::int AS n FROM assessments WHERE person_ref = $1 AND status IN ('completed', 'disputed')`, [ref]);
  return n;
};

describe('a correction supersedes the result it corrects', () => {
  const id = idNumber('1945-01-20');
  let original: any;
  let correction: any;

  it('opens the correction as a draft naming the current assessment; the original still holds meanwhile', async () => {
    original = await api.completed(form({ idNumber: id, total: 70, assessedOn: '2026-02-20' }));
    const res = await create(form({ idNumber: id, reason: 'immediate', total: 58, assessedOn: '2026-03-01', supersedes: original.id }));

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', supersedes: original.id });
    expect((await api.get(original.id)).body).toMatchObject({ status: 'completed', supersededBy: null });
    correction = res.body;
  });

  it('completing the correction marks the original superseded, keeping it and its result', async () => {
    const res = await complete(correction.id, 1, asAssessor(ASSESSOR_B));

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', supersedes: original.id, result: { total: 58, level: 'moderate' }, validUntil: '2027-03-01' });
    expect((await api.get(original.id)).body).toMatchObject({ status: 'superseded', supersededBy: correction.id, result: { total: 70, level: 'mild' } });
    expect(await currentCount(personRef(id))).toBe(1);
  });

  it('announces assessment.superseded for the original and assessment.completed naming what it supersedes', async () => {
    const [superseded, ...more] = await eventsAbout(SUPERSEDED, original.id);
    expect(more).toEqual([]);
    expect(superseded.data).toEqual({ assessmentId: original.id, supersededBy: correction.id, personRef: personRef(id), districtCode: '640205', supersededOn: '2026-03-02' });

    const [completed] = await eventsAbout(COMPLETED, correction.id);
    expect(completed.data).toMatchObject({ assessmentId: correction.id, reason: 'immediate', supersedes: original.id, level: 'moderate', total: 58 });
    // Same key, so consumers see them in this order.
    const all = await eventsOf(svc.url);
    expect(all.findIndex((e) => e.id === superseded.id)).toBeLessThan(all.findIndex((e) => e.id === completed.id));
    expect(superseded.key).toBe(completed.key);
  });

  it('keeps the original’s history, ending with who superseded it', async () => {
    const items = (await read(`/assessments/${original.id}/history`)).body.items;
    expect(items.map((h: any) => `${h.action}:${h.from}→${h.to}`)).toEqual(['create:null→draft', 'complete:draft→completed', 'supersede:completed→superseded']);
    expect(items[2]).toMatchObject({ actor: ASSESSOR_B, note: `superseded by ${correction.id}` });
  });

  it('a superseded assessment cannot be superseded again, nor disputed', async () => {
    expectProblem(await create(form({ idNumber: id, reason: 'immediate', supersedes: original.id })), 409, 'ASSESSMENT.SUPERSEDES_NOT_CURRENT');
    expectProblem(await api.dispute(original.id, 3), 409, 'ASSESSMENT.ILLEGAL_TRANSITION');
  });
});

describe('a routine re-assessment replaces the current one without being told', () => {
  it('supersedes the person’s previous current assessment and names it', async () => {
    const id = idNumber('1944-04-04');
    const first = await api.completed(form({ idNumber: id, assessedOn: '2025-03-01', total: 80 }));
    const routine = await api.completed(form({ idNumber: id, reason: 'routine', assessedOn: '2026-03-01', total: 62 }));

    expect(routine).toMatchObject({ supersedes: first.id, validUntil: '2027-03-01' });
    expect((await api.get(first.id)).body).toMatchObject({ status: 'superseded', supersededBy: routine.id });
    expect(await eventsAbout(SUPERSEDED, first.id)).toHaveLength(1);
    expect((await eventsAbout(COMPLETED, routine.id))[0].data.supersedes).toBe(first.id);
  });

  it('refuses to complete a re-assessment dated before the current one (409 ASSESSMENT.OLDER_THAN_CURRENT)', async () => {
    const id = idNumber('1944-05-05');
    await api.completed(form({ idNumber: id, assessedOn: '2026-02-01' }));
    const late = await create(form({ idNumber: id, reason: 'routine', assessedOn: '2026-01-15' }));

    expect(fieldsOf(expectProblem(await complete(late.body.id, 1), 409, 'ASSESSMENT.OLDER_THAN_CURRENT'))).toEqual(['assessedOn']);
  });

  it('refuses a second first assessment of the same person (409 ASSESSMENT.ALREADY_ASSESSED)', async () => {
    const id = idNumber('1944-06-06');
    await api.completed(form({ idNumber: id }));
    const again = await create(form({ idNumber: id }));

    expectProblem(await complete(again.body.id, 1), 409, 'ASSESSMENT.ALREADY_ASSESSED');
  });

  it('of two first assessments of the same elder completed at the same moment, one stands and the other is refused: one current result per person', async () => {
    const id = idNumber('1944-07-07');
    const a = await create(form({ idNumber: id }));
    const b = await create(form({ idNumber: id, secondAssessor: ASSESSOR_A }), asAssessor(ASSESSOR_C));

    const results = await Promise.all([complete(a.body.id, 1, asAssessor(ASSESSOR_B)), complete(b.body.id, 1, asAssessor(ASSESSOR_A))]);

    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('ASSESSMENT.ALREADY_ASSESSED');
    expect(await currentCount(personRef(id))).toBe(1);
  });

  it('of two routine re-assessments completed at the same moment, both stand in turn: the later completion supersedes the earlier', async () => {
    const id = idNumber('1944-08-08');
    const first = await api.completed(form({ idNumber: id, assessedOn: '2025-02-01' }));
    const a = await create(form({ idNumber: id, reason: 'routine' }));
    const b = await create(form({ idNumber: id, reason: 'routine', secondAssessor: ASSESSOR_A }), asAssessor(ASSESSOR_C));

    const results = await Promise.all([complete(a.body.id, 1, asAssessor(ASSESSOR_B)), complete(b.body.id, 1, asAssessor(ASSESSOR_A))]);

    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const views = await Promise.all([a, b].map(async (x) => (await api.get(x.body.id)).body));
    const now = views.find((v) => v.status === 'completed');
    const earlier = views.find((v) => v.status === 'superseded');
    expect(earlier).toMatchObject({ supersedes: first.id, supersededBy: now.id });
    expect(now.supersedes).toBe(earlier.id);
    expect(await currentCount(personRef(id))).toBe(1);
    const superseded = (await eventsOf(svc.url, SUPERSEDED)).filter((e) => e.data.personRef === personRef(id));
    expect(superseded).toHaveLength(2);
  });
});

describe('a disputed result and its re-assessment', () => {
  const id = idNumber('1942-02-02');
  let disputedOne: any;

  it('a completed result is disputed with a reason: it still holds (current) until re-assessed', async () => {
    const done = await api.completed(form({ idNumber: id, total: 70, assessedOn: '2026-02-10' }));
    const res = await api.dispute(done.id, done.version, 'the family says she cannot dress herself');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'disputed', version: done.version + 1, dispute: { reason: 'the family says she cannot dress herself', on: '2026-03-02' } });
    expect(await currentCount(personRef(id))).toBe(1);
    disputedOne = res.body;
  });

  it('refuses a dispute without a reason (400 naming reason) and a second dispute (409)', async () => {
    expect(fieldsOf(expectProblem(await api.dispute(disputedOne.id, disputedOne.version, ''), 400, 'INVALID_INPUT'))).toEqual(['reason']);
    expectProblem(await api.dispute(disputedOne.id, disputedOne.version), 409, 'ASSESSMENT.ILLEGAL_TRANSITION');
  });

  it('a re-assessment after the dispute must name the disputed assessment (400 ASSESSMENT.DISPUTE_NAMES_NO_ASSESSMENT)', async () => {
    expect(fieldsOf(expectProblem(await create(form({ idNumber: id, reason: 'dispute' })), 400, 'ASSESSMENT.DISPUTE_NAMES_NO_ASSESSMENT'))).toEqual(['supersedes']);
  });

  it('refuses to name another person’s assessment (400, without saying whose it is)', async () => {
    expectProblem(await create(form({ reason: 'dispute', supersedes: disputedOne.id })), 400, 'ASSESSMENT.SUPERSEDES_UNKNOWN');
  });

  it('the re-assessment supersedes the disputed one when it completes, and both events are written', async () => {
    const draft = await create(form({ idNumber: id, reason: 'dispute', total: 40, supersedes: disputedOne.id, secondAssessor: ASSESSOR_C }), asAssessor(ASSESSOR_B));
    expect(draft.status).toBe(201);
    const res = await complete(draft.body.id, 1, asAssessor(ASSESSOR_C));

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', reason: 'dispute', supersedes: disputedOne.id, result: { level: 'severe' } });
    expect((await api.get(disputedOne.id)).body).toMatchObject({ status: 'superseded', supersededBy: draft.body.id, dispute: { reason: 'the family says she cannot dress herself' } });
    expect((await eventsAbout(SUPERSEDED, disputedOne.id)).map((e) => e.data.supersededBy)).toEqual([draft.body.id]);
    expect((await eventsAbout(COMPLETED, draft.body.id)).map((e) => e.data)).toEqual([expect.objectContaining({ reason: 'dispute', supersedes: disputedOne.id, level: 'severe' })]);
  });

  it('a dispute re-assessment of a result nobody disputed is refused (409 ASSESSMENT.NOT_DISPUTED)', async () => {
    const other = idNumber('1942-03-03');
    const done = await api.completed(form({ idNumber: other }));
    expectProblem(await create(form({ idNumber: other, reason: 'dispute', supersedes: done.id })), 409, 'ASSESSMENT.NOT_DISPUTED');
  });

  it('a draft naming a result that was superseded meanwhile cannot complete (409 ASSESSMENT.SUPERSEDES_NOT_CURRENT)', async () => {
    const other = idNumber('1942-04-04');
    const done = await api.completed(form({ idNumber: other, assessedOn: '2026-02-01' }));
    const slow = await create(form({ idNumber: other, reason: 'immediate', supersedes: done.id }));
    await api.completed(form({ idNumber: other, reason: 'immediate', supersedes: done.id, assessedOn: '2026-02-15' }));

    expect(fieldsOf(expectProblem(await complete(slow.body.id, 1), 409, 'ASSESSMENT.SUPERSEDES_NOT_CURRENT'))).toEqual(['supersedes']);
  });

  it('a draft may drop what it supersedes by an edit with null', async () => {
    const other = idNumber('1942-05-05');
    const done = await api.completed(form({ idNumber: other, assessedOn: '2026-02-01' }));
    const draft = await create(form({ idNumber: other, reason: 'immediate', supersedes: done.id }));
    const res = await edit(draft.body.id, { expectedVersion: 1, supersedes: null, reason: 'routine' });

    expect(res.body).toMatchObject({ supersedes: null, reason: 'routine', version: 2 });
    expect((await complete(draft.body.id, 2)).body).toMatchObject({ status: 'completed', supersedes: done.id });
  });
});
