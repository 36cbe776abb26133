import { EntityManager } from 'typeorm';
import { CoverageExclusionFact, Household } from '../assessment/domain/household';
import { HardshipConflictRepository } from './hardship-conflict.repository';

/**
 * Attaches to each member the exclusion an officer decided for them (a conflict with special-hardship
 * support resolved "exclude at the next decision"), replacing whatever the document carried: like a
 * member's elder assessment, it is a fact the service attaches at the decision (submission, review),
 * never one a caseworker types in. The decision then records whom it left out, and why.
 */
export class CoverageExclusions {
  constructor(
    private readonly ds: { manager: EntityManager },
    private readonly repo: HardshipConflictRepository,
    private readonly personRefOf: (idNumber: string) => string,
  ) {}

  async attach(applicationId: string, h: Household): Promise<Household> {
    const exclusions = new Map((await this.repo.exclusionsOf(this.ds.manager, applicationId)).map((x) => [x.personRef, x]));
    return {
      ...h,
      members: h.members.map((mb) => {
        const { coverageExclusion: _ignored, ...rest } = mb;
        const x = exclusions.get(this.personRefOf(mb.idNumber));
        const fact: CoverageExclusionFact | undefined = x ? { ground: 'special_hardship', conflictId: x.conflictId, hardshipCaseId: x.hardshipCaseId } : undefined;
        return fact ? { ...rest, coverageExclusion: fact } : rest;
      }),
    };
  }
}
