import { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '@jiuzhu/common';
import { rowHashOf } from './audit-chain';
import { currentAuditContext } from './audit-context';
import { AuditLogRepository } from './audit-log.repository';

/**
 * Who acted, as the trail records it: the header actor of today (`id`, `role`) and the token actor
 * of libs/auth (`roles`, `jurisdiction`) both fit.
 */
export interface AuditActor {
  id: string;
  role?: string;
  roles?: readonly string[];
  jurisdiction?: string | null;
}

/** A sha256 digest made by `digestOf`: the state itself never reaches the trail. */
export type Digest = string;

/** One thing to record: who did what to which record, and the digests of the record before and after. */
export interface AuditEntry {
  actor: AuditActor;
  /** `case.submit`, `assessment.complete`, `parameter.publish`, `application.read`, … */
  action: string;
  /** `auditTarget('application', id)`. */
  target: string;
  /** `digestOf(state)` of the record before the change; null or absent: there was none (a filing, a read). */
  before?: Digest | null;
  after?: Digest | null;
  /** How many records a set-based entry stands for (a reassessment batch); default 1. */
  count?: number;
  /** When it happened, if the caller already took the time for the change itself (default: the clock, now). */
  at?: Date | string;
}

const TARGET_TYPE = /^[a-z][a-z0-9_]{0,63}$/;
const TARGET_ID = /^[A-Za-z0-9._:/@#-]{1,160}$/;
const RESIDENT_ID_SHAPE = /^[0-9]{17}[0-9Xx]$/;
const ACTION = /^[a-z][a-z0-9_.+-]{0,127}$/;
const ROLE = /^[a-z_]{1,32}$/;
const JURISDICTION = /^[0-9]{6}([0-9]{3})?$/;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * `<type>:<id>` — what an audit row is about: a uuid, a personRef, a run or a month, never a name or a
 * resident ID number (refused here, and again by the table's checks).
 */
export function auditTarget(type: string, id: string): string {
  if (!TARGET_TYPE.test(type)) throw new Error(`audit target type ${JSON.stringify(type)} is not a lower-case name`);
  if (!TARGET_ID.test(id) || RESIDENT_ID_SHAPE.test(id)) throw new Error(`audit target id of ${type} must be a reference (uuid, personRef, month), not free text or an ID number`);
  return `${type}:${id}`;
}

/**
 * The service's audit trail (`audit_log`). A change is recorded in the same transaction as the
 * change itself, so a rolled-back change leaves no row and a committed one always has its row:
 *
 *     await audit.transaction(ds, async (m) => {
 *       …change the state…
 *       audit.record(m, { actor, action: 'case.submit', target: auditTarget('application', id), before, after });
 *     });
 *
 * Recorded entries are appended as the transaction's last statements (see `append` for why).
 */
export class AuditTrail {
  private readonly pending = new WeakMap<object, AuditEntry[]>();
  private readonly repo = new AuditLogRepository();

  constructor(private readonly clock: Clock) {}

  /** `ds.transaction(work)`, with what `work` records appended last, just before the commit. */
  async transaction<T>(ds: DataSource, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return ds.transaction(async (m) => {
      const entries: AuditEntry[] = [];
      this.pending.set(keyOf(m), entries);
      try {
        const result = await work(m);
        await this.append(m, entries);
        return result;
      } finally {
        this.pending.delete(keyOf(m));
      }
    });
  }

  /**
   * Audits `work` inside a transaction someone else opened — an event consumer's, which the inbox
   * opens so that the effect commits with its `(consumer, event id)` record: what `work` records is
   * appended when it returns, as the last statements before that transaction commits. Inside
   * `transaction` already, it adds nothing: that one appends.
   */
  async within<T>(m: EntityManager, work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!m.queryRunner?.isTransactionActive) throw new Error('audit.within() needs a manager inside a transaction: the entries would not commit with the change they record');
    if (this.pending.has(keyOf(m))) return work(m);
    const entries: AuditEntry[] = [];
    this.pending.set(keyOf(m), entries);
    try {
      const result = await work(m);
      await this.append(m, entries);
      return result;
    } finally {
      this.pending.delete(keyOf(m));
    }
  }

  /** Queues an entry of the transaction `m` (opened with `transaction`); its time is taken now unless given. */
  record(m: EntityManager, entry: AuditEntry): void {
    const entries = this.pending.get(keyOf(m));
    if (!entries) throw new Error(`audit.record(${entry.action}) outside audit.transaction(): the entry would not commit with the change it records`);
    entries.push({ ...entry, at: entry.at ?? this.clock.now() });
  }

  /**
   * Appends entries in the caller's transaction, unchained: each row carries the hash of its own
   * content and takes no lock, so audited commits run side by side (group commit batches their WAL
   * flushes). The background sealer (`AuditSealer`) gives committed rows their places in the chain
   * about a second later; until then a row is tamper-evident by its own hash only.
   */
  async append(m: EntityManager, entries: AuditEntry | readonly AuditEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries as AuditEntry];
    if (list.length === 0) return;
    const requestId = currentAuditContext()?.requestId;
    const rows = list.map((e) => {
      const c = this.fieldsOf(e, requestId);
      return { ...c, rowHash: rowHashOf(c) };
    });
    await this.repo.insert(m, rows);
  }

  /** Entries in a short transaction of their own (a read, recorded once it has succeeded). */
  appendAlone(ds: DataSource, entries: AuditEntry | readonly AuditEntry[]): Promise<void> {
    return ds.transaction((m) => this.append(m, entries));
  }

  private fieldsOf(e: AuditEntry, requestId: string | undefined) {
    if (!ACTION.test(e.action)) throw new Error(`audit action ${JSON.stringify(e.action)} is not a dotted lower-case name`);
    const [type, ...rest] = e.target.split(':');
    auditTarget(type, rest.join(':'));
    const roles = [...new Set([...(e.actor.roles ?? []), ...(e.actor.role ? [e.actor.role] : [])])].filter((r) => ROLE.test(r));
    const jurisdiction = e.actor.jurisdiction && JURISDICTION.test(e.actor.jurisdiction) ? e.actor.jurisdiction : null;
    const at = e.at === undefined ? this.clock.now() : new Date(e.at);
    return {
      at: at.toISOString(),
      actor: e.actor.id,
      roles,
      jurisdiction,
      action: e.action,
      target: e.target,
      count: e.count ?? 1,
      before: e.before ?? null,
      after: e.after ?? null,
      requestId: requestId && REQUEST_ID.test(requestId) ? requestId : null,
    };
  }
}

/** A transaction's entries are kept by its query runner: every manager handed down inside it shares it. */
function keyOf(m: EntityManager): object {
  return m.queryRunner ?? m;
}
