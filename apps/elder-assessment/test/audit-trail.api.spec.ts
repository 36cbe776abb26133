import { digestOf } from '@jiuzhu/audit';
import { startElderAssessment, TestClock, TestService } from '../../../test/support/services';
import { AssessmentRepository } from '../src/assessment/assessment.repository';
import { as, ASSESSOR_A, ASSESSOR_B, ASSESSOR_C, asAssessor, client, expectProblem, form, personRef } from './elders';

/**
 * The audit trail of elder-assessment (issue 12): drafting, editing, completing (with the person's
 * previous assessment superseded) each write their rows in the change's own transaction; refused
 * changes write none; reading an assessment and searching a person by ID number are recorded, the
 * search under the personRef, never the number.
 */

const clock = new TestClock(new Date('2026-03-02T02:00:00Z'), 1000);
let svc: TestService;
const api = client(() => svc.url);

beforeAll(async () => {
  svc = await startElderAssessment({ clock, backgroundJobs: false });
});
afterAll(async () => {
  await svc?.dispose();
});

const rows = (): Promise<Array<{ actor: string; roles: string[]; jurisdiction: string | null; action: string; target: string; before_digest: string | null; after_digest: string | null }>> =>
  svc.dataSource.query(`SELECT * FROM audit_log ORDER BY seq`);

describe('changes of an assessment are audited', () => {
  const f = form();
  let first: any;

  it('a draft, an edit and a completion write one row each, naming the assessment, who acted, their role and jurisdiction', async () => {
    const created = await api.create(f, asAssessor(ASSESSOR_A, '640205'));
    expect(created.status).toBe(201);
    const edited = await api.edit(created.body.id, { expectedVersion: 1, needs: [{ kind: 'meals' }] }, asAssessor(ASSESSOR_A, '640205'));
    expect(edited.status).toBe(200);
    const done = await api.complete(created.body.id, 2, asAssessor(ASSESSOR_B, '640205'));
    expect(done.status).toBe(200);
    first = done.body;
    const about = (await rows()).filter((r) => r.target === `assessment:${first.id}`);
    expect(about.map((r) => [r.action, r.actor, r.roles, r.jurisdiction])).toEqual([
      ['assessment.create', ASSESSOR_A, ['assessor'], '640205'],
      ['assessment.edit', ASSESSOR_A, ['assessor'], '640205'],
      ['assessment.complete', ASSESSOR_B, ['assessor'], '640205'],
    ]);
    expect(about[0].before_digest).toBeNull();
    expect(about[2].before_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(about[2].after_digest).not.toBe(about[2].before_digest);
  });

  it('each digest is of the row as stored: a change’s before-digest is the previous change’s after-digest, and the last after-digest is the row now', async () => {
    const about = (await rows()).filter((r) => r.target === `assessment:${first.id}`);
    expect(about.slice(1).map((r) => r.before_digest)).toEqual(about.slice(0, -1).map((r) => r.after_digest));

    // The row as the repository reads it back, digested the way the trail digests it.
    const stored = await new AssessmentRepository().storedState(svc.dataSource.manager, first.id);
    expect(stored.version).toBe(3);
    expect(about.at(-1)!.after_digest).toBe(digestOf(stored));
  });

  it('completing a re-assessment also records the supersession of the previous one, in the same transaction', async () => {
    const created = await api.create({ ...f, reason: 'immediate', assessedOn: '2026-03-02', supersedes: first.id, secondAssessor: ASSESSOR_C }, asAssessor(ASSESSOR_B));
    expect(created.status).toBe(201);
    expect((await api.complete(created.body.id, created.body.version, asAssessor(ASSESSOR_C))).status).toBe(200);
    const last = (await rows()).slice(-2);
    expect(last.map((r) => [r.action, r.target, r.actor])).toEqual([
      ['assessment.supersede', `assessment:${first.id}`, ASSESSOR_C],
      ['assessment.complete', `assessment:${created.body.id}`, ASSESSOR_C],
    ]);
    // The superseded one's chain goes on from its completion, as stored.
    const ofFirst = (await rows()).filter((r) => r.target === `assessment:${first.id}`);
    expect(ofFirst.at(-1)!.before_digest).toBe(ofFirst.at(-2)!.after_digest);
  });

  it('a refused change writes no row: a stale version (409), a role not allowed (403), the drafter completing (403), another district (404), a bad form (400)', async () => {
    const created = await api.create(form());
    const before = (await rows()).length;
    expectProblem(await api.complete(created.body.id, 7), 409);
    expectProblem(await api.complete(created.body.id, 1, as(ASSESSOR_B, 'caseworker')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    expectProblem(await api.complete(created.body.id, 1, asAssessor(ASSESSOR_A)), 403, 'ASSESSMENT.DRAFTER_CANNOT_COMPLETE');
    expectProblem(await api.complete(created.body.id, 1, asAssessor(ASSESSOR_B, '640202')), 404);
    expectProblem(await api.create({ ...form(), secondAssessor: ASSESSOR_A }), 400);
    expect(await rows()).toHaveLength(before);
  });
});

describe('reads of an assessment and searches of a person are audited', () => {
  it('GET /assessments/:id writes a read row with the digest of what was shown', async () => {
    const done = await api.completed(form());
    const res = (await api.call('GET', `/assessments/${done.id}`, undefined, as('auditor-03', 'city_auditor')));
    expect(res.status).toBe(200);
    expect((await rows()).at(-1)).toMatchObject({ actor: 'auditor-03', roles: ['city_auditor'], action: 'assessment.read', target: `assessment:${done.id}`, after_digest: digestOf(res.body) });
  });

  it('POST /assessments/search is recorded under the personRef searched; the ID number appears in no row', async () => {
    const f = form();
    await api.completed(f);
    const res = await api.call('POST', '/assessments/search', { idNumber: f.idNumber }, as('clerk-11'));
    expect(res.status).toBe(200);
    expect((await rows()).at(-1)).toMatchObject({ actor: 'clerk-11', action: 'assessment.search', target: `person:${personRef(f.idNumber)}` });
    const readable = JSON.stringify((await rows()).map(({ actor, roles, action, target }) => ({ actor, roles, action, target })));
    expect(JSON.stringify(await rows())).not.toContain(f.idNumber);
    expect(readable).not.toMatch(/[0-9]{17}[0-9Xx]/);
    expect(JSON.stringify(await rows())).not.toContain('lunch on weekdays');
  });

  it('a search refused for a malformed ID number writes no row', async () => {
    const before = (await rows()).length;
    expectProblem(await api.call('POST', '/assessments/search', { idNumber: '64020519500101123' }, as('clerk-11')), 400);
    expect(await rows()).toHaveLength(before);
  });
});
