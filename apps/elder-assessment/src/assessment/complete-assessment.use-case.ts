import { DataSource } from 'typeorm';
import { digestOf } from '@jiuzhu/audit';
import { Clock, Conflict, Forbidden, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { AssessmentChange } from './assessment-change';
import { ASSESSOR_ROLE } from './assessment-commands';
import { AssessmentRepository, AssessmentRow } from './assessment.repository';
import { AssessmentSummary, ElderAssessment } from './domain/assessment-workflow';
import { FindAssessments } from './find-assessments.use-case';
import { ParametersInForce } from './parameters-in-force';

/**
 * Completes a draft: scored with the parameters in force on its date, and the person's current
 * assessment (if any) superseded in the same transaction.
 */
export class CompleteAssessment {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: AssessmentRepository,
    private readonly change: AssessmentChange,
    private readonly find: FindAssessments,
    private readonly parameters: ParametersInForce,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, expectedVersion: number, actor: Actor): Promise<AssessmentRow> {
    if (actor.role !== ASSESSOR_ROLE) throw new Forbidden('ROLE.ASSESSOR_REQUIRED', 'Only an assessor (X-Actor-Role: assessor) may complete an assessment.');
    const before = await this.find.get(id);
    // Resolved before the transaction (no second pool connection while it holds one); the version
    // check under the lock guarantees the draft scored is the one whose date was read here.
    const params = before.version === expectedVersion ? await this.parameters.on(before.assessedOn) : undefined;
    const today = this.clock.today();
    await this.change.transaction(async (m) => {
      const a = await this.repo.lockForChange(m, id, expectedVersion);
      if (!params) throw new Conflict('ASSESSMENT.VERSION_CONFLICT', 'The assessment changed while it was being completed; reload it and try again.');
      const before = digestOf(a.state);
      const current = await this.repo.lockCurrentOf(m, a.state.personRef);
      const currentBefore = current && digestOf(current.state);
      const at = this.clock.now().toISOString();
      const facts = orThrow(a.complete({ params, today, current: current ? summaryOf(current) : null }, actor.id, at));
      if (current) {
        const replaced = orThrow(current.supersede(a.state.id, actor.id, at, today));
        // The old one leaves first: the index allows one current assessment per person at any moment.
        await this.change.save(m, current, replaced, actor, at, currentBefore!);
      }
      await this.change.save(m, a, facts, actor, at, before);
    });
    return this.find.get(id);
  }
}

function summaryOf(a: ElderAssessment): AssessmentSummary {
  const s = a.state;
  return { id: s.id, personRef: s.personRef, status: s.status, assessedOn: s.assessedOn };
}
