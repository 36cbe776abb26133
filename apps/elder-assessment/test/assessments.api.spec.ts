import { startElderAssessment, TestClock, TestService } from '../../../test/support/services';
import {
  ABILITY_LOSS,
  as,
  ASSESSOR_A,
  ASSESSOR_B,
  ASSESSOR_C,
  asAssessor,
  client,
  CLERK,
  COMPLETED,
  READER,
  eventsOf,
  expectProblem,
  fieldsOf,
  form,
  idNumber,
  masked,
  personRef,
  withWrongCheckDigit,
} from './elders';
import { scoresWithTotal } from '../src/assessment/domain/assessment-inputs.fixtures';

/**
 * The life of an elder ability assessment over HTTP: a draft opened by a signed-in assessor naming
 * the second assessor, edited, completed by that second assessor with the parameters in force on
 * its date, read back with its explanation, and announced — with optimistic versions, masked ID
 * numbers and the form's rules answered as 400 problems naming the field. Who may do what where:
 * access.api.spec.ts.
 */

// Each reading of the clock is one second later, so assessments opened one after another have distinct times.
const clock = new TestClock(new Date('2026-03-02T02:00:00Z'), 1000);

let svc: TestService;
const api = client(() => svc.url);
const { call, read, create, edit, complete } = api;

beforeAll(async () => {
  svc = await startElderAssessment({ clock, backgroundJobs: false });
});

afterAll(async () => {
  await svc?.dispose();
});

const eventsAbout = async (type: string, id: string) => (await eventsOf(svc.url, type)).filter((e) => e.data.assessmentId === id);

