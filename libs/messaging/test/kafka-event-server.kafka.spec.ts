import { randomUUID } from 'node:crypto';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, logLevel, Producer } from 'kafkajs';
import pino, { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { CaseRejected, CaseRejectedV1, envelopeToHeaders, EventEnvelope } from '@jiuzhu/contracts';
import { ConsumeEvent, createKafka, Inbox, KafkaEventServer, KafkaSettings, OutboundMessage, toEnvelope } from '../src';
import { eventually, kafkaBrokers, SUITE_TOPIC_PREFIX, suiteTopic } from '../../../test/support/infra';
import { testSasl } from '../../../test/support/kafka-logins';
import { messagingDatabase } from './messaging-db';
import { outboundMessage } from '../../../test/support/messages';
import { systemClock } from '@jiuzhu/common';

@Controller()
class RecordRejection {
  @ConsumeEvent(CaseRejected, 'record-rejection')
  async record(e: EventEnvelope<CaseRejectedV1>, m: EntityManager) {
    await m.query(`INSERT INTO effects (consumer, event_id, key, seq) VALUES ('record-rejection', $1, $2, 1)`, [e.id, e.data.caseId]);
  }
}

const rejected = (overrides: Partial<CaseRejectedV1> = {}): OutboundMessage => outboundMessage(CaseRejected, { ...CaseRejected.example, caseId: randomUUID(), ...overrides });

/**
 * A logger that throws a TypeError the first time a dead letter is logged: a stand-in for a bug
 * nobody foresaw, thrown inside the consumer's batch. kafkajs deems a TypeError unrecoverable and
 * leaves the group without restarting.
 */
function loggerThatBreaksOnce(): { log: Logger; broke: () => boolean } {
  let broken = false;
  const log = pino({ level: 'silent' });
  const error = log.error.bind(log);
  log.error = ((obj: unknown, msg?: string) => {
    if (msg === 'event dead-lettered' && !broken) {
      broken = true;
      throw new TypeError('a bug nobody foresaw');
    }
    return error(obj as object, msg);
  }) as Logger['error'];
  return { log, broke: () => broken };
}

describe('the Kafka event server on a real broker', () => {
  let db: Awaited<ReturnType<typeof messagingDatabase>>;
  let ds: DataSource;
  let producer: Producer;
  const settings: KafkaSettings = { brokers: kafkaBrokers(), clientId: 'kafka-event-server-test', topicPartitions: 3, replicationFactor: 1, topicPrefix: SUITE_TOPIC_PREFIX, sasl: testSasl() };

  beforeAll(async () => {
    db = await messagingDatabase('kafka_server');
    ds = await db.open();
    producer = new Kafka({ clientId: 'kafka-event-server-test-producer', brokers: settings.brokers, sasl: settings.sasl, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await db?.drop();
  });

  const send = (m: OutboundMessage) => producer.send({ topic: suiteTopic(m.topic), messages: [{ key: m.key, value: JSON.stringify(m.payload), headers: envelopeToHeaders(toEnvelope(m)) }] });
  const effects = async (caseId: string) => Number((await ds.query(`SELECT count(*) AS n FROM effects WHERE key = $1`, [caseId]))[0].n);

  it('a consumer that crashes anyway is started again and reports crashed until it runs; and goes on consuming', async () => {
    const { log, broke } = loggerThatBreaksOnce();
    const server = new KafkaEventServer(createKafka(settings, pino({ level: process.env.TEST_LOG ?? 'silent' })), `crash-${randomUUID()}`, settings, log, new Inbox(ds, systemClock), { maxAttempts: 1, backoffMs: 1 });
    @Module({ controllers: [RecordRejection] })
    class M {}
    const app: INestMicroservice = await NestFactory.createMicroservice(M, { strategy: server, logger: false });
    try {
      await app.listen();
      await send(rejected({ districtCode: '999999' }));
      await eventually(async () => server.counters().crashes >= 1, 'the consumer to crash');
      expect(broke()).toBe(true);
      // The crash was reported with its reason, and stays visible after the restart (sampling the
      // state instead missed the half-second 'crashed' window on a loaded machine).
      expect(server.consumerStatus().lastCrash).toEqual({ at: expect.any(String), reason: expect.any(String) });
      // kafkajs left the group for good; only a restart gets this one handled.
      const later = rejected();
      await send(later);
      await eventually(async () => (await effects((later.payload as CaseRejectedV1).caseId)) === 1, 'an event sent after the crash to be handled');
      await eventually(async () => server.consumerStatus().state === 'running', 'the consumer to run again');
      expect(server.consumerStatus()).toMatchObject({ topics: [CaseRejected.topic], lastCrash: { at: expect.any(String) } });
    } finally {
      await app.close();
    }
    expect(server.consumerStatus().state).toBe('stopped');
  });
});
