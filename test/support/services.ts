import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AuthConfig } from '@jiuzhu/auth';
import pino from 'pino';
import { createLogger } from '@jiuzhu/common/logger';
import { Clock, fixedClock } from '@jiuzhu/common';
import { InProcessBus, OutboundMessage, RelayOptions, RetryPolicy } from '@jiuzhu/messaging';
import { RunningService, runService, ServiceDefinition } from '@jiuzhu/platform';
import { livingAllowanceService } from '../../apps/living-allowance/src/living-allowance.service';
import { elderAssessmentService } from '../../apps/elder-assessment/src/elder-assessment.service';
import { hardshipRegistryService } from '../../apps/hardship-registry/src/hardship-registry.service';
import { freshDatabase, kafkaBrokers, runLogFile, SUITE_TOPIC_PREFIX, suiteTransport } from './infra';
import { KafkaDelivery } from './kafka-delivery';
import { grantServiceAccess, serviceLogin } from './kafka-security';
import { testSasl } from './kafka-logins';
import { withSignIn } from './sign-in';
import { suiteIssuer } from './test-issuer';

export const TEST_REF_KEY = 'test-ref-key-0123456789abcdef';

export interface TestService extends RunningService {
  /** Stops the service and drops its database. */
  dispose(): Promise<void>;
  /** The service's clock; a TestClock unless the test passed another. */
  clock: Clock;
  /**
   * Hands raw events (another service's, say) to this service's consumers and resolves once they
   * are handled or dead-lettered, on whichever transport the service runs.
   */
  deliver(messages: OutboundMessage[]): Promise<void>;
}

export interface TestServiceOptions {
  /** Default: the suite's transport (TEST_EVENT_TRANSPORT, else in-process). */
  transport?: 'kafka' | 'in-process';
  /** Private bus per test file so suites running in parallel do not see each other's events. */
  bus?: InProcessBus;
  clock?: Clock;
  consumerGroup?: string;
  relay?: Partial<RelayOptions>;
  retry?: RetryPolicy;
  log?: Logger;
  backgroundJobs?: boolean;
  /** Whose tokens the service trusts; default: this test file's issuer (`suiteIssuer()`, which `as()` signs with). */
  auth?: AuthConfig;
}

/** A clock a test can move: deadlines, notices and payment months depend on the date. */
export class TestClock implements Clock {
  /** `tickMs`: each reading of now() moves the clock on, so rows written one after another get distinct times. */
  constructor(
    private at: Date,
    private readonly tickMs = 0,
  ) {}
  now(): Date {
    if (this.tickMs) this.at = new Date(this.at.getTime() + this.tickMs);
    return new Date(this.at);
  }
  today(): string {
    return fixedClock(this.at).today();
  }
  set(iso: string): void {
    this.at = new Date(iso);
  }
}

/**
 * The services' logger in tests: the production one, writing what a service would log (info and up)
 * to a file of this test file's under the run directory, which the global teardown scans for
 * personal data (run-scan.ts). TEST_LOG=debug also shows it on the terminal.
 */
export function testLogger(): Logger {
  const file = runLogFile('services');
  const level = process.env.TEST_LOG ?? 'info';
  if (!file) return pino({ level: process.env.TEST_LOG ?? 'silent' });
  logFile ??= pino.destination({ dest: file, mkdir: true, sync: true });
  const destination = process.env.TEST_LOG ? pino.multistream([{ level, stream: logFile }, { level, stream: process.stdout }]) : logFile;
  return createLogger('test', { level, destination });
}

/** One log file per test file and transport (jest loads this module once per test file). */
let logFile: ReturnType<typeof pino.destination> | undefined;

type Define = (o: { refKey: string; backgroundJobs?: boolean }) => ServiceDefinition;

/**
 * A service on a fresh database of its own, on a free port, with a movable clock by default (the
 * dibao process has a 7-day public notice to get past; routine re-assessments fall due a year on).
 */
async function startTestService(define: Define, dbPrefix: string, o: TestServiceOptions): Promise<TestService> {
  const db = await freshDatabase(dbPrefix);
  const transport = o.transport ?? suiteTransport();
  const clock = o.clock ?? new TestClock(new Date('2026-03-02T02:00:00Z'));
  const bus = o.bus ?? new InProcessBus();
  const definition = define({ refKey: TEST_REF_KEY, backgroundJobs: o.backgroundJobs });
  // Each test service consumes in a group of its own: suites run in parallel against one broker, and
  // two instances in the production group (jiuzhu.<service>) would share partitions across databases.
  const consumerGroup = o.consumerGroup ?? `${dbPrefix}-${randomUUID()}`;
  // On the broker the service logs in as itself and may do only what its ACLs allow.
  const login = transport === 'kafka' ? serviceLogin(definition.name) : undefined;
  if (login) await grantServiceAccess({ service: definition.name, produces: definition.produces.map((c) => c.topic), group: consumerGroup, topicPrefix: SUITE_TOPIC_PREFIX });
  const svc = await runService(definition, {
    clock,
    settings: {
      databaseUrl: db.url,
      port: 0,
      transport,
      kafkaBrokers: transport === 'kafka' ? kafkaBrokers() : null,
      kafkaPartitions: 3,
      kafkaReplicationFactor: 1,
      kafkaTopicPrefix: SUITE_TOPIC_PREFIX,
      kafkaSasl: transport === 'kafka' ? testSasl(login) : undefined,
      auth: o.auth ?? (await suiteIssuer()).config(),
    },
    bus,
    consumerGroup,
    relay: o.relay,
    retry: o.retry,
    log: o.log ?? testLogger(),
  });
  const kafka = transport === 'kafka' ? new KafkaDelivery() : undefined;
  return {
    ...svc,
    clock,
    deliver: (messages) => (kafka ? kafka.deliver(svc.messaging.consumerGroup, messages) : bus.deliver(messages)),
    async dispose() {
      await kafka?.close();
      await svc.stop();
      await db.drop();
    },
  };
}

export const startLivingAllowance = (o: TestServiceOptions = {}): Promise<TestService> => startTestService(livingAllowanceService, 'la', o);
export const startElderAssessment = (o: TestServiceOptions = {}): Promise<TestService> => startTestService(elderAssessmentService, 'ea', o);
export const startHardshipRegistry = (o: TestServiceOptions = {}): Promise<TestService> => startTestService(hardshipRegistryService, 'hr', o);

/** JSON over HTTP against a running service, returning status and parsed body. */
export async function http(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(await withSignIn(headers)) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
