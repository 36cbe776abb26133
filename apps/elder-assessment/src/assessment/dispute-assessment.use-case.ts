import { Clock, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { AssessmentChange } from './assessment-change';
import { AssessmentRow } from './assessment.repository';
import { FindAssessments } from './find-assessments.use-case';

/**
 * Records a dispute of a completed result within the actor's jurisdiction (404 outside it); the
 * result holds until the re-assessment after the dispute completes.
 */
export class DisputeAssessment {
  constructor(
    private readonly change: AssessmentChange,
    private readonly find: FindAssessments,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, expectedVersion: number, reason: string, actor: Actor): Promise<AssessmentRow> {
    await this.change.apply(id, expectedVersion, actor, async (a, _m, at) => orThrow(a.dispute(reason, actor.id, at, this.clock.today())));
    return this.find.get(id, actor);
  }
}
