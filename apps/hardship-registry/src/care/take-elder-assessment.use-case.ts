import { EntityManager } from 'typeorm';
import { AuditTrail } from '@jiuzhu/audit';
import { ageOn, Clock, firstDayOfNextMonth, LocalDate, monthOf, orThrow } from '@jiuzhu/common';
import { systemActor } from '@jiuzhu/auth';
import { AssessmentCompletedV1 } from '@jiuzhu/contracts';
import { CaseChange } from '../cases/case-change';
import { CaseRulesSource } from '../cases/case-rules-source';
import { HardshipCaseRepository } from '../cases/hardship-case.repository';
import { computeEntitlement } from '../entitlement/domain/compute-entitlement';
import { HardshipParameterCatalog } from '../parameters/hardship-parameter-catalog';
import { StandardsInForce } from '../standards/standards-in-force';
import { selfCareFromAbilityLevel } from './domain/self-care';
import { ElderAbilityResultRepository } from './elder-ability-result.repository';

/**
 * An elder ability assessment elder-assessment completed: kept as the person's latest (newer ones
 * only), and — for a supported person of the elder age (policy.md §5: from 60 the care tier is the
 * assessment's) — the self-care tier set from its level, with the care allowance from the next
 * month. A person whose application is on its way is confirmed on it later; one under the elder age
 * keeps the tier recorded here from the six activities.
 */
export class TakeElderAssessment {
  constructor(
    private readonly results: ElderAbilityResultRepository,
    private readonly cases: HardshipCaseRepository,
    private readonly change: CaseChange,
    private readonly catalog: HardshipParameterCatalog,
    private readonly standards: StandardsInForce,
    private readonly rules: CaseRulesSource,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async onCompleted(m: EntityManager, e: AssessmentCompletedV1): Promise<void> {
    await this.audit.within(m, async () => {
      const assessment = { assessmentId: e.assessmentId, level: e.level, assessedOn: e.assessedOn };
      if (!(await this.results.keep(m, { ...assessment, personRef: e.personRef, districtCode: e.districtCode, supersedes: e.supersedes }, this.clock.now()))) return;
      const paying = await this.cases.lockPayingOf(m, e.personRef);
      if (!paying) return;
      const today = this.clock.today();
      const s = paying.hardshipCase.state;
      const next = monthOf(firstDayOfNextMonth(today));
      const from: LocalDate = `${next > s.supportFromMonth! ? next : s.supportFromMonth!}-01`;
      const [params, standard, rules] = await Promise.all([this.catalog.inForceOn(from), this.standards.on(s.districtCode, s.area, from, m), this.rules.on(today)]);
      if (ageOn(s.birthDate, today) < params.selfCareAbilityLevels.fromAge) return;
      const actor = systemActor('elder-assessment');
      const at = this.clock.now().toISOString();
      const selfCare = selfCareFromAbilityLevel(assessment, params);
      const entitlement = computeEntitlement({ standard, selfCare: selfCare.ability, careSetting: s.careSetting!, params });
      const facts = orThrow(paying.hardshipCase.recordSelfCare(selfCare, entitlement, actor.id, at, today));
      await this.change.save(m, paying, facts, actor, at, rules, today);
    });
  }
}