describe('an assessment from draft to completed result', () => {
  const f = form({ total: 70, needs: [{ kind: 'meals', note: 'lunch on weekdays' }] });
  let id: string;

  it('opens a draft at version 1 with the ID number masked — the full number appears nowhere in the response', async () => {
    const res = await create(f);

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      version: 1,
      reason: 'first',
      personRef: personRef(f.idNumber),
      maskedIdNumber: masked(f.idNumber),
      ageOnAssessment: 75,
      districtCode: '640205',
      townshipCode: '640205001',
      assessors: [ASSESSOR_A, ASSESSOR_B],
      needs: [{ kind: 'meals', name: { zh: '助餐', en: 'meals' }, note: 'lunch on weekdays' }],
      result: null,
      validUntil: null,
      createdBy: ASSESSOR_A,
    });
    expect(JSON.stringify(res.body)).not.toContain(f.idNumber);
    expect(JSON.stringify(res.body)).not.toContain('1950-05-05');
    id = res.body.id;
  });

  it('never stores the full ID number, only its reference and a masked copy', async () => {
    const rows = await svc.dataSource.query(`SELECT to_jsonb(a)::text AS row FROM assessments a WHERE id = $1`, [id]);
    expect(rows[0].row).not.toContain(f.idNumber);
    expect(rows[0].row).toContain(masked(f.idNumber));
  });

  it('edits the draft: the fields given replace the draft’s, the version goes up', async () => {
    const res = await edit(id, { expectedVersion: 1, needs: [{ kind: 'meals' }, { kind: 'bathing', note: 'weekly' }] }, asAssessor(ASSESSOR_B));

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'draft', version: 2, updatedBy: ASSESSOR_B, reason: 'first', assessedOn: '2026-03-02' });
    expect(res.body.needs.map((n: { kind: string }) => n.kind)).toEqual(['meals', 'bathing']);
  });

  it('is completed by its second assessor: scored with the parameters in force, with the level, self-care and the next routine date a year on', async () => {
    const res = await complete(id, 2, asAssessor(ASSESSOR_B));

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'completed',
      version: 3,
      validUntil: '2027-03-02',
      completedBy: ASSESSOR_B,
      supersedes: null,
      result: {
        total: 70,
        maxTotal: 90,
        level: 'mild',
        preliminaryLevel: 'mild',
        selfCareAbility: 'full',
        parameterVersions: expect.objectContaining({ 'elder.level-cut-offs': 'elder.level-cut-offs@2025-01-01', 'elder.reassessment-interval': 'elder.reassessment-interval@2025-01-01' }),
      },
    });
    expect(res.body.result.subtotals.map((s: { indicator: string }) => s.indicator)).toEqual(['SELF_CARE', 'BASIC_MOBILITY', 'MENTAL_STATE', 'PERCEPTION_SOCIAL']);
  });

  it('reads back with its explanation line by line, in Chinese and English', async () => {
    const res = await api.get(id);

    expect(res.status).toBe(200);
    const lines = res.body.result.explanation;
    expect(lines.map((l: { code: string }) => l.code)).toEqual(expect.arrayContaining(['ELDER.SUBTOTAL', 'ELDER.TOTAL', 'ELDER.LEVEL_BY_TOTAL', 'ELDER.FINAL_LEVEL', 'ELDER.SELF_CARE.ABILITY']));
    expect(lines.find((l: { code: string }) => l.code === 'ELDER.TOTAL').text).toEqual({ zh: '总分 70/90 分。', en: 'Total 70 of 90.' });
    expect(res.body.maskedIdNumber).toBe(masked(f.idNumber));
    expect(JSON.stringify(res.body)).not.toContain(f.idNumber);
  });

  it('announces elder-assessment.assessment.completed with references and codes only', async () => {
    const events = await eventsAbout(COMPLETED, id);

    expect(events).toHaveLength(1);
    expect(events[0].key).toBe(personRef(f.idNumber));
    expect(events[0].data).toEqual({
      assessmentId: id,
      personRef: personRef(f.idNumber),
      districtCode: '640205',
      townshipCode: '640205001',
      reason: 'first',
      level: 'mild',
      total: 70,
      selfCareAbility: 'full',
      assessedOn: '2026-03-02',
      validUntil: '2027-03-02',
    });
    expect(JSON.stringify(events[0])).not.toContain(f.idNumber);
    expect(await eventsAbout(ABILITY_LOSS, id)).toEqual([]);
  });

  it('keeps a history of every change: who, from which status to which', async () => {
    const res = await read(`/assessments/${id}/history`);

    expect(res.body.items).toEqual([
      expect.objectContaining({ action: 'create', from: null, to: 'draft', actor: ASSESSOR_A }),
      expect.objectContaining({ action: 'edit', from: 'draft', to: 'draft', actor: ASSESSOR_B }),
      expect.objectContaining({ action: 'complete', from: 'draft', to: 'completed', actor: ASSESSOR_B }),
    ]);
  });

  it('a completed assessment is immutable: an edit is refused (409 ASSESSMENT.ILLEGAL_TRANSITION) and nothing changes', async () => {
    expectProblem(await edit(id, { expectedVersion: 3, scores: scoresWithTotal(40) }), 409, 'ASSESSMENT.ILLEGAL_TRANSITION');
    expectProblem(await complete(id, 3), 409, 'ASSESSMENT.ILLEGAL_TRANSITION');
    expect((await api.get(id)).body).toMatchObject({ status: 'completed', version: 3, result: { total: 70 } });
  });

  it('lists the person’s assessments by personRef and by ID number (searched in the body), the same either way, without the full number', async () => {
    const byRef = await read(`/assessments?personRef=${personRef(f.idNumber)}`);
    const byId = await call('POST', '/assessments/search', { idNumber: f.idNumber }, READER);

    expect(byRef.status).toBe(200);
    expect(byId.status).toBe(200);
    expect(byRef.body).toEqual(byId.body);
    expect(byRef.body).toEqual({ items: [expect.objectContaining({ id, status: 'completed', level: 'mild', total: 70, validUntil: '2027-03-02', maskedIdNumber: masked(f.idNumber) })], total: 1, limit: 50, offset: 0 });
    expect(JSON.stringify(byRef.body)).not.toContain(f.idNumber);
  });
});

describe('ability-loss discovery (主动发现)', () => {
  it.each([
    [38, 'severe'],
    [20, 'complete'],
  ])('a total of %i completes as %s and is announced as elder-assessment.ability-loss.discovered', async (total, level) => {
    const f = form({ total, needs: [] });
    const done = await api.completed(f);

    expect(done.result).toMatchObject({ total, level });
    const [event, ...more] = await eventsAbout(ABILITY_LOSS, done.id);
    expect(more).toEqual([]);
    expect(event.data).toEqual({
      assessmentId: done.id,
      personRef: personRef(f.idNumber),
      districtCode: '640205',
      townshipCode: '640205001',
      level,
      selfCareAbility: done.result.selfCareAbility,
      discoveredOn: '2026-03-02',
    });
  });

  it('a diagnosed dementia raises a moderate total to severe — a discovery too', async () => {
    const done = await api.completed(form({ total: 50, conditions: { coma: false, dementiaDiagnosed: true, psychiatricDisorderDiagnosed: false, careRiskEvents: [] } }));

    expect(done.result).toMatchObject({ total: 50, preliminaryLevel: 'moderate', level: 'severe' });
    expect(await eventsAbout(ABILITY_LOSS, done.id)).toHaveLength(1);
  });
});

