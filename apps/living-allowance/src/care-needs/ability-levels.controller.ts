import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuditedRead } from '@jiuzhu/audit';
import { Access, Actor, CurrentActor, jurisdictionFilter } from '@jiuzhu/auth';
import { InvalidInput, NotFound } from '@jiuzhu/common';
import { CASE_READERS } from '../access';
import { AbilityLevelRepository } from './ability-level.repository';

class AbilityLevelDoc {
  @ApiProperty() personRef!: string;
  @ApiProperty({ format: 'uuid' }) assessmentId!: string;
  @ApiProperty({ enum: ['intact', 'mild', 'moderate', 'severe', 'complete'] }) level!: string;
  @ApiProperty({ description: 'the assessment total (0–90)' }) total!: number;
  @ApiProperty({ example: 'partly_lost' }) selfCareAbility!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty({ format: 'date' }) assessedOn!: string;
  @ApiProperty({ format: 'date' }) validUntil!: string;
  @ApiProperty({ description: 'a later assessment superseded it without a new level yet' }) superseded!: boolean;
}

/** Shows caseworkers each person's latest elder ability level as this service learnt it from elder-assessment's events. */
@ApiTags('care needs')
@Controller()
export class AbilityLevelsController {
  constructor(
    @Inject(AbilityLevelRepository) private readonly levels: AbilityLevelRepository,
    @Inject(DataSource) private readonly ds: DataSource,
  ) {}

  @Get('ability-levels/:personRef')
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @AuditedRead('person', { action: 'ability_level.read', id: (req) => req.params.personRef as string })
  @ApiOperation({ summary: "A person's latest elder ability level as this service knows it (from elder-assessment events)" })
  @ApiOkResponse({ type: AbilityLevelDoc })
  async get(@Param('personRef') personRef: string, @CurrentActor() actor: Actor): Promise<AbilityLevelDoc> {
    if (!/^[0-9a-f]{64}$/.test(personRef)) throw new InvalidInput([{ field: 'personRef', reason: 'must be a 64-character personRef' }]);
    const row = await this.levels.of(this.ds.manager, personRef, jurisdictionFilter(actor.jurisdiction));
    if (!row) throw new NotFound(`Ability level of ${personRef.slice(0, 8)}…`);
    return row;
  }
}
