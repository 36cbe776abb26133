import './support/runtime';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CompressionTypes, Kafka, logLevel, Message, Producer } from 'kafkajs';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { ApplicationSubmittedV2, ApplicationSubmittedV2Payload, dataschemaOf, envelopeToHeaders } from '@jiuzhu/contracts';
import { Client } from 'pg';
import {
  createKafka,
  DEFAULT_RELAY_OPTIONS,
  ensureTopics,
  EventPublisher,
  KafkaPublisher,
  KafkaSettings,
  MessagingTables1732700000000,
  OutboundMessage,
  Outbox,
  OutboxRelay,
  toEnvelope,
} from '@jiuzhu/messaging';
import { openDataSource } from '@jiuzhu/persistence';
import { ChildHandle, forkHelper } from './support/child';
import { freshDatabase, startKafka, startPostgres } from './support/infra';
import { fmt, fmtPhase, idleCheck, log, machineInfo, phaseEnd, phaseStart, sleep, summarize, writeResult } from './support/stats';
import { systemClock } from '@jiuzhu/common';

/**
 * (b) Outbox → Kafka → inbox: throughput and end-to-end latency of the real event path, beside the
 * same durable work done by hand (the baseline of the target) and raw kafkajs produce → consume
 * (a reference line only: it writes nothing).
 *
 * Pipeline: a paced writer commits one event per transaction into the outbox of a service
 * database (`Outbox.append`, contract-checked, as services do); the real `OutboxRelay` (woken by the
 * outbox NOTIFY trigger) publishes through the real `KafkaPublisher` (idempotent, acks=-1); a
 * consumer service in another process (runService → KafkaEventServer → `@ConsumeEvent` handler run
 * inside the inbox) applies each event once. Latency = applied time − the event's occurred time.
 *
 * Phases: steady (paced writers at BENCH_RATE; latency), writer-limited max (10 writers, one event per
 * transaction, as fast as they commit), and drain (the outbox filled beforehand, then relay → Kafka →
 * inbox timed on its own). The drain is the pipeline's throughput.
 *
 * By hand: the same drain without the pipeline's code — a loop doing what the relay does (lock-free:
 * one connection, select 500 unpublished rows, send them idempotently with acks=-1, mark them, commit)
 * and a bare kafkajs consumer in another process writing each batch's inbox claims and effects in one
 * transaction (bench/support/event-consumer.ts), same Postgres, same broker, same partitions. Target:
 * the pipeline drains at ≥ 80 % of it.
 *
 * Raw: kafkajs producer (idempotent, one request in flight, acks=-1, same key/value/headers as the
 * relay sends, same partition count) → kafkajs consumer (eachMessage) in another process.
 *
 *   node bench/.build/bench/event-pipeline.bench.js
 *   BENCH_RATE=1000 BENCH_SECONDS=20 BENCH_MAX_EVENTS=20000 BENCH_DRAIN_EVENTS=50000 BENCH_PARTITIONS=3 KAFKA_BROKERS=… BENCH_DATABASE_ADMIN_URL=… node …
 */

const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const MAX_EVENTS = Number(process.env.BENCH_MAX_EVENTS ?? 20_000);
/** Events of the drain phase (outbox filled beforehand, then relay + Kafka + inbox timed) and of raw max. */
const DRAIN_EVENTS = Number(process.env.BENCH_DRAIN_EVENTS ?? 50_000);
/** Events per transaction when the outbox is filled for the drain (as a batch job writes them). */
const FILL_BATCH = 500;
const WRITERS = Number(process.env.BENCH_WRITERS ?? 10); // = the service's pool size
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 3); // what services create their topics with (KAFKA_TOPIC_PARTITIONS default)
const RAW_BATCH = DEFAULT_RELAY_OPTIONS.batchSize;
/** Of the same durable work done by hand (issue 9, target b). */
const TARGET_THROUGHPUT_SHARE = 0.8;
const TARGET_P99_MS = 100;

