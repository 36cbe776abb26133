import { Controller, Inject } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseTerminated, CaseTerminatedV1, EventEnvelope } from '@jiuzhu/contracts';
import { ConsumeEvent } from '@jiuzhu/messaging';
import { DibaoConflicts } from './dibao-conflicts.use-case';

/**
 * A dibao case ended (after a gradual exit too: living-allowance announces its end then, so
 * case.exiting is not an end): its people are no longer in an active dibao household. A conflict
 * not yet acknowledged stays shown, marked, until a person acknowledges it.
 */
@Controller()
export class EndDibaoHouseholdWhenCaseTerminated {
  constructor(@Inject(DibaoConflicts) private readonly conflicts: DibaoConflicts) {}

  @ConsumeEvent(CaseTerminated, 'hardship-registry.end-dibao-household')
  async endDibaoHousehold(e: EventEnvelope<CaseTerminatedV1>, m: EntityManager): Promise<void> {
    await this.conflicts.onTerminated(m, e.data);
  }
}
