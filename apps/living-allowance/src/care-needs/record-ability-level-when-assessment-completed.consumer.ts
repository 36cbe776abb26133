import { Controller, Inject } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, CLOCK } from '@jiuzhu/common';
import { AssessmentCompleted, AssessmentCompletedV1, EventEnvelope } from '@jiuzhu/contracts';
import { ConsumeEvent } from '@jiuzhu/messaging';
import { AbilityLevelRepository } from './ability-level.repository';

/** Keeps each person's latest elder ability level, from elder-assessment's completed assessments (the care-needs top-up reads it). */
@Controller()
export class RecordAbilityLevelWhenAssessmentCompleted {
  constructor(
    @Inject(AbilityLevelRepository) private readonly levels: AbilityLevelRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // The inbox name predates @ConsumeEvent; renaming it would make events already recorded count as new.
  @ConsumeEvent(AssessmentCompleted, 'living-allowance.record-ability-level')
  async recordAbilityLevel(e: EventEnvelope<AssessmentCompletedV1>, m: EntityManager): Promise<void> {
    await this.levels.record(m, e.data, this.clock.now());
  }
}
