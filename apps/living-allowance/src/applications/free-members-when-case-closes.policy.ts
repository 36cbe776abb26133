import { ApplicationRepository } from './application.repository';
import { CaseFact } from './domain/application';
import { CasePolicy, FactContext } from './case-change';

/**
 * One person, one active household: a case that will not pay (withdrawn, refused, ended) frees its
 * members to apply again. So does entry in the low-income database — a registration, not a paying
 * case: the household stays free to apply when its situation changes.
 */
export class FreeMembersWhenCaseCloses implements CasePolicy {
  constructor(private readonly repo: ApplicationRepository) {}

  async react(fact: CaseFact, { m, app }: FactContext): Promise<void> {
    const frees = fact.kind === 'withdrawn' || fact.kind === 'refused' || fact.kind === 'ended' || (fact.kind === 'approved' && fact.granted === 'low_income');
    if (frees) await this.repo.releaseMemberships(m, app.state.id);
  }
}
