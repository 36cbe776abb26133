import './runtime';
import { Controller, DynamicModule, Module } from '@nestjs/common';
import { Consumer, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import pino from 'pino';
import { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { ApplicationSubmittedV2, ApplicationSubmittedV2Payload, EventEnvelope, LIVING_ALLOWANCE_EVENTS } from '@jiuzhu/contracts';
import { ConsumeEvent, Inbox, MessagingTables1732700000000 } from '@jiuzhu/messaging';
import { openDataSource } from '@jiuzhu/persistence';
import { runService, RunningService } from '@jiuzhu/platform';
import { startTestIssuer } from '../../test/support/test-issuer';
import { serveParent } from './child';

/**
 * The receiving end of the event-pipeline benchmark, in its own process:
 *
 * - `pipeline`: a service booted by `runService` like any other (test/e2e/watcher.ts is the model):
 *   its own database, the KafkaEventServer running an ordinary `@ConsumeEvent` handler inside the
 *   Inbox, which applies the event once. Latency is taken when the transaction holding the inbox record
 *   has committed (the batch's, when the transport applies a batch in one transaction).
 * - `by-hand`: the same durable work without the pipeline: a bare kafkajs consumer writing the inbox
 *   claims and the effect of each batch in one transaction, on its own database of the same tables.
 * - `raw`: a bare kafkajs consumer on the same broker, writing nothing; latency is taken on receipt.
 *
 * Latency = receipt time − the event's `ce_time` (its occurred time), both from this machine's clock.
 */

class BenchConsumerSchema1732700007777 implements MigrationInterface {
  name = 'BenchConsumerSchema1732700007777';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE applied (event_id uuid PRIMARY KEY, application_id uuid NOT NULL, household_size int NOT NULL)`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE applied`);
  }
}

interface Stats {
  received: number;
  firstAt: number;
  lastAt: number;
  /** ms from occurred to applied (pipeline) or received (raw). */
  latencies: number[];
  /** ms from occurred to handler entry (pipeline only). */
  handlerLatencies: number[];
  foreign: number;
  /** Events per committed batch transaction (pipeline only). */
  batches: number[];
}
const fresh = (): Stats => ({ received: 0, firstAt: 0, lastAt: 0, latencies: [], handlerLatencies: [], foreign: 0, batches: [] });
let stats = fresh();
let expectedSource = '';

function record(occurredIso: string, entryAt: number | undefined): void {
  const now = Date.now();
  if (stats.received === 0) stats.firstAt = now;
  stats.received++;
  stats.lastAt = now;
  stats.latencies.push(now - Date.parse(occurredIso));
  if (entryAt !== undefined) stats.handlerLatencies.push(entryAt - Date.parse(occurredIso));
}

/**
 * The transport may apply a whole batch in one transaction (Inbox.inBatch): an event counts as
 * applied when that transaction commits, not when its handler returns. This wraps the inbox's
 * `inBatch` and `handleOnce` (instrumentation only, same behaviour) to stamp the events whose
 * effects committed, and to drop those of a batch that rolled back (the transport then replays
 * them one by one, each stamped then).
 */
const entered = new Map<string, { occurred: string; entryAt: number }>();
function timeCommits(inbox: Inbox): void {
  const batch = inbox.inBatch.bind(inbox);
  inbox.inBatch = async (entries) => {
    try {
      const results = await batch(entries);
      let applied = 0;
      entries.forEach((e, i) => {
        const t = entered.get(e.event.id);
        if (results[i] === 'applied' && t) {
          record(t.occurred, t.entryAt);
          applied++;
        }
      });
      stats.batches.push(applied);
      return results;
    } finally {
      for (const e of entries) entered.delete(e.event.id);
    }
  };
  const once = inbox.handleOnce.bind(inbox);
  inbox.handleOnce = async (consumer, event, effect) => {
    try {
      const r = await once(consumer, event, effect);
      const t = entered.get(event.id);
      if (r === 'applied' && t) record(t.occurred, t.entryAt);
      return r;
    } finally {
      entered.delete(event.id);
    }
  };
}

@Controller()
class ApplyApplicationSubmitted {
  @ConsumeEvent(ApplicationSubmittedV2, 'bench.apply-application-submitted')
  async onSubmitted(e: EventEnvelope<ApplicationSubmittedV2Payload>, m: EntityManager) {
    const entryAt = Date.now();
    // Topics outlive runs on an external broker: count only this run's events.
    if (e.source !== expectedSource) {
      stats.foreign++;
      return;
    }
    await m.query(`INSERT INTO applied (event_id, application_id, household_size) VALUES ($1, $2, $3)`, [e.id, e.data.caseId, e.data.householdSize]);
    entered.set(e.id, { occurred: e.time, entryAt });
  }
}

@Module({})
class BenchConsumerModule {
  static register(ds: DataSource): DynamicModule {
    return {
      module: BenchConsumerModule,
      controllers: [ApplyApplicationSubmitted],
      providers: [{ provide: DataSource, useValue: ds }],
    };
  }
}

