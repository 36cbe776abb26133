import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@jiuzhu/common';
import { Actor } from '@jiuzhu/common/http';
import { AnnounceAssessmentFacts } from './announce-assessment-facts.policy';
import { AssessmentRepository } from './assessment.repository';
import { AssessmentFact, ElderAssessment } from './domain/assessment-workflow';

/**
 * The one path of a change to an assessment: lock it at the version the caller read, apply one
 * intention, save it with its history, announce what it produced — in one transaction, so the row,
 * its history and its events commit together or not at all.
 */
export class AssessmentChange {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: AssessmentRepository,
    private readonly announce: AnnounceAssessmentFacts,
    private readonly clock: Clock,
  ) {}

  async apply(id: string, expectedVersion: number, actor: Actor, act: (a: ElderAssessment, m: EntityManager, at: string) => Promise<AssessmentFact[]>): Promise<void> {
    await this.ds.transaction(async (m) => {
      const a = await this.repo.lockForChange(m, id, expectedVersion);
      const at = this.clock.now().toISOString();
      const facts = await act(a, m, at);
      await this.save(m, a, facts, actor, at);
    });
  }

  /** Saves an assessment changed inside the caller's transaction and announces its facts. */
  async save(m: EntityManager, a: ElderAssessment, facts: readonly AssessmentFact[], actor: Actor, at: string): Promise<void> {
    await this.repo.save(m, a, actor.id, at);
    await this.announce.announce(m, a, facts);
  }
}
