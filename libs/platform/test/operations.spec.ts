import { createServer, Server } from 'node:net';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { systemClock } from '@jiuzhu/common';
import { createLogger } from '@jiuzhu/common/logger';
import { randomUUID } from 'node:crypto';
import { AssessmentCompleted } from '@jiuzhu/contracts';
import { InProcessBus, RELAY_LOCK_KEY } from '@jiuzhu/messaging';
import { adminUrl, eventually, freshDatabase } from '../../../test/support/infra';
import { http, startElderAssessment, startLivingAllowance, TEST_REF_KEY, TestService, testLogger } from '../../../test/support/services';
import { elderAssessmentService } from '../../../apps/elder-assessment/src/elder-assessment.service';
import { as } from '../../../test/support/sign-in';
import { suiteIssuer } from '../../../test/support/test-issuer';
import { PortInUseError, runService, ServiceSettings } from '../src';

/** What a service wrote to its log, line by line (JSON). */
function capturedLog() {
  const lines: Array<Record<string, any>> = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, log: createLogger('elder-assessment', { level: 'debug', destination }) };
}

describe('health, metrics and request logs of a running service', () => {
  let svc: TestService;
  const captured = capturedLog();

  beforeAll(async () => {
    svc = await startElderAssessment({ log: captured.log, bus: new InProcessBus() });
  });
  afterAll(() => svc.dispose());

  it('liveness and readiness answer 200 naming each dependency checked', async () => {
    const live = await http(svc.url, 'GET', '/health/live');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');
    const ready = await http(svc.url, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.details).sort()).toEqual(['database', 'eventConsumer', 'outboxBacklog', 'outboxRelay']);
  });

  it('both probes are in the OpenAPI document', async () => {
    const doc = await http(svc.url, 'GET', '/docs/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/health', '/metrics', '/clock']));
  });

  it('an outbox event older than the allowed age makes the service not ready, naming the backlog', async () => {
    const old = await startElderAssessment({ bus: new InProcessBus() });
    try {
      // An unpublished event from an hour ago on the service's clock (which writes occurred_at and
      // measures the age), which the relay cannot take while this test holds its lock.
      const c = new Client({ connectionString: (old.dataSource.options as { url: string }).url });
      await c.connect();
      try {
        await c.query(`SELECT pg_advisory_lock(hashtext($1))`, [RELAY_LOCK_KEY]);
        await c.query(
          `INSERT INTO outbox (id, topic, key, type, version, source, payload, occurred_at)
           VALUES (gen_random_uuid(), 'test.topic', 'k', 'test.event', 1, 'test', '{}', $1)`,
          [new Date(old.clock.now().getTime() - 3_600_000)],
        );
        const ready = await http(old.url, 'GET', '/health/ready');
        expect(ready.status).toBe(503);
        expect(Object.keys(ready.body.error)).toEqual(['outboxBacklog']);
        expect(ready.body.error.outboxBacklog).toMatchObject({ status: 'down', pending: 1, maxAgeSeconds: 300 });
        expect(ready.body.error.outboxBacklog.oldestPendingSeconds).toBeGreaterThanOrEqual(3600);
      } finally {
        await c.end();
      }
    } finally {
      await old.dispose();
    }
  });

  it('a request keeps the caller’s x-request-id, or gets one, and is logged once with it', async () => {
    const given = await http(svc.url, 'GET', '/assessments/00000000-0000-4000-8000-000000000000', undefined, { 'x-request-id': 'trace-abc.123', ...as('assessor-01', 'assessor') });
    expect(given.headers.get('x-request-id')).toBe('trace-abc.123');
    const made = await http(svc.url, 'GET', '/queues/overdue?districtCode=640205', undefined, as('supervisor-05', 'supervisor'));
    const id = made.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const lines = await eventually(async () => {
      const found = captured.lines.filter((l) => l.req?.id === id || l.req?.id === 'trace-abc.123');
      return found.length === 2 ? found : undefined;
    }, 'the two request lines');
    // Each line names who asked, as the access guard admitted them (a staff id from the token).
    expect(lines.map((l) => [l.req.method, l.res.statusCode, typeof l.responseTime, l.actor])).toEqual([
      ['GET', 404, 'number', 'assessor-01'],
      ['GET', 200, 'number', 'supervisor-05'],
    ]);
    expect(captured.lines.filter((l) => l.req?.id === id)).toHaveLength(1);
  });

  it('a request id that is not a plain token is replaced, not echoed', async () => {
    const res = await http(svc.url, 'GET', '/health/live', undefined, { 'x-request-id': 'x'.repeat(300) });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('no resident ID number reaches the request log, even in the URL (the value of a personal query parameter is cut out)', async () => {
    const idNumber = '640205195004041235';
    await http(svc.url, 'GET', `/assessments?idNumber=${idNumber}`);
    await eventually(async () => captured.lines.some((l) => String(l.req?.url).startsWith('/assessments?idNumber=')), 'the request line');
    expect(JSON.stringify(captured.lines)).not.toContain(idNumber);
    // A personal query parameter's value is cut out of the logged URL, not only masked.
    expect(JSON.stringify(captured.lines)).toContain('/assessments?idNumber=[redacted]');
  });

  it('metrics: request durations by route template, backlog, consumer state, events by type, process metrics', async () => {
    await http(svc.url, 'GET', '/assessments/00000000-0000-4000-8000-000000000001', undefined, as('assessor-01', 'assessor'));
    const text = (await http(svc.url, 'GET', '/metrics')).body as string;
    expect(text).toMatch(/^jiuzhu_http_request_duration_seconds_count\{service="elder-assessment",method="GET",route="\/assessments\/:id",status="404"\} [1-9]/m);
    expect(text).not.toContain('00000000-0000-4000-8000-000000000001');
    expect(text).toMatch(/^jiuzhu_outbox_pending\{service="elder-assessment"\} 0$/m);
    expect(text).toMatch(/^jiuzhu_outbox_oldest_pending_seconds\{service="elder-assessment"\} 0$/m);
    expect(text).toMatch(/^jiuzhu_consumer_state\{state="idle",service="elder-assessment"\} 1$/m);
    expect(text).toMatch(/^jiuzhu_event_publisher_up\{service="elder-assessment"\} 1$/m);
    expect(text).toMatch(/^jiuzhu_consumer_events_total\{outcome="deadLettered",service="elder-assessment"\} 0$/m);
    expect(text).toMatch(/^process_resident_memory_bytes\{service="elder-assessment"\} \d+/m);
  });

  it('two services in one process each report only their own metrics', async () => {
    const other = await startElderAssessment({ bus: new InProcessBus() });
    try {
      await http(other.url, 'GET', '/needs/summary?districtCode=640205');
      const mine = (await http(svc.url, 'GET', '/metrics')).body as string;
      const theirs = (await http(other.url, 'GET', '/metrics')).body as string;
      expect(theirs).toMatch(/route="\/needs\/summary"/);
      expect(mine).not.toMatch(/route="\/needs\/summary"/);
    } finally {
      await other.dispose();
    }
  });
});

