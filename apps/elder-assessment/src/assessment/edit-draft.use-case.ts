import { Clock, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { AssessmentChange } from './assessment-change';
import { contentOf, definedOnly, EditCommand } from './assessment-commands';
import { AssessmentRow } from './assessment.repository';
import { supersedesTargetOf } from './draft-assessment.use-case';
import { FindAssessments } from './find-assessments.use-case';
import { ParametersInForce } from './parameters-in-force';
import { placeWithin } from '../within-jurisdiction';

/**
 * Edits a draft within the actor's jurisdiction (one outside it is not found: 404): the fields
 * given replace the draft's, and the draft may not be moved out of the jurisdiction (403). The
 * first assessor stays; `secondAssessor` replaces the second. A completed assessment is never
 * edited, and only its two assessors edit a draft (the domain refuses both).
 */
export class EditDraft {
  constructor(
    private readonly change: AssessmentChange,
    private readonly find: FindAssessments,
    private readonly parameters: ParametersInForce,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, expectedVersion: number, cmd: EditCommand, actor: Actor): Promise<AssessmentRow> {
    const before = await this.find.get(id, actor);
    const content = contentOf(
      {
        districtCode: before.districtCode,
        townshipCode: before.townshipCode,
        reason: before.reason,
        assessedOn: before.assessedOn,
        secondAssessor: before.assessors[1],
        scores: before.scores,
        conditions: before.conditions,
        needs: before.needs,
        supersedes: before.supersedes,
        ...definedOnly(cmd),
      },
      before.assessors[0],
    );
    orThrow(placeWithin(actor, content));
    // Resolved before the transaction: no second pool connection while it holds one. The version
    // check under the lock guarantees the draft edited is the one read here.
    const params = await this.parameters.on(content.assessedOn);
    const supersedesTarget = await supersedesTargetOf(this.find, content, actor);
    await this.change.apply(id, expectedVersion, actor, async (a, _m, at) => orThrow(a.edit(content, { params, today: this.clock.today(), supersedesTarget }, actor.id, at)));
    return this.find.get(id, actor);
  }
}
