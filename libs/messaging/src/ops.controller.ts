import { Controller, Get, Inject, Query, Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access } from '@jiuzhu/auth';

/** An event of the outbox, as `GET /events` answers it. */
class OutboxEventDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'living-allowance.cases.v1' }) topic!: string;
  @ApiProperty({ description: 'the partition key (a reference, never a person)' }) key!: string;
  @ApiProperty({ example: 'living-allowance.case.approved' }) type!: string;
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "the payload, as the event's contract in docs/asyncapi.json describes it" }) data!: Record<string, unknown>;
}

class OutboxEventsDoc {
  @ApiProperty({ type: [OutboxEventDoc] }) items!: OutboxEventDoc[];
}

/**
 * The event log every service exposes (events carry references, never personal data). Health and
 * metrics are the platform's (libs/platform: /health/live, /health/ready, /metrics).
 */
export function opsController(_service: string): Type<unknown> {
  @ApiTags('operations')
  @Controller()
  class OpsController {
    constructor(@Inject(DataSource) private readonly ds: DataSource) {}

    // Operators and auditors, and other systems checking delivery; events carry references only,
    // and the log is the service's own, not a place's, so it is not scoped.
    @Get('events')
    @Access({ roles: ['admin', 'city_auditor', 'service'], jurisdiction: 'any' })
    @ApiOperation({ summary: 'The latest events this service wrote to its outbox, and whether they have been published' })
    @ApiOkResponse({ type: OutboxEventsDoc })
    async events(@Query('limit') limit = '50'): Promise<OutboxEventsDoc> {
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
  }
  return OpsController;
}

export interface OutboxBacklog {
  /** Unpublished events, counted up to BACKLOG_COUNT_CAP. */
  pending: number;
  /** Age of the oldest unpublished event, 0 when none waits. */
  oldestPendingSeconds: number;
}

/** Past this the backlog is reported as "at least this many": counting further would cost every scrape. */
export const BACKLOG_COUNT_CAP = 100_000;

/**
 * The relay's backlog for health and metrics, read through the partial index on unpublished rows
 * (`outbox_pending`): cheap however large the published history is, so it can run on every scrape.
 * The age is measured with the clock that wrote occurred_at (`now`, the service's clock), not the
 * database's: with a demo clock days ahead, every event would look as if written in the future, and a
 * stuck backlog would never grow old enough to make the service unready.
 */
export async function readOutboxBacklog(ds: DataSource, now: Date): Promise<OutboxBacklog> {
  const [r] = await ds.query(
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox WHERE published_at IS NULL LIMIT ${BACKLOG_COUNT_CAP}) p)::int AS pending,
            coalesce((SELECT extract(epoch FROM $1::timestamptz - occurred_at) FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT 1), 0)::float8 AS oldest_s`,
    [now],
  );
  return { pending: Number(r.pending), oldestPendingSeconds: Number(r.oldest_s) };
}

/** Whether the service's database answers (readiness). */
export async function pingDatabase(ds: DataSource): Promise<void> {
  await ds.query('SELECT 1');
}
