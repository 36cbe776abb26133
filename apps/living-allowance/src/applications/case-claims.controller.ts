import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { UuidParam } from '@jiuzhu/common/http';
import { CaseClaims } from '@jiuzhu/platform';
import { CLAIMERS } from '../access';

export class ReassignDto {
  @ApiProperty({ example: 'officer-17' }) @IsString() to!: string;
}

/** Giving back a claim, and a supervisor moving one, whichever queue the case was claimed from. */
@ApiTags('queues')
@Controller('applications')
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
  @ApiOperation({ summary: 'Move a queued case of the supervisor’s jurisdiction to another officer, with a fresh lease' })
  @ApiNoContentResponse({ description: 'the officer named holds the case now' })
  async reassign(@UuidParam() id: string, @Body() dto: ReassignDto, @CurrentActor() actor: Actor) {
    await this.claims.reassign(id, dto.to, actor);
  }
}