describe('the form’s rules answer 400 naming the field and the reason', () => {
  it('refuses a score out of its item’s range', async () => {
    const f = form();
    f.scores['BASIC_MOBILITY.STAIRS'] = 4;

    const body = expectProblem(await create(f), 400, 'INVALID_INPUT');
    expect(body.errors).toEqual([{ field: 'scores.BASIC_MOBILITY.STAIRS', code: 'ASSESSMENT.OUT_OF_RANGE', reason: expect.stringMatching(/0–3, got 4/) }]);
  });

  it('refuses an item that does not exist and a score that is not a whole number', async () => {
    const f = form();
    f.scores['SELF_CARE.EATING'] = 2.5;
    f.scores['SELF_CARE.SINGING'] = 3;

    expect(fieldsOf(expectProblem(await create(f), 400, 'INVALID_INPUT')).sort()).toEqual(['scores.SELF_CARE.EATING', 'scores.SELF_CARE.SINGING']);
  });

  it('lets a draft be saved with items still unscored, but completion needs all 26 and names each missing item', async () => {
    const f = form();
    delete f.scores['SELF_CARE.EATING'];
    delete f.scores['PERCEPTION_SOCIAL.SOCIAL_CONTACT'];
    const draft = await create(f);
    expect(draft.status).toBe(201);

    const body = expectProblem(await complete(draft.body.id, 1), 400, 'INVALID_INPUT');
    expect(body.errors).toEqual([
      { field: 'scores.SELF_CARE.EATING', code: 'ASSESSMENT.MISSING', reason: expect.stringMatching(/all 26/) },
      { field: 'scores.PERCEPTION_SOCIAL.SOCIAL_CONTACT', code: 'ASSESSMENT.MISSING', reason: expect.stringMatching(/all 26/) },
    ]);
    expect((await api.get(draft.body.id)).body).toMatchObject({ status: 'draft', version: 1 });

    const fixed = await edit(draft.body.id, { expectedVersion: 1, scores: scoresWithTotal(70) });
    expect((await complete(draft.body.id, fixed.body.version)).status).toBe(200);
  });

  it('the second assessor must be another person: naming oneself is refused (400 ASSESSMENT.SAME_ASSESSOR_TWICE naming secondAssessor)', async () => {
    const body = expectProblem(await create(form({ secondAssessor: ASSESSOR_A })), 400, 'ASSESSMENT.SAME_ASSESSOR_TWICE');
    expect(fieldsOf(body)).toEqual(['secondAssessor']);
  });

  it('the second assessor must be another person in an edit too: naming the first assessor is refused, leaving the draft as it was', async () => {
    const draft = await create(form());
    expectProblem(await edit(draft.body.id, { expectedVersion: 1, secondAssessor: ASSESSOR_A }, asAssessor(ASSESSOR_B)), 400, 'ASSESSMENT.SAME_ASSESSOR_TWICE');
    expect((await api.get(draft.body.id)).body).toMatchObject({ version: 1, assessors: [ASSESSOR_A, ASSESSOR_B] });
  });

  it('the first assessor is the one signed in: a body naming the assessors itself is refused (400 naming assessors)', async () => {
    const { secondAssessor: _, ...rest } = form();
    const res = await create({ ...rest, assessors: [ASSESSOR_C, ASSESSOR_B] } as never);
    expect(fieldsOf(expectProblem(res, 400, 'INVALID_INPUT'))).toEqual(expect.arrayContaining(['assessors', 'secondAssessor']));
  });

  it.each([
    ['no second assessor', undefined],
    ['a name instead of a staff id', '张三'],
    ['a system actor', 'system:seed'],
    ['an empty id', ''],
    ['an id of 65 characters', 'a'.repeat(65)],
  ])('refuses %s as the second assessor (400 naming secondAssessor): it must have a staff id’s shape', async (_what, secondAssessor) => {
    const f = form({ secondAssessor: secondAssessor as string });
    if (secondAssessor === undefined) delete (f as Partial<typeof f>).secondAssessor;
    expect(fieldsOf(expectProblem(await create(f), 400, 'INVALID_INPUT'))).toEqual(['secondAssessor']);
  });

  it('refuses an assessment date after today (400 ASSESSMENT.DATE_IN_FUTURE): the date is the day of the visit', async () => {
    const body = expectProblem(await create(form({ assessedOn: '2026-03-03' })), 400, 'ASSESSMENT.DATE_IN_FUTURE');
    expect(body.errors).toEqual([{ field: 'assessedOn', code: 'ASSESSMENT.DATE_IN_FUTURE', reason: 'must not be after today (2026-03-02)' }]);
  });

  it.each(['2026-02-30', '2026/03/01'])('refuses the assessment date %s (400 naming assessedOn)', async (assessedOn) => {
    expect(fieldsOf(expectProblem(await create(form({ assessedOn })), 400, 'INVALID_INPUT'))).toEqual(['assessedOn']);
  });

  it('refuses a date before any parameters were in force (400 naming assessedOn)', async () => {
    const body = expectProblem(await create(form({ assessedOn: '2024-12-31' })), 400, 'INVALID_INPUT');
    expect(body.errors).toEqual([expect.objectContaining({ field: 'assessedOn', code: 'ASSESSMENT.NO_PARAMETERS_IN_FORCE' })]);
  });

  it.each([
    ['1966-03-03', 'turns 60 the day after the assessment'],
    ['1980-01-01', 'is 46'],
  ])('refuses a person born %s who %s (400 ASSESSMENT.NOT_AN_ELDER)', async (birth) => {
    expect(fieldsOf(expectProblem(await create(form({ idNumber: idNumber(birth) })), 400, 'ASSESSMENT.NOT_AN_ELDER'))).toEqual(['idNumber']);
  });

  it('assesses a person who turns 60 on the assessment date', async () => {
    expect((await create(form({ idNumber: idNumber('1966-03-02') }))).status).toBe(201);
  });

  it('refuses an ID number with a wrong check digit (400 naming idNumber) and never echoes it', async () => {
    const wrong = withWrongCheckDigit(idNumber());
    const res = await create(form({ idNumber: wrong }));
    expect(fieldsOf(expectProblem(res, 400, 'INVALID_INPUT'))).toEqual(['idNumber']);
    expect(JSON.stringify(res.body)).not.toContain(wrong);
  });

  it('refuses a township outside the district (400 naming townshipCode)', async () => {
    expect(fieldsOf(expectProblem(await create(form({ townshipCode: '640202001' })), 400, 'INVALID_INPUT'))).toEqual(['townshipCode']);
  });

  it('refuses an unknown district and an unknown reason', async () => {
    expect(fieldsOf(expectProblem(await create(form({ districtCode: '110101', reason: 'yearly' })), 400, 'INVALID_INPUT')).sort()).toEqual(['districtCode', 'reason']);
  });

  it('refuses a care-risk event dated after the assessment (a mistyped date would silently drop a raise)', async () => {
    const f = form({ conditions: { coma: false, dementiaDiagnosed: false, psychiatricDisorderDiagnosed: false, careRiskEvents: [{ kind: 'fall', on: '2026-03-02' }, { kind: 'fall', on: '2026-03-20' }] } });
    const body = expectProblem(await create({ ...f, assessedOn: '2026-03-01' }), 400, 'INVALID_INPUT');
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'conditions.careRiskEvents[1].on', code: 'ASSESSMENT.AFTER_ASSESSMENT' })]));
  });
});

