import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditTrail, auditTarget } from '@jiuzhu/audit';
import { Clock, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { Contact } from '@jiuzhu/common/http';
import { AssessHousehold } from '../assessment/assess-household.use-case';
import { Household } from '../assessment/domain/household';
import { ApplicationRepository, ApplicationRow, MembershipTaken, NO_CONTACT } from './application.repository';
import { caseDigest } from './case-change';
import { Application } from './domain/application';
import { householdPlacedWithin } from './household-place';
import { PersonRefs } from './person-refs';

/** Filing: a caseworker opens a draft case for a household of their jurisdiction. */
export class FileApplication {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ApplicationRepository,
    private readonly assessments: AssessHousehold,
    private readonly refs: PersonRefs,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async file(household: Household, actor: Actor, contact: Contact = NO_CONTACT): Promise<ApplicationRow> {
    // A trial assessment refuses an inconsistent document (no applicant, duplicate members…) before anything is written.
    await this.assessments.assess(household);
    orThrow(householdPlacedWithin(actor, household));
    const at = this.clock.now().toISOString();
    const refs = this.refs.of(household);
    const app = Application.file({ id: randomUUID(), coverage: 'household', householdRef: this.refs.householdRef(household, refs), household, by: actor.id, at });
    const filed = caseDigest(app.state, contact);
    // The filing statement and its audit row commit together (the busiest write path pays a
    // transaction for it: BEGIN, the append lock, COMMIT).
    await this.audit
      .transaction(this.ds, async (m) => {
        await this.repo.insert(m, app, refs, at, null, contact);
        this.audit.record(m, { actor, action: 'case.file', target: auditTarget('application', app.state.id), after: filed, at });
      })
      .catch(async (e: unknown) => {
        throw e instanceof MembershipTaken ? await this.repo.membershipConflictOf(this.ds.manager, e.refs) : e;
      });
    // The new case is exactly what was written; no need to read it back.
    return { ...app.state, contact, updatedBy: actor.id, updatedAt: at, claimedBy: null, claimExpiresAt: null, dueOn: null };
  }
}
