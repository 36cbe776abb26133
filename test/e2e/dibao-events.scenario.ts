import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { ApplicationSubmittedV2, CaseApproved, CaseApprovedV1, EventContract } from '@jiuzhu/contracts';
import { EventPublisher, InProcessBus, OutboundMessage, OutboxRelay } from '@jiuzhu/messaging';
import { eventually } from '../support/infra';
import { as } from '../support/sign-in';
import { http, startLivingAllowance, TestService } from '../support/services';
import { advanceDays, approver, approveThroughProcess, economicCheck, reviewer } from '../../apps/living-allowance/test/process';
import { inProcessHarness, kafkaHarness, TransportHarness } from './harness';
import { dibaoHousehold } from './households';
import { POISON, startWatcher, Watcher } from './watcher';
import { outboundMessage } from '../support/messages';

/** Wraps a transport's publisher so that the third batch is cut off halfway, like a relay process being killed. */
function dyingPublisher(real: EventPublisher): EventPublisher {
  let batches = 0;
  return {
    start: async () => undefined,
    stop: async () => undefined,
    async publish(batch) {
      if (++batches < 3) return real.publish(batch);
      await real.publish(batch.slice(0, Math.ceil(batch.length / 2)));
      throw new Error('relay killed mid-batch');
    },
  };
}

const fakeEvent = <T extends object>(contract: EventContract<T>, payload: T): OutboundMessage => outboundMessage(contract, payload, { source: 'e2e-injector' });
const fakeApproved = (caseId: string, overrides: Partial<CaseApprovedV1> = {}): OutboundMessage =>
  fakeEvent(CaseApproved, { ...CaseApproved.example, caseId, ...overrides });

/**
 * The end-to-end path on one transport: a caseworker files a household, an officer approves it,
 * and a service in another consumer group sees the approval exactly once in effect — through
 * duplicate deliveries, a relay killed mid-batch, and poison messages.
 */