let service: RunningService | undefined;
let raw: Consumer | undefined;
let byHand: { consumer: Consumer; pool: Pool } | undefined;

const header = (m: KafkaMessage, k: string) => m.headers?.[k]?.toString() ?? '';

/**
 * The same durable work as the pipeline's consumer, written by hand: per kafkajs batch, one
 * transaction that claims the events in the inbox (one statement) and writes the effect of those
 * claimed (one statement), then the offsets. No contract check, no dead letters, no retries.
 */
async function applyByHand(pool: Pool, messages: KafkaMessage[]): Promise<void> {
  const events = messages.map((m) => ({ id: header(m, 'ce_id'), type: header(m, 'ce_type'), time: header(m, 'ce_time'), data: JSON.parse(m.value!.toString()) as ApplicationSubmittedV2Payload }));
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const claimed = await c.query<{ event_id: string }>(
      `INSERT INTO inbox (consumer, event_id, type) SELECT 'by-hand', e, t FROM unnest($1::uuid[], $2::text[]) AS u(e, t) ORDER BY e ON CONFLICT DO NOTHING RETURNING event_id::text`,
      [events.map((e) => e.id), events.map((e) => e.type)],
    );
    const mine = new Set(claimed.rows.map((r) => r.event_id));
    const apply = events.filter((e) => mine.has(e.id));
    await c.query(`INSERT INTO applied (event_id, application_id, household_size) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[])`, [
      apply.map((e) => e.id),
      apply.map((e) => e.data.caseId),
      apply.map((e) => e.data.householdSize),
    ]);
    await c.query('COMMIT');
    for (const e of apply) record(e.time, undefined);
    stats.batches.push(apply.length);
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

serveParent(
  {
    async startPipeline(a: { brokers: string[]; databaseUrl: string; group: string; source: string; partitions: number }) {
      expectedSource = a.source;
      service = await runService(
        {
          name: 'bench-consumer',
          title: 'bench consumer',
          description: 'event-pipeline benchmark consumer',
          migrations: [BenchConsumerSchema1732700007777],
          produces: LIVING_ALLOWANCE_EVENTS,
          module: ({ messaging, dataSource }) => {
            timeCommits(messaging.inbox);
            return BenchConsumerModule.register(dataSource);
          },
        },
        {
          settings: { databaseUrl: a.databaseUrl, port: 0, transport: 'kafka', kafkaBrokers: a.brokers, kafkaPartitions: a.partitions, kafkaReplicationFactor: 1, auth: (await startTestIssuer()).config() },
          consumerGroup: a.group,
          log: pino({ level: process.env.BENCH_LOG ?? 'error' }),
        },
      );
      return { pid: process.pid };
    },
    async startRaw(a: { brokers: string[]; topic: string; group: string }) {
      const kafka = new Kafka({ clientId: 'bench-raw-consumer', brokers: a.brokers, logLevel: logLevel.WARN });
      raw = kafka.consumer({ groupId: a.group, sessionTimeout: 30_000, heartbeatInterval: 3_000, allowAutoTopicCreation: false });
      await raw.connect();
      await raw.subscribe({ topics: [a.topic], fromBeginning: true });
      await raw.run({
        autoCommit: true,
        eachMessage: async ({ message }) => {
          record(message.headers!.ce_time!.toString(), undefined);
        },
      });
      return { pid: process.pid };
    },
    async startByHand(a: { brokers: string[]; databaseUrl: string; topic: string; group: string; partitions: number }) {
      // The pipeline consumer's tables, made by the same migrations.
      const ds = await openDataSource({ url: a.databaseUrl, applicationName: 'bench-by-hand', entities: [], migrations: [MessagingTables1732700000000, BenchConsumerSchema1732700007777] });
      await ds.destroy();
      const pool = new Pool({ connectionString: a.databaseUrl, max: a.partitions, application_name: 'bench-by-hand' });
      const kafka = new Kafka({ clientId: 'bench-by-hand-consumer', brokers: a.brokers, logLevel: logLevel.WARN });
      const consumer = kafka.consumer({ groupId: a.group, sessionTimeout: 30_000, heartbeatInterval: 3_000, allowAutoTopicCreation: false });
      byHand = { consumer, pool };
      await consumer.connect();
      await consumer.subscribe({ topics: [a.topic], fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: a.partitions,
        eachBatch: async ({ batch }) => {
          await applyByHand(pool, batch.messages);
        },
      });
      return { pid: process.pid };
    },
    status() {
      return { received: stats.received, firstAt: stats.firstAt, lastAt: stats.lastAt, foreign: stats.foreign };
    },
    reset() {
      stats = fresh();
      return true;
    },
    report() {
      return stats;
    },
  },
  async () => {
    await raw?.disconnect();
    await byHand?.consumer.disconnect();
    await byHand?.pool.end();
    await service?.stop();
  },
);