describe('consumer metrics', () => {
  it('an event the consumer dead-letters is counted, and the consumer is reported running', async () => {
    const bus = new InProcessBus();
    const la = await startLivingAllowance({ bus, backgroundJobs: false });
    try {
      const broken = { ...AssessmentCompleted.example, level: 'not-a-level' };
      await bus.deliver([
        { seq: '1', id: randomUUID(), topic: AssessmentCompleted.topic, key: 'k', type: AssessmentCompleted.type, version: AssessmentCompleted.version, source: 'test', payload: broken, occurredAt: new Date().toISOString() },
      ]);
      const text = (await http(la.url, 'GET', '/metrics')).body as string;
      expect(text).toMatch(/^jiuzhu_consumer_events_total\{outcome="deadLettered",service="living-allowance"\} 1$/m);
      expect(text).toMatch(/^jiuzhu_consumer_state\{state="running",service="living-allowance"\} 1$/m);
      expect((await http(la.url, 'GET', '/health/ready')).body.info.eventConsumer).toMatchObject({ status: 'up', state: 'running' });
    } finally {
      await la.dispose();
    }
  });
});

describe('readiness when the database is down, liveness unaffected', () => {
  it('liveness stays 200 and readiness is 503 naming the database; it is ready again once the database is back', async () => {
    const svc = await startElderAssessment({ bus: new InProcessBus() });
    const dbName = new URL((svc.dataSource.options as { url: string }).url).pathname.slice(1);
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);

      const ready = await eventually(async () => {
        const r = await http(svc.url, 'GET', '/health/ready');
        return r.status === 503 ? r : undefined;
      }, 'readiness to notice the database is gone');
      expect(ready.body.status).toBe('error');
      expect(ready.body.error.database).toMatchObject({ status: 'down', message: expect.stringMatching(/^unreachable/) });
      expect((await http(svc.url, 'GET', '/health')).status).toBe(503);
      expect((await http(svc.url, 'GET', '/health/live')).status).toBe(200);

      await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
      await eventually(async () => (await http(svc.url, 'GET', '/health/ready')).status === 200, 'readiness once the database is back');
    } finally {
      await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`).catch(() => undefined);
      await admin.end();
      await svc.dispose();
    }
  });
});

describe('readiness when the event consumer has crashed', () => {
  it('a crashed consumer makes the service not ready, naming the consumer and why; liveness stays 200', async () => {
    const svc = await startElderAssessment({ bus: new InProcessBus() });
    try {
      // The transport's report is what readiness reads; the Kafka suite shows a real crash produces it.
      const crashed = jest.spyOn(svc.messaging, 'consumerStatus').mockReturnValue({
        state: 'crashed',
        since: new Date().toISOString(),
        topics: ['elder-assessment.assessments.v1'],
        lastError: 'KafkaJSNonRetriableError: the group coordinator went away',
      });
      const ready = await http(svc.url, 'GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.error.eventConsumer).toMatchObject({ status: 'down', state: 'crashed', message: expect.stringMatching(/coordinator went away/) });
      expect((await http(svc.url, 'GET', '/health/live')).status).toBe(200);
      crashed.mockRestore();
      expect((await http(svc.url, 'GET', '/health/ready')).status).toBe(200);
    } finally {
      await svc.dispose();
    }
  });
});

describe('the clock a service runs on', () => {
  it('without a clock of its own a service runs on the real one, and GET /clock says so (offsetDays 0)', async () => {
    const db = await freshDatabase('ops_clock');
    const svc = await runService(elderAssessmentService({ refKey: TEST_REF_KEY }), {
      settings: { databaseUrl: db.url, port: 0, transport: 'in-process', kafkaBrokers: null, kafkaPartitions: 1, kafkaReplicationFactor: 1, auth: (await suiteIssuer()).config() },
      bus: new InProcessBus(),
      log: testLogger(),
    });
    try {
      const before = Date.now();
      const res = await http(svc.url, 'GET', '/clock');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ now: expect.any(String), today: systemClock.today(), offsetDays: 0 });
      expect(Date.parse(res.body.now)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(res.body.now)).toBeLessThanOrEqual(Date.now());
    } finally {
      await svc.stop();
      await db.drop();
    }
  });
});

describe('bind address and ports', () => {
  async function start(settings: Partial<ServiceSettings>) {
    const db = await freshDatabase('ops_bind');
    try {
      const svc = await runService(elderAssessmentService({ refKey: TEST_REF_KEY }), {
        settings: { databaseUrl: db.url, port: 0, transport: 'in-process', kafkaBrokers: null, kafkaPartitions: 1, kafkaReplicationFactor: 1, auth: (await suiteIssuer()).config(), ...settings },
        bus: new InProcessBus(),
        log: testLogger(),
      });
      return { svc, address: (svc.app.getHttpServer().address() as AddressInfo).address, dispose: async () => (await svc.stop(), await db.drop()) };
    } catch (e) {
      await db.drop();
      throw e;
    }
  }

  it('a service binds the loopback address unless told otherwise', async () => {
    const s = await start({});
    try {
      expect(s.address).toBe('127.0.0.1');
    } finally {
      await s.dispose();
    }
  });

  it('HOST opens it (containers set 0.0.0.0)', async () => {
    const s = await start({ host: '0.0.0.0' });
    try {
      expect(s.address).toBe('0.0.0.0');
      expect((await http(s.svc.url, 'GET', '/health/live')).status).toBe(200);
    } finally {
      await s.dispose();
    }
  });

  it('a busy port stops the start with one line naming the service, the port and the variable that changes it', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', () => r()));
    const port = (squatter.address() as AddressInfo).port;
    try {
      const failed = await start({ port, envPrefix: 'ELDER_ASSESSMENT' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failed).toBeInstanceOf(PortInUseError);
      expect((failed as Error).message).toBe(
        `elder-assessment cannot listen on 127.0.0.1:${port}: the port is in use by another program (set ELDER_ASSESSMENT_PORT to a free port)`,
      );
    } finally {
      squatter.close();
    }
  });
});
