import { Controller, Inject } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssessmentSuperseded, AssessmentSupersededV1, EventEnvelope } from '@jiuzhu/contracts';
import { ConsumeEvent } from '@jiuzhu/messaging';
import { AbilityLevelRepository } from './ability-level.repository';

/** A superseded assessment (a correction or a dispute) no longer decides the person's ability level. */
@Controller()
export class MarkAbilityLevelSupersededWhenAssessmentSuperseded {
  constructor(@Inject(AbilityLevelRepository) private readonly levels: AbilityLevelRepository) {}

  // The inbox name predates @ConsumeEvent; renaming it would make events already recorded count as new.
  @ConsumeEvent(AssessmentSuperseded, 'living-allowance.mark-ability-superseded')
  async markSuperseded(e: EventEnvelope<AssessmentSupersededV1>, m: EntityManager): Promise<void> {
    await this.levels.markSuperseded(m, e.data.personRef, e.data.assessmentId);
  }
}
