import './runtime';
import { Controller, DynamicModule, Module } from '@nestjs/common';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { ApplicationSubmitted, ApplicationSubmittedV1, EventEnvelope, LIVING_ALLOWANCE_EVENTS } from '@jiuzhu/contracts';
import { ConsumeEvent, Inbox } from '@jiuzhu/messaging';
import { runService, RunningService } from '@jiuzhu/platform';
import { serveParent } from './child';

/**
 * The receiving end of the event-pipeline benchmark, in its own process:
 *
 * - `pipeline`: a service booted by `runService` like any other (test/e2e/watcher.ts is the model):
 *   its own database, the KafkaEventServer running an ordinary `@ConsumeEvent` handler inside the
 *   Inbox, which applies the event once. Latency is taken when the transaction holding the inbox record
 *   has committed (the batch's, when the transport applies a batch in one transaction).
 * - `raw`: a bare kafkajs consumer on the same broker; latency is taken on receipt.
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
  @ConsumeEvent(ApplicationSubmitted, 'bench.apply-application-submitted')
  async onSubmitted(e: EventEnvelope<ApplicationSubmittedV1>, m: EntityManager) {
    const entryAt = Date.now();
    // Topics outlive runs on an external broker: count only this run's events.
    if (e.source !== expectedSource) {
      stats.foreign++;
      return;
    }
    await m.query(`INSERT INTO applied (event_id, application_id, household_size) VALUES ($1, $2, $3)`, [e.id, e.data.applicationId, e.data.householdSize]);
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
          settings: { databaseUrl: a.databaseUrl, port: 0, transport: 'kafka', kafkaBrokers: a.brokers, kafkaPartitions: a.partitions, kafkaReplicationFactor: 1 },
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
    await service?.stop();
  },
);
