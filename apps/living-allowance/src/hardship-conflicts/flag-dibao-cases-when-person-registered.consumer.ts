import { Controller, Inject } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, PersonRegistered, PersonRegisteredV1 } from '@jiuzhu/contracts';
import { ConsumeEvent } from '@jiuzhu/messaging';
import { HardshipConflicts } from './hardship-conflicts.use-case';

/** A person confirmed for special-hardship support who is counted in an open dibao case flags that case for an officer. */
@Controller()
export class FlagDibaoCasesWhenPersonRegistered {
  constructor(@Inject(HardshipConflicts) private readonly conflicts: HardshipConflicts) {}

  @ConsumeEvent(PersonRegistered, 'living-allowance.flag-hardship-conflicts')
  async flagDibaoCases(e: EventEnvelope<PersonRegisteredV1>, m: EntityManager): Promise<void> {
    await this.conflicts.onRegistered(m, e.data);
  }
}
