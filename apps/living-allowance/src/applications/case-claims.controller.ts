import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { Actor, CurrentActor } from '@jiuzhu/auth';
import { UuidParam } from '@jiuzhu/common/http';
import { CaseClaims } from './case-claims.use-case';

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
  @ApiHeader({ name: 'X-Actor-Id', required: true })
  @ApiOperation({ summary: 'Give back your claim on a case' })
  async release(@UuidParam() id: string, @CurrentActor() actor: Actor) {
    await this.claims.release(id, actor);
  }

  @Post(':id/reassign')
  @HttpCode(204)
  @ApiHeader({ name: 'X-Actor-Role', required: true, description: 'supervisor' })
  @ApiOperation({ summary: 'Move a queued case to another officer, with a fresh lease (supervisor)' })
  async reassign(@UuidParam() id: string, @Body() dto: ReassignDto, @CurrentActor() actor: Actor) {
    await this.claims.reassign(id, dto.to, actor);
  }
}
