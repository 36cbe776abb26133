import { Controller, Get, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { InvalidInput } from '@jiuzhu/common';
import { Actor, CurrentActor } from '@jiuzhu/common/http';
import { toApplicationView } from './application.view';
import { ProcessQueue, ProcessQueues } from './process-queues.use-case';

/** The township's and the confirmers' work queues, and claiming the next case from them. */
@ApiTags('queues')
@Controller('queues')
export class ProcessQueuesController {
  constructor(@Inject(ProcessQueues) private readonly queues: ProcessQueues) {}

  @Get('township')
  @ApiOperation({ summary: 'Township queue: new submissions and re-checks after an objection, overdue first, then oldest' })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiQuery({ name: 'townshipCode', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  async township(@Query('districtCode') districtCode?: string, @Query('townshipCode') townshipCode?: string, @Query('limit') limit = '50', @Query('offset') offset = '0') {
    return { items: await this.queues.queue('township', filter(districtCode, townshipCode, limit, offset)) };
  }

  @Get('confirmation')
  @ApiOperation({ summary: 'Confirmation queue: cases whose public notice is over, overdue first, then oldest' })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  async confirmation(@Query('districtCode') districtCode?: string, @Query('limit') limit = '50', @Query('offset') offset = '0') {
    return { items: await this.queues.queue('confirmation', filter(districtCode, undefined, limit, offset)) };
  }

  @Post('township/claim')
  @ApiHeader({ name: 'X-Actor-Id', required: true })
  @ApiHeader({ name: 'X-Actor-Role', required: true, description: 'township_reviewer' })
  @ApiOperation({ summary: 'Claim the next township case (a lease; no two officers get the same case). 204 when the queue is empty.' })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiQuery({ name: 'townshipCode', required: false })
  async claimTownship(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response, @Query('districtCode') districtCode?: string, @Query('townshipCode') townshipCode?: string) {
    return this.claim('township', actor, res, districtCode, townshipCode);
  }

  @Post('confirmation/claim')
  @ApiHeader({ name: 'X-Actor-Id', required: true })
  @ApiHeader({ name: 'X-Actor-Role', required: true, description: 'county_approver (or township_approver where delegated)' })
  @ApiOperation({ summary: 'Claim the next case to confirm. 204 when the queue is empty.' })
  @ApiQuery({ name: 'districtCode', required: false })
  async claimConfirmation(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response, @Query('districtCode') districtCode?: string) {
    return this.claim('confirmation', actor, res, districtCode, undefined);
  }

  private async claim(q: ProcessQueue, actor: Actor, res: Response, districtCode?: string, townshipCode?: string) {
    const f = filter(districtCode, townshipCode, '1', '0');
    const row = await this.queues.claimNext(q, actor, f);
    if (!row) {
      res.status(204);
      return undefined;
    }
    res.status(200);
    return toApplicationView(row);
  }
}

function filter(districtCode: string | undefined, townshipCode: string | undefined, limit: string, offset: string) {
  const problems = [];
  if (districtCode !== undefined && !/^\d{6}$/.test(districtCode)) problems.push({ field: 'districtCode', reason: 'must be a 6-digit district code' });
  if (townshipCode !== undefined && !/^\d{9}$/.test(townshipCode)) problems.push({ field: 'townshipCode', reason: 'must be a 9-digit township code' });
  const l = Number(limit);
  const o = Number(offset);
  if (!Number.isInteger(l) || l < 1 || l > 500) problems.push({ field: 'limit', reason: 'must be an integer 1-500' });
  if (!Number.isInteger(o) || o < 0) problems.push({ field: 'offset', reason: 'must be a non-negative integer' });
  if (problems.length) throw new InvalidInput(problems);
  return { districtCode, townshipCode, limit: l, offset: o };
}
