import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '@jiuzhu/common';
import { Actor, Contact } from '@jiuzhu/common/http';
import { AssessHousehold } from '../assessment/assess-household.use-case';
import { Household } from '../assessment/domain/household';
import { ApplicationRepository, ApplicationRow, NO_CONTACT } from './application.repository';
import { Application } from './domain/application';
import { PersonRefs } from './person-refs';

/** Filing: a caseworker opens a draft case for a household. */
export class FileApplication {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ApplicationRepository,
    private readonly assessments: AssessHousehold,
    private readonly refs: PersonRefs,
    private readonly clock: Clock,
  ) {}

  async file(household: Household, actor: Actor, contact: Contact = NO_CONTACT): Promise<ApplicationRow> {
    // A trial assessment refuses an inconsistent document (no applicant, duplicate members…) before anything is written.
    await this.assessments.assess(household);
    const at = this.clock.now().toISOString();
    const refs = this.refs.of(household);
    const app = Application.file({ id: randomUUID(), coverage: 'household', householdRef: this.refs.householdRef(household, refs), household, by: actor.id, at });
    // One statement, atomic by itself: no transaction round trips on the busiest write path.
    await this.repo.insert(this.ds.manager, app, refs, at, null, contact);
    // The new case is exactly what was written; no need to read it back.
    return { ...app.state, contact, updatedBy: actor.id, updatedAt: at, claimedBy: null, claimExpiresAt: null, dueOn: null };
  }
}
