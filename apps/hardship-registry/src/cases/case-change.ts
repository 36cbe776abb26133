import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail, auditTarget, Digest, digestOf } from '@jiuzhu/audit';
import { Clock, LocalDate } from '@jiuzhu/common';
import { Actor, jurisdictionFilter } from '@jiuzhu/auth';
import type { Contact } from '@jiuzhu/common/http';
import type { PersonFacts } from '../persons/domain/person-facts';
import { AnnounceCaseFacts } from './announce-case-facts.policy';
import { CaseRulesSource } from './case-rules-source';
import { CaseRules } from './domain/case-rules';
import { stageDeadline } from './domain/deadlines';
import { CaseFact, HardshipCase } from './domain/hardship-case';
import { CaseRecordExtras, HardshipCaseRepository, LockedCase, Scope } from './hardship-case.repository';

/** One intention applied to a locked case: the facts it produced (a rule it would break is thrown). */
export type Intention = (c: HardshipCase, m: EntityManager, at: string) => CaseFact[] | Promise<CaseFact[]>;

/** A register kept beside the case that follows its facts in the same transaction (the care-setting register). */
export interface CaseFactReaction {
  react(m: EntityManager, c: HardshipCase, facts: readonly CaseFact[], by: string, at: string): Promise<void>;
}

/** What a change replaces beside the aggregate, and the audit action when the aggregate records none. */
export interface ChangeOptions {
  facts?: PersonFacts;
  contact?: Contact;
  /** `hardship_case.<action>` for a change the case's history has no line for (a schooling record). */
  action?: string;
}

/**
 * The one path of a change to a case: lock it (at the version the caller read, within the actor's
 * jurisdiction: 404 outside it), apply one intention, save it with its history and queue date,
 * announce what it produced — in one transaction, so the row, its history, its events and its audit
 * row (`hardship_case.<action>`, digests of the row as stored before and after) commit together or
 * not at all. One change's after-digest is the next change's before-digest.
 */
export class CaseChange {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: HardshipCaseRepository,
    private readonly announce: AnnounceCaseFacts,
    private readonly rules: CaseRulesSource,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly reactions: readonly CaseFactReaction[] = [],
  ) {}

  /** A change by `actor` within their jurisdiction; without `expectedVersion` (a sweep) the row lock alone orders it. */
  async run(id: string, expectedVersion: number | undefined, actor: Actor, act: Intention, o: ChangeOptions = {}): Promise<void> {
    const today = this.clock.today();
    // Resolved before the transaction: no second pool connection while it holds one.
    const rules = await this.rules.on(today);
    await this.transaction(async (m) => {
      const locked = await this.repo.lockForChange(m, id, jurisdictionFilter(actor.jurisdiction), expectedVersion);
      const at = this.clock.now().toISOString();
      const facts = await act(locked.hardshipCase, m, at);
      await this.save(m, locked, facts, actor, at, rules, today, o);
    });
  }

  /** A transaction whose changes are audited: their rows are appended just before it commits. */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.audit.transaction(this.ds, work);
  }

  /** Locks a case for a change inside `transaction` (or `audit.within`), within `scope`. */
  lock(m: EntityManager, id: string, scope: Scope, expectedVersion?: number): Promise<LockedCase> {
    return this.repo.lockForChange(m, id, scope, expectedVersion);
  }

  /** Saves a case locked and changed inside an audited transaction, audits it, and announces its facts. */
  async save(m: EntityManager, locked: LockedCase, facts: readonly CaseFact[], actor: Actor, at: string, rules: CaseRules, today: LocalDate, o: ChangeOptions = {}): Promise<void> {
    const c = locked.hardshipCase;
    const action = o.action ?? actionOf(c);
    await this.repo.save(m, c, { facts: o.facts, contact: o.contact, dueOn: dueOn(c, rules, today), statusBefore: locked.stored.status }, actor.id, at);
    await this.record(m, c.state.id, action, actor, at, digestOf(locked.stored));
    await this.announce.announce(m, c, facts, today);
    for (const r of this.reactions) await r.react(m, c, facts, actor.id, at);
  }

  /** Stores a new case inside `transaction`. */
  async insert(m: EntityManager, c: HardshipCase, extras: CaseRecordExtras, actor: Actor, at: string, rules: CaseRules, today: LocalDate): Promise<void> {
    const action = actionOf(c);
    await this.repo.insert(m, c, extras, dueOn(c, rules, today), at);
    await this.record(m, c.state.id, action, actor, at, null);
  }

  private async record(m: EntityManager, id: string, action: string, actor: Actor, at: string, before: Digest | null): Promise<void> {
    const after = digestOf(await this.repo.storedState(m, id));
    this.audit.record(m, { actor, action, target: auditTarget('hardship_case', id), before, after, at });
  }
}

/** The day the step the case is in falls due, which its queue orders by. */
export function dueOn(c: HardshipCase, rules: CaseRules, today: LocalDate): LocalDate | null {
  return stageDeadline(c.state, rules, today)?.dueOn ?? null;
}

/** `hardship_case.confirm`, `hardship_case.apply`, …: the intentions the case went through, read before saving empties its history. */
function actionOf(c: HardshipCase): string {
  const actions = [...new Set(c.history.map((h) => h.action))];
  return `hardship_case.${actions.join('+') || 'change'}`;
}