describe('optimistic versions', () => {
  it('refuses a change based on a stale version (409 ASSESSMENT.VERSION_CONFLICT naming expectedVersion)', async () => {
    const draft = await create(form());
    expect((await edit(draft.body.id, { expectedVersion: 1, needs: [] })).status).toBe(200);

    const body = expectProblem(await edit(draft.body.id, { expectedVersion: 1, needs: [{ kind: 'meals' }] }), 409, 'ASSESSMENT.VERSION_CONFLICT');
    expect(fieldsOf(body)).toEqual(['expectedVersion']);
    expectProblem(await complete(draft.body.id, 1), 409, 'ASSESSMENT.VERSION_CONFLICT');
  });

  it('lets exactly one of two simultaneous completions of the same version through: one 200, one 409, one event', async () => {
    const draft = await create(form({ total: 35 }));

    const results = await Promise.all([complete(draft.body.id, 1), complete(draft.body.id, 1)]);

    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('ASSESSMENT.VERSION_CONFLICT');
    expect(await eventsAbout(COMPLETED, draft.body.id)).toHaveLength(1);
    expect(await eventsAbout(ABILITY_LOSS, draft.body.id)).toHaveLength(1);
    const history = (await read(`/assessments/${draft.body.id}/history`)).body.items;
    expect(history.filter((h: { action: string }) => h.action === 'complete')).toHaveLength(1);
  });
});

