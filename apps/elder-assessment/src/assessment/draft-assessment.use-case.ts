import { randomUUID } from 'node:crypto';
import { AssessmentChange } from './assessment-change';
import { Clock, InvalidInput, maskResidentId, normalizeResidentId, orThrow, parseResidentId } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { contentOf, DraftCommand } from './assessment-commands';
import { AssessmentRow } from './assessment.repository';
import { AssessmentContent, AssessmentSummary, ElderAssessment } from './domain/assessment-workflow';
import { FindAssessments, Reader } from './find-assessments.use-case';
import { ParametersInForce } from './parameters-in-force';
import { placeWithin } from '../within-jurisdiction';

/**
 * The assessment a draft names in `supersedes`, as the rules see it: none when it names none, an
 * unknown one, or one outside the actor's jurisdiction (which reads as unknown).
 */
export async function supersedesTargetOf(find: FindAssessments, c: AssessmentContent, reader: Reader): Promise<AssessmentSummary | null> {
  return c.supersedes === null ? null : ((await find.summary(c.supersedes, reader)) ?? null);
}

/**
 * Opens a draft assessment (老年人能力评估 and 需求评估) for an elder. The ID number is read for the
 * birth date, then kept only as its keyed reference and a masked copy. The signed-in assessor is
 * the first of the two assessors; the draft lies where the elder lives, within their jurisdiction.
 */
export class DraftAssessment {
  constructor(
    private readonly change: AssessmentChange,
    private readonly find: FindAssessments,
    private readonly parameters: ParametersInForce,
    private readonly clock: Clock,
    private readonly personRefOf: (idNumber: string) => string,
  ) {}

  async execute(cmd: DraftCommand, actor: Actor): Promise<AssessmentRow> {
    const id = normalizeResidentId(cmd.idNumber);
    const parsed = parseResidentId(id);
    if (!parsed.ok) throw new InvalidInput([{ field: 'idNumber', reason: `is not a valid resident ID number (${parsed.reason})` }]);
    const content = contentOf(cmd, actor.id);
    orThrow(placeWithin(actor, content));
    const params = await this.parameters.on(content.assessedOn);
    const supersedesTarget = await supersedesTargetOf(this.find, content, actor);
    const at = this.clock.now().toISOString();
    const a = orThrow(
      ElderAssessment.draft(
        { id: randomUUID(), personRef: this.personRefOf(id), maskedIdNumber: maskResidentId(id), birthDate: parsed.value.birthDate, content, by: actor.id, at },
        { params, today: this.clock.today(), supersedesTarget },
      ),
    );
    await this.change.transaction((m) => this.change.insert(m, a, actor, at));
    return { ...a.state, updatedBy: actor.id, updatedAt: at };
  }
}