export function dibaoEventsScenario(kind: 'kafka' | 'in-process') {
  let la: TestService;
  let watcher: Watcher;
  let harness: TransportHarness;
  const group = `e2e-watcher-${randomUUID()}`;

  beforeAll(async () => {
    const bus = kind === 'in-process' ? new InProcessBus() : undefined;
    la = await startLivingAllowance({ transport: kind, bus });
    watcher = await startWatcher({ transport: kind, bus, group });
    // After the services: they create the topics and dead-letter topics on start.
    harness = kind === 'kafka' ? await kafkaHarness([CaseApproved.topic]) : inProcessHarness(bus!);
  });

  afterAll(async () => {
    await watcher?.dispose();
    await la?.dispose();
    await harness?.close();
  });

  async function fileAndApprove(): Promise<string> {
    const filed = await http(la.url, 'POST', '/applications', { household: dibaoHousehold() }, as('caseworker-1'));
    expect(filed.status).toBe(201);
    const submitted = await http(la.url, 'POST', `/applications/${filed.body.id}/submit`, { expectedVersion: 1 }, as('caseworker-1'));
    expect(submitted.status).toBe(200);
    expect(submitted.body.assessment.outcome).toBe('dibao');
    await approveThroughProcess(la.url, la.clock, filed.body.id, 2, { approverId: 'officer-7' });
    return filed.body.id;
  }

  const seen = async (caseId: string, type = CaseApproved.type) =>
    Number((await watcher.dataSource.query(`SELECT count(*) AS n FROM seen WHERE case_id = $1 AND type = $2`, [caseId, type]))[0].n);
  const attempts = async (caseId: string) => Number((await watcher.dataSource.query(`SELECT count(*) AS n FROM attempts WHERE case_id = $1`, [caseId]))[0].n);

  it('an approval filed over HTTP reaches another service in another consumer group, with the assessed benefit', async () => {
    const caseId = await fileAndApprove();
    await eventually(async () => (await seen(caseId)) === 1, 'the watcher to record the approval');
    expect(await seen(caseId, 'living-allowance.application.submitted')).toBe(1);
    const [row] = await watcher.dataSource.query(`SELECT benefit_fen FROM seen WHERE case_id = $1 AND type = $2`, [caseId, CaseApproved.type]);
    const view = await http(la.url, 'GET', `/applications/${caseId}`, undefined, as('caseworker-1'));
    expect(Number(row.benefit_fen)).toBe(view.body.monthlyBenefitFen);
  });

  it('every step of the process is announced and reaches the other service: review, notice, objection, re-notice, refusal', async () => {
    const filed = await http(la.url, 'POST', '/applications', { household: dibaoHousehold() }, as('caseworker-1'));
    const id = filed.body.id;
    await http(la.url, 'POST', `/applications/${id}/submit`, { expectedVersion: 1 }, as('caseworker-1'));
    const today = () => la.clock.today();
    const review = (expectedVersion: number) =>
      http(la.url, 'POST', `/applications/${id}/township-review`, { expectedVersion, check: economicCheck(today()), opinion: 'approve' }, reviewer());
    expect((await review(2)).status).toBe(200);
    expect((await http(la.url, 'POST', `/applications/${id}/objections`, { expectedVersion: 3, summary: 'a neighbour reports an undeclared shop' }, reviewer())).status).toBe(200);
    expect((await review(4)).status).toBe(200);
    advanceDays(la.clock, 8);
    expect((await http(la.url, 'POST', `/applications/${id}/close-notice`, { expectedVersion: 5 }, reviewer())).status).toBe(200);
    const refused = await http(la.url, 'POST', `/applications/${id}/refuse`, { expectedVersion: 6, reasonCode: 'FALSE_DECLARATION' }, approver());
    expect(refused.status).toBe(200);

    const steps = async () =>
      (await watcher.dataSource.query(`SELECT type FROM seen WHERE case_id = $1 ORDER BY type`, [id])).map((r: { type: string }) => r.type);
    await eventually(async () => (await steps()).length === 7, 'the watcher to record every step');
    expect(await steps()).toEqual([
      'living-allowance.application.reviewed',
      'living-allowance.application.reviewed',
      'living-allowance.application.submitted',
      'living-allowance.case.refused',
      'living-allowance.notice.objected',
      'living-allowance.notice.started',
      'living-allowance.notice.started',
    ]);
  });

  it('a handler whose statement fails in Postgres is dead-lettered with what Postgres said, without the value', async () => {
    const caseId = randomUUID();
    POISON.failInPostgres.add(caseId);
    const m = fakeApproved(caseId);
    await harness.inject(m);
    await eventually(async () => harness.deadLetters().some((d) => d.eventId === m.id), 'the failing message on the dead-letter topic');
    expect(harness.deadLetters().find((d) => d.eventId === m.id)).toEqual({
      eventId: m.id,
      reason: 'handler-failed',
      group,
      error: 'QueryFailedError (code=22P02): invalid input syntax for type bigint: "[value]"',
    });
  });

  it('an unknown version of a type the watcher consumes is dead-lettered (to be replayed once it knows it); an unknown type is ignored and counted', async () => {
    const future = { ...fakeApproved(randomUUID()), version: 9 };
    const stranger = { ...fakeApproved(randomUUID()), type: 'living-allowance.case.teleported' };
    const unknownBefore = watcher.messaging.counters().unknownTypes;
    await harness.inject(stranger);
    await harness.inject(future);
    await eventually(async () => harness.deadLetters().some((d) => d.eventId === future.id), 'the unknown version on the dead-letter topic');
    expect(harness.deadLetters().find((d) => d.eventId === future.id)).toMatchObject({ reason: 'unknown-version', error: 'version 9 of living-allowance.case.approved is not one this consumer knows' });
    // Same partition (same key), injected first: handled by the time the later message is.
    expect(watcher.messaging.counters().unknownTypes).toBe(unknownBefore + 1);
    expect(harness.deadLetters().some((d) => d.eventId === stranger.id)).toBe(false);
  });

  it('a consumer of application.submitted accepts v2, which names the case id caseId like every other event', async () => {
    const caseId = randomUUID();
    await harness.inject(fakeEvent(ApplicationSubmittedV2, { ...ApplicationSubmittedV2.example, caseId }));
    await eventually(async () => (await seen(caseId, ApplicationSubmittedV2.type)) === 1, 'the watcher to record the v2 submission');
  });

  it('a redelivered event changes nothing: exactly once in effect', async () => {
    const caseId = await fileAndApprove();
    await eventually(async () => (await seen(caseId)) === 1, 'first delivery');
    const duplicatesBefore = watcher.messaging.counters().duplicates;
    // Make the relay publish the same outbox row (same event id) a second time.
    await la.dataSource.query(`UPDATE outbox SET published_at = NULL WHERE type = $1 AND payload->>'caseId' = $2`, [CaseApproved.type, caseId]);
    la.messaging.relay.nudge();
    // The inbox recognises it before the handler runs: the handler is not called again.
    await eventually(async () => watcher.messaging.counters().duplicates > duplicatesBefore, 'the second delivery to be recognised as a duplicate');
    expect(await attempts(caseId)).toBe(1);
    expect(await seen(caseId)).toBe(1);
  });

  it('a relay killed mid-batch loses nothing: after the restart every approval arrives once in effect', async () => {
    await la.messaging.relay.stop();
    const caseIds: string[] = [];
    for (let i = 0; i < 8; i++) caseIds.push(await fileAndApprove());
    const url = (la.dataSource.options as { url: string }).url;
    const dying = new OutboxRelay(url, dyingPublisher(la.messaging.publisher), pino({ level: 'silent' }), la.clock, {
      batchSize: 5,
      idlePollMs: 50,
      retryBackoffMs: 10,
      maxBackoffMs: 20,
    });
    await expect(dying.drainOnce()).resolves.toBe(5);
    await expect(dying.drainOnce()).resolves.toBe(5);
    await expect(dying.drainOnce()).rejects.toThrow('relay killed mid-batch');
    const pending = Number((await la.dataSource.query(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`))[0].n);
    // Each case wrote four events: submitted, reviewed, notice started, approved.
    expect(pending).toBe(caseIds.length * 4 - 10);

    await la.messaging.relay.start();
    await eventually(async () => {
      const counts = await Promise.all(caseIds.map((id) => seen(id)));
      return counts.every((c) => c === 1);
    }, 'every approval to be recorded by the watcher');
    await eventually(async () => Number((await la.dataSource.query(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`))[0].n) === 0, 'an empty outbox');
    for (const id of caseIds) expect(await seen(id)).toBe(1);
  });

  it('an event that breaks its contract is dead-lettered at once, a handler that keeps failing after its retries, and consumption goes on', async () => {
    const invalid = fakeApproved(randomUUID(), { monthlyBenefitFen: -1 });
    const failingCase = randomUUID();
    POISON.caseIds.add(failingCase);
    const failing = fakeApproved(failingCase);
    await harness.inject(invalid);
    await harness.inject(failing);
    const after = await fileAndApprove();

    await eventually(async () => (await seen(after)) === 1, 'the approval filed after the poison messages');
    await eventually(async () => harness.deadLetters().some((d) => d.eventId === failing.id), 'the failing message on the dead-letter topic');
    const dead = harness.deadLetters().filter((d) => d.eventId === invalid.id || d.eventId === failing.id);
    expect(dead).toEqual(
      expect.arrayContaining([
        { eventId: invalid.id, reason: 'invalid-payload', group, error: expect.stringContaining('monthlyBenefitFen') },
        { eventId: failing.id, reason: 'handler-failed', group, error: `Error: cannot handle case ${failingCase}` },
      ]),
    );
    expect(await attempts(failingCase)).toBe(3);
    expect(await seen(failingCase)).toBe(0);
  });
}
