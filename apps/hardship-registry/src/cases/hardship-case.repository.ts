import { EntityManager, In } from 'typeorm';
import { Conflict, LocalDate, NotFound } from '@jiuzhu/common';
import type { JurisdictionFilter } from '@jiuzhu/auth';
import type { ClaimStore, Lease } from '@jiuzhu/platform';
import type { Contact, PageRequest } from '@jiuzhu/common/http';
import type { CriteriaDecision } from '../criteria/domain/criteria-decision';
import type { PersonFacts } from '../persons/domain/person-facts';
import { CaseStatus, PENDING_STATUSES, SUPPORTED_STATUSES } from './domain/case-status';
import { HardshipCase, HardshipCaseState, HistoryEntry } from './domain/hardship-case';
import { HardshipCaseHistoryRecord, HardshipCaseRecord } from './hardship-case.entity';
import { DIBAO_STANDARD_REF } from '../standards/domain/dibao-standard';

/** What the service keeps beside the aggregate: the facts established, the conditions as explained on applying, the contact. */
export interface CaseRecordExtras {
  maskedIdNumber: string;
  /** The person's facts as last established (the application's, then the investigation's; the schooling as recorded). */
  facts: PersonFacts;
  /** The three conditions as explained to the caseworker on applying. */
  appliedCriteria: CriteriaDecision;
  contact: Contact;
}

/** A case as read back: its state, what is kept beside it, its queue date and claim, who last changed it when. */
export interface HardshipCaseRow extends HardshipCaseState, CaseRecordExtras {
  /** The due day of the step the case is in (stageDeadline), which the queues order by. */
  dueOn: LocalDate | null;
  claimedBy: string | null;
  claimExpiresAt: string | null;
  updatedBy: string;
  updatedAt: string;
}

/** A case locked for a change, with the row as it was stored (the audit trail's before-digest). */
export interface LockedCase {
  hardshipCase: HardshipCase;
  stored: HardshipCaseRow;
}

export interface HistoryLine {
  action: string;
  from: string | null;
  to: string;
  actor: string;
  at: string;
  reasonCode?: string;
  note?: string;
}

/**
 * The jurisdiction a query keeps to: `jurisdictionFilter(actor.jurisdiction)` of libs/auth. A case
 * lies at the township of the person's household registration, so one outside it is simply not
 * found: reads and changes answer 404 and its existence is not revealed (issue 12).
 */
export type Scope = JurisdictionFilter;

export interface CaseFilter {
  status?: CaseStatus;
  districtCode?: string;
  townshipCode?: string;
}

/** The step queues: which statuses, and the officer they are read or claimed by (four-eyes: never their own filings or investigations). */
export interface QueueQuery {
  statuses: readonly CaseStatus[];
  districtCode?: string;
  townshipCode?: string;
  /** Leave out the cases this officer filed (and, with `notInvestigatedBy`, investigated). */
  officer?: string;
  notInvestigatedBy?: boolean;
  today: LocalDate;
}

/** The dibao standard a case's entitlement names, as the index hardship_cases_paying_standard has it. */
const STANDARD_OF_CASE = `(c.entitlement -> 'parameterVersions' ->> '${DIBAO_STANDARD_REF}')`;

/**
 * The entity's properties the aggregate's state is made of: what a batch of paying cases reads.
 * The documents kept beside the state (the facts, the conditions as explained on applying, the
 * contact) are most of a row's bytes and no change of entitlement reads them.
 */
const STATE_PROPERTIES = [
  'id', 'personRef', 'birthDate', 'districtCode', 'townshipCode', 'area', 'status', 'appliedOn', 'filedBy', 'filedAt', 'investigation', 'notice', 'confirmation',
  'refusal', 'supportFromMonth', 'supportedAsMinor', 'minorReviewDueOn', 'selfCare', 'careSetting', 'placement', 'entitlement', 'entitlementFromMonth', 'termination', 'version',
] as const satisfies readonly (keyof HardshipCaseRecord & keyof HardshipCaseState)[];

/** What one case's recomputed entitlement writes (the set-based save of `saveEntitlements`). */
export interface EntitlementWrite {
  hardshipCase: HardshipCase;
  by: string;
  at: string;
}

