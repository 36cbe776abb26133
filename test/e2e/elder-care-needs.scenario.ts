import { randomUUID } from 'node:crypto';
import { AssessmentCompleted } from '@jiuzhu/contracts';
import { InProcessBus, OutboundMessage } from '@jiuzhu/messaging';
import { eventually } from '../support/infra';
import { http, startElderAssessment, startLivingAllowance, TestService } from '../support/services';
import { as, idNumber, personRef } from '../../apps/living-allowance/test/households';
import { scoresWithTotal } from '../../apps/elder-assessment/src/assessment/domain/assessment-inputs.fixtures';
import { inProcessHarness, kafkaHarness, TransportHarness } from './harness';

/**
 * Across services, on one transport: an elder assessed in elder-assessment (two assessors, severe
 * loss of ability) becomes a fact the living-allowance service knows — through the event, never by
 * reading the other database — and a dibao decision for the elder's household then grants the
 * care-needs top-up. The event has one effect however often it is delivered.
 */
export function elderCareNeedsScenario(kind: 'kafka' | 'in-process') {
  let la: TestService;
  let ea: TestService;
  let harness: TransportHarness;

  beforeAll(async () => {
    const bus = kind === 'in-process' ? new InProcessBus() : undefined;
    ea = await startElderAssessment({ transport: kind, bus, backgroundJobs: false });
    la = await startLivingAllowance({ transport: kind, bus, backgroundJobs: false });
    harness = kind === 'kafka' ? await kafkaHarness([AssessmentCompleted.topic]) : inProcessHarness(bus!);
  });

  afterAll(async () => {
    await la?.dispose();
    await ea?.dispose();
    await harness?.close();
  });

  const assessor = (id: string) => as(id, 'assessor');

  /** Opens and completes an assessment of the elder with the given total; returns the completed view. */
  async function assess(elderId: string, total: number, over: Record<string, unknown> = {}): Promise<any> {
    const draft = await http(ea.url, 'POST', '/assessments', {
      idNumber: elderId,
      districtCode: '640202',
      townshipCode: '640202001',
      reason: 'first',
      assessedOn: ea.clock.today(),
      secondAssessor: 'assessor-02',
      scores: scoresWithTotal(total),
      conditions: { coma: false, dementiaDiagnosed: false, psychiatricDisorderDiagnosed: false, careRiskEvents: [] },
      needs: [{ kind: 'bathing' }],
      ...over,
    }, assessor('assessor-01'));
    expect(draft.status).toBe(201);
    const done = await http(ea.url, 'POST', `/assessments/${draft.body.id}/complete`, { expectedVersion: draft.body.version }, assessor('assessor-02'));
    expect(done.status).toBe(200);
    return done.body;
  }

  const knownLevel = async (ref: string) => {
    const res = await http(la.url, 'GET', `/ability-levels/${ref}`, undefined, as('clerk-e2e'));
    return res.status === 200 ? res.body : undefined;
  };

  it('an assessment completed in elder-assessment changes what living-allowance knows, and the dibao decision grants the care-needs top-up', async () => {
    const elder = idNumber('1948-08-08');
    const ref = personRef(elder);
    const done = await assess(elder, 38);
    expect(done).toMatchObject({ status: 'completed', result: { level: 'severe', total: 38 } });

    const known = await eventually(async () => knownLevel(ref), 'living-allowance to learn the ability level');
    expect(known).toMatchObject({ assessmentId: done.id, level: 'severe', total: 38, selfCareAbility: done.result.selfCareAbility, assessedOn: done.assessedOn });

    const household = {
      districtCode: '640202',
      area: 'urban',
      members: [{ idNumber: elder, relation: 'applicant' }],
      incomes: [{ memberIndex: 0, kind: 'basic_pension', monthlyFen: 20000 }],
      deductions: [],
      assets: { moneyFen: 0, homes: 1, housingAreaSqm: 40, vehicles: [] },
    };
    const filed = await http(la.url, 'POST', '/applications', { household }, as('clerk-e2e'));
    const submitted = await http(la.url, 'POST', `/applications/${filed.body.id}/submit`, { expectedVersion: 1 }, as('clerk-e2e'));
    expect(submitted.body.household.members[0].abilityAssessment).toMatchObject({ level: 'severe', assessmentId: done.id });
    expect(submitted.body.assessment.topUps.map((t: { code: string }) => t.code)).toContain('TOP_UP.SEVERE_LOSS_OF_ABILITY');

    // The lead for active discovery went out with it.
    const events = (await http(ea.url, 'GET', '/events?limit=500', undefined, as('ops-1', 'admin'))).body.items;
    expect(events.filter((e: any) => e.type === 'elder-assessment.ability-loss.discovered' && e.data.assessmentId === done.id)).toHaveLength(1);
  });

  it('an assessment.completed delivered twice has exactly one effect', async () => {
    const elder = idNumber('1947-07-07');
    const ref = personRef(elder);
    const first = await assess(elder, 50);
    await eventually(async () => (await knownLevel(ref))?.assessmentId === first.id, 'the first delivery');

    // The same event (same id) delivered again, as a producer retry or a replay would.
    const items = (await http(ea.url, 'GET', '/events?limit=500', undefined, as('ops-1', 'admin'))).body.items;
    const original = items.find((e: any) => e.type === AssessmentCompleted.type && e.data.assessmentId === first.id);
    const again: OutboundMessage = {
      seq: '0',
      id: original.id,
      topic: AssessmentCompleted.topic,
      key: original.key,
      type: original.type,
      version: 1,
      source: 'elder-assessment',
      payload: original.data,
      occurredAt: original.occurredAt,
    };
    await harness.inject(again);
    await harness.inject(again);
    // A later assessment of the same person travels on the same partition: once it is known, the
    // redeliveries before it have been handled.
    const correction = await assess(elder, 20, { reason: 'immediate', supersedes: first.id });
    await eventually(async () => (await knownLevel(ref))?.assessmentId === correction.id, 'the correction');

    const [{ n }] = await la.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [original.id]);
    expect(n).toBe(1);
    expect(await knownLevel(ref)).toMatchObject({ assessmentId: correction.id, level: 'complete', superseded: false });
  });

  it('a message nesting 1 500 levels deep (10 KB) is dead-lettered with its reason, and the assessment after it is recorded', async () => {
    const elder = idNumber('1946-06-06');
    const ref = personRef(elder);
    // On the elder's partition, just before the elder's real assessment: it once stopped consumption there for good.
    const deep: OutboundMessage = {
      seq: '0',
      id: randomUUID(),
      topic: AssessmentCompleted.topic,
      key: ref,
      type: AssessmentCompleted.type,
      version: AssessmentCompleted.version,
      source: 'e2e-injector',
      payload: JSON.parse(`{"a":${'['.repeat(1500)}${']'.repeat(1500)}}`),
      occurredAt: new Date().toISOString(),
    };
    await harness.inject(deep);
    const done = await assess(elder, 38);
    await eventually(async () => (await knownLevel(ref))?.assessmentId === done.id, 'the assessment after the deep message');
    await eventually(async () => harness.deadLetters().some((d) => d.eventId === deep.id), 'the deep message on the dead-letter topic');
    expect(harness.deadLetters().find((d) => d.eventId === deep.id)).toMatchObject({ reason: 'invalid-payload', error: expect.stringContaining('payload nests deeper than 16 levels') });
    expect(la.messaging.consumerStatus()).toMatchObject({ state: 'running', topics: expect.arrayContaining([AssessmentCompleted.topic]) });
  });
}
