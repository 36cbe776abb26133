import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '@jiuzhu/auth';
import { Clock, ClockReading, readClock } from '@jiuzhu/common';

/** `GET /clock`, as OpenAPI documents it. */
class ClockReadingDoc implements ClockReading {
  @ApiProperty({ format: 'date-time', example: '2026-12-10T01:30:00.000Z', description: 'the instant every time this service writes is taken from' })
  now!: string;
  @ApiProperty({ format: 'date', example: '2026-12-10', description: 'the legal calendar date (Asia/Shanghai): deadlines, notices and decisions count from it' })
  today!: string;
  @ApiProperty({ type: 'integer', example: 8, description: 'days the clock runs ahead of the real date: 0 unless the demo launcher was started with DEMO_CLOCK_OFFSET_DAYS' })
  offsetDays!: number;
}

export const SERVICE_CLOCK = Symbol('service-clock');

/**
 * The service's clock, for a person or script that needs "today" as the service sees it: the README
 * walk-through reads it, since after a restart with DEMO_CLOCK_OFFSET_DAYS the machine's date is
 * no longer the service's.
 */
@Public()
@ApiTags('operations')
@Controller('clock')
export class ClockController {
  constructor(@Inject(SERVICE_CLOCK) private readonly clock: Clock) {}

  @Get()
  @ApiOperation({ summary: "The service's clock: now, today (Asia/Shanghai) and how many days the demo clock runs ahead" })
  @ApiOkResponse({ type: ClockReadingDoc })
  read(): ClockReadingDoc {
    return readClock(this.clock);
  }
}
