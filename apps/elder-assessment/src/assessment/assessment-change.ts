import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail, auditTarget, Digest, digestOf } from '@jiuzhu/audit';
import { Clock } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { AnnounceAssessmentFacts } from './announce-assessment-facts.policy';
import { AssessmentRepository } from './assessment.repository';
import { AssessmentFact, ElderAssessment } from './domain/assessment-workflow';

/**
 * The one path of a change to an assessment: lock it at the version the caller read, apply one
 * intention, save it with its history, announce what it produced — in one transaction, so the row,
 * its history, its events and its audit row (`assessment.<action>`, digests before and after)
 * commit together or not at all.
 */
export class AssessmentChange {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: AssessmentRepository,
    private readonly announce: AnnounceAssessmentFacts,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async apply(id: string, expectedVersion: number, actor: Actor, act: (a: ElderAssessment, m: EntityManager, at: string) => Promise<AssessmentFact[]>): Promise<void> {
    await this.transaction(async (m) => {
      const a = await this.repo.lockForChange(m, id, expectedVersion);
      const before = digestOf(a.state);
      const at = this.clock.now().toISOString();
      const facts = await act(a, m, at);
      await this.save(m, a, facts, actor, at, before);
    });
  }

  /** A transaction whose changes (`save`, `insert`) are audited: their rows are appended just before it commits. */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.audit.transaction(this.ds, work);
  }

  /** Saves an assessment changed inside `transaction` and announces its facts; `before`: its digest as it was locked. */
  async save(m: EntityManager, a: ElderAssessment, facts: readonly AssessmentFact[], actor: Actor, at: string, before: Digest): Promise<void> {
    this.record(m, a, actor, at, before);
    await this.repo.save(m, a, actor.id, at);
    await this.announce.announce(m, a, facts);
  }

  /** Stores a new draft inside `transaction`. */
  async insert(m: EntityManager, a: ElderAssessment, actor: Actor, at: string): Promise<void> {
    this.record(m, a, actor, at, null);
    await this.repo.insert(m, a, at);
  }

  private record(m: EntityManager, a: ElderAssessment, actor: Actor, at: string, before: Digest | null): void {
    const actions = [...new Set(a.history.map((h) => h.action))];
    const after = digestOf({ ...a.state, version: before === null ? a.state.version : a.state.version + 1 });
    this.audit.record(m, { actor, action: `assessment.${actions.join('+') || 'change'}`, target: auditTarget('assessment', a.state.id), before, after, at });
  }
}
