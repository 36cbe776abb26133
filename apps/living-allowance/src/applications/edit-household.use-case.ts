import { orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { Contact } from '@jiuzhu/common/http';
import { AssessHousehold } from '../assessment/assess-household.use-case';
import { Household } from '../assessment/domain/household';
import { ApplicationRepository, ApplicationRow } from './application.repository';
import { CaseChange } from './case-change';
import { householdPlacedWithin } from './household-place';
import { PersonRefs } from './person-refs';

/**
 * Correcting the household document of a draft (and its contact, when one is given); its members'
 * memberships follow the correction. A correction cannot move the case out of the caseworker's
 * jurisdiction (403 naming the field), as a filing cannot be placed there.
 */
export class EditHousehold {
  constructor(
    private readonly change: CaseChange,
    private readonly repo: ApplicationRepository,
    private readonly assessments: AssessHousehold,
    private readonly refs: PersonRefs,
  ) {}

  async edit(id: string, expectedVersion: number, household: Household, actor: Actor, contact?: Contact): Promise<ApplicationRow> {
    await this.assessments.assess(household);
    orThrow(householdPlacedWithin(actor, household));
    const refs = this.refs.of(household);
    return this.change.run(
      id,
      expectedVersion,
      actor,
      async (app, m, at) => {
        const facts = orThrow(app.editHousehold(household, this.refs.householdRef(household, refs), actor.id, at));
        if (app.state.coverage === 'household') await this.repo.replaceMemberships(m, id, refs);
        return facts;
      },
      { contact },
    );
  }
}
