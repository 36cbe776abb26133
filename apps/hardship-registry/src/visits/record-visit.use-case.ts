import { randomUUID } from 'node:crypto';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { Actor, jurisdictionFilter } from '@jiuzhu/auth';
import { Clock, Conflict, LocalDate, orThrow } from '@jiuzhu/common';
import { DangerFound } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { CaseChange } from '../cases/case-change';
import { SUPPORTED_STATUSES } from '../cases/domain/case-status';
import { HardshipParameterCatalog } from '../parameters/hardship-parameter-catalog';
import { recordVisit, VisitFinding } from './domain/visits';
import { planOf } from './visit-plan.policy';
import { VisitPlanRow, VisitRow, VisitsRepository } from './visits.repository';

export interface VisitInput {
  visitedOn: LocalDate;
  findings: VisitFinding[];
}

export interface RecordedVisit {
  visit: VisitRow;
  /** The plan counted on from this visit. */
  plan: VisitPlanRow;
}

/**
 * A visit (巡视探访) to a person supported at home, recorded by the township's caseworker or
 * reviewer: the visit, the plan counted on from it and — for each danger found — a `danger.found`
 * lead for temporary assistance (主动发现, policy.md §4) commit together or not at all, with the
 * audit row. The case is locked for the transaction (within the visitor's jurisdiction: 404
 * outside it), so a placement in an institution and a visit never cross.
 */
export class RecordVisit {
  constructor(
    private readonly change: CaseChange,
    private readonly repo: VisitsRepository,
    private readonly outbox: Outbox,
    private readonly catalog: HardshipParameterCatalog,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async execute(caseId: string, input: VisitInput, actor: Actor): Promise<RecordedVisit> {
    const today = this.clock.today();
    // Resolved before the transaction: no second pool connection while it holds one.
    const params = await this.catalog.inForceOn(today);
    return this.change.transaction(async (m) => {
      const { stored: c } = await this.change.lock(m, caseId, jurisdictionFilter(actor.jurisdiction));
      if (!(SUPPORTED_STATUSES as readonly string[]).includes(c.status) || !c.selfCare || !c.supportFromMonth) {
        throw new Conflict('HARDSHIP.VISIT.NOT_SUPPORTED', `Visits are recorded for a person supported at home; this case is '${c.status}'.`);
      }
      const planned = { id: c.id, districtCode: c.districtCode, townshipCode: c.townshipCode, selfCare: c.selfCare.ability };
      // A person supported at home before visits were kept has no plan yet: counted from the start of support.
      const before = await this.repo.lockPlan(m, caseId);
      const plan = before ?? planOf(planned, `${c.supportFromMonth}-01`, await this.repo.lastVisitOn(m, caseId), params);
      const outcome = orThrow(
        recordVisit(
          { visitedOn: input.visitedOn, visitor: actor.id, findings: input.findings },
          { careSetting: c.careSetting!, selfCare: c.selfCare.ability, homeCareSince: plan.homeCareSince, lastVisitOn: plan.lastVisitedOn },
          params,
          today,
        ),
      );
      const at = this.clock.now().toISOString();
      const visit: VisitRow = { id: randomUUID(), caseId, visitedOn: outcome.visit.visitedOn, visitor: actor.id, dueOn: plan.nextVisitDueOn, late: outcome.late, recordedAt: at, findings: outcome.visit.findings };
      await this.repo.insertVisit(m, visit);
      const next: VisitPlanRow = {
        ...plan,
        selfCare: outcome.nextDue.selfCare,
        lastVisitedOn: outcome.visit.visitedOn,
        intervalDays: outcome.nextDue.intervalDays,
        nextVisitDueOn: outcome.nextDue.deadline.dueOn,
        parameterVersion: Object.values(outcome.nextDue.parameterVersions)[0],
      };
      await this.repo.savePlan(m, next, at);
      if (outcome.kind === 'danger_found') {
        // References and codes only: the visitor's note stays with the visit.
        await this.outbox.appendMany(
          m,
          DangerFound,
          outcome.dangers.map((d) => ({ caseId, visitId: visit.id, personRef: c.personRef, districtCode: c.districtCode, townshipCode: c.townshipCode, danger: d.danger, foundOn: visit.visitedOn })),
        );
      }
      const stored = await this.repo.storedVisit(m, visit.id);
      this.audit.record(m, { actor, action: 'hardship_visit.record', target: auditTarget('hardship_visit', visit.id), before: before ? digestOf(before) : null, after: digestOf({ visit: stored, plan: next }), at });
      return { visit: stored, plan: next };
    });
  }
}
