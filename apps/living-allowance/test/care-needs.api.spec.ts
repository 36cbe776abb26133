import { randomUUID } from 'node:crypto';
import { AssessmentCompleted, AssessmentCompletedV1, AssessmentSuperseded, AssessmentSupersededV1, EventContract } from '@jiuzhu/contracts';
import { OutboundMessage } from '@jiuzhu/messaging';
import { http, startLivingAllowance, TestService } from '../../../test/support/services';
import { as, HouseholdInput, idNumber, personRef } from './households';
import { outboundMessage } from '../../../test/support/messages';

/**
 * The living-allowance service learns each person's elder ability level from the elder-assessment
 * service's events (never from its database), once per event however often it is delivered, and
 * a severe or complete loss of ability earns the care-needs top-up when a case is decided.
 */
let svc: TestService;
/** Reads and trials as a caseworker unless told. */
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = as('clerk-71')) => http(svc.url, method, path, body, headers);

beforeAll(async () => {
  svc = await startLivingAllowance({ backgroundJobs: false });
});
afterAll(() => svc?.dispose());

function message<T extends object>(contract: EventContract<T>, payload: T, id = randomUUID()): OutboundMessage {
  return outboundMessage(contract, payload, { id, source: 'elder-assessment' });
}

function completed(ref: string, o: Partial<AssessmentCompletedV1> = {}): AssessmentCompletedV1 {
  return { ...AssessmentCompleted.example, assessmentId: randomUUID(), personRef: ref, districtCode: '640202', townshipCode: '640202001', level: 'severe', total: 38, assessedOn: '2026-02-20', validUntil: '2027-02-20', ...o };
}

/** Two elders on a small income: dibao, with age top-ups; the applicant's care needs decide one more. */
function elderlyCouple(): HouseholdInput {
  return {
    districtCode: '640202',
    area: 'urban',
    members: [
      { idNumber: idNumber('1950-04-04'), relation: 'applicant' },
      { idNumber: idNumber('1953-06-06'), relation: 'spouse' },
    ],
    incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 50000 }],
    deductions: [],
    assets: { moneyFen: 0, homes: 1, housingAreaSqm: 50, vehicles: [] },
  };
}

const levelOf = async (ref: string) => call('GET', `/ability-levels/${ref}`);

describe('recording ability levels from elder-assessment events', () => {
  it('records the level announced for a person, and a redelivery of the same event has no second effect', async () => {
    const ref = personRef(idNumber('1945-01-01'));
    const e = completed(ref);
    const msg = message(AssessmentCompleted, e);

    await svc.deliver([msg]);
    await svc.deliver([msg]);

    expect((await levelOf(ref)).body).toMatchObject({ assessmentId: e.assessmentId, level: 'severe', assessedOn: '2026-02-20', superseded: false });
    const [{ n }] = await svc.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [msg.id]);
    expect(n).toBe(1);
  });

  it('an older assessment delivered late does not replace a newer one; a correction that supersedes it does, whatever its date', async () => {
    const ref = personRef(idNumber('1946-02-02'));
    const newer = completed(ref, { assessedOn: '2026-02-20', level: 'moderate' });
    await svc.deliver([message(AssessmentCompleted, newer)]);

    await svc.deliver([message(AssessmentCompleted, completed(ref, { assessedOn: '2025-06-01', level: 'complete' }))]);
    expect((await levelOf(ref)).body).toMatchObject({ assessmentId: newer.assessmentId, level: 'moderate' });

    const correction = completed(ref, { assessedOn: '2026-02-19', level: 'severe', supersedes: newer.assessmentId });
    await svc.deliver([message(AssessmentSuperseded, { assessmentId: newer.assessmentId, supersededBy: correction.assessmentId, personRef: ref, districtCode: '640202', supersededOn: '2026-02-25' } satisfies AssessmentSupersededV1)]);
    expect((await levelOf(ref)).body).toMatchObject({ assessmentId: newer.assessmentId, superseded: true });
    await svc.deliver([message(AssessmentCompleted, correction)]);
    expect((await levelOf(ref)).body).toMatchObject({ assessmentId: correction.assessmentId, level: 'severe', superseded: false });
  });

  it('answers 404 for a person with no assessment and 400 for a malformed reference', async () => {
    expect((await levelOf('a'.repeat(64))).status).toBe(404);
    expect((await levelOf('not-a-ref')).status).toBe(400);
  });
});

