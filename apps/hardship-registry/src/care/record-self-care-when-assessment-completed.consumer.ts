import { Controller, Inject } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssessmentCompleted, AssessmentCompletedV1, EventEnvelope } from '@jiuzhu/contracts';
import { ConsumeEvent } from '@jiuzhu/messaging';
import { TakeElderAssessment } from './take-elder-assessment.use-case';

/** Keeps each person's latest elder ability assessment and, from 60, sets a supported person's care tier from it. */
@Controller()
export class RecordSelfCareWhenAssessmentCompleted {
  constructor(@Inject(TakeElderAssessment) private readonly take: TakeElderAssessment) {}

  @ConsumeEvent(AssessmentCompleted, 'hardship-registry.record-self-care')
  async recordSelfCare(e: EventEnvelope<AssessmentCompletedV1>, m: EntityManager): Promise<void> {
    await this.take.onCompleted(m, e.data);
  }
}