describe('who may change an assessment', () => {
  it.each([
    ['open a draft', () => call('POST', '/assessments', form())],
    ['complete one', async () => call('POST', `/assessments/${(await create(form())).body.id}/complete`, { expectedVersion: 1 })],
  ])('refuses to %s without a token (401)', async (_what, send) => {
    expectProblem(await send(), 401, 'UNAUTHENTICATED');
  });

  it.each([
    ['a caseworker', as(ASSESSOR_B, 'caseworker')],
    ['a supervisor', as(ASSESSOR_B, 'supervisor')],
    ['an administrator', as(ASSESSOR_B, 'admin')],
  ])('only an assessor may complete: refused to %s, even one named on the form (403 AUTH.ROLE_NOT_ALLOWED)', async (_what, headers) => {
    const draft = await create(form());
    expectProblem(await complete(draft.body.id, 1, headers), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expect((await api.get(draft.body.id)).body).toMatchObject({ status: 'draft', version: 1 });
  });

  it('four-eyes: an assessor not named on the form cannot complete it (403 ASSESSMENT.NOT_AN_ASSESSOR)', async () => {
    const draft = await create(form());
    expectProblem(await complete(draft.body.id, 1, asAssessor(ASSESSOR_C)), 403, 'ASSESSMENT.NOT_AN_ASSESSOR');
    expect(await eventsAbout(COMPLETED, draft.body.id)).toEqual([]);
  });

  it('four-eyes: the drafting assessor cannot complete their own draft (403 ASSESSMENT.DRAFTER_CANNOT_COMPLETE); the second assessor then can', async () => {
    const draft = await create(form());
    expectProblem(await complete(draft.body.id, 1, asAssessor(ASSESSOR_A)), 403, 'ASSESSMENT.DRAFTER_CANNOT_COMPLETE');
    expect(await eventsAbout(COMPLETED, draft.body.id)).toEqual([]);
    expect((await api.get(draft.body.id)).body).toMatchObject({ status: 'draft', version: 1 });

    expect((await complete(draft.body.id, 1, asAssessor(ASSESSOR_B))).body).toMatchObject({ status: 'completed', assessors: [ASSESSOR_A, ASSESSOR_B], createdBy: ASSESSOR_A, completedBy: ASSESSOR_B });
  });

  it('four-eyes: only the two assessors edit a draft (403 ASSESSMENT.NOT_AN_ASSESSOR); the second may hand over to another, who then completes', async () => {
    const draft = await create(form());
    expectProblem(await edit(draft.body.id, { expectedVersion: 1, needs: [] }, asAssessor(ASSESSOR_C)), 403, 'ASSESSMENT.NOT_AN_ASSESSOR');

    const handedOver = await edit(draft.body.id, { expectedVersion: 1, secondAssessor: ASSESSOR_C }, asAssessor(ASSESSOR_B));
    expect(handedOver.body).toMatchObject({ version: 2, assessors: [ASSESSOR_A, ASSESSOR_C] });
    expectProblem(await complete(draft.body.id, 2, asAssessor(ASSESSOR_B)), 403, 'ASSESSMENT.NOT_AN_ASSESSOR');
    expect((await complete(draft.body.id, 2, asAssessor(ASSESSOR_C))).body).toMatchObject({ status: 'completed', completedBy: ASSESSOR_C });
  });

  it('records who made each change, and the clerk who records a dispute', async () => {
    const done = await api.completed(form());
    const disputed = await api.dispute(done.id, done.version, 'level too low', as(CLERK));

    expect(disputed.body).toMatchObject({ status: 'disputed', updatedBy: CLERK, dispute: { by: CLERK, on: '2026-03-02', reason: 'level too low' } });
  });
});

describe('reading', () => {
  it('answers 404 for an unknown assessment and 400 for an id that is not a UUID', async () => {
    expectProblem(await api.get('00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    expect(fieldsOf(expectProblem(await api.get('abc'), 400, 'INVALID_INPUT'))).toEqual(['id']);
  });

  it('lists a person’s history newest first', async () => {
    const id = idNumber('1948-08-08');
    const first = await api.completed(form({ idNumber: id, assessedOn: '2025-03-01', total: 80 }));
    const routine = await api.completed(form({ idNumber: id, reason: 'routine', assessedOn: '2026-03-01', total: 60 }));

    const res = await read(`/assessments?personRef=${personRef(id)}`);
    expect(res.body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
      [routine.id, 'completed'],
      [first.id, 'superseded'],
    ]);
  });

  it.each([
    ['no personRef', '', ['personRef']],
    ['a personRef that is not a reference', '?personRef=abc', ['personRef']],
    ['an ID number in the URL (not a parameter: the lookup by ID number is POST /assessments/search)', `?idNumber=${idNumber('1950-05-05')}`, ['idNumber']],
    ['a limit past 500', `?personRef=${'a'.repeat(64)}&limit=501`, ['limit']],
    ['a negative offset and a zero limit', `?personRef=${'a'.repeat(64)}&limit=0&offset=-1`, ['limit', 'offset']],
  ])('refuses a person query with %s (400 naming the field)', async (_what, query, fields) => {
    const res = await read(`/assessments${query}`);
    expect(fieldsOf(expectProblem(res, 400, 'INVALID_INPUT'))).toEqual(fields);
    expect(JSON.stringify(res.body)).not.toMatch(/\d{17}[\dX]/);
  });

  it('pages a person’s history: limit and offset, with the total', async () => {
    const id = idNumber('1947-07-07');
    const first = await api.completed(form({ idNumber: id, assessedOn: '2025-03-01', total: 80 }));
    const routine = await api.completed(form({ idNumber: id, reason: 'routine', assessedOn: '2026-03-01', total: 60 }));

    const page1 = await call('POST', '/assessments/search?limit=1', { idNumber: id }, READER);
    const page2 = await call('POST', '/assessments/search?limit=1&offset=1', { idNumber: id }, READER);

    expect(page1.body).toMatchObject({ items: [{ id: routine.id }], total: 2, limit: 1, offset: 0 });
    expect(page2.body).toMatchObject({ items: [{ id: first.id }], total: 2, limit: 1, offset: 1 });
  });

  it('no event in the outbox carries an ID number, full or masked', async () => {
    await api.completed(form({ total: 30 }));
    const all = await eventsOf(svc.url);
    expect(JSON.stringify(all)).not.toMatch(/\d{17}[\dX]|\*{8}|idNumber/);
  });

  it('serves the operations endpoints', async () => {
    expect((await call('GET', '/health')).body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, outboxRelay: { status: 'up' } } });
    const doc = await call('GET', '/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/assessments', '/assessments/{id}', '/assessments/{id}/complete', '/assessments/{id}/dispute', '/queues/overdue', '/needs/summary', '/parameters', '/events', '/health/live', '/health/ready', '/metrics']),
    );
    expect((await call('GET', '/metrics')).body).toContain('jiuzhu_outbox_pending{service="elder-assessment"}');
  });
});

