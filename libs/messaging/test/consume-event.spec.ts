import { randomUUID } from 'node:crypto';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern } from '@nestjs/microservices';
import pino from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { CaseRejected, CaseRejectedV1, EventEnvelope, patternOf } from '@jiuzhu/contracts';
import { ConsumeEvent, Inbox, InProcessBus, InProcessEventServer, OutboundMessage } from '../src';
import { messagingDatabase } from './messaging-db';
import { outboundMessage } from '../../../test/support/messages';
import { systemClock } from '@jiuzhu/common';

const log = pino({ level: 'silent' });

const rejected = (overrides: Partial<CaseRejectedV1> = {}): OutboundMessage => outboundMessage(CaseRejected, { ...CaseRejected.example, caseId: randomUUID(), ...overrides });

@Controller()
class RecordRejection {
  @ConsumeEvent(CaseRejected, 'record-rejection')
  async record(e: EventEnvelope<CaseRejectedV1>, m: EntityManager) {
    // reasonCode FAIL_IN_POSTGRES: a statement Postgres refuses (a text that is no integer), like a broken migration would.
    const seq = e.data.reasonCode === 'FAIL_IN_POSTGRES' ? 'not-a-number' : 1;
    await m.query(`INSERT INTO effects (consumer, event_id, key, seq) VALUES ('record-rejection', $1, $2, $3)`, [e.id, e.data.caseId, seq]);
  }
}

@Controller()
class ForgetsTheInbox {
  @EventPattern(patternOf(CaseRejected))
  async record() {}
}

describe('@ConsumeEvent: every handler runs inside the inbox', () => {
  let db: Awaited<ReturnType<typeof messagingDatabase>>;
  let ds: DataSource;
  beforeAll(async () => {
    db = await messagingDatabase('consume');
    ds = await db.open();
  });
  afterAll(() => db.drop());

  async function start(controller: Function, bus: InProcessBus): Promise<{ app: INestMicroservice; server: InProcessEventServer }> {
    @Module({ controllers: [controller as never] })
    class M {}
    const server = new InProcessEventServer(bus, `g-${randomUUID()}`, log, new Inbox(ds, systemClock), { maxAttempts: 2, backoffMs: 1 });
    const app = await NestFactory.createMicroservice(M, { strategy: server, logger: false });
    await app.listen();
    return { app, server };
  }

  it('a handler registered without a consumer name is refused when the service starts', async () => {
    await expect(start(ForgetsTheInbox, new InProcessBus())).rejects.toThrow(/no consumer name: register it with @ConsumeEvent/);
  });

  it('the handler gets the event and the transaction: its effect and the inbox record commit together, once however often it arrives', async () => {
    const bus = new InProcessBus();
    const { app, server } = await start(RecordRejection, bus);
    const m = rejected();
    await bus.deliver([m]);
    await bus.deliver([m, m]);
    const caseId = (m.payload as CaseRejectedV1).caseId;
    expect(Number((await ds.query(`SELECT count(*) AS n FROM effects WHERE key = $1`, [caseId]))[0].n)).toBe(1);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM inbox WHERE consumer = 'record-rejection' AND event_id = $1`, [m.id]))[0].n)).toBe(1);
    expect(server.counters()).toMatchObject({ handled: 1, duplicates: 2, deadLettered: 0 });
    expect(server.consumerStatus()).toMatchObject({ state: 'running', topics: [CaseRejected.topic] });
    await app.close();
    expect(server.consumerStatus().state).toBe('stopped');
  });

  it('a statement that fails in Postgres is dead-lettered with what Postgres said (without the value), not with what an HTTP error filter made of it', async () => {
    const bus = new InProcessBus();
    const { app } = await start(RecordRejection, bus);
    const m = rejected({ reasonCode: 'FAIL_IN_POSTGRES' });
    await bus.deliver([m]);
    expect(bus.deadLetters.map((d) => ({ id: d.envelope.id, reason: d.reason, error: d.error }))).toEqual([
      { id: m.id, reason: 'handler-failed', error: 'QueryFailedError (code=22P02): invalid input syntax for type integer: "[value]"' },
    ]);
    await app.close();
  });
});
