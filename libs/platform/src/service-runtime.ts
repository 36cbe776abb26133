import { DynamicModule, INestApplication, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import type { Logger } from 'pino';
import { DataSource, MixedList } from 'typeorm';
import { AUDIT_MIGRATIONS, AUDIT_SOURCES, AuditInterceptor, AuditInterceptorSources, AuditSealer, AuditTrail } from '@jiuzhu/audit';
import { PollingWorker } from './polling-worker';
import { AccessControlModule, actorOf, AuthConfig } from '@jiuzhu/auth';
import { Clock, ConfigError, systemClock } from '@jiuzhu/common';
import { configureHttpApp } from '@jiuzhu/common/http';
import { createLogger } from '@jiuzhu/common/logger';
import { EventContract } from '@jiuzhu/contracts';
import { DEFAULT_RETENTION, InProcessBus, KafkaSasl, MessagingTables1732700000000, Messaging, Outbox, RelayOptions, RetryPolicy } from '@jiuzhu/messaging';
import { openDataSource } from '@jiuzhu/persistence';
import { ClockController, SERVICE_CLOCK } from './clock.controller';
import { HEALTH_SOURCES, HealthController, HealthSources } from './health';
import { RootController } from './root.controller';
import { HttpMetricsMiddleware, MetricsController, SERVICE_METRICS, ServiceMetrics } from './metrics';
import { requestLogging, ServiceNestLogger } from './request-logging';
import { MessagingRetentionJob, RETENTION_SOURCES, RetentionSources } from './retention-job';

export interface ServiceSettings {
  databaseUrl: string;
  port: number;
  /** Address HTTP binds; 127.0.0.1 unless given (containers set HOST=0.0.0.0). */
  host?: string;
  /** `LIVING_ALLOWANCE`: named in start-up errors (which variable changes the port). */
  envPrefix?: string;
  transport: 'kafka' | 'in-process';
  kafkaBrokers: string[] | null;
  kafkaPartitions: number;
  kafkaReplicationFactor: number;
  /** Put before every topic name on the broker (tests: one per suite, so parallel suites share a broker but no events). */
  kafkaTopicPrefix?: string;
  /** The service's login on the broker, whose ACLs say what it may write, read and join. */
  kafkaSasl?: KafkaSasl;
  kafkaSsl?: boolean;
  outboxRetentionDays?: number;
  inboxRetentionDays?: number;
  outboxMaxAgeSeconds?: number;
  /** Origins of the web console that browsers may call the API from (CONSOLE_ORIGIN); none: no CORS. */
  consoleOrigins?: readonly string[];
  /**
   * The token issuer and claims (AUTH_*, libs/auth). Every HTTP route needs an OIDC access token and
   * declares who may call it (`@Access`, `@Public`); a route that declares nothing is refused.
   */
  auth: AuthConfig;
}

/** Readiness fails when an event waits longer than this to be published, unless configured. */
const DEFAULT_OUTBOX_MAX_AGE_SECONDS = 300;
const DEFAULT_TRANSPORT_GRACE_MS = 15_000;

export interface ServiceDefinition {
  name: string;
  title: string;
  description: string;
  migrations: MixedList<Function>;
  /** The TypeORM entities its repositories map (tables stay defined by the migrations). */
  entities?: MixedList<Function>;
  produces: readonly EventContract<any>[];
  /**
   * Builds the service's root module from the runtime's resources: `clock`, the one every use case
   * takes its time from; `audit`, the service's audit trail (libs/audit), which every change path
   * records into in the change's own transaction.
   */
  module(r: { dataSource: DataSource; messaging: Messaging; log: Logger; clock: Clock; audit: AuditTrail }): DynamicModule;
  /** Runs after migrations, before the service takes traffic (e.g. seeding defaults once). */
  prepare?(r: { dataSource: DataSource; log: Logger; clock: Clock; outbox: Outbox }): Promise<void>;
}

export interface RunOptions {
  settings: ServiceSettings;
  /**
   * The service's one clock (default: the machine's). Everything the service writes takes its time
   * from it — use cases, history, events, leases, runs — and `GET /clock` tells it. The launcher's
   * demo clock and the tests' movable clocks come in here.
   */
  clock?: Clock;
  log?: Logger;
  bus?: InProcessBus;
  consumerGroup?: string;
  relay?: Partial<RelayOptions>;
  retry?: RetryPolicy;
  /** Pause between attempts to reach the broker (default 1 s doubling to 30 s). */
  reconnect?: { initialMs: number; maxMs: number };
  /**
   * How long `runService` waits for the broker connections before it returns anyway (HTTP is
   * listening all along; the connections go on in the background). Default 15 s.
   */
  transportGraceMs?: number;
}

/** The port is taken: a configuration problem, said in one line with the variable that changes it. */
export class PortInUseError extends ConfigError {
  constructor(service: string, host: string, port: number, variable: string) {
    const line = `${service} cannot listen on ${host}:${port}: the port is in use by another program (set ${variable} to a free port)`;
    super([line]);
    this.message = line;
  }
}

export interface RunningService {
  name: string;
  app: INestApplication;
  dataSource: DataSource;
  messaging: Messaging;
  clock: Clock;
  url: string;
  /** Chains the committed audit rows; a test calls `auditSealer.pass()` to seal now rather than wait. */
  auditSealer: AuditSealer;
  stop(): Promise<void>;
}

/**
 * How every service boots, alone or beside the others in the launcher: its own database (migrations
 * run first), its HTTP API with OpenAPI at /docs, health, metrics and request logs, then its outbox
 * relay and consumer group — on Kafka these keep connecting in the background, so HTTP answers (and
 * readiness says what is missing) while the broker is away or the consumer group is still joining.
 */
export async function runService(def: ServiceDefinition, o: RunOptions): Promise<RunningService> {
  const log = o.log ?? createLogger(def.name);
  const s = o.settings;
  const clock = o.clock ?? systemClock;
  const host = s.host ?? '127.0.0.1';
  const metrics = new ServiceMetrics(def.name);
  if (!s.auth) throw new ConfigError([`AUTH_ISSUER and AUTH_AUDIENCE are required: ${def.name} accepts only access tokens (or ${s.envPrefix ?? envPrefixOf(def.name)}_AUTH_ISSUER)`]);
  const audit = new AuditTrail(clock);
  const dataSource = await openDataSource({
    url: s.databaseUrl,
    applicationName: def.name,
    entities: def.entities ?? [],
    migrations: [MessagingTables1732700000000, ...AUDIT_MIGRATIONS, ...(def.migrations as Function[])],
    log,
  });
  try {
    // The outbox is a table in the service's database: what prepare appends (e.g. announcing seeded
    // versions) leaves with the relay once messaging has started, like any other event.
    await def.prepare?.({ dataSource, log, clock, outbox: new Outbox(def.name, clock) });
    const messaging = new Messaging({
      service: def.name,
      consumerGroup: o.consumerGroup,
      dataSource,
      clock,
      databaseUrl: s.databaseUrl,
      transport:
        s.transport === 'kafka'
          ? { kind: 'kafka', kafka: { brokers: s.kafkaBrokers!, clientId: def.name, topicPartitions: s.kafkaPartitions, replicationFactor: s.kafkaReplicationFactor, topicPrefix: s.kafkaTopicPrefix, sasl: s.kafkaSasl, ssl: s.kafkaSsl } }
          : { kind: 'in-process', bus: o.bus },
      produces: def.produces,
      log,
      relay: o.relay,
      retry: o.retry,
      reconnect: o.reconnect,
      onPublished: (batch) => metrics.countPublished(batch),
    });
    metrics.attach({ dataSource, messaging });
    const root = serviceRoot(def.module({ dataSource, messaging, log, clock, audit }), {
      log,
      auth: s.auth,
      clock,
      // An audited read is never a public route, so the guard has admitted its reader.
      audit: { audit, dataSource, log, actorOf: (req) => actorOf(req) ?? { id: 'anonymous' } },
      metrics,
      health: { dataSource, messaging, log, outboxMaxAgeSeconds: s.outboxMaxAgeSeconds ?? DEFAULT_OUTBOX_MAX_AGE_SECONDS },
      retention: {
        dataSource,
        clock,
        log,
        policy: { ...DEFAULT_RETENTION, outboxDays: s.outboxRetentionDays ?? DEFAULT_RETENTION.outboxDays, inboxDays: s.inboxRetentionDays ?? DEFAULT_RETENTION.inboxDays },
      },
    });
    const app = await NestFactory.create(root, { logger: new ServiceNestLogger(log), abortOnError: false });
    try {
      configureHttpApp(app, { title: def.title, description: def.description, version: '1', log, consoleOrigins: s.consoleOrigins, bearerAuth: true });
      // Not the HTTP filters and pipes: a handler's error reaches the event transport as it is (issue 10: "res.status is not a function").
      app.connectMicroservice({ strategy: messaging.eventServer() }, { inheritAppConfig: false });
      await listen(app, def.name, host, s.port, `${s.envPrefix ?? envPrefixOf(def.name)}_PORT`);
      await messaging.start({ startConsumer: async () => void (await app.startAllMicroservices()) });
      // Usually connected within a second or two: the caller (the launcher's banner, a test) then
      // knows the service consumes. A broker that is away does not hold the start any longer.
      await waitAtMost(messaging.whenConnected(), o.transportGraceMs ?? DEFAULT_TRANSPORT_GRACE_MS);
    } catch (e) {
      await app.close().catch(() => undefined);
      throw e;
    }
    // Audit rows are written unchained; every replica's sealer chains the committed ones about a
    // second later (docs/security.md, "Audit trail"), taking turns on the sealers' lock.
    const auditSealer = new AuditSealer(dataSource);
    const sealing = new PollingWorker({ log, what: 'audit sealer', pass: () => auditSealer.pass(), idleMs: 1000 });
    sealing.start();
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
    log.info({ url, docs: `${url}/docs`, host, transport: s.transport }, `${def.name} ready`);
    let stopped = false;
    return {
      name: def.name,
      app,
      dataSource,
      messaging,
      clock,
      url,
      auditSealer,
      async stop() {
        if (stopped) return;
        stopped = true;
        await messaging.stop();
        await app.close();
        // Last, after the requests: what they recorded is sealed before the pool closes.
        await sealing.stop();
        await auditSealer.pass().catch(() => undefined);
        await dataSource.destroy();
      },
    };
  } catch (e) {
    await dataSource.destroy().catch(() => undefined);
    throw e;
  }
}

/** Port 0 (tests) picks a free port. */
async function listen(app: INestApplication, service: string, host: string, port: number, variable: string): Promise<void> {
  try {
    await app.listen(port, host);
  } catch (e) {
    if ((e as { code?: string }).code === 'EADDRINUSE') throw new PortInUseError(service, host, port, variable);
    throw e;
  }
}

async function waitAtMost(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

function envPrefixOf(service: string): string {
  return service.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/**
 * The service's own module inside what every service has: request logs (nestjs-pino), health
 * (terminus), metrics (a prom-client registry of this instance), its clock (`GET /clock`),
 * scheduled jobs (@nestjs/schedule).
 */
function serviceRoot(
  service: DynamicModule,
  r: { log: Logger; clock: Clock; metrics: ServiceMetrics; health: HealthSources; retention: RetentionSources; auth: AuthConfig; audit: AuditInterceptorSources },
): DynamicModule {
  @Module({})
  class ServiceRootModule implements NestModule {
    configure(consumer: MiddlewareConsumer) {
      consumer.apply(HttpMetricsMiddleware).forRoutes('*');
    }
  }
  return {
    module: ServiceRootModule,
    imports: [
      requestLogging(r.log),
      TerminusModule.forRoot({ logger: false }),
      ScheduleModule.forRoot(),
      AccessControlModule.register({ config: r.auth, log: r.log }),
      service,
    ],
    controllers: [HealthController, ClockController, MetricsController, RootController],
    providers: [
      { provide: SERVICE_CLOCK, useValue: r.clock },
      { provide: SERVICE_METRICS, useValue: r.metrics },
      { provide: HEALTH_SOURCES, useValue: r.health },
      { provide: RETENTION_SOURCES, useValue: r.retention },
      // Every route runs in its request's audit context; @AuditedRead routes record who read what.
      { provide: AUDIT_SOURCES, useValue: r.audit },
      { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      MessagingRetentionJob,
    ],
  };
}
