import { Controller, Inject } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseApproved, CaseApprovedV1, EventEnvelope } from '@jiuzhu/contracts';
import { ConsumeEvent } from '@jiuzhu/messaging';
import { DibaoConflicts } from './dibao-conflicts.use-case';

/** Keeps the people a dibao approval covers: a person supported or applying here among them is a conflict for an officer. */
@Controller()
export class RecordDibaoHouseholdWhenCaseApproved {
  constructor(@Inject(DibaoConflicts) private readonly conflicts: DibaoConflicts) {}

  @ConsumeEvent(CaseApproved, 'hardship-registry.record-dibao-household')
  async recordDibaoHousehold(e: EventEnvelope<CaseApprovedV1>, m: EntityManager): Promise<void> {
    await this.conflicts.onApproved(m, e.data);
  }
}
