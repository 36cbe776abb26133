import { EntityManager } from 'typeorm';
import { LocalDate } from '@jiuzhu/common';
import { AbilityAssessmentFact } from '../assessment/domain/household';
import { AbilityLevelRepository } from './ability-level.repository';

/**
 * Attaches to each member the elder ability assessment this service knows of (by the member's keyed
 * reference), replacing whatever the document carried: the level is a fact from the assessment
 * service, not something a caseworker types in.
 */
export class CareNeeds {
  constructor(
    private readonly ds: { manager: EntityManager },
    private readonly levels: AbilityLevelRepository,
    private readonly personRefOf: (idNumber: string) => string,
  ) {}

  async attach<H extends { members: Array<{ idNumber: string; abilityAssessment?: AbilityAssessmentFact }> }>(h: H, on: LocalDate): Promise<H> {
    const refs = h.members.map((mb) => this.personRefOf(mb.idNumber));
    const facts = await this.levels.factsFor(this.ds.manager, refs, on);
    return {
      ...h,
      members: h.members.map((mb, i) => {
        const { abilityAssessment: _ignored, ...rest } = mb;
        const f = facts.get(refs[i]);
        return f ? { ...rest, abilityAssessment: f } : rest;
      }),
    };
  }
}
