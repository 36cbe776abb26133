import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@jiuzhu/auth';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Messaging, pingDatabase, readOutboxBacklog } from '@jiuzhu/messaging';

export interface HealthSources {
  dataSource: DataSource;
  messaging: Messaging;
  /** Readiness fails when the oldest unpublished event is older than this. */
  outboxMaxAgeSeconds: number;
  log: Logger;
}

export const HEALTH_SOURCES = Symbol('health-sources');

/** A database that does not answer within this is reported down (a probe must not hang with it). */
const DATABASE_TIMEOUT_MS = 2000;

/**
 * Liveness and readiness (@nestjs/terminus). Liveness touches nothing outside the process: a
 * database or broker outage must make pods unready, never restart them all. Readiness names each
 * dependency that is down — the database, the outbox relay and its publisher, the event consumer,
 * an outbox backlog that has grown old — so an operator sees which one, not "Http Exception".
 */
// Probes and scrapers carry no token; what these answer names no person.
@Public()
@ApiTags('operations')
@Controller('health')
export class HealthController {
  private wasReady = true;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(HEALTH_SOURCES) private readonly s: HealthSources,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers (touches no database or broker)' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([async () => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) })]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: database, outbox relay and publisher, event consumer, outbox backlog age; 503 names what is down' })
  ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return this.readiness(res);
  }

  /** The historical path, kept for existing probes and scripts: it is readiness. */
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Same as /health/ready' })
  legacy(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return this.readiness(res);
  }

  private async readiness(res: Response): Promise<HealthCheckResult> {
    try {
      const result = await this.health.check([() => this.database(), () => this.outboxRelay(), () => this.eventConsumer(), () => this.outboxBacklog()]);
      if (!this.wasReady) this.s.log.info('ready again');
      this.wasReady = true;
      return result;
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      // The terminus result as the body (it names each dependency), not the generic problem document.
      const result = e.getResponse() as HealthCheckResult;
      if (this.wasReady) this.s.log.warn({ down: Object.keys(result.error ?? {}), error: result.error }, 'not ready');
      this.wasReady = false;
      res.status(503);
      return result;
    }
  }

  private async database(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('database');
    try {
      await withTimeout(pingDatabase(this.s.dataSource), DATABASE_TIMEOUT_MS);
      return check.up();
    } catch (e) {
      return check.down({ message: `unreachable: ${describe(e)}` });
    }
  }

  private async outboxBacklog(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('outboxBacklog');
    try {
      const b = await withTimeout(readOutboxBacklog(this.s.dataSource, this.s.messaging.clock.now()), DATABASE_TIMEOUT_MS);
      const details = { pending: b.pending, oldestPendingSeconds: Math.round(b.oldestPendingSeconds), maxAgeSeconds: this.s.outboxMaxAgeSeconds };
      return b.oldestPendingSeconds <= this.s.outboxMaxAgeSeconds ? check.up(details) : check.down({ ...details, message: 'events wait longer than allowed to be published' });
    } catch (e) {
      return check.down({ message: `cannot be read: ${describe(e)}` });
    }
  }

  private async outboxRelay(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('outboxRelay');
    const r = this.s.messaging.relayStatus();
    if (r.state !== 'up') {
      return check.down({ state: r.state, since: r.since, failedAttempts: r.failedAttempts, message: r.lastError ?? 'publisher not connected to the event transport yet' });
    }
    if (r.lastPublishError) return check.down({ state: r.state, message: `last publish failed: ${r.lastPublishError.error}`, at: r.lastPublishError.at });
    return check.up({ state: r.state, since: r.since });
  }

  /**
   * A consumer still joining its group (or rebalancing) is normal and leaves the API ready: events
   * wait in the broker. One that cannot reach the broker, or has crashed, consumes nothing: not ready.
   */
  private async eventConsumer(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('eventConsumer');
    const start = this.s.messaging.consumerStartStatus();
    const c = this.s.messaging.consumerStatus();
    if (start && start.state !== 'up' && start.failedAttempts > 0) {
      return check.down({ state: 'connecting', since: start.since, failedAttempts: start.failedAttempts, message: start.lastError ?? 'cannot reach the event transport' });
    }
    const details = { state: c.state, since: c.since, topics: c.topics };
    if (c.state === 'crashed' || c.state === 'stopped') return check.down({ ...details, message: c.lastError ?? `consumer ${c.state}` });
    return check.up(details);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