describe('care needs in the dibao decision', () => {
  it('a member assessed with severe loss of ability gets the care-needs top-up, recorded with the assessment it relied on', async () => {
    const h = elderlyCouple();
    const e = completed(personRef(h.members[0].idNumber));
    await svc.deliver([message(AssessmentCompleted, e)]);

    const filed = await call('POST', '/applications', { household: h }, as('clerk-71'));
    const submitted = await call('POST', `/applications/${filed.body.id}/submit`, { expectedVersion: 1 }, as('clerk-71'));

    expect(submitted.status).toBe(200);
    expect(submitted.body.household.members[0].abilityAssessment).toEqual({ level: 'severe', assessmentId: e.assessmentId, assessedOn: '2026-02-20' });
    expect(submitted.body.household.members[1].abilityAssessment).toBeUndefined();
    const topUps = submitted.body.assessment.topUps.map((t: { memberIndex: number; code: string }) => `${t.memberIndex}:${t.code}`);
    expect(topUps).toEqual(['0:TOP_UP.AGED_70', '0:TOP_UP.SEVERE_LOSS_OF_ABILITY', '1:TOP_UP.AGED_70']);
    expect(JSON.stringify(submitted.body.assessment.explanation)).toContain('重度失能');
  });

  it('the trial assessment counts the same care needs', async () => {
    const h = elderlyCouple();
    await svc.deliver([message(AssessmentCompleted, completed(personRef(h.members[1].idNumber), { level: 'complete', total: 12 }))]);

    const trial = await call('POST', '/trial-assessments', { household: h });

    expect(trial.body.topUps.map((t: { memberIndex: number; code: string }) => `${t.memberIndex}:${t.code}`)).toContain('1:TOP_UP.SEVERE_LOSS_OF_ABILITY');
  });

  it.each(['intact', 'mild', 'moderate'] as const)('a member assessed as %s earns no care-needs top-up', async (level) => {
    const h = elderlyCouple();
    await svc.deliver([message(AssessmentCompleted, completed(personRef(h.members[0].idNumber), { level }))]);

    const trial = await call('POST', '/trial-assessments', { household: h });

    expect(trial.body.topUps.map((t: { code: string }) => t.code)).not.toContain('TOP_UP.SEVERE_LOSS_OF_ABILITY');
  });

  it('a superseded assessment no longer counts', async () => {
    const h = elderlyCouple();
    const ref = personRef(h.members[0].idNumber);
    const e = completed(ref);
    await svc.deliver([message(AssessmentCompleted, e)]);
    await svc.deliver([message(AssessmentSuperseded, { assessmentId: e.assessmentId, supersededBy: randomUUID(), personRef: ref, districtCode: '640202', supersededOn: '2026-02-26' })]);

    const trial = await call('POST', '/trial-assessments', { household: h });

    expect(trial.body.topUps.map((t: { code: string }) => t.code)).not.toContain('TOP_UP.SEVERE_LOSS_OF_ABILITY');
  });

  it('a caseworker cannot type an ability level into the household document (400 naming the field)', async () => {
    const h = elderlyCouple();
    const res = await call('POST', '/applications', { household: { ...h, members: [{ ...h.members[0], abilityAssessment: { level: 'complete', assessmentId: randomUUID(), assessedOn: '2026-01-01' } }, h.members[1]] } }, as('clerk-71'));

    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('abilityAssessment');
  });
});
