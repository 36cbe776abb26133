import { Controller, Get, Header, HttpException, Inject, Query, Type } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';

/**
 * Health, metrics and the event log every service exposes (events carry references, never personal data). Metrics are in the
 * Prometheus text format: the outbox backlog is the first thing an operator looks at when events
 * seem late.
 */
export function opsController(service: string): Type<unknown> {
  @ApiTags('operations')
  @Controller()
  class OpsController {
    constructor(@Inject(DataSource) private readonly ds: DataSource) {}

    @Get('health')
    @ApiOperation({ summary: 'Liveness and database reachability' })
    async health() {
      try {
        await this.ds.query('SELECT 1');
        return { status: 'ok', service };
      } catch {
        throw new HttpException({ status: 'unavailable', service, database: 'unreachable' }, 503);
      }
    }

    @Get('events')
    @ApiOperation({ summary: 'The latest events this service wrote to its outbox, and whether they have been published' })
    async events(@Query('limit') limit = '50') {
      const n = Math.min(Math.max(Number(limit) || 50, 1), 500);
      const rows = await this.ds.query(
        `SELECT id, topic, key, type, version, payload, occurred_at, published_at FROM outbox ORDER BY seq DESC LIMIT $1`,
        [n],
      );
      return {
        items: rows.map((r: Record<string, any>) => ({
          id: r.id,
          topic: r.topic,
          key: r.key,
          type: r.type,
          version: r.version,
          occurredAt: new Date(r.occurred_at).toISOString(),
          publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
          data: r.payload,
        })),
      };
    }

    @Get('metrics')
    @ApiExcludeEndpoint()
    @Header('content-type', 'text/plain; version=0.0.4')
    async metrics() {
      const [o] = await this.ds.query(
        `SELECT count(*) FILTER (WHERE published_at IS NULL)::bigint AS pending,
                count(*) FILTER (WHERE published_at IS NOT NULL)::bigint AS published,
                coalesce(extract(epoch FROM now() - min(occurred_at) FILTER (WHERE published_at IS NULL)), 0) AS oldest_pending_s
           FROM outbox`,
      );
      const [i] = await this.ds.query(`SELECT count(*)::bigint AS handled FROM inbox`);
      const m = process.memoryUsage();
      return [
        `# TYPE jiuzhu_outbox_pending gauge`,
        `jiuzhu_outbox_pending{service="${service}"} ${o.pending}`,
        `# TYPE jiuzhu_outbox_published_total counter`,
        `jiuzhu_outbox_published_total{service="${service}"} ${o.published}`,
        `# TYPE jiuzhu_outbox_oldest_pending_seconds gauge`,
        `jiuzhu_outbox_oldest_pending_seconds{service="${service}"} ${Number(o.oldest_pending_s).toFixed(3)}`,
        `# TYPE jiuzhu_inbox_handled_total counter`,
        `jiuzhu_inbox_handled_total{service="${service}"} ${i.handled}`,
        `# TYPE process_resident_memory_bytes gauge`,
        `process_resident_memory_bytes{service="${service}"} ${m.rss}`,
        '',
      ].join('\n');
    }
  }
  return OpsController;
}
