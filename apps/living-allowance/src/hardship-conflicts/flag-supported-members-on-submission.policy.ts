import { CaseFact } from '../applications/domain/application';
import { CasePolicy, FactContext } from '../applications/case-change';
import { PersonRefs } from '../applications/person-refs';
import { HardshipConflicts } from './hardship-conflicts.use-case';

/**
 * A household submitted with a member hardship-registry already supports (the registration arrived
 * before the case) is flagged as if the registration came after: the officer sees the conflict
 * before the township review, in the submission's transaction.
 */
export class FlagSupportedMembersOnSubmission implements CasePolicy {
  constructor(
    private readonly conflicts: HardshipConflicts,
    private readonly refs: PersonRefs,
  ) {}

  async react(fact: CaseFact, { m, app, actor }: FactContext): Promise<void> {
    if (fact.kind !== 'submitted' || app.state.coverage !== 'household') return;
    await this.conflicts.flagOnSubmission(m, app.state.id, this.refs.of(app.state.household), actor);
  }
}
