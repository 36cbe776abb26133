import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { InvalidInput } from '@jiuzhu/common';
import { Actor, CurrentActor } from '@jiuzhu/common/http';
import { CaseClaims } from './case-claims.use-case';

export class ReassignDto {
  @ApiProperty({ example: 'officer-17' }) @IsString() to!: string;
}

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput([{ field: 'id', reason: 'must be a UUID' }]) });

/** Giving back a claim, and a supervisor moving one, whichever queue the case was claimed from. */
@ApiTags('queues')
@Controller('applications')
export class CaseClaimsController {
  constructor(@Inject(CaseClaims) private readonly claims: CaseClaims) {}

  @Post(':id/release')
  @HttpCode(204)
  @ApiHeader({ name: 'X-Actor-Id', required: true })
  @ApiOperation({ summary: 'Give back your claim on a case' })
  async release(@Param('id', uuid) id: string, @CurrentActor() actor: Actor) {
    await this.claims.release(id, actor);
  }

  @Post(':id/reassign')
  @HttpCode(204)
  @ApiHeader({ name: 'X-Actor-Role', required: true, description: 'supervisor' })
  @ApiOperation({ summary: 'Move a queued case to another officer, with a fresh lease (supervisor)' })
  async reassign(@Param('id', uuid) id: string, @Body() dto: ReassignDto, @CurrentActor() actor: Actor) {
    await this.claims.reassign(id, dto.to, actor);
  }
}
