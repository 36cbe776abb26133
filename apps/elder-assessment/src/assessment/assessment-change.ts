import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail, auditTarget, Digest, digestOf } from '@jiuzhu/audit';
import { Clock } from '@jiuzhu/common';
import { Actor, jurisdictionFilter } from '@jiuzhu/auth';
import { AnnounceAssessmentFacts } from './announce-assessment-facts.policy';
import { AssessmentRepository, LockedAssessment } from './assessment.repository';
import { AssessmentFact, ElderAssessment } from './domain/assessment-workflow';

/**
 * The one path of a change to an assessment: lock it at the version the caller read, within the
 * actor's jurisdiction (404 outside it), apply one intention, save it with its history, announce
 * what it produced — in one transaction, so the row, its history, its events and its audit row
 * (`assessment.<action>`, digests before and after) commit together or not at all.
 *
 * Both digests are of the row as stored (`AssessmentRepository.storedState` after the write, the
 * locked row before it), so one change's after-digest is the next change's before-digest: the
 * trail can be checked against the table, and against itself.
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
      const locked = await this.lockForChange(m, id, expectedVersion, actor);
      const at = this.clock.now().toISOString();
      const facts = await act(locked.assessment, m, at);
      await this.save(m, locked, facts, actor, at);
    });
  }

  /** The assessment at `expectedVersion`, locked, if it lies within the actor's jurisdiction (404 otherwise, 409 for another version). */
  lockForChange(m: EntityManager, id: string, expectedVersion: number, actor: Actor): Promise<LockedAssessment> {
    return this.repo.lockForChange(m, id, expectedVersion, jurisdictionFilter(actor.jurisdiction));
  }

  /** A transaction whose changes (`save`, `insert`) are audited: their rows are appended just before it commits. */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.audit.transaction(this.ds, work);
  }

  /** Saves an assessment locked and changed inside `transaction`, audits it, and announces its facts. */
  async save(m: EntityManager, locked: LockedAssessment, facts: readonly AssessmentFact[], actor: Actor, at: string): Promise<void> {
    const a = locked.assessment;
    const action = actionOf(a);
    await this.repo.save(m, a, actor.id, at);
    await this.record(m, a.state.id, action, actor, at, digestOf(locked.stored));
    await this.announce.announce(m, a, facts);
  }

  /** Stores a new draft inside `transaction`. */
  async insert(m: EntityManager, a: ElderAssessment, actor: Actor, at: string): Promise<void> {
    const action = actionOf(a);
    await this.repo.insert(m, a, at);
    await this.record(m, a.state.id, action, actor, at, null);
  }

  private async record(m: EntityManager, id: string, action: string, actor: Actor, at: string, before: Digest | null): Promise<void> {
    const after = digestOf(await this.repo.storedState(m, id));
    this.audit.record(m, { actor, action, target: auditTarget('assessment', id), before, after, at });
  }
}

/** `assessment.complete`, `assessment.create`, …: the intentions the assessment went through, read before saving empties its history. */
function actionOf(a: ElderAssessment): string {
  const actions = [...new Set(a.history.map((h) => h.action))];
  return `assessment.${actions.join('+') || 'change'}`;
}
