import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { Clock, LocalDate } from '@jiuzhu/common';
import { jurisdictionFilter, type Actor, type JurisdictionFilter } from '@jiuzhu/auth';
import type { Contact } from '@jiuzhu/common/http';
import { ApplicationRepository, ApplicationRow, NO_CONTACT } from './application.repository';
import { Application, CaseFact } from './domain/application';
import { processDeadlines, queueDueOn } from './domain/process';
import { FindCases } from './find-cases.use-case';
import { ProcessRulesInForce, ProcessRulesSource } from './process-rules';

/** One intention applied to a locked case: the facts it produced (a rule it would break is thrown). */
export type Intention = (app: Application, m: EntityManager, at: string) => CaseFact[] | Promise<CaseFact[]>;

/** What a policy sees of the change it reacts to; everything it does joins that change's transaction. */
export interface FactContext {
  readonly m: EntityManager;
  /** The case the fact is about, as it was just saved. */
  readonly app: Application;
  readonly actor: Actor;
  readonly rules: ProcessRulesInForce;
  readonly today: LocalDate;
  /** Changes another case through the same path (its facts reach every policy too). */
  changeAnother(id: string, act: Intention): Promise<void>;
  /** Opens a new case whose `facts` (e.g. its submission) reach every policy. */
  open(app: Application, facts: CaseFact[]): Promise<void>;
}

/** A reaction to a fact of a case (an event to announce, a register to keep, another case to open or end). */
export interface CasePolicy {
  react(fact: CaseFact, ctx: FactContext): Promise<void>;
}

/** What else a change replaces beside the aggregate: the case's contact (name, address, phone). */
export interface ChangeOptions {
  contact?: Contact;
}

/**
 * The one path every change of a case takes: lock the row and check the version, apply one
 * intention, save the case with its history and queue date, then let each policy react to the facts
 * it produced — all in one transaction, so the case, its registers, its outgoing events and its
 * audit row (`case.<action>`, digests of the case before and after) commit together or not at all.
 *
 * The case is found within the actor's jurisdiction only: one outside it is a 404, for a change as
 * for a read. What the policies then change as a consequence (a single-person inclusion ended with
 * its household's approval) follows the lawful change and is not scoped again.
 *
 * The digests cover the case as it is kept, its contact included: a contact replaced by an edit is
 * a change of personal data the trail must show, though the contact is not part of the aggregate.
 */
export class CaseChange {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ApplicationRepository,
    private readonly rules: ProcessRulesSource,
    private readonly cases: FindCases,
    private readonly clock: Clock,
    private readonly policies: readonly CasePolicy[],
    private readonly audit: AuditTrail,
  ) {}

  async run(id: string, expectedVersion: number, actor: Actor, act: Intention, o: ChangeOptions = {}): Promise<ApplicationRow> {
    const today = this.clock.today();
    // Resolved before the transaction: no second pool connection while it holds one.
    const rules = await this.rules.inForceOn(today);
    const within = jurisdictionFilter(actor.jurisdiction);
    await this.audit.transaction(this.ds, (m) => this.apply(m, id, within, expectedVersion, actor, rules, today, act, o));
    return this.cases.get(id, actor);
  }

  private async apply(
    m: EntityManager,
    id: string,
    within: JurisdictionFilter,
    expectedVersion: number | undefined,
    actor: Actor,
    rules: ProcessRulesInForce,
    today: LocalDate,
    act: Intention,
    o: ChangeOptions = {},
  ): Promise<void> {
    const { app, contact } = await this.repo.lockForChange(m, id, within, expectedVersion);
    const before = app.state.status;
    const beforeDigest = caseDigest(app.state, contact);
    const at = this.clock.now().toISOString();
    const facts = await act(app, m, at);
    const actions = [...new Set(app.history.map((h) => h.action))];
    const version = await this.repo.save(m, app, actor.id, at, dueOn(app, rules, today), before);
    if (o.contact) await this.repo.saveContact(m, id, o.contact);
    const after = caseDigest({ ...app.state, version }, o.contact ?? contact);
    this.audit.record(m, { actor, action: `case.${actions.join('+') || 'change'}`, target: auditTarget('application', id), before: beforeDigest, after, at });
    await this.react(m, app, facts, actor, rules, today);
  }

  private async react(m: EntityManager, app: Application, facts: CaseFact[], actor: Actor, rules: ProcessRulesInForce, today: LocalDate): Promise<void> {
    const ctx: FactContext = {
      m,
      app,
      actor,
      rules,
      today,
      changeAnother: (id, act) => this.apply(m, id, {}, undefined, actor, rules, today, act),
      open: async (child, childFacts) => {
        await this.repo.insert(m, child, [], child.state.filedAt, dueOn(child, rules, today));
        this.audit.record(m, { actor, action: 'case.file', target: auditTarget('application', child.state.id), after: caseDigest(child.state, NO_CONTACT), at: child.state.filedAt });
        await this.react(m, child, childFacts, actor, rules, today);
      },
    };
    for (const fact of facts) for (const policy of this.policies) await policy.react(fact, ctx);
  }
}

/** The digest of a case as kept: the aggregate's state and the case's contact (the audit trail's before and after). */
export function caseDigest(state: Application['state'], contact: Contact): string {
  return digestOf({ ...state, contact });
}

function dueOn(app: Application, rules: ProcessRulesInForce, today: LocalDate): LocalDate | null {
  return queueDueOn(processDeadlines(app.state.status, app.state.process, rules, today));
}
