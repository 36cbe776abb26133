import { randomUUID } from 'node:crypto';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, logLevel, Producer } from 'kafkajs';
import pino from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { CaseRejected, CaseRejectedV1, envelopeToHeaders, EventEnvelope } from '@jiuzhu/contracts';
import { ConsumeEvent, createKafka, Inbox, KafkaEventServer, KafkaSettings, OutboundMessage, toEnvelope } from '../src';
import { replayDeadLetters } from '../src/cli/dlt-replay';
import { eventually, kafkaBrokers, SUITE_TOPIC_PREFIX, suiteTopic } from '../../../test/support/infra';
import { testSasl } from '../../../test/support/kafka-logins';
import { messagingDatabase } from './messaging-db';
import { outboundMessage } from '../../../test/support/messages';
import { systemClock } from '@jiuzhu/common';

/** Cases the handler cannot handle yet (a bug, fixed later by a deployment). */
const BROKEN = new Set<string>();

@Controller()
class RecordRejection {
  @ConsumeEvent(CaseRejected, 'record-rejection')
  async record(e: EventEnvelope<CaseRejectedV1>, m: EntityManager) {
    if (BROKEN.has(e.data.caseId)) throw new Error('not handled yet');
    await m.query(`INSERT INTO effects (consumer, event_id, key, seq) VALUES ('record-rejection', $1, $2, 1)`, [e.id, e.data.caseId]);
  }
}

describe('dlt:replay on a real broker', () => {
  let db: Awaited<ReturnType<typeof messagingDatabase>>;
  let ds: DataSource;
  let producer: Producer;
  let app: INestMicroservice;
  let server: KafkaEventServer;
  const group = `replay-${randomUUID()}`;
  const settings: KafkaSettings = { brokers: kafkaBrokers(), clientId: 'dlt-replay-test', topicPartitions: 3, replicationFactor: 1, topicPrefix: SUITE_TOPIC_PREFIX, sasl: testSasl() };

  beforeAll(async () => {
    db = await messagingDatabase('dlt_replay');
    ds = await db.open();
    producer = new Kafka({ clientId: 'dlt-replay-test-producer', brokers: settings.brokers, sasl: settings.sasl, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    server = new KafkaEventServer(createKafka(settings, pino({ level: 'silent' })), group, settings, pino({ level: 'silent' }), new Inbox(ds, systemClock), { maxAttempts: 1, backoffMs: 1 });
    @Module({ controllers: [RecordRejection] })
    class M {}
    app = await NestFactory.createMicroservice(M, { strategy: server, logger: false });
    await app.listen();
  });
  afterAll(async () => {
    await app?.close();
    await producer?.disconnect();
    await db?.drop();
  });

  /** The replay's copy of each event: its second message on the topic (the first is the original). */
  async function republishedCopies(ids: string[]): Promise<{ key: string; value: string; headers: Record<string, string> }[]> {
    const kafka = new Kafka({ clientId: 'dlt-replay-test-reader', brokers: settings.brokers, sasl: settings.sasl, logLevel: logLevel.NOTHING });
    const reader = kafka.consumer({ groupId: `replay-reader-${randomUUID()}` });
    const seen = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    await reader.connect();
    await reader.subscribe({ topics: [suiteTopic(CaseRejected.topic)], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        if (!ids.includes(headers.ce_id)) return;
        seen.set(headers.ce_id, [...(seen.get(headers.ce_id) ?? []), { key: String(message.key), value: String(message.value), headers }]);
      },
    });
    try {
      await eventually(async () => ids.every((id) => (seen.get(id) ?? []).length >= 2), 'the original and the replayed copy of each message');
    } finally {
      await reader.disconnect();
    }
    return ids.map((id) => seen.get(id)![1]);
  }

  const effects = async (caseId: string) => Number((await ds.query(`SELECT count(*) AS n FROM effects WHERE key = $1`, [caseId]))[0].n);

  it('republishes what was dead-lettered to its topic, and a second run changes nothing', async () => {
    const since = new Date();
    const caseIds = [randomUUID(), randomUUID(), randomUUID()];
    caseIds.forEach((c) => BROKEN.add(c));
    const messages: OutboundMessage[] = caseIds.map((caseId) => outboundMessage(CaseRejected, { ...CaseRejected.example, caseId }));
    await producer.send({ topic: suiteTopic(CaseRejected.topic), messages: messages.map((m) => ({ key: m.key, value: JSON.stringify(m.payload), headers: envelopeToHeaders(toEnvelope(m)) })) });
    await eventually(async () => server.counters().deadLettered >= 3, 'the three messages on the dead-letter topic');
    for (const c of caseIds) expect(await effects(c)).toBe(0);

    // The fix is deployed.
    caseIds.forEach((c) => BROKEN.delete(c));
    const lines: string[] = [];
    const first = await replayDeadLetters({ brokers: settings.brokers, sasl: settings.sasl, topic: suiteTopic(CaseRejected.topic), since, consumerGroup: group, progress: (l) => lines.push(l) });
    expect(first.republished).toBe(3);
    expect(lines.at(-1)).toMatch(/3 republished/);
    await eventually(async () => (await Promise.all(caseIds.map(effects))).every((n) => n === 1), 'the replayed messages to be handled');
    const [{ n: recorded }] = await ds.query(`SELECT count(*)::int AS n FROM inbox WHERE consumer = 'record-rejection' AND event_id = ANY($1::uuid[])`, [messages.map((m) => m.id)]);
    expect(recorded).toBe(3);

    // On the topic again as they were first sent: key, value and CloudEvents headers, no dead-letter headers.
    const copies = await republishedCopies(messages.map((m) => m.id));
    expect(copies).toHaveLength(3);
    for (const c of copies) {
      const m = messages.find((x) => x.id === c.headers.ce_id)!;
      expect(c).toEqual({ key: m.key, value: JSON.stringify(m.payload), headers: { ...envelopeToHeaders(toEnvelope(m)) } });
    }

    const duplicatesBefore = server.counters().duplicates;
    const second = await replayDeadLetters({ brokers: settings.brokers, sasl: settings.sasl, topic: suiteTopic(CaseRejected.topic), since, consumerGroup: group });
    expect(second.republished).toBe(3);
    await eventually(async () => server.counters().duplicates >= duplicatesBefore + 3, 'the second replay to arrive');
    for (const c of caseIds) expect(await effects(c)).toBe(1);
  });
});
