import { Controller, Inject } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, PersonTerminated, PersonTerminatedV1 } from '@jiuzhu/contracts';
import { ConsumeEvent } from '@jiuzhu/messaging';
import { HardshipConflicts } from './hardship-conflicts.use-case';

/** Special-hardship support ended: open conflicts are marked no longer current, exclusions lifted for the next decision. */
@Controller()
export class MarkConflictsWhenPersonTerminated {
  constructor(@Inject(HardshipConflicts) private readonly conflicts: HardshipConflicts) {}

  @ConsumeEvent(PersonTerminated, 'living-allowance.end-hardship-conflicts')
  async markConflicts(e: EventEnvelope<PersonTerminatedV1>, m: EntityManager): Promise<void> {
    await this.conflicts.onTerminated(m, e.data);
  }
}
