import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { Clock, CLOCK } from '@jiuzhu/common';
import { ApiPageResponse, pageOfQuery, UuidParam } from '@jiuzhu/common/http';
import { CLAIMERS, CONFIRMERS, INVESTIGATORS, QUEUE_OVERSEERS } from '../access';
import { CaseClaims } from '@jiuzhu/platform';
import { ClaimQuery, QueueQuery, ReassignDto } from './case.dto';
import { CaseListItem, CaseView, toCaseListItem, toCaseView } from './case.view';
import { StepQueue, StepQueues } from './step-queues.use-case';

/**
 * The township's investigation queue and the county's confirmation queue, and claiming the next
 * case from them. Each holds the cases of the reader's jurisdiction only, in the query; the filters
 * narrow it further, never wider. Overdue first (the step's limit), then by the day it falls due.
 */
@ApiTags('queues')
@Controller('queues')
export class StepQueuesController {
  constructor(
    @Inject(StepQueues) private readonly queues: StepQueues,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('investigation')
  @Access({ roles: [...INVESTIGATORS, ...QUEUE_OVERSEERS], jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Applications to investigate (15 working days), overdue first; never the reader’s own filings' })
  @ApiPageResponse(CaseListItem)
  async investigation(@Query() q: QueueQuery, @CurrentActor() actor: Actor) {
    return this.read('investigation', q, actor);
  }

  @Get('confirmation')
  @Access({ roles: [...CONFIRMERS, ...QUEUE_OVERSEERS], jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Cases to confirm or refuse (15 working days from the notice, or from the investigation when nothing was posted), overdue first; never the reader’s own filings or investigations' })
  @ApiPageResponse(CaseListItem)
  async confirmation(@Query() q: QueueQuery, @CurrentActor() actor: Actor) {
    return this.read('confirmation', q, actor);
  }

  @Post('investigation/claim')
  @Access({ roles: INVESTIGATORS, jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Claim the next application to investigate (a lease: no two officers get the same case), never one you filed. 204 when there is none.' })
  @ApiOkResponse({ type: CaseView, description: 'the claimed case' })
  @ApiNoContentResponse({ description: 'nothing you may work' })
  async claimInvestigation(@Query() q: ClaimQuery, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    return this.claim('investigation', q, actor, res);
  }

  @Post('confirmation/claim')
  @Access({ roles: CONFIRMERS, jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Claim the next case to confirm, never one you filed or investigated. 204 when there is none.' })
  @ApiOkResponse({ type: CaseView, description: 'the claimed case' })
  @ApiNoContentResponse({ description: 'nothing you may work' })
  async claimConfirmation(@Query() q: ClaimQuery, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    return this.claim('confirmation', q, actor, res);
  }

  private async read(name: StepQueue, q: QueueQuery, actor: Actor) {
    const page = await this.queues.queue(name, { districtCode: q.districtCode, townshipCode: q.townshipCode }, pageOfQuery(q), actor);
    return { ...page, items: page.items.map(toCaseListItem) };
  }

  private async claim(name: StepQueue, q: ClaimQuery, actor: Actor, res: Response) {
    const claimed = await this.queues.claimNext(name, { districtCode: q.districtCode, townshipCode: q.townshipCode }, actor);
    res.status(claimed ? 200 : 204);
    return claimed ? toCaseView(claimed, this.clock.today()) : undefined;
  }
}

/** Giving back a claim, and a supervisor moving one, whichever queue the case was claimed from. */
@ApiTags('queues')
@Controller('cases')
export class CaseClaimsController {
  constructor(@Inject(CaseClaims) private readonly claims: CaseClaims) {}

  @Post(':id/release')
  @HttpCode(204)
  @Access({ roles: CLAIMERS, jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Give back your claim on a case' })
  @ApiNoContentResponse({ description: 'the claim is given back; the case waits in its queue for anyone' })
  async release(@UuidParam() id: string, @CurrentActor() actor: Actor) {
    await this.claims.release(id, actor);
  }

  @Post(':id/reassign')
  @HttpCode(204)
  @Access({ roles: ['supervisor'], jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Move a queued case of your jurisdiction to another officer, with a fresh lease' })
  @ApiNoContentResponse({ description: 'the officer named holds the case now' })
  async reassign(@UuidParam() id: string, @Body() dto: ReassignDto, @CurrentActor() actor: Actor) {
    await this.claims.reassign(id, dto.to, actor);
  }
}
