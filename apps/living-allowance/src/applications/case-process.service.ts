import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { Clock, Conflict, Forbidden, InvalidInput, LocalDate } from '@jiuzhu/common';
import { Actor } from '@jiuzhu/common/http';
import { householdTypeOf, nextReviewDue } from '../periodic-review/domain/periodic-review';
import { ParameterCatalog } from '../parameters/parameter-catalog';
import { ApplicationRow } from './application.repository';
import { CaseClaims } from './case-claims';
import { ApplicationsService, check } from './applications.service';
import { RejectionReason, REJECTION_REASONS } from './domain/case-status';
import { ConfirmationLevel, EconomicCheck, processDeadlines, ProcessRules, TownshipOpinion } from './domain/process';

/** Roles of the process (X-Actor-Role until access control lands). */
export const PROCESS_ROLES = {
  townshipReviewer: 'township_reviewer',
  townshipApprover: 'township_approver',
  countyApprover: 'county_approver',
  supervisor: 'supervisor',
} as const;

/**
 * The work queues of the process: the township's (new submissions and re-checks after an objection)
 * and the confirmers' (cases whose notice is over). Each is ordered overdue first, then oldest.
 */
export type ProcessQueue = 'township' | 'confirmation';

const QUEUE_STATUSES: Record<ProcessQueue, string[]> = {
  township: ['submitted', 'rechecking'],
  confirmation: ['confirming'],
};

export interface QueueFilter {
  districtCode?: string;
  townshipCode?: string;
  limit: number;
  offset?: number;
}

/**
 * The steps between submission and decision: township review, public notice (objections, closing),
 * extension, confirmation or refusal — and the queues and leased claims officers work them from.
 * Every step goes through ApplicationsService.change (row lock, version check, history, outbox).
 */
export class CaseProcessService {
  constructor(
    private readonly ds: DataSource,
    private readonly applications: ApplicationsService,
    private readonly catalog: ParameterCatalog,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly claims: CaseClaims,
  ) {}

  async townshipReview(
    id: string,
    expectedVersion: number,
    input: { check: EconomicCheck; opinion: TownshipOpinion; reasonCode?: string; note?: string },
    actor: Actor,
  ): Promise<ApplicationRow> {
    requireRole(actor, [PROCESS_ROLES.townshipReviewer]);
    const reasonCode = this.reason(input.reasonCode, 'reasonCode');
    const on = this.clock.today();
    const rules = await this.applications.processRules(on);
    return this.applications.change(id, expectedVersion, actor, async (app, m, at) => {
      await this.claims.assertNotClaimedByOther(m, id, actor);
      return check(app.townshipReview({ ...input, reasonCode }, rules, actor.id, at, on));
    });
  }

  async object(id: string, expectedVersion: number, input: { receivedOn?: LocalDate; summary: string }, actor: Actor): Promise<ApplicationRow> {
    requireRole(actor, [PROCESS_ROLES.townshipReviewer]);
    const on = this.clock.today();
    return this.applications.change(id, expectedVersion, actor, async (app, _m, at) => check(app.object(input.receivedOn ?? on, input.summary, actor.id, at, on)));
  }

  async closeNotice(id: string, expectedVersion: number, actor: Actor): Promise<ApplicationRow> {
    requireRole(actor, [PROCESS_ROLES.townshipReviewer]);
    const on = this.clock.today();
    return this.applications.change(id, expectedVersion, actor, async (app, _m, at) => check(app.closeNotice(actor.id, at, on)));
  }

  async extend(id: string, expectedVersion: number, reason: string, actor: Actor): Promise<ApplicationRow> {
    requireRole(actor, [PROCESS_ROLES.countyApprover, PROCESS_ROLES.supervisor]);
    const on = this.clock.today();
    const rules = await this.applications.processRules(on);
    return this.applications.change(id, expectedVersion, actor, async (app, _m, at) => check(app.extend(reason, rules, actor.id, at, on)));
  }

  /**
   * Confirmation: approval grants what the assessment found, paid from the next month; the first
   * periodic review is scheduled from the approval date.
   */
  async approve(id: string, expectedVersion: number, actor: Actor, note?: string): Promise<ApplicationRow> {
    const on = this.clock.today();
    const current = await this.applications.get(id);
    const rules = await this.applications.processRules(on);
    const level = this.confirmingLevel(current.household.districtCode, rules, actor);
    // The review interval is read before the transaction (no second pool connection inside it).
    const params = await this.catalog.resolve(current.household.districtCode, current.household.area, on);
    return this.applications.change(id, expectedVersion, actor, async (app, m, at) => {
      await this.claims.assertNotClaimedByOther(m, id, actor);
      const facts = check(app.approve(actor.id, at, on, level, note));
      if (app.state.granted === 'dibao' && app.state.coverage === 'household' && params.ok) {
        app.scheduleReview(nextReviewDue(on, householdTypeOf(app.state.household), params.value.reviewInterval));
      }
      return facts;
    });
  }

