import { Clock, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { AssessmentChange } from './assessment-change';
import { contentOf, definedOnly, EditCommand } from './assessment-commands';
import { AssessmentRow } from './assessment.repository';
import { supersedesTargetOf } from './draft-assessment.use-case';
import { FindAssessments } from './find-assessments.use-case';
import { ParametersInForce } from './parameters-in-force';

/** Edits a draft: the fields given replace the draft's. A completed assessment is never edited (the domain refuses it). */
export class EditDraft {
  constructor(
    private readonly change: AssessmentChange,
    private readonly find: FindAssessments,
    private readonly parameters: ParametersInForce,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, expectedVersion: number, cmd: EditCommand, actor: Actor): Promise<AssessmentRow> {
    const before = await this.find.get(id);
    const content = contentOf({
      districtCode: before.districtCode,
      townshipCode: before.townshipCode,
      reason: before.reason,
      assessedOn: before.assessedOn,
      assessors: before.assessors,
      scores: before.scores,
      conditions: before.conditions,
      needs: before.needs,
      supersedes: before.supersedes,
      ...definedOnly(cmd),
    });
    // Resolved before the transaction: no second pool connection while it holds one. The version
    // check under the lock guarantees the draft edited is the one read here.
    const params = await this.parameters.on(content.assessedOn);
    const supersedesTarget = await supersedesTargetOf(this.find, content);
    await this.change.apply(id, expectedVersion, actor, async (a, _m, at) => orThrow(a.edit(content, { params, today: this.clock.today(), supersedesTarget }, actor.id, at)));
    return this.find.get(id);
  }
}
