import { randomUUID } from 'node:crypto';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { eventually, freshDatabase, kafkaBrokers } from '../../../test/support/infra';
import { http, TEST_REF_KEY, testLogger } from '../../../test/support/services';
import { testSasl } from '../../../test/support/kafka-logins';
import { livingAllowanceService } from '../../../apps/living-allowance/src/living-allowance.service';
import { as } from '../../../test/support/sign-in';
import { suiteIssuer } from '../../../test/support/test-issuer';
import { RunningService, runService } from '../src';

/** A port on this machine where nothing listens (yet). */
async function unusedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** Opens `port` and forwards it to the real broker: the broker "comes up" at that address. */
async function forward(port: number, to: string): Promise<Server> {
  const [host, targetPort] = to.split(':');
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    const upstream = new Socket();
    upstream.connect(Number(targetPort), host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  proxy.on('close', () => sockets.forEach((s) => s.destroy()));
  await new Promise<void>((r) => proxy.listen(port, '127.0.0.1', () => r()));
  return proxy;
}

/**
 * Start-up does not depend on the broker: a service answers HTTP at once, readiness says the event
 * transport is down, and the publisher and consumer keep connecting in the background.
 */
describe('a service whose Kafka broker is not there', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let svc: RunningService | undefined;

  beforeEach(async () => {
    db = await freshDatabase('ops_kafka');
  });
  afterEach(async () => {
    await svc?.stop();
    svc = undefined;
    await db.drop();
  });

  const start = async (brokers: string[], port = 0, transportGraceMs = 2000) =>
    runService(livingAllowanceService({ refKey: TEST_REF_KEY, backgroundJobs: false }), {
      settings: { databaseUrl: db.url, port, transport: 'kafka', kafkaBrokers: brokers, kafkaPartitions: 1, kafkaReplicationFactor: 1, kafkaSasl: testSasl(), auth: (await suiteIssuer()).config() },
      consumerGroup: `ops-${randomUUID()}`,
      log: testLogger(),
      reconnect: { initialMs: 200, maxMs: 1000 },
      transportGraceMs,
    });

  it('answers HTTP while it is still connecting, and after start-up readiness is 503 naming the outbox relay’s publisher', async () => {
    const httpPort = await unusedPort();
    let started = false;
    const starting = start([`127.0.0.1:${await unusedPort()}`], httpPort, 8000).then((s) => ((started = true), s));
    // kafkajs alone takes about 36 s to give up on a broker; HTTP does not wait for it, nor for the consumer.
    const live = await eventually(async () => (await fetch(`http://127.0.0.1:${httpPort}/health/live`)).status === 200, 'liveness during start-up', 8000);
    expect(live).toBe(true);
    expect(started).toBe(false);
    svc = await starting;

    const ready = await http(svc.url, 'GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error.outboxRelay).toMatchObject({ status: 'down', state: 'connecting' });
    expect(ready.body.info.database).toEqual({ status: 'up' });
    // The API itself works: reading the parameters needs no broker.
    expect((await http(svc.url, 'GET', '/parameters', undefined, as('admin-1', 'admin'))).status).toBe(200);
  });

  it('becomes ready once the broker comes up at its address', async () => {
    const port = await unusedPort();
    svc = await start([`127.0.0.1:${port}`]);
    expect((await http(svc.url, 'GET', '/health/ready')).status).toBe(503);

    const proxy = await forward(port, kafkaBrokers()[0]);
    try {
      const ready = await eventually(
        async () => {
          const r = await http(svc!.url, 'GET', '/health/ready');
          return r.status === 200 ? r : undefined;
        },
        'readiness after the broker came up',
        50_000,
        250,
      );
      expect(ready.body.info).toMatchObject({ outboxRelay: { status: 'up', state: 'up' }, eventConsumer: { status: 'up' } });
      // The consumer joins its group on its own time; readiness did not wait for that.
      await eventually(async () => svc!.messaging.consumerStartStatus()?.state === 'up', 'the consumer to join its group', 50_000, 250);
    } finally {
      await svc.stop();
      svc = undefined;
      proxy.close();
    }
  }, 90_000);
});
