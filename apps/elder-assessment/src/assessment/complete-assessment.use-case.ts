import { Clock, Conflict, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { AssessmentChange } from './assessment-change';
import { AssessmentRepository, AssessmentRow } from './assessment.repository';
import { AssessmentSummary, ElderAssessment } from './domain/assessment-workflow';
import { FindAssessments } from './find-assessments.use-case';
import { ParametersInForce } from './parameters-in-force';

/**
 * Completes a draft within the actor's jurisdiction (404 outside it): scored with the parameters
 * in force on its date, and the person's current assessment (if any) superseded in the same
 * transaction. Who may complete is the domain's four-eyes rule: the second of the two assessors,
 * signed in — not the one who opened the draft.
 */
export class CompleteAssessment {
  constructor(
    private readonly repo: AssessmentRepository,
    private readonly change: AssessmentChange,
    private readonly find: FindAssessments,
    private readonly parameters: ParametersInForce,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, expectedVersion: number, actor: Actor): Promise<AssessmentRow> {
    const before = await this.find.get(id, actor);
    // Resolved before the transaction (no second pool connection while it holds one); the version
    // check under the lock guarantees the draft scored is the one whose date was read here.
    const params = before.version === expectedVersion ? await this.parameters.on(before.assessedOn) : undefined;
    const today = this.clock.today();
    await this.change.transaction(async (m) => {
      const locked = await this.change.lockForChange(m, id, expectedVersion, actor);
      if (!params) throw new Conflict('ASSESSMENT.VERSION_CONFLICT', 'The assessment changed while it was being completed; reload it and try again.');
      const a = locked.assessment;
      const current = await this.repo.lockCurrentOf(m, a.state.personRef);
      const at = this.clock.now().toISOString();
      const facts = orThrow(a.complete({ params, today, current: current ? summaryOf(current.assessment) : null }, actor.id, at));
      if (current) {
        const replaced = orThrow(current.assessment.supersede(a.state.id, actor.id, at, today));
        // The old one leaves first: the index allows one current assessment per person at any moment.
        await this.change.save(m, current, replaced, actor, at);
      }
      await this.change.save(m, locked, facts, actor, at);
    });
    return this.find.get(id, actor);
  }
}

function summaryOf(a: ElderAssessment): AssessmentSummary {
  const s = a.state;
  return { id: s.id, personRef: s.personRef, status: s.status, assessedOn: s.assessedOn };
}