  async refuse(id: string, expectedVersion: number, reasonCode: string, actor: Actor, note?: string): Promise<ApplicationRow> {
    const reason = this.reason(reasonCode, 'reasonCode')!;
    const on = this.clock.today();
    const current = await this.applications.get(id);
    const rules = await this.applications.processRules(on);
    const level = this.confirmingLevel(current.household.districtCode, rules, actor);
    return this.applications.change(id, expectedVersion, actor, async (app, m, at) => {
      await this.claims.assertNotClaimedByOther(m, id, actor);
      return check(app.refuse(actor.id, at, on, reason, rules, level, note));
    });
  }

  /** A queue with each case's deadlines; claimed cases show who holds them. */
  async queue(name: ProcessQueue, f: QueueFilter) {
    const today = this.clock.today();
    const rules = await this.applications.processRules(today);
    const rows: Array<Record<string, any>> = await this.ds.query(
      `SELECT id, status, coverage, household_ref, district_code, township_code, area, process, to_char(due_on, 'YYYY-MM-DD') AS due_on,
              claimed_by, claim_expires_at, version, filed_at
         FROM applications
        WHERE status = ANY($1::text[]) AND ($2::text IS NULL OR district_code = $2) AND ($3::text IS NULL OR township_code = $3)
        ORDER BY COALESCE(due_on < $4, false) DESC, filed_at, id
        LIMIT $5 OFFSET $6`,
      [QUEUE_STATUSES[name], f.districtCode ?? null, f.townshipCode ?? null, today, f.limit, f.offset ?? 0],
    );
    const now = this.clock.now();
    return rows.map((r) => {
      const d = processDeadlines(r.status, r.process, rules, today);
      return {
        id: r.id,
        status: r.status,
        coverage: r.coverage,
        householdRef: r.household_ref,
        districtCode: r.district_code,
        townshipCode: r.township_code,
        area: r.area,
        submittedOn: r.process.submittedOn,
        round: r.process.reviews.length + 1,
        dueOn: r.due_on,
        overdue: !!(d.stage?.overdue || d.whole?.overdue),
        deadlines: d,
        claimedBy: r.claim_expires_at && new Date(r.claim_expires_at) > now ? r.claimed_by : null,
        version: r.version,
      };
    });
  }

  /**
   * Hands the officer the first unclaimed case of the queue (overdue first, then oldest).
   * `SKIP LOCKED` lets concurrent claimers pass over a row another is taking, so no two get the same
   * case; a claim whose lease has lapsed is free again.
   */
  async claimNext(name: ProcessQueue, actor: Actor, f: { districtCode?: string; townshipCode?: string }): Promise<ApplicationRow | undefined> {
    requireRole(actor, name === 'township' ? [PROCESS_ROLES.townshipReviewer] : [PROCESS_ROLES.countyApprover, PROCESS_ROLES.townshipApprover]);
    const id = await this.claims.claimNext(actor, {
      where: `status = ANY($1::text[]) AND ($2::text IS NULL OR district_code = $2) AND ($3::text IS NULL OR township_code = $3)`,
      params: [QUEUE_STATUSES[name], f.districtCode ?? null, f.townshipCode ?? null, this.clock.today()],
      orderBy: 'COALESCE(due_on < $4, false) DESC, filed_at, id',
    });
    return id ? this.applications.get(id) : undefined;
  }

  /**
   * Notices that have run their days go to confirmation by themselves (the background sweep), so a
   * case does not wait on someone remembering to move it. Safe on every replica: each case changes
   * under its row lock with a version check.
   */
  async closeEndedNotices(): Promise<number> {
    const today = this.clock.today();
    const rows: Array<{ id: string; version: number }> = await this.ds.query(
      `SELECT id, version FROM applications
        WHERE status = 'notice' AND (process->'notices'->-1->>'endsOn') < $1
        ORDER BY filed_at LIMIT 1000`,
      [today],
    );
    let closed = 0;
    const system = { id: 'system:notice' };
    for (const r of rows) {
      try {
        await this.applications.change(r.id, r.version, system, async (app, _m, at) => check(app.closeNotice(system.id, at, today)));
        closed++;
      } catch (e) {
        if (!(e instanceof Conflict)) throw e;
      }
    }
    if (closed) this.log.info({ closed }, 'notices closed after their period');
    return closed;
  }

  /** Who confirms in this district: the county, or the township where the county delegated it. */
  private confirmingLevel(districtCode: string, rules: ProcessRules & { params: { delegatedDistricts: ReadonlySet<string> } }, actor: Actor): ConfirmationLevel {
    const delegated = rules.params.delegatedDistricts.has(districtCode);
    requireRole(actor, [delegated ? PROCESS_ROLES.townshipApprover : PROCESS_ROLES.countyApprover]);
    return delegated ? 'township' : 'county';
  }

  private reason(code: string | undefined, field: string): RejectionReason | undefined {
    if (code === undefined) return undefined;
    if (!(code in REJECTION_REASONS)) throw new InvalidInput([{ field, reason: `must be one of ${Object.keys(REJECTION_REASONS).join(', ')}` }]);
    return code as RejectionReason;
  }
}

function requireRole(actor: Actor, roles: string[]): void {
  if (!actor.role || !roles.includes(actor.role)) {
    throw new Forbidden('ROLE.REQUIRED', `This step needs the role ${roles.join(' or ')} (X-Actor-Role).`);
  }
}
