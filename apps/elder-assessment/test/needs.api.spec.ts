import { startElderAssessment, TestService } from '../../../test/support/services';
import { client, expectProblem, fieldsOf, form, idNumber } from './elders';

/**
 * Needs assessment (需求评估): the kinds of home-care help each elder needs, recorded with the
 * ability assessment, and counted per district or township over current results — each elder once,
 * by the assessment that describes them now.
 */

let svc: TestService;
const api = client(() => svc.url);

beforeAll(async () => {
  svc = await startElderAssessment({ backgroundJobs: false });
});

afterAll(async () => {
  await svc?.dispose();
});

const summary = async (query = '') => {
  const res = await api.read(`/needs/summary${query}`);
  expect(res.status).toBe(200);
  return res.body;
};
const countsOf = (body: any) => Object.fromEntries(body.needs.filter((n: any) => n.elders > 0).map((n: any) => [n.kind, n.elders]));

describe('recording needs', () => {
  it('accepts each of the ten kinds of home-care help, with an optional note', async () => {
    const kinds = ['meals', 'bathing', 'medical', 'cleaning', 'emergency', 'mobility', 'shopping', 'recreation', 'companionship', 'learning'];
    const res = await api.create(form({ needs: kinds.map((kind, i) => (i % 2 ? { kind } : { kind, note: `note ${i}` })) }));

    expect(res.status).toBe(201);
    expect(res.body.needs.map((n: any) => n.kind)).toEqual(kinds);
    expect(res.body.needs[0]).toEqual({ kind: 'meals', name: { zh: '助餐', en: 'meals' }, note: 'note 0' });
  });

  it('refuses an unknown kind (400 naming needs[i].kind)', async () => {
    expect(fieldsOf(expectProblem(await api.create(form({ needs: [{ kind: 'meals' }, { kind: 'gardening' }] })), 400, 'INVALID_INPUT'))).toEqual(['needs[1].kind']);
  });

  it('refuses a kind listed twice (400): two notes for one kind would leave the provider guessing', async () => {
    const body = expectProblem(await api.create(form({ needs: [{ kind: 'meals' }, { kind: 'meals', note: 'dinner' }] })), 400, 'INVALID_INPUT');
    expect(body.errors).toEqual([expect.objectContaining({ field: 'needs[1].kind', code: 'ASSESSMENT.NEED_DUPLICATE_KIND' })]);
  });

  it('refuses a note longer than 500 characters', async () => {
    expect(fieldsOf(expectProblem(await api.create(form({ needs: [{ kind: 'meals', note: 'x'.repeat(501) }] })), 400, 'INVALID_INPUT'))).toEqual(['needs[0].note']);
  });

  it('records no needs when none are given', async () => {
    const { needs: _omitted, ...f } = form();
    expect((await api.create(f)).body.needs).toEqual([]);
  });
});

describe('GET /needs/summary', () => {
  beforeAll(async () => {
    // 惠农区 640205001: two elders; 640205002: one; 平罗县: one. Drafts and superseded results do not count.
    await api.completed(form({ needs: [{ kind: 'meals' }, { kind: 'cleaning' }] }));
    await api.completed(form({ needs: [{ kind: 'meals' }, { kind: 'medical', note: 'insulin twice a day' }] }));
    await api.completed(form({ townshipCode: '640205002', needs: [{ kind: 'bathing' }] }));
    await api.completed(form({ idNumber: idNumber('1950-01-01', '640221'), districtCode: '640221', townshipCode: '640221100', needs: [{ kind: 'meals' }, { kind: 'emergency' }] }));
    await api.create(form({ needs: [{ kind: 'shopping' }] }));
    const reassessed = idNumber('1945-09-09');
    await api.completed(form({ idNumber: reassessed, assessedOn: '2025-06-01', needs: [{ kind: 'learning' }] }));
    await api.completed(form({ idNumber: reassessed, reason: 'routine', needs: [{ kind: 'companionship' }] }));
  });

  it('counts elders per kind over current results city-wide, listing all ten kinds in catalogue order', async () => {
    const body = await summary();

    expect(body).toMatchObject({ districtCode: null, townshipCode: null, eldersAssessed: 5 });
    expect(body.needs.map((n: any) => n.kind)).toEqual(['meals', 'bathing', 'medical', 'cleaning', 'emergency', 'mobility', 'shopping', 'recreation', 'companionship', 'learning']);
    expect(body.needs[0]).toEqual({ kind: 'meals', name: { zh: '助餐', en: 'meals' }, elders: 3 });
    expect(countsOf(body)).toEqual({ meals: 3, cleaning: 1, medical: 1, bathing: 1, emergency: 1, companionship: 1 });
  });

  it.each([
    ['?districtCode=640205', 4, { meals: 2, cleaning: 1, medical: 1, bathing: 1, companionship: 1 }],
    ['?districtCode=640205&townshipCode=640205002', 1, { bathing: 1 }],
    ['?townshipCode=640221100', 1, { meals: 1, emergency: 1 }],
    ['?districtCode=640202', 0, {}],
  ])('counts %s', async (query, elders, counts) => {
    const body = await summary(query);
    expect(body.eldersAssessed).toBe(elders);
    expect(countsOf(body)).toEqual(counts);
  });

  it('refuses a township outside the district (400)', async () => {
    expect(fieldsOf(expectProblem(await api.read('/needs/summary?districtCode=640202&townshipCode=640205001'), 400, 'INVALID_INPUT'))).toEqual(['townshipCode']);
  });

  it('carries no notes and no personal data: counts only', async () => {
    expect(JSON.stringify(await summary())).not.toMatch(/insulin|idNumber|personRef/);
  });
});