process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
const silent = pino({ level: process.env.BENCH_LOG ?? 'error' });
const runId = randomBytes(3).toString('hex');

function payload(): ApplicationSubmittedV2Payload {
  return {
    caseId: randomUUID(),
    householdRef: randomBytes(32).toString('hex'),
    districtCode: '640202',
    area: 'urban',
    householdSize: 3,
    submittedOn: '2026-03-02',
  };
}

/** Exactly what KafkaPublisher sends for an outbox row: same key, value and CloudEvents headers. */
function rawMessage(source: string, occurredAt: string): Message {
  const p = payload();
  return {
    key: p.householdRef,
    value: JSON.stringify(p),
    headers: envelopeToHeaders({
      id: randomUUID(),
      source,
      type: ApplicationSubmittedV2.type,
      specversion: '1.0',
      time: occurredAt,
      subject: p.householdRef,
      datacontenttype: 'application/json',
      dataschema: dataschemaOf(ApplicationSubmittedV2),
      version: ApplicationSubmittedV2.version,
      data: p,
    }),
  };
}

/**
 * Issues `total` operations at `rate`/s on a fixed schedule without waiting for earlier ones (an open
 * model: a slow system does not slow the offered load down). Returns how late the issuing ran.
 */
async function paced(rate: number, seconds: number, issue: () => Promise<void>): Promise<{ issued: number; failed: number; seconds: number; maxInFlight: number }> {
  const total = Math.round(rate * seconds);
  const start = performance.now();
  let issued = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let failed = 0;
  const all: Promise<void>[] = [];
  while (issued < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    while (issued < due) {
      issued++;
      inFlight++;
      all.push(
        issue().then(
          () => void inFlight--,
          (e) => {
            inFlight--;
            if (failed++ === 0) log(`  operation failed: ${String(e)}`);
          },
        ),
      );
    }
    maxInFlight = Math.max(maxInFlight, inFlight);
    await sleep(1);
  }
  await Promise.all(all);
  return { issued, failed, seconds: (performance.now() - start) / 1000, maxInFlight };
}

async function waitForConsumer(consumer: ChildHandle, expected: number, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await consumer.call<{ received: number; firstAt: number; lastAt: number; foreign: number }>('status');
    if (s.received >= expected) return s;
    if (Date.now() > deadline) throw new Error(`consumer got ${s.received} of ${expected} events within ${timeoutMs} ms`);
    await sleep(50);
  }
}

interface LatencyReport {
  batches: number[];
  received: number;
  latencies: number[];
  handlerLatencies: number[];
  firstAt: number;
  lastAt: number;
}