/** Statuses of a case that holds the person (one per person: the unique index). */
const ACTIVE_STATUSES: readonly CaseStatus[] = [...PENDING_STATUSES, ...SUPPORTED_STATUSES];
/** Statuses in which a case waits in an officer's queue (its claim can be reassigned). */
const QUEUED_STATUSES: readonly CaseStatus[] = ['investigating', 'confirming'];

/**
 * Special-hardship cases and their history: every statement on these tables. Loads and saves of
 * one case go through TypeORM entities (mapped to the plain domain object here, nowhere else); the
 * queues, claims, sweeps and the recomputation of entitlements are set-based SQL behind
 * intention-named methods with typed rows.
 */
export class HardshipCaseRepository implements ClaimStore {
  /**
   * Takes the person for the rest of the transaction (an advisory lock on the reference), then reads
   * their active case anywhere in the city: a second registration is a 409 wherever the first was
   * made — the person has one case here — though the first stays unreadable outside its
   * jurisdiction. The unique index stays the last word should anything bypass this.
   */
  async lockPerson(m: EntityManager, personRef: string): Promise<{ status: CaseStatus } | undefined> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('hardship-registry/person/' || $1, 0))`, [personRef]);
    const r = await m.getRepository(HardshipCaseRecord).findOne({ where: { personRef, status: In([...ACTIVE_STATUSES]) }, select: { id: true, status: true } });
    return r ? { status: r.status } : undefined;
  }

  /** A new case and its first history line. */
  async insert(m: EntityManager, c: HardshipCase, extras: CaseRecordExtras, dueOn: LocalDate | null, at: string): Promise<void> {
    const s = c.state;
    await m.getRepository(HardshipCaseRecord).insert({
      ...recordOf(s),
      ...extrasOf(extras),
      personRef: s.personRef,
      birthDate: s.birthDate,
      appliedOn: s.appliedOn,
      filedBy: s.filedBy,
      filedAt: new Date(s.filedAt),
      dueOn,
      version: s.version,
      updatedBy: s.filedBy,
      updatedAt: new Date(at),
    });
    await this.appendHistory(m, c);
  }

  /**
   * Loads a case for a change within the scope, holding its row lock until the transaction ends:
   * concurrent changes queue up here, and the version check turns a stale one into a 409 instead of
   * an overwrite. Without `expectedVersion` (a sweep, a consumer) the lock alone orders the changes.
   */
  async lockForChange(m: EntityManager, id: string, scope: Scope, expectedVersion?: number): Promise<LockedCase> {
    const record = await m.getRepository(HardshipCaseRecord).findOne({ where: { id, ...placeIn(scope) }, lock: { mode: 'pessimistic_write' } });
    if (!record) throw new NotFound(`Case ${id}`);
    if (expectedVersion !== undefined && record.version !== expectedVersion) {
      throw new Conflict('HARDSHIP.VERSION_CONFLICT', `The case was changed by someone else (now version ${record.version}, you had ${expectedVersion}); reload it and try again.`, [
        { field: 'expectedVersion', reason: `is ${expectedVersion} but the case is at version ${record.version}` },
      ]);
    }
    return locked(record);
  }

  /**
   * Writes the case, what is kept beside it and its new history lines; the version moves on by one.
   * A change of status ends any claim on it: the case has left its queue, and whoever takes it in
   * the next one claims it afresh.
   */
  async save(m: EntityManager, c: HardshipCase, o: { facts?: PersonFacts; contact?: Contact; dueOn: LocalDate | null; statusBefore: CaseStatus }, by: string, at: string): Promise<void> {
    const s = c.state;
    await m.getRepository(HardshipCaseRecord).update(s.id, {
      ...recordOf(s),
      ...(o.facts ? { facts: o.facts } : {}),
      ...(o.contact ? { contactName: o.contact.name, contactAddress: o.contact.address, contactPhone: o.contact.phone } : {}),
      dueOn: o.dueOn,
      version: () => 'version + 1',
      updatedBy: by,
      updatedAt: new Date(at),
      ...(o.statusBefore !== s.status ? { claimedBy: null, claimExpiresAt: null } : {}),
    });
    await this.appendHistory(m, c);
  }

  /**
   * The entitlements a new dibao standard changed, in two statements whatever their number: the
   * cases (entitlement, amount, month, version) from one JSON array, and all their history lines.
   */
  async saveEntitlements(m: EntityManager, writes: readonly EntitlementWrite[]): Promise<void> {
    if (writes.length === 0) return;
    const rows = writes.map((w) => {
      const s = w.hardshipCase.state;
      return { id: s.id, entitlement: s.entitlement, monthly_fen: s.entitlement!.monthlyFen, entitlement_from_month: s.entitlementFromMonth, updated_by: w.by, updated_at: w.at };
    });
    await m.query(
      `UPDATE hardship_cases c SET entitlement = w.entitlement, monthly_fen = w.monthly_fen, entitlement_from_month = w.entitlement_from_month,
              version = c.version + 1, updated_by = w.updated_by, updated_at = w.updated_at
         FROM jsonb_to_recordset($1::jsonb) AS w(id uuid, entitlement jsonb, monthly_fen int, entitlement_from_month text, updated_by text, updated_at timestamptz)
        WHERE c.id = w.id`,
      [JSON.stringify(rows)],
    );
    await this.appendHistoryOf(m, writes.map((w) => w.hardshipCase));
  }

  /** The row as it is stored now, read back in the transaction that wrote it (the audit trail's after-digest). */
  async storedState(m: EntityManager, id: string): Promise<HardshipCaseRow> {
    return toRow(await m.getRepository(HardshipCaseRecord).findOneByOrFail({ id }));
  }

  async findById(m: EntityManager, id: string, scope: Scope): Promise<HardshipCaseRow | undefined> {
    const record = await m.getRepository(HardshipCaseRecord).findOneBy({ id, ...placeIn(scope) });
    return record ? toRow(record) : undefined;
  }

  async exists(m: EntityManager, id: string, scope: Scope): Promise<boolean> {
    return m.getRepository(HardshipCaseRecord).existsBy({ id, ...placeIn(scope) });
  }

  /** The history of a case within the scope (none for one outside it). */
  async history(m: EntityManager, id: string, scope: Scope): Promise<HistoryLine[]> {
    const q = m.getRepository(HardshipCaseHistoryRecord).createQueryBuilder('h').innerJoin(HardshipCaseRecord, 'c', 'c.id = h.caseId').where('h.caseId = :id', { id });
    if (scope.districtCode !== undefined) q.andWhere('c.districtCode = :district', { district: scope.districtCode });
    if (scope.townshipCode !== undefined) q.andWhere('c.townshipCode = :township', { township: scope.townshipCode });
    const lines = await q.orderBy('h.id', 'ASC').getMany();
    return lines.map((h) => ({
      action: h.action,
      from: h.fromStatus,
      to: h.toStatus,
      actor: h.actor,
      at: h.at.toISOString(),
      ...(h.reasonCode ? { reasonCode: h.reasonCode } : {}),
      ...(h.note ? { note: h.note } : {}),
    }));
  }

  /** One page of the cases within the scope matching every filter given, newest application first, and how many match. */
  async page(m: EntityManager, f: CaseFilter, page: PageRequest, scope: Scope): Promise<{ rows: HardshipCaseRow[]; total: number }> {
    const [records, total] = await m.getRepository(HardshipCaseRecord).findAndCount({
      where: { ...(f.status ? { status: f.status } : {}), ...(f.districtCode ? { districtCode: f.districtCode } : {}), ...(f.townshipCode ? { townshipCode: f.townshipCode } : {}), ...placeIn(scope) },
      order: { appliedOn: 'DESC', filedAt: 'DESC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { rows: records.map(toRow), total };
  }

  /** A person's cases within the scope, newest first. */
  async ofPerson(m: EntityManager, personRef: string, scope: Scope): Promise<HardshipCaseRow[]> {
    const records = await m.getRepository(HardshipCaseRecord).find({ where: { personRef, ...placeIn(scope) }, order: { appliedOn: 'DESC', filedAt: 'DESC', id: 'ASC' } });
    return records.map(toRow);
  }

  // --- the step queues and their claims -------------------------------------------------------

  /**
   * A step queue within the scope: overdue first, the most overdue first, then by the day the step
   * falls due, then the oldest application; and how many are in it.
   */
  async queue(m: EntityManager, q: QueueQuery, page: PageRequest, scope: Scope): Promise<{ rows: HardshipCaseRow[]; total: number }> {
    const qb = this.queueQuery(m, q, scope);
    const [records, total] = await qb
      .orderBy('CASE WHEN c.due_on < :today THEN 0 ELSE 1 END', 'ASC')
      .addOrderBy('c.due_on', 'ASC', 'NULLS LAST')
      .addOrderBy('c.applied_on', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .setParameter('today', q.today)
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return { rows: records.map(toRow), total };
  }

  /**
   * One statement: the first case of the queue (in the queue's order) that nobody holds a live
   * claim on gets the lease. `SKIP LOCKED` lets concurrent claimers pass over a row another is
   * taking, so no two get the same case; a lapsed lease makes a case claimable again.
   */
  async claimNext(m: EntityManager, q: QueueQuery & { officer: string }, lease: Lease, scope: Scope): Promise<string | undefined> {
    const rows: Array<{ id: string }> = await m.query(
      `WITH claimed AS (
         UPDATE hardship_cases SET claimed_by = $1, claim_expires_at = $2
          WHERE id = (
            SELECT id FROM hardship_cases
             WHERE status = ANY($4::text[])
               AND ($5::text IS NULL OR district_code = $5) AND ($6::text IS NULL OR township_code = $6)
               AND ($7::text IS NULL OR district_code = $7) AND ($8::text IS NULL OR township_code = $8)
               AND filed_by <> $1 AND NOT ($9::boolean AND investigated_by IS NOT DISTINCT FROM $1)
               AND (claimed_by IS NULL OR claim_expires_at <= $3)
             ORDER BY CASE WHEN due_on < $10::date THEN 0 ELSE 1 END, due_on NULLS LAST, applied_on, id
             LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id)
       SELECT id FROM claimed`,
      [
        lease.by,
        lease.until.toISOString(),
        lease.now.toISOString(),
        q.statuses,
        q.districtCode ?? null,
        q.townshipCode ?? null,
        scope.districtCode ?? null,
        scope.townshipCode ?? null,
        q.notInvestigatedBy === true,
        q.today,
      ],
    );
    return rows[0]?.id;
  }

  /** Gives back the claim `by` holds on the case; false when they hold none. */
  async releaseClaim(m: EntityManager, id: string, by: string): Promise<boolean> {
    const r = await m.getRepository(HardshipCaseRecord).update({ id, claimedBy: by }, { claimedBy: null, claimExpiresAt: null });
    return (r.affected ?? 0) > 0;
  }

  /** Gives a queued case's claim to `to` until `until`; false when the case waits in no queue. */
  async reassignClaim(m: EntityManager, id: string, to: string, until: Date): Promise<boolean> {
    const r = await m.getRepository(HardshipCaseRecord).update({ id, status: In([...QUEUED_STATUSES]) }, { claimedBy: to, claimExpiresAt: until });
    return (r.affected ?? 0) > 0;
  }

  /** Who holds a claim on the case (live or lapsed); read under the caller's row lock inside a change. */
  async claim(m: EntityManager, id: string): Promise<{ by: string; until: Date } | undefined> {
    const c = await m.getRepository(HardshipCaseRecord).findOne({ where: { id }, select: { id: true, claimedBy: true, claimExpiresAt: true } });
    return c?.claimedBy && c.claimExpiresAt ? { by: c.claimedBy, until: c.claimExpiresAt } : undefined;
  }

  // --- consumers and sweeps ------------------------------------------------------------------

  /**
   * The paying cases of a district and area (supported, or supported while a termination is
   * noticed), locked in one statement for the recomputation a new dibao standard starts.
   */
  /**
   * The next batch of a district's and area's paying cases, by id after `after`, whose entitlement
   * does not stand on the standard `standardVersionId` yet, locked; cases another worker holds are
   * skipped (SKIP LOCKED), so replicas share a recomputation instead of repeating it.
   */
  async lockPayingNotOn(m: EntityManager, q: { districtCode: string; area: string; standardVersionId: string; after: string | null; limit: number }): Promise<HardshipCase[]> {
    const query = this.payingNotOn(m, { districtCode: q.districtCode, area: q.area, versionId: q.standardVersionId })
      .select(STATE_PROPERTIES.map((p) => `c.${p}`))
      .orderBy('c.id', 'ASC')
      .limit(q.limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked');
    if (q.after !== null) query.andWhere('c.id > :after', { after: q.after });
    return (await query.getMany()).map((r) => HardshipCase.restore(stateOf({ ...r, filedAt: r.filedAt.toISOString() })));
  }

  /**
   * Whether any paying case of the standard's district and area does not stand on it yet. The
   * worker asks this of every district and area each second, so it is two index probes
   * (hardship_cases_paying_standard): the lowest and the highest standard the paying cases name
   * are both this one exactly when all of them are (a paying case always has an entitlement naming
   * its standard). A `<>` filter would have the planner scan the table.
   */
  async anyPayingNotOn(m: EntityManager, standard: { districtCode: string; area: string; versionId: string }): Promise<boolean> {
    const r = await m
      .getRepository(HardshipCaseRecord)
      .createQueryBuilder('c')
      .select(`min(${STANDARD_OF_CASE})`, 'lowest')
      .addSelect(`max(${STANDARD_OF_CASE})`, 'highest')
      .where('c.districtCode = :district AND c.area = :area AND c.status IN (:...paying)', { district: standard.districtCode, area: standard.area, paying: [...SUPPORTED_STATUSES] })
      .getRawOne<{ lowest: string | null; highest: string | null }>();
    return r?.lowest != null && (r.lowest !== standard.versionId || r.highest !== standard.versionId);
  }

  /** The paying cases of a district and area whose entitlement names another dibao standard (or none). */
  private payingNotOn(m: EntityManager, standard: { districtCode: string; area: string; versionId: string }) {
    return m
      .getRepository(HardshipCaseRecord)
      .createQueryBuilder('c')
      .where('c.districtCode = :district AND c.area = :area AND c.status IN (:...paying)', { district: standard.districtCode, area: standard.area, paying: [...SUPPORTED_STATUSES] })
      .andWhere(`${STANDARD_OF_CASE} IS DISTINCT FROM :version`, { version: standard.versionId });
  }

  /** The person's paying case, locked (a new ability result changes its tier), if they have one. */
  async lockPayingOf(m: EntityManager, personRef: string): Promise<LockedCase | undefined> {
    const record = await m.getRepository(HardshipCaseRecord).findOne({ where: { personRef, status: In([...SUPPORTED_STATUSES]) }, lock: { mode: 'pessimistic_write' } });
    return record ? locked(record) : undefined;
  }

  /** Cases of persons supported as minors whose review (18th birthday, then each in-school re-check) is due by `today`. */
  async dueMinorReviews(m: EntityManager, today: LocalDate, limit: number): Promise<string[]> {
    const rows = await m
      .getRepository(HardshipCaseRecord)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where(`c.status = 'supported' AND c.minor_review_due_on <= :today`, { today })
      .orderBy('c.minor_review_due_on', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** Cases whose 7-day notice has run its days by `today` (its last day is before today). */
  async endedNotices(m: EntityManager, today: LocalDate, limit: number): Promise<string[]> {
    const rows = await m
      .getRepository(HardshipCaseRecord)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where(`c.status = 'notice' AND (c.notice ->> 'endsOn')::date < :today`, { today })
      .orderBy('c.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  private queueQuery(m: EntityManager, q: QueueQuery, scope: Scope) {
    const qb = m.getRepository(HardshipCaseRecord).createQueryBuilder('c').where('c.status IN (:...statuses)', { statuses: q.statuses });
    for (const [column, value] of [
      ['district_code', q.districtCode],
      ['township_code', q.townshipCode],
    ] as const) {
      if (value !== undefined) qb.andWhere(`c.${column} = :f_${column}`, { [`f_${column}`]: value });
    }
    if (scope.districtCode !== undefined) qb.andWhere('c.district_code = :s_district', { s_district: scope.districtCode });
    if (scope.townshipCode !== undefined) qb.andWhere('c.township_code = :s_township', { s_township: scope.townshipCode });
    if (q.officer !== undefined) {
      qb.andWhere('c.filed_by <> :officer', { officer: q.officer });
      if (q.notInvestigatedBy) qb.andWhere('c.investigated_by IS DISTINCT FROM :officer');
    }
    return qb;
  }

  private async appendHistory(m: EntityManager, c: HardshipCase): Promise<void> {
    await this.appendHistoryOf(m, [c]);
  }

  private async appendHistoryOf(m: EntityManager, cases: readonly HardshipCase[]): Promise<void> {
    const lines = cases.flatMap((c) => c.history.splice(0).map((h) => historyRecord(c.state.id, h)));
    if (lines.length) await m.getRepository(HardshipCaseHistoryRecord).insert(lines);
  }
}

/** The entity's columns a jurisdiction names, for a TypeORM `where` (only those the filter sets). */
function placeIn(scope: Scope): { districtCode?: string; townshipCode?: string } {
  return {
    ...(scope.districtCode !== undefined ? { districtCode: scope.districtCode } : {}),
    ...(scope.townshipCode !== undefined ? { townshipCode: scope.townshipCode } : {}),
  };
}

function locked(record: HardshipCaseRecord): LockedCase {
  const stored = toRow(record);
  return { hardshipCase: HardshipCase.restore(stateOf(stored)), stored };
}

function historyRecord(caseId: string, h: HistoryEntry): Partial<HardshipCaseHistoryRecord> {
  return { caseId, action: h.action, fromStatus: h.from, toStatus: h.to, actor: h.actor, at: new Date(h.at), reasonCode: h.reasonCode ?? null, note: h.note ?? null };
}

/** The columns the aggregate's state sets and a change may move (identity and bookkeeping aside). */
function recordOf(s: HardshipCaseState) {
  return {
    id: s.id,
    districtCode: s.districtCode,
    townshipCode: s.townshipCode,
    area: s.area,
    status: s.status,
    investigation: s.investigation,
    investigatedBy: s.investigation?.by ?? null,
    notice: s.notice,
    confirmation: s.confirmation,
    refusal: s.refusal,
    supportFromMonth: s.supportFromMonth,
    supportedAsMinor: s.supportedAsMinor,
    minorReviewDueOn: s.minorReviewDueOn,
    selfCare: s.selfCare,
    selfCareAbility: s.selfCare?.ability ?? null,
    careSetting: s.careSetting,
    placement: s.placement,
    entitlement: s.entitlement,
    monthlyFen: s.entitlement?.monthlyFen ?? null,
    entitlementFromMonth: s.entitlementFromMonth,
    termination: s.termination,
  };
}

function extrasOf(x: CaseRecordExtras) {
  return { maskedId: x.maskedIdNumber, facts: x.facts, appliedCriteria: x.appliedCriteria, contactName: x.contact.name, contactAddress: x.contact.address, contactPhone: x.contact.phone };
}

/** The aggregate's state of a row (whatever else the row holds is left out). */
function stateOf(r: HardshipCaseState): HardshipCaseState {
  return {
    id: r.id,
    personRef: r.personRef,
    birthDate: r.birthDate,
    districtCode: r.districtCode,
    townshipCode: r.townshipCode,
    area: r.area,
    status: r.status,
    appliedOn: r.appliedOn,
    filedBy: r.filedBy,
    filedAt: r.filedAt,
    investigation: r.investigation,
    notice: r.notice,
    confirmation: r.confirmation,
    refusal: r.refusal,
    supportFromMonth: r.supportFromMonth,
    supportedAsMinor: r.supportedAsMinor,
    minorReviewDueOn: r.minorReviewDueOn,
    selfCare: r.selfCare,
    careSetting: r.careSetting,
    placement: r.placement,
    entitlement: r.entitlement,
    entitlementFromMonth: r.entitlementFromMonth,
    termination: r.termination,
    version: r.version,
  };
}

function toRow(r: HardshipCaseRecord): HardshipCaseRow {
  return {
    id: r.id,
    personRef: r.personRef,
    maskedIdNumber: r.maskedId,
    birthDate: r.birthDate,
    districtCode: r.districtCode,
    townshipCode: r.townshipCode,
    area: r.area,
    status: r.status,
    appliedOn: r.appliedOn,
    filedBy: r.filedBy,
    filedAt: r.filedAt.toISOString(),
    facts: r.facts,
    appliedCriteria: r.appliedCriteria,
    investigation: r.investigation,
    notice: r.notice,
    confirmation: r.confirmation,
    refusal: r.refusal,
    supportFromMonth: r.supportFromMonth,
    supportedAsMinor: r.supportedAsMinor,
    minorReviewDueOn: r.minorReviewDueOn,
    selfCare: r.selfCare,
    careSetting: r.careSetting,
    placement: r.placement,
    entitlement: r.entitlement,
    entitlementFromMonth: r.entitlementFromMonth,
    termination: r.termination,
    contact: { name: r.contactName, address: r.contactAddress, phone: r.contactPhone },
    dueOn: r.dueOn,
    claimedBy: r.claimedBy,
    claimExpiresAt: r.claimExpiresAt ? r.claimExpiresAt.toISOString() : null,
    version: r.version,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt.toISOString(),
  };
}
