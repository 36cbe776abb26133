import { Controller, Get, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApplicationViewDoc, ProcessQueueDoc } from './application.doc';
import type { Response } from 'express';
import { FieldProblem, InvalidInput } from '@jiuzhu/common';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { ApiPageQuery, readPage } from '@jiuzhu/common/http';
import { toApplicationView } from './application.view';
import { ProcessQueue, ProcessQueues } from './process-queues.use-case';
import { CONFIRMERS, QUEUE_OVERSEERS } from '../access';

/**
 * The township's and the confirmers' work queues, and claiming the next case from them. Each holds
 * the cases of the reader's jurisdiction only, in the query: a township reviewer's queue is their
 * township's, a county approver's their district's; the filters narrow it further, never wider.
 */
@ApiTags('queues')
@Controller('queues')
export class ProcessQueuesController {
  constructor(@Inject(ProcessQueues) private readonly queues: ProcessQueues) {}

  @Get('township')
  @Access({ roles: ['township_reviewer', ...QUEUE_OVERSEERS], jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Township queue of the reader’s jurisdiction: new submissions and re-checks after an objection, overdue first, then oldest; never the reader’s own filings' })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiQuery({ name: 'townshipCode', required: false })
  @ApiPageQuery()
  @ApiOkResponse({ type: ProcessQueueDoc })
  async township(
    @CurrentActor() actor: Actor,
    @Query('districtCode') districtCode?: string,
    @Query('townshipCode') townshipCode?: string,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ) {
    return { items: await this.queues.queue('township', filter(districtCode, townshipCode, limit, offset), actor) };
  }

  @Get('confirmation')
  @Access({ roles: [...CONFIRMERS, ...QUEUE_OVERSEERS], jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Confirmation queue of the reader’s jurisdiction: cases whose public notice is over, overdue first, then oldest' })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiPageQuery()
  @ApiOkResponse({ type: ProcessQueueDoc })
  async confirmation(@CurrentActor() actor: Actor, @Query('districtCode') districtCode?: string, @Query('limit') limit?: string, @Query('offset') offset?: string) {
    return { items: await this.queues.queue('confirmation', filter(districtCode, undefined, limit, offset), actor) };
  }

  @Post('township/claim')
  @Access({ roles: ['township_reviewer'], jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Claim the next township case (a lease; no two officers get the same case), never one the claimer filed. 204 when there is none.' })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiQuery({ name: 'townshipCode', required: false })
  @ApiOkResponse({ type: ApplicationViewDoc, description: 'the claimed case' })
  @ApiNoContentResponse({ description: 'nothing the claimer may work' })
  async claimTownship(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response, @Query('districtCode') districtCode?: string, @Query('townshipCode') townshipCode?: string) {
    return this.claim('township', actor, res, districtCode, townshipCode);
  }

  @Post('confirmation/claim')
  @Access({ roles: CONFIRMERS, jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Claim the next case to confirm, never one the claimer filed or reviewed. 204 when there is none.' })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiOkResponse({ type: ApplicationViewDoc, description: 'the claimed case' })
  @ApiNoContentResponse({ description: 'nothing the claimer may work' })
  async claimConfirmation(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response, @Query('districtCode') districtCode?: string) {
    return this.claim('confirmation', actor, res, districtCode, undefined);
  }

  private async claim(q: ProcessQueue, actor: Actor, res: Response, districtCode?: string, townshipCode?: string) {
    const f = filter(districtCode, townshipCode, undefined, undefined);
    const row = await this.queues.claimNext(q, actor, f);
    if (!row) {
      res.status(204);
      return undefined;
    }
    res.status(200);
    return toApplicationView(row, actor);
  }
}

function filter(districtCode: string | undefined, townshipCode: string | undefined, limit: string | undefined, offset: string | undefined) {
  const problems: FieldProblem[] = [];
  if (districtCode !== undefined && !/^\d{6}$/.test(districtCode)) problems.push({ field: 'districtCode', reason: 'must be a 6-digit district code' });
  if (townshipCode !== undefined && !/^\d{9}$/.test(townshipCode)) problems.push({ field: 'townshipCode', reason: 'must be a 9-digit township code' });
  const page = readPage({ limit, offset }, problems);
  if (problems.length) throw new InvalidInput(problems);
  return { districtCode, townshipCode, ...page };
}
