import { Controller, Get, Header, Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@jiuzhu/auth';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { ConsumerState, Messaging, OutboundMessage, OutboxBacklog, readOutboxBacklog } from '@jiuzhu/messaging';

const CONSUMER_STATES: ConsumerState[] = ['idle', 'starting', 'running', 'rebalancing', 'crashed', 'stopped'];

/** One scrape reads the backlog once, though two gauges show it. */
const BACKLOG_READ_FOR_MS = 1000;

/**
 * The Prometheus metrics of one service instance, in a registry of its own: the launcher runs
 * several services in one process, and each must report only its own (and say which it is).
 *
 * Business counters come from the events themselves: every event the relay hands to the transport
 * is counted by type (`jiuzhu_events_published_total{type="case.approved"}`, …), so no use case
 * carries metrics code and the count is of facts that happened, not of attempts.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly published: Counter<'type'>;
  private backlog?: { at: number; read: Promise<OutboxBacklog | undefined> };
  private dataSource?: DataSource;
  private messaging?: Messaging;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: 'jiuzhu_http_request_duration_seconds',
      help: 'HTTP requests by route template, method and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.published = new Counter({ name: 'jiuzhu_events_published_total', help: 'Events handed to the transport, by type', labelNames: ['type'], registers });
    const metrics = this;
    new Gauge({
      name: 'jiuzhu_outbox_pending',
      help: `Events in the outbox not yet published (counted up to 100000)`,
      registers,
      async collect() {
        const b = await metrics.readBacklog();
        if (b) this.set(b.pending);
      },
    });
    new Gauge({
      name: 'jiuzhu_outbox_oldest_pending_seconds',
      help: 'Age of the oldest unpublished event (0 when none waits)',
      registers,
      async collect() {
        const b = await metrics.readBacklog();
        if (b) this.set(b.oldestPendingSeconds);
      },
    });
    new Gauge({
      name: 'jiuzhu_consumer_state',
      help: 'The event consumer state (1 for the current one)',
      labelNames: ['state'],
      registers,
      collect() {
        const now = metrics.messaging?.consumerStatus().state;
        for (const s of CONSUMER_STATES) this.set({ state: s }, s === now ? 1 : 0);
      },
    });
    // The transport keeps these counts; a scrape copies them (a counter per outcome, as Prometheus expects).
    const outcomes = ['handled', 'duplicates', 'deadLettered', 'ignored', 'unknownTypes'] as const;
    new Counter({
      name: 'jiuzhu_consumer_events_total',
      help: 'Events the consumer received, by outcome: handled, duplicates (already in the inbox), deadLettered, ignored (no handler here), unknownTypes',
      labelNames: ['outcome'],
      registers,
      collect() {
        const c = metrics.messaging?.counters();
        this.reset();
        if (c) for (const o of outcomes) this.inc({ outcome: o }, c[o]);
      },
    });
    new Counter({
      name: 'jiuzhu_consumer_crashes_total',
      help: 'Times the consumer crashed',
      registers,
      collect() {
        this.reset();
        this.inc(metrics.messaging?.counters().crashes ?? 0);
      },
    });
    new Gauge({
      name: 'jiuzhu_event_publisher_up',
      help: 'Whether the event publisher is connected and its last hand-over to the transport worked',
      registers,
      collect() {
        const r = metrics.messaging?.relayStatus();
        this.set(r && r.state === 'up' && !r.lastPublishError ? 1 : 0);
      },
    });
  }

  /** The service's resources, once they exist (metrics are made before Messaging, which reports to them). */
  attach(r: { dataSource: DataSource; messaging: Messaging }): void {
    this.dataSource = r.dataSource;
    this.messaging = r.messaging;
  }

  countPublished(batch: readonly OutboundMessage[]): void {
    for (const m of batch) this.published.inc({ type: m.type });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  private readBacklog(): Promise<OutboxBacklog | undefined> {
    const ds = this.dataSource;
    const clock = this.messaging?.clock;
    if (!ds?.isInitialized || !clock) return Promise.resolve(undefined);
    // How long a reading is reused is measured on the machine's time (a cache, not a fact);
    // the backlog's age is on the service's clock, which wrote occurred_at.
    if (!this.backlog || Date.now() - this.backlog.at > BACKLOG_READ_FOR_MS) {
      // A database that does not answer leaves the gauges as they were; readiness reports it.
      this.backlog = { at: Date.now(), read: readOutboxBacklog(ds, clock.now()).catch(() => undefined) };
    }
    return this.backlog.read;
  }
}

export const SERVICE_METRICS = Symbol('service-metrics');

/** Request durations by route template (`/applications/:id/submit`), never by the raw path: ids would explode the series and may be personal. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(SERVICE_METRICS) private readonly metrics: ServiceMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = req.route?.path ? `${req.baseUrl ?? ''}${String(req.route.path)}` : 'unmatched';
      this.metrics.observeRequest(req.method, route, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  }
}

// Probes and scrapers carry no token; what these answer names no person.
@Public()
@ApiTags('operations')
@Controller()
export class MetricsController {
  constructor(@Inject(SERVICE_METRICS) private readonly metrics: ServiceMetrics) {}

  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics: HTTP durations, outbox backlog, consumer state and events by outcome (dead letters), events published by type, process' })
  @ApiOkResponse({ description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } })
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