async function main() {
  const machine = machineInfo();
  log(`event-pipeline bench: ${machine.nproc} × ${machine.cpuModel}, Node ${machine.node}; ${RATE}/s for ${SECONDS} s, max-throughput run of ${fmt(MAX_EVENTS)} events`);
  const idleBefore = await idleCheck();
  const pg = await startPostgres();
  const kafka = await startKafka();
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    // ---- pipeline ------------------------------------------------------------------------------
    const producerDb = await freshDatabase(pg.adminUrl, 'producer');
    const consumerDb = await freshDatabase(pg.adminUrl, 'consumer');
    cleanups.push(producerDb.drop, consumerDb.drop);
    const ds: DataSource = await openDataSource({ url: producerDb.url, applicationName: 'bench-producer', entities: [], migrations: [MessagingTables1732700000000] });
    cleanups.unshift(() => ds.destroy());

    const source = `bench-producer-${runId}`;
    const settings: KafkaSettings = { brokers: kafka.brokers, clientId: source, topicPartitions: PARTITIONS, replicationFactor: 1 };
    await ensureTopics(createKafka(settings, silent), [ApplicationSubmittedV2.topic, `${ApplicationSubmittedV2.topic}.dlt`], settings);
    const outbox = new Outbox(source, systemClock);
    const publisher = new KafkaPublisher(createKafka({ ...settings, clientId: `${source}-producer` }, silent));
    // A pass-through that only counts: the relay and the publisher are the real ones.
    const batches: { size: number; ms: number }[] = [];
    const counting: EventPublisher = {
      start: () => publisher.start(),
      stop: () => publisher.stop(),
      async publish(batch: OutboundMessage[]) {
        const t = performance.now();
        await publisher.publish(batch);
        batches.push({ size: batch.length, ms: performance.now() - t });
      },
    };
    const relay = new OutboxRelay(producerDb.url, counting, silent, systemClock, DEFAULT_RELAY_OPTIONS);
    await counting.start();
    await relay.start();
    cleanups.unshift(async () => {
      await relay.stop();
      await counting.stop();
    });

    const consumer = await forkHelper('event-consumer');
    cleanups.unshift(() => consumer.stop());
    await consumer.call('startPipeline', { brokers: kafka.brokers, databaseUrl: consumerDb.url, group: `bench-consumer-${runId}`, source, partitions: PARTITIONS });

    const writeOne = () => ds.transaction((m) => outbox.append(m, ApplicationSubmittedV2, payload())).then(() => undefined);

    log(`pipeline: warm-up ${WARMUP_SECONDS} s at ${RATE}/s`);
    const warm = await paced(RATE, WARMUP_SECONDS, writeOne);
    await waitForConsumer(consumer, warm.issued - warm.failed);
    await consumer.call('reset');
    batches.length = 0;

    log(`pipeline: steady ${SECONDS} s at ${RATE}/s`);
    const [{ seq: seqBefore }] = await ds.query(`SELECT coalesce(max(seq), 0)::bigint AS seq FROM outbox`);
    let phase = phaseStart();
    const steady = await paced(RATE, SECONDS, writeOne);
    await waitForConsumer(consumer, steady.issued - steady.failed);
    const steadyCpu = phaseEnd(phase); // until the last event was applied
    const steadyReport = await consumer.call<LatencyReport>('report');
    const steadyBatches = summarize(batches.map((b) => b.size));
    // How long events waited in the outbox: published_at is the relay transaction's start (now()),
    // taken just before it selects the batch, so this is occurred → picked up by the relay.
    const pickup: { ms: string }[] = await ds.query(
      `SELECT extract(epoch FROM published_at - occurred_at) * 1000 AS ms FROM outbox WHERE seq > $1 AND published_at IS NOT NULL`,
      [seqBefore],
    );
    const relayPickupMs = summarize(pickup.map((r) => Number(r.ms)));
    const steadyPublishMs = summarize(batches.map((b) => b.ms));
    await consumer.call('reset');
    batches.length = 0;

    log(`pipeline: as fast as possible, ${fmt(MAX_EVENTS)} events from ${WRITERS} concurrent writers`);
    phase = phaseStart();
    const t0 = Date.now();
    let next = 0;
    let writerDoneAt = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (next < MAX_EVENTS) {
          next++;
          await writeOne();
        }
      }),
    ).then(() => (writerDoneAt = Date.now()));
    const maxStatus = await waitForConsumer(consumer, MAX_EVENTS);
    const maxCpu = phaseEnd(phase);
    const maxReport = await consumer.call<LatencyReport>('report');
    const maxBatches = summarize(batches.map((b) => b.size));
    const pipelineMax = {
      events: MAX_EVENTS,
      writerPerSecond: MAX_EVENTS / ((writerDoneAt - t0) / 1000),
      consumerPerSecond: MAX_EVENTS / ((maxStatus.lastAt - t0) / 1000),
      relayBatches: batches.length,
      relayBatchSize: maxBatches,
      latency: summarize(maxReport.latencies),
      consumerBatchSize: summarize(maxReport.batches),
      cpu: maxCpu,
    };

    // Drain: the pipeline's own capacity, without the writers. The relay stops, the outbox is filled
    // (untimed) in transactions of FILL_BATCH events, then the relay restarts and the clock runs until
    // the consumer has committed the last event to its inbox: relay + Kafka + inbox, end to end.
    log(`pipeline: drain, ${fmt(DRAIN_EVENTS)} events written to the outbox beforehand, then relay → Kafka → inbox timed`);
    await relay.stop();
    await consumer.call('reset');
    batches.length = 0;
    const f0 = Date.now();
    for (let written = 0; written < DRAIN_EVENTS; written += FILL_BATCH) {
      const n = Math.min(FILL_BATCH, DRAIN_EVENTS - written);
      await ds.transaction((m) => outbox.appendMany(m, ApplicationSubmittedV2, Array.from({ length: n }, payload)));
    }
    const fillPerSecond = DRAIN_EVENTS / ((Date.now() - f0) / 1000);
    phase = phaseStart();
    const d0 = Date.now();
    await relay.start();
    const drainStatus = await waitForConsumer(consumer, DRAIN_EVENTS);
    const drainCpu = phaseEnd(phase);
    const drainReport = await consumer.call<LatencyReport>('report');
    const relayDone: { at: string }[] = await ds.query(`SELECT extract(epoch FROM max(published_at)) * 1000 AS at FROM outbox`);
    const pipelineDrain = {
      events: DRAIN_EVENTS,
      fillPerSecond,
      relayPerSecond: DRAIN_EVENTS / ((Number(relayDone[0].at) - d0) / 1000),
      consumerPerSecond: DRAIN_EVENTS / ((drainStatus.lastAt - d0) / 1000),
      relayBatchSize: summarize(batches.map((b) => b.size)),
      relayPublishMs: summarize(batches.map((b) => b.ms)),
      consumerBatchSize: summarize(drainReport.batches),
      cpu: drainCpu,
    };

    await consumer.stop();
    cleanups.shift();
    await relay.stop();
    await counting.stop();
    cleanups.shift();

    // ---- the same durable work by hand -----------------------------------------------------------
    const handDb = await freshDatabase(pg.adminUrl, 'by_hand');
    cleanups.push(handDb.drop);
    const handTopic = `bench.by-hand.${runId}`;
    await ensureTopics(createKafka(settings, silent), [handTopic], settings);
    const handConsumer = await forkHelper('event-consumer');
    cleanups.unshift(() => handConsumer.stop());
    await handConsumer.call('startByHand', { brokers: kafka.brokers, databaseUrl: handDb.url, topic: handTopic, group: `bench-by-hand-${runId}`, partitions: PARTITIONS });
    log(`by hand: drain, ${fmt(DRAIN_EVENTS)} events written to the outbox beforehand, then a hand-written relay loop → Kafka → bare kafkajs consumer (inbox + effect per batch) timed`);
    for (let written = 0; written < DRAIN_EVENTS; written += FILL_BATCH) {
      const n = Math.min(FILL_BATCH, DRAIN_EVENTS - written);
      await ds.transaction((m) => outbox.appendMany(m, ApplicationSubmittedV2, Array.from({ length: n }, payload)));
    }
    const handProducer: Producer = new Kafka({ clientId: 'bench-by-hand-producer', brokers: kafka.brokers, logLevel: logLevel.WARN }).producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await handProducer.connect();
    cleanups.unshift(() => handProducer.disconnect());
    const handRelayDb = new Client({ connectionString: producerDb.url, application_name: 'bench-by-hand-relay' });
    handRelayDb.on('error', () => undefined); // the database is dropped at the end, with this connection still open
    await handRelayDb.connect();
    cleanups.unshift(() => handRelayDb.end());
    phase = phaseStart();
    const h0 = Date.now();
    for (;;) {
      await handRelayDb.query('BEGIN');
      const { rows } = await handRelayDb.query(
        `SELECT seq, id, topic, key, type, version, source, payload, occurred_at FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
        [DEFAULT_RELAY_OPTIONS.batchSize],
      );
      if (rows.length === 0) {
        await handRelayDb.query('COMMIT');
        break;
      }
      const out: OutboundMessage[] = rows.map((r) => ({ seq: String(r.seq), id: r.id, topic: handTopic, key: r.key, type: r.type, version: r.version, source: r.source, payload: r.payload, occurredAt: new Date(r.occurred_at).toISOString() }));
      await handProducer.send({
        topic: handTopic,
        acks: -1,
        compression: CompressionTypes.None,
        messages: out.map((m) => ({ key: m.key, value: JSON.stringify(m.payload), headers: envelopeToHeaders(toEnvelope(m)) })),
      });
      await handRelayDb.query(`UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])`, [out.map((m) => m.seq)]);
      await handRelayDb.query('COMMIT');
    }
    const handRelayDoneAt = Date.now();
    const handStatus = await waitForConsumer(handConsumer, DRAIN_EVENTS);
    const handCpu = phaseEnd(phase);
    const handReport = await handConsumer.call<LatencyReport>('report');
    const byHand = {
      events: DRAIN_EVENTS,
      relayPerSecond: DRAIN_EVENTS / ((handRelayDoneAt - h0) / 1000),
      consumerPerSecond: DRAIN_EVENTS / ((handStatus.lastAt - h0) / 1000),
      consumerBatchSize: summarize(handReport.batches),
      cpu: handCpu,
    };
    await handConsumer.stop();
    cleanups.shift();

    // ---- raw kafkajs -------------------------------------------------------------------------------
    const rawTopic = `bench.raw.${runId}`;
    const rawSource = `bench-raw-${runId}`;
    const rawKafka = new Kafka({ clientId: 'bench-raw-producer', brokers: kafka.brokers, logLevel: logLevel.WARN });
    await ensureTopics(createKafka(settings, silent), [rawTopic], settings);
    const producer: Producer = rawKafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    cleanups.unshift(() => producer.disconnect());
    const rawConsumer = await forkHelper('event-consumer');
    cleanups.unshift(() => rawConsumer.stop());
    await rawConsumer.call('startRaw', { brokers: kafka.brokers, topic: rawTopic, group: `bench-raw-${runId}` });

    // One request in flight (as the idempotent KafkaPublisher allows); what arrives meanwhile goes
    // into the next request, as the relay's next batch would.
    let queue: Message[] = [];
    let sending: Promise<void> | undefined;
    const rawBatches: number[] = [];
    const flush = (): Promise<void> => {
      if (sending) return sending;
      const batch = queue;
      queue = [];
      rawBatches.push(batch.length);
      sending = producer
        .send({ topic: rawTopic, acks: -1, compression: CompressionTypes.None, messages: batch })
        .then(() => {
          sending = undefined;
          if (queue.length > 0) return flush();
        });
      return sending;
    };
    const sendOne = async () => {
      queue.push(rawMessage(rawSource, new Date().toISOString()));
      // Resolves when the request carrying this message is acknowledged: either a new one, or the
      // one the in-flight request chains on when it completes.
      await flush();
    };

    log(`raw kafkajs: warm-up ${WARMUP_SECONDS} s at ${RATE}/s`);
    const rawWarm = await paced(RATE, WARMUP_SECONDS, sendOne);
    while (sending) await sending;
    await waitForConsumer(rawConsumer, rawWarm.issued);
    await rawConsumer.call('reset');
    rawBatches.length = 0;

    log(`raw kafkajs: steady ${SECONDS} s at ${RATE}/s`);
    phase = phaseStart();
    const rawSteady = await paced(RATE, SECONDS, sendOne);
    while (sending) await sending;
    await waitForConsumer(rawConsumer, rawSteady.issued - rawSteady.failed);
    const rawSteadyCpu = phaseEnd(phase);
    const rawSteadyReport = await rawConsumer.call<LatencyReport>('report');
    const rawSteadyBatches = summarize(rawBatches);
    await rawConsumer.call('reset');

    log(`raw kafkajs: as fast as possible, ${fmt(DRAIN_EVENTS)} events in requests of ${RAW_BATCH}`);
    phase = phaseStart();
    const r0 = Date.now();
    for (let sent = 0; sent < DRAIN_EVENTS; sent += RAW_BATCH) {
      const at = new Date().toISOString();
      const messages = Array.from({ length: Math.min(RAW_BATCH, DRAIN_EVENTS - sent) }, () => rawMessage(rawSource, at));
      await producer.send({ topic: rawTopic, acks: -1, compression: CompressionTypes.None, messages });
    }
    const rawProducerDoneAt = Date.now();
    const rawMaxStatus = await waitForConsumer(rawConsumer, DRAIN_EVENTS);
    const rawMaxCpu = phaseEnd(phase);
    const rawMaxReport = await rawConsumer.call<LatencyReport>('report');
    const rawMax = {
      events: DRAIN_EVENTS,
      producerPerSecond: DRAIN_EVENTS / ((rawProducerDoneAt - r0) / 1000),
      consumerPerSecond: DRAIN_EVENTS / ((rawMaxStatus.lastAt - r0) / 1000),
      latency: summarize(rawMaxReport.latencies),
      cpu: rawMaxCpu,
    };

    // ---- report ------------------------------------------------------------------------------------
    const pipeSteady = {
      offeredPerSecond: steady.issued / steady.seconds,
      events: steadyReport.received,
      deliveredPerSecond: steadyReport.received / ((steadyReport.lastAt - steadyReport.firstAt) / 1000),
      writerMaxInFlight: steady.maxInFlight,
      failed: steady.failed,
      latency: summarize(steadyReport.latencies),
      handlerEntryLatency: summarize(steadyReport.handlerLatencies),
      consumerBatchSize: summarize(steadyReport.batches),
      relayBatchSize: steadyBatches,
      relayPickupMs,
      relayPublishMs: steadyPublishMs,
      cpu: steadyCpu,
    };
    const rawSteadyOut = {
      offeredPerSecond: rawSteady.issued / rawSteady.seconds,
      events: rawSteadyReport.received,
      deliveredPerSecond: rawSteadyReport.received / ((rawSteadyReport.lastAt - rawSteadyReport.firstAt) / 1000),
      latency: summarize(rawSteadyReport.latencies),
      requestSize: rawSteadyBatches,
      cpu: rawSteadyCpu,
    };
    // The pipeline's throughput is its drain rate: the writer-limited max above measures how fast
    // one-event transactions commit on this box, which raw kafkajs (no database) does not pay.
    const share = pipelineDrain.consumerPerSecond / byHand.consumerPerSecond;
    const rawShare = pipelineDrain.consumerPerSecond / rawMax.consumerPerSecond;
    const writerLimitedShare = pipelineMax.consumerPerSecond / rawMax.consumerPerSecond;
    const result = {
      benchmark: [
        'event-pipeline',
        ...(RATE !== 500 ? [`rate-${RATE}`] : []),
        ...(pg.fsync === 'off' ? ['fsync-off'] : []),
      ].join('-'),
      postgresFsync: pg.fsync,
      machineBusyBeforeStart: idleBefore,
      externalKafka: kafka.external,
      partitions: PARTITIONS,
      messageBytes: Buffer.byteLength(JSON.stringify(rawMessage(rawSource, new Date().toISOString()))),
      pipeline: { steady: pipeSteady, max: pipelineMax, drain: pipelineDrain },
      byHand,
      raw: { steady: rawSteadyOut, max: rawMax },
      throughputShareOfByHand: share,
      throughputShareOfRaw: rawShare,
      writerLimitedShareOfRaw: writerLimitedShare,
      targets: {
        throughputShare: { target: TARGET_THROUGHPUT_SHARE, met: share >= TARGET_THROUGHPUT_SHARE },
        p99AtSteadyMs: { target: TARGET_P99_MS, value: pipeSteady.latency.p99, met: pipeSteady.latency.p99 <= TARGET_P99_MS },
      },
    };
    const file = writeResult(result.benchmark, result);

    const l = (s: ReturnType<typeof summarize>) => `p50 ${fmt(s.p50)} ms, p90 ${fmt(s.p90)} ms, p99 ${fmt(s.p99)} ms, max ${fmt(s.max)} ms`;
    log('');
    log(`Postgres fsync ${pg.fsync}; ${PARTITIONS} partitions; message ≈ ${result.messageBytes} bytes (key + value + headers, as JSON)`);
    log(`pipeline @ ${fmt(pipeSteady.offeredPerSecond)}/s offered: ${fmt(pipeSteady.events)} events applied, ${fmt(pipeSteady.deliveredPerSecond)}/s; occurred→applied ${l(pipeSteady.latency)}`);
    log(`   occurred→picked up by the relay ${l(relayPickupMs)}`);
    log(`   relay publish (acks=-1) ${l(steadyPublishMs)}; batch p50 ${steadyBatches.p50}, max ${steadyBatches.max}`);
    log(`   occurred→consumer handler entered ${l(pipeSteady.handlerEntryLatency)}; consumer batch transactions p50 ${pipeSteady.consumerBatchSize.p50} events, max ${pipeSteady.consumerBatchSize.max}`);
    log(`   ${fmtPhase(steadyCpu)}`);
    log(`raw      @ ${fmt(rawSteadyOut.offeredPerSecond)}/s offered: ${fmt(rawSteadyOut.events)} events, ${fmt(rawSteadyOut.deliveredPerSecond)}/s; sent→received ${l(rawSteadyOut.latency)}`);
    log(`   ${fmtPhase(rawSteadyCpu)}`);
    log(`pipeline max: writers ${fmt(pipelineMax.writerPerSecond)}/s, at the consumer ${fmt(pipelineMax.consumerPerSecond)}/s (relay batch p50 ${pipelineMax.relayBatchSize.p50}, consumer batch p50 ${pipelineMax.consumerBatchSize.p50}); occurred→applied ${l(pipelineMax.latency)}`);
    log(`   ${fmtPhase(maxCpu)}`);
    log(`pipeline drain: outbox filled at ${fmt(pipelineDrain.fillPerSecond)}/s (untimed); relay published at ${fmt(pipelineDrain.relayPerSecond)}/s, at the consumer ${fmt(pipelineDrain.consumerPerSecond)}/s (relay batch p50 ${pipelineDrain.relayBatchSize.p50}, publish p50 ${fmt(pipelineDrain.relayPublishMs.p50)} ms; consumer batch p50 ${pipelineDrain.consumerBatchSize.p50})`);
    log(`   ${fmtPhase(drainCpu)}`);
    log(`by hand drain: relay loop published at ${fmt(byHand.relayPerSecond)}/s, at the consumer ${fmt(byHand.consumerPerSecond)}/s (consumer batch p50 ${byHand.consumerBatchSize.p50})`);
    log(`   ${fmtPhase(handCpu)}`);
    log(`raw max:      producer ${fmt(rawMax.producerPerSecond)}/s, at the consumer ${fmt(rawMax.consumerPerSecond)}/s`);
    log(`   ${fmtPhase(rawMaxCpu)}`);
    log(`writer-limited max/raw: ${(writerLimitedShare * 100).toFixed(1)} % (one event per writer transaction; not the pipeline's capacity)`);
    log(`throughput pipeline (drain)/by hand (drain): ${(share * 100).toFixed(1)} % (target ≥ ${TARGET_THROUGHPUT_SHARE * 100} %: ${result.targets.throughputShare.met ? 'MET' : 'NOT MET'})`);
    log(`reference: pipeline (drain)/raw kafkajs without writes: ${(rawShare * 100).toFixed(1)} %`);
    log(`p99 at ${RATE}/s: ${fmt(pipeSteady.latency.p99)} ms (target ≤ ${TARGET_P99_MS} ms: ${result.targets.p99AtSteadyMs.met ? 'MET' : 'NOT MET'})`);
    log(`result written to ${file}`);
  } finally {
    for (const c of cleanups) await c().catch((e) => log(`cleanup: ${String(e)}`));
    await kafka.stop();
    await pg.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`event-pipeline bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
