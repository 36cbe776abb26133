import { EntityManager } from 'typeorm';
import { AbilityLossDiscovered, AssessmentCompleted, AssessmentSuperseded } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { AssessmentFact, ElderAssessment } from './domain/assessment-workflow';

/**
 * The integration events of the facts a transition produced, written to the outbox in the
 * transaction that saves the assessment: references and codes only, never a name or an ID number.
 */
export class AnnounceAssessmentFacts {
  constructor(private readonly outbox: Outbox) {}

  async announce(m: EntityManager, a: ElderAssessment, facts: readonly AssessmentFact[]): Promise<void> {
    const s = a.state;
    const township = s.townshipCode ? { townshipCode: s.townshipCode } : {};
    for (const f of facts) {
      switch (f.kind) {
        case 'completed': {
          const r = s.result!;
          await this.outbox.append(m, AssessmentCompleted, {
            assessmentId: s.id,
            personRef: s.personRef,
            districtCode: s.districtCode,
            ...township,
            reason: s.reason,
            level: r.finalLevel,
            total: r.total,
            selfCareAbility: r.selfCare.ability,
            assessedOn: s.assessedOn,
            validUntil: s.validUntil!,
            ...(s.supersedes ? { supersedes: s.supersedes } : {}),
          });
          break;
        }
        case 'ability_loss_discovered':
          await this.outbox.append(m, AbilityLossDiscovered, {
            assessmentId: s.id,
            personRef: s.personRef,
            districtCode: s.districtCode,
            ...township,
            level: f.level,
            selfCareAbility: s.result!.selfCare.ability,
            discoveredOn: f.on,
          });
          break;
        case 'superseded':
          await this.outbox.append(m, AssessmentSuperseded, { assessmentId: s.id, supersededBy: f.supersededBy, personRef: s.personRef, districtCode: s.districtCode, supersededOn: f.on });
          break;
        case 'disputed':
          // No contract announces a dispute: the result holds until the re-assessment completes, and that is announced.
          break;
      }
    }
  }
}