describe('POST /assessments/search (by ID number, in the body)', () => {
  it('a person never assessed gets an empty list, and nothing in the answer turns the ID number into a reference', async () => {
    const never = idNumber('1940-04-04');

    const res = await call('POST', '/assessments/search', { idNumber: never }, READER);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    expect(JSON.stringify(res.body)).not.toContain(personRef(never));
  });

  it('an answer with assessments names no personRef either', async () => {
    const id = idNumber('1941-01-01');
    await api.completed(form({ idNumber: id }));

    const res = await call('POST', '/assessments/search', { idNumber: id }, READER);

    expect(res.body.items).toHaveLength(1);
    expect(JSON.stringify(res.body)).not.toContain(personRef(id));
  });

  it.each([
    ['an ID number with a wrong check digit', () => ({ idNumber: withWrongCheckDigit(idNumber('1950-05-05')) }), 'idNumber'],
    ['no ID number', () => ({}), 'idNumber'],
    ['another field beside it', () => ({ idNumber: idNumber('1950-05-05'), personRef: 'a'.repeat(64) }), 'personRef'],
  ])('refuses %s (400 naming the field), never echoing the number', async (_what, body, field) => {
    const sent = body();
    const res = await call('POST', '/assessments/search', sent, READER);

    expect(fieldsOf(expectProblem(res, 400, 'INVALID_INPUT'))).toContain(field);
    if ('idNumber' in sent) expect(JSON.stringify(res.body)).not.toContain(sent.idNumber);
  });
});
