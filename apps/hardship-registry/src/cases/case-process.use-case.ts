import { Clock, firstDayOfNextMonth, LocalDate, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { ActivitiesRecord, determineSelfCare } from '../care/domain/self-care';
import { assessCriteria } from '../criteria/domain/assess-criteria';
import { computeEntitlement } from '../entitlement/domain/compute-entitlement';
import { HardshipParameterCatalog } from '../parameters/hardship-parameter-catalog';
import { StandardsInForce } from '../standards/standards-in-force';
import { CaseChange } from './case-change';
import { CaseClaims } from '@jiuzhu/platform';
import { CaseRulesSource } from './case-rules-source';
import { RefusalReason } from './domain/case-status';
import { InvestigationOpinion } from './domain/hardship-case';
import { CaseReading, FindCases } from './find-cases.use-case';
import { PersonFactsInput, personFactsOf } from './person-facts-input';

export interface InvestigationCommand {
  opinion: InvestigationOpinion;
  reasonCode?: RefusalReason;
  note?: string;
  /** The facts as the investigation established them (入户调查, 信息核对); without them, those declared on applying stand. */
  facts?: PersonFactsInput;
}

/**
 * The steps from application to decision (民发〔2021〕43号): the township investigates and gives its
 * opinion, posted for 7 days unless the person is a minor or the opinion is to refuse; the county
 * confirms (support from the next month, with the entitlement worked out) or refuses in writing.
 * Each step works on a case of the officer's jurisdiction (404 otherwise) at the version they read
 * (409 otherwise), never one another officer holds; who acts comes from the token, and the domain
 * keeps the caseworker, the investigator and the approver three different people.
 */
export class CaseProcess {
  constructor(
    private readonly change: CaseChange,
    private readonly find: FindCases,
    private readonly claims: CaseClaims,
    private readonly catalog: HardshipParameterCatalog,
    private readonly standards: StandardsInForce,
    private readonly rules: CaseRulesSource,
    private readonly clock: Clock,
  ) {}

  /** 调查核实: the three conditions assessed today on the facts established, and the township's opinion. */
  async investigate(id: string, expectedVersion: number, cmd: InvestigationCommand, actor: Actor): Promise<CaseReading> {
    const today = this.clock.today();
    const current = await this.find.get(id, actor);
    const facts = cmd.facts ? personFactsOf(cmd.facts, current.birthDate, current.facts) : current.facts;
    // Read before the transaction (no second pool connection while it holds one); the version check
    // under the lock guarantees the case assessed is the one read here.
    const [params, standard, rules] = await Promise.all([this.catalog.inForceOn(today), this.standards.on(current.districtCode, current.area, today), this.rules.on(today)]);
    const criteria = assessCriteria({ person: facts, standard, params, on: today });
    await this.change.run(
      id,
      expectedVersion,
      actor,
      async (c, m, at) => {
        await this.claims.assertNotClaimedByOther(m, id, actor);
        return orThrow(c.investigate({ criteria, opinion: cmd.opinion, reasonCode: cmd.reasonCode, note: cmd.note }, rules, actor.id, at, today));
      },
      { facts },
    );
    return this.find.get(id, actor);
  }

  /** The notice has run its days: the case goes to the county (the background sweep does this too). */
  async closeNotice(id: string, expectedVersion: number | undefined, actor: Actor): Promise<CaseReading> {
    const today = this.clock.today();
    await this.change.run(id, expectedVersion, actor, (c, _m, at) => orThrow(c.closeNotice(actor.id, at, today)));
    return this.find.get(id, actor);
  }

  /**
   * 县级确认: support from the next month, cared for at home until a placement (集中供养) moves the
   * person. The self-care tier is the elder assessment's from 60 (as elder-assessment announced it),
   * the six activities recorded now below that; the entitlement is worked out on the standard and the
   * parameters in force on the first day of support.
   */
  async confirm(id: string, expectedVersion: number, activities: ActivitiesRecord | null, actor: Actor): Promise<CaseReading> {
    const today = this.clock.today();
    const current = await this.find.get(id, actor);
    const supportFrom: LocalDate = firstDayOfNextMonth(today);
    const [params, standard, rules, elder] = await Promise.all([
      this.catalog.inForceOn(supportFrom),
      this.standards.on(current.districtCode, current.area, supportFrom),
      this.rules.on(today),
      this.find.elderAssessmentOf(current.personRef),
    ]);
    const selfCare = orThrow(determineSelfCare({ birthDate: current.birthDate, on: today, activities, elderAssessment: elder }, params));
    const entitlement = computeEntitlement({ standard, selfCare: selfCare.ability, careSetting: 'home', params });
    await this.change.run(id, expectedVersion, actor, async (c, m, at) => {
      await this.claims.assertNotClaimedByOther(m, id, actor);
      return orThrow(c.confirm({ selfCare, careSetting: 'home', placement: null, entitlement }, rules, actor.id, at, today));
    });
    return this.find.get(id, actor);
  }

  /** 不予认定, with the reason the written notice explains and the day it must reach the applicant (3 working days). */
  async refuse(id: string, expectedVersion: number, input: { reasonCode: RefusalReason; note?: string }, actor: Actor): Promise<CaseReading> {
    const today = this.clock.today();
    const rules = await this.rules.on(today);
    await this.change.run(id, expectedVersion, actor, async (c, m, at) => {
      await this.claims.assertNotClaimedByOther(m, id, actor);
      return orThrow(c.refuse(input, rules, actor.id, at, today));
    });
    return this.find.get(id, actor);
  }

  /** The county sends the case back to the township for a new investigation. */
  async returnForInvestigation(id: string, expectedVersion: number, reason: string, actor: Actor): Promise<CaseReading> {
    const today = this.clock.today();
    await this.change.run(id, expectedVersion, actor, async (c, m, at) => {
      await this.claims.assertNotClaimedByOther(m, id, actor);
      return orThrow(c.returnForInvestigation(reason, actor.id, at, today));
    });
    return this.find.get(id, actor);
  }

  /** 送达: the written refusal reached the applicant (late is recorded as late, never refused). */
  async recordRefusalDelivery(id: string, expectedVersion: number, deliveredOn: LocalDate, actor: Actor): Promise<CaseReading> {
    const today = this.clock.today();
    await this.change.run(id, expectedVersion, actor, (c, _m, at) => orThrow(c.recordRefusalDelivery(deliveredOn, actor.id, at, today)));
    return this.find.get(id, actor);
  }

  async withdraw(id: string, expectedVersion: number, note: string | undefined, actor: Actor): Promise<CaseReading> {
    const today = this.clock.today();
    await this.change.run(id, expectedVersion, actor, (c, _m, at) => orThrow(c.withdraw(actor.id, at, today, note)));
    return this.find.get(id, actor);
  }
}
