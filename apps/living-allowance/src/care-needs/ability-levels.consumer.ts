import { Controller, Get, Inject, Param } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { InvalidInput, NotFound } from '@jiuzhu/common';
import { AssessmentCompleted, AssessmentCompletedV1, AssessmentSuperseded, AssessmentSupersededV1, EventEnvelope, patternOf } from '@jiuzhu/contracts';
import { Inbox } from '@jiuzhu/messaging';
import { AbilityLevels } from './ability-levels';

export const INBOX = Symbol('inbox');

/**
 * Keeps the latest elder ability level per person (from elder-assessment's events; the inbox makes
 * each event count once however often it is delivered), and shows it to caseworkers.
 */
@ApiTags('care needs')
@Controller()
export class AbilityLevelsConsumer {
  constructor(
    @Inject(INBOX) private readonly inbox: Inbox,
    @Inject(AbilityLevels) private readonly levels: AbilityLevels,
    @Inject(DataSource) private readonly ds: DataSource,
  ) {}

  @EventPattern(patternOf(AssessmentCompleted))
  async onCompleted(@Payload() e: EventEnvelope<AssessmentCompletedV1>) {
    await this.inbox.handleOnce('living-allowance.record-ability-level', e, (m) => this.levels.record(m, e.data).then(() => undefined));
  }

  @EventPattern(patternOf(AssessmentSuperseded))
  async onSuperseded(@Payload() e: EventEnvelope<AssessmentSupersededV1>) {
    await this.inbox.handleOnce('living-allowance.mark-ability-superseded', e, (m) => this.levels.markSuperseded(m, e.data.personRef, e.data.assessmentId));
  }

  @Get('ability-levels/:personRef')
  @ApiOperation({ summary: "A person's latest elder ability level as this service knows it (from elder-assessment events)" })
  async get(@Param('personRef') personRef: string) {
    if (!/^[0-9a-f]{64}$/.test(personRef)) throw new InvalidInput([{ field: 'personRef', reason: 'must be a 64-character personRef' }]);
    const row = await this.levels.of(this.ds.manager, personRef);
    if (!row) throw new NotFound(`Ability level of ${personRef.slice(0, 8)}…`);
    return row;
  }
}
