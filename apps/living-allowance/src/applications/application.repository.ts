import { EntityManager, In, IsNull, LessThan, SelectQueryBuilder } from 'typeorm';
import { Conflict, LocalDate, NotFound } from '@jiuzhu/common';
import { PreparedStatement } from '@jiuzhu/persistence';
import type { JurisdictionFilter } from '@jiuzhu/auth';
import type { ClaimHolder, ClaimStore } from '@jiuzhu/platform';
import type { Contact, PageRequest } from '@jiuzhu/common/http';
import { Application, ApplicationState, HistoryEntry } from './domain/application';
import { PENDING_STATUSES, ProcessDeadlines } from './domain/process';
import { CaseStatus } from './domain/case-status';
import { Outcome } from '../assessment/domain/decision';
import { Household } from '../assessment/domain/household';
import { Area } from '../parameters/domain/parameter';
import { PayingCase } from '../reassessment/domain/reassess-case';
import { ApplicationRecord, CaseHistoryRecord, HouseholdMembershipRecord } from './application.entity';
import { CaseDecisionRepository, StoredDecision } from './case-decision.repository';
import type { HardshipConflict } from '../hardship-conflicts/domain/hardship-conflict';
import { PayingDibaoCase, RegisteredLowIncomeHousehold } from '../price-subsidy/domain/subsidy-caseload';

export interface ApplicationRow extends ApplicationState {
  /** Whose case it is: the applicant's name, address and phone (personal data; the case view shows it). */
  contact: Contact;
  updatedBy: string;
  updatedAt: string;
  claimedBy: string | null;
  claimExpiresAt: string | null;
  /** The earliest deadline of a case on its way to a decision (what the queues order by). */
  dueOn: LocalDate | null;
  /** Where the case stands against its time limits today (filled in when a single case is read). */
  deadlines?: ProcessDeadlines;
  /** The decision in force (case_decisions); null until the case is decided. */
  currentDecisionId?: number | null;
  /** That decision, without its assessment document (filled in when a single case is read). */
  currentDecision?: StoredDecision | null;
  /** Members supported as special-hardship persons (filled in when a single case is read). */
  hardshipConflicts?: HardshipConflict[];
}

/** Which cases a list shows; every filter given must hold. */
export interface CaseFilter {
  status?: CaseStatus;
  districtCode?: string;
  townshipCode?: string;
  /** A member's reference: the household cases the person is (or was) a member of. */
  personRef?: string;
  filedBy?: string;
  /** Cases on which `by` holds a live claim at `now`. */
  claimedBy?: { by: string; now: Date };
  /** The applicant's name as the case's contact gives it (whole, not a part of it). */
  contactName?: string;
  /** The reader's jurisdiction (`jurisdictionFilter`): cases outside it are not in the list, nor in its total. */
  within: JurisdictionFilter;
}

/** A line of the history as the API shows it. */
export interface HistoryView {
  action: string;
  from: string | null;
  to: string;
  actor: string;
  at: string;
  reasonCode?: string;
  note?: string;
}

/** A case in a process queue: what an officer needs to pick it, not the household document. */
export interface ProcessQueueEntry {
  id: string;
  status: CaseStatus;
  coverage: ApplicationState['coverage'];
  householdRef: string;
  districtCode: string;
  townshipCode: string | null;
  area: string;
  process: ApplicationState['process'];
  dueOn: LocalDate | null;
  claimedBy: string | null;
  claimExpiresAt: Date | null;
  version: number;
}

/** A review announced by the sweep (see `markDueReviewsAnnounced`). */
export interface AnnouncedReview {
  id: string;
  householdRef: string;
  districtCode: string;
  household: ApplicationState['household'];
  reviewDueOn: LocalDate;
}

/** A live claim on a case: who holds it, until when. */
/** Statuses in which a case waits in some officer's queue: township review, confirmation, periodic review. */
const QUEUED_STATUSES: readonly CaseStatus[] = ['submitted', 'rechecking', 'confirming', 'approved'];

/** A case filed without a contact. */
export const NO_CONTACT: Contact = { name: null, address: null, phone: null };

/** A case still open: on its way to a decision, or paying. */
const OPEN_STATUSES: readonly CaseStatus[] = [...PENDING_STATUSES, 'approved'];

/** The review queue's order: a periodic review by its due date, an opened one by the day the change was reported. */
const reviewOrder = (alias = '') => `LEAST(${alias}review_due_on, (${alias}open_review ->> 'reportedOn')::date)`;

/** Paying household cases that periodic review looks at (the review queue, its claims, its sweep). */
const UNDER_REVIEW = { status: 'approved' as const, granted: 'dibao' as const, coverage: 'household' as const, exitingUntil: IsNull() };

/**
 * Filing: the case, its history and its members' memberships in one statement (data-modifying CTEs),
 * one round trip and atomic on its own. The case comes as one JSON document whose keys are the column
 * names (`jsonb_populate_record` gives each its column's type), the history as a JSON array of named
 * fields. Prepared once per connection because it measurably pays: planning these CTEs on every call
 * costs more than running them. Re-measured for this shape of the statement with the filing
 * benchmark (c), both runs on a machine busy with other work: Postgres CPU per filing 0.55 ms
 * prepared against 1.15 ms sent unnamed through `query` (the bare insert beside it: 0.19 and 0.26 ms).
 */
const FILE_CASE = new PreparedStatement(
  'la_file_case_v3',
  `WITH c AS (SELECT * FROM jsonb_populate_record(NULL::applications, $1::jsonb)),
       app AS (
         INSERT INTO applications (id, coverage, parent_id, member_index, household_ref, district_code, township_code, area, household, status,
           assessment, granted, monthly_benefit_fen, effective_month, decided_on, rejection_reason, version, filed_by, filed_at, updated_by,
           updated_at, process, due_on, contact_name, contact_address, contact_phone)
         SELECT id, coverage, parent_id, member_index, household_ref, district_code, township_code, area, household, status,
           assessment, granted, monthly_benefit_fen, effective_month, decided_on, rejection_reason, version, filed_by, filed_at, updated_by,
           updated_at, process, due_on, contact_name, contact_address, contact_phone FROM c
         RETURNING id),
       hist AS (
         INSERT INTO case_history (application_id, action, from_status, to_status, actor, at, reason_code, note)
         SELECT c.id, h.action, h.from_status, h.to_status, h.actor, h.at, h.reason_code, h.note
           FROM c, jsonb_to_recordset($2::jsonb) AS h(action text, from_status text, to_status text, actor text, at timestamptz, reason_code text, note text)
         RETURNING 1),
       mem AS (
         INSERT INTO household_memberships (person_ref, application_id, member_index)
         SELECT t.ref, c.id, t.n - 1 FROM c, unnest($3::text[]) WITH ORDINALITY AS t(ref, n)
         RETURNING 1)
       SELECT (SELECT count(*) FROM hist)::int AS history, (SELECT count(*) FROM mem)::int AS members`,
);

/** A filing inside a transaction met a member of another active case; the transaction is aborted (see `insert`). */
export class MembershipTaken extends Error {
  constructor(readonly refs: string[]) {
    super('a member of the household belongs to another active case');
  }
}

/**
 * Applications (cases), their history and household memberships: every statement on these tables.
 * Ordinary loads and saves go through TypeORM repositories of the mapped records; raw SQL is kept
 * for set-based work (the filing statement, queues and claims), each behind a method named for it.
 */
export class ApplicationRepository implements ClaimStore {
  private readonly decisions = new CaseDecisionRepository();

  /**
   * Writes a new case (see FILE_CASE). A member already active in another household violates the
   * one-active-household index, which fails the whole statement (nothing stays written): that is a
   * 409 naming the member. Outside a transaction the lookup that names the member runs right after
   * the failure; inside one (a filing with its audit row) the failure aborted it, so `MembershipTaken`
   * tells the caller to ask `membershipConflictOf` once it has rolled back. Cases opened inside a
   * change (single-person inclusions) carry no memberships and cannot fail this way.
   */
  async insert(m: EntityManager, a: Application, personRefs: string[], at: string, dueOn: LocalDate | null = null, contact: Contact = NO_CONTACT): Promise<void> {
    const s = a.state;
    const refs = s.coverage === 'household' ? personRefs : [];
    const row = {
      id: s.id,
      coverage: s.coverage,
      parent_id: s.parentId,
      member_index: s.memberIndex,
      household_ref: s.householdRef,
      district_code: s.household.districtCode,
      township_code: s.household.townshipCode ?? null,
      area: s.household.area,
      household: s.household,
      status: s.status,
      assessment: s.assessment,
      granted: s.granted,
      monthly_benefit_fen: s.monthlyBenefitFen,
      effective_month: s.effectiveMonth,
      decided_on: s.decidedOn,
      rejection_reason: s.rejectionReason,
      version: s.version,
      filed_by: s.filedBy,
      filed_at: at,
      updated_by: s.filedBy,
      updated_at: at,
      process: s.process,
      due_on: dueOn,
      contact_name: contact.name,
      contact_address: contact.address,
      contact_phone: contact.phone,
    };
    const history = a.history.splice(0).map(historyFields);
    await FILE_CASE.run(m, [JSON.stringify(row), JSON.stringify(history), refs]).catch(async (e: { driverError?: { code?: string; constraint?: string } }) => {
      if (e.driverError?.code !== '23505' || e.driverError.constraint !== 'household_memberships_one_active') throw e;
      if (m.queryRunner?.isTransactionActive) throw new MembershipTaken(refs);
      throw await this.membershipConflictOf(m, refs);
    });
  }

  /** The 409 naming the first of `refs` that is a member of another active case (read after the failed filing). */
  async membershipConflictOf(m: EntityManager, refs: string[]): Promise<Conflict> {
    const busy = new Set((await this.activeMemberships(m, refs)).map((r) => r.personRef));
    return membershipConflict(refs, Math.max(0, refs.findIndex((r) => busy.has(r))));
  }

  /**
   * Loads a case for a change, holding its row lock until the transaction ends: concurrent changes
   * queue up here, and the version check then turns a stale one into a 409 instead of an overwrite.
   * A case outside the actor's jurisdiction (`within`) is not found: a 404, as for a read, so that a
   * write does not reveal that it exists either.
   */
  async lockForChange(m: EntityManager, id: string, within: JurisdictionFilter, expectedVersion?: number): Promise<{ app: Application; contact: Contact }> {
    const record = await m.getRepository(ApplicationRecord).findOne({ where: { id, ...within }, lock: { mode: 'pessimistic_write' } });
    if (!record) throw new NotFound(`Application ${id}`);
    if (expectedVersion !== undefined && record.version !== expectedVersion) {
      throw new Conflict(
        'CASE.VERSION_CONFLICT',
        `The case was changed by someone else (now version ${record.version}, you had ${expectedVersion}); reload it and try again.`,
        [{ field: 'expectedVersion', reason: `is ${expectedVersion} but the case is at version ${record.version}` }],
      );
    }
    return { app: Application.restore(toState(record)), contact: contactOfRecord(record) };
  }

  /**
   * Writes the case, its new history lines and its new decisions (kept beside the earlier ones; the
   * case then points to the latest). A change of status ends any claim on it: the case has moved to
   * the next queue (or out of all of them), and whoever takes it there claims it afresh.
   */
  async save(m: EntityManager, a: Application, by: string, at: string, dueOn: LocalDate | null = null, statusBefore?: CaseStatus): Promise<number> {
    const s = a.state;
    const version = s.version + 1;
    const moved = statusBefore !== undefined && statusBefore !== s.status;
    const decided = a.decisions.length ? { currentDecisionId: await this.decisions.record(m, s.id, a.decisions.splice(0)) } : {};
    await m.getRepository(ApplicationRecord).update(s.id, {
      household: s.household,
      householdRef: s.householdRef,
      districtCode: s.household.districtCode,
      townshipCode: s.household.townshipCode ?? null,
      area: s.household.area,
      status: s.status,
      assessment: s.assessment,
      granted: s.granted,
      monthlyBenefitFen: s.monthlyBenefitFen,
      effectiveMonth: s.effectiveMonth,
      decidedOn: s.decidedOn,
      rejectionReason: s.rejectionReason,
      reviewDueOn: s.reviewDueOn,
      exitingUntil: s.exitingUntil,
      openReview: s.openReview,
      process: s.process,
      dueOn,
      version,
      updatedBy: by,
      updatedAt: new Date(at),
      ...decided,
      ...(moved ? { claimedBy: null, claimExpiresAt: null } : {}),
    });
    const lines = a.history.splice(0);
    if (lines.length) await m.getRepository(CaseHistoryRecord).insert(lines.map((h) => historyRecord(s.id, h)));
    return version;
  }

  /** Replaces the case's contact (inside the change that records who made it). */
  async saveContact(m: EntityManager, id: string, contact: Contact): Promise<void> {
    await m.getRepository(ApplicationRecord).update(id, { contactName: contact.name, contactAddress: contact.address, contactPhone: contact.phone });
  }

  /** Whether the case exists within the jurisdiction, without reading its documents. */
  async exists(m: EntityManager, id: string, within: JurisdictionFilter): Promise<boolean> {
    return m.getRepository(ApplicationRecord).existsBy({ id, ...within });
  }

  /** The case, if it lies within the jurisdiction (`{}`: the whole city). */
  async findById(m: EntityManager, id: string, within: JurisdictionFilter): Promise<ApplicationRow | undefined> {
    const record = await m.getRepository(ApplicationRecord).findOneBy({ id, ...within });
    return record ? toRow(record) : undefined;
  }

  async history(m: EntityManager, id: string): Promise<HistoryView[]> {
    const lines = await m.getRepository(CaseHistoryRecord).find({ where: { applicationId: id }, order: { id: 'ASC' } });
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

  /**
   * One page of the cases that match every filter given, with how many match in all (a count and a
   * page, two statements). Newest filed first, except the claims an officer holds: the lease that
   * lapses first comes first.
   */
  async page(m: EntityManager, f: CaseFilter, page: PageRequest): Promise<{ rows: ApplicationRow[]; total: number }> {
    const q = m.getRepository(ApplicationRecord).createQueryBuilder('a');
    scopeTo(q, f.within);
    if (f.status) q.andWhere('a.status = :status', { status: f.status });
    if (f.districtCode !== undefined) q.andWhere('a.districtCode = :districtCode', { districtCode: f.districtCode });
    if (f.townshipCode !== undefined) q.andWhere('a.townshipCode = :townshipCode', { townshipCode: f.townshipCode });
    if (f.filedBy !== undefined) q.andWhere('a.filedBy = :filedBy', { filedBy: f.filedBy });
    if (f.contactName !== undefined) q.andWhere('a.contactName = :contactName', { contactName: f.contactName });
    if (f.claimedBy !== undefined) q.andWhere('a.claimedBy = :claimedBy AND a.claimExpiresAt > :now', { claimedBy: f.claimedBy.by, now: f.claimedBy.now });
    // Memberships are kept after a case closes, so a person's past cases are found too.
    if (f.personRef) q.andWhere('a.id IN (SELECT application_id FROM household_memberships WHERE person_ref = :personRef)', { personRef: f.personRef });
    if (f.claimedBy !== undefined) q.orderBy('a.claimExpiresAt', 'ASC').addOrderBy('a.id', 'ASC');
    else q.orderBy('a.filedAt', 'DESC').addOrderBy('a.id', 'DESC');
    const [records, total] = await q.take(page.limit).skip(page.offset).getManyAndCount();
    return { rows: records.map(toRow), total };
  }

  // --- household memberships ---------------------------------------------------------------

  /** One statement for all members; a member already active elsewhere makes the change a 409. */
  async addMemberships(m: EntityManager, applicationId: string, personRefs: string[]): Promise<void> {
    if (personRefs.length === 0) return;
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(HouseholdMembershipRecord)
      .values(personRefs.map((personRef, memberIndex) => ({ applicationId, memberIndex, personRef, active: true })))
      .orIgnore()
      .returning(['memberIndex'])
      .execute();
    const added = new Set((inserted.raw as Array<{ member_index: number }>).map((r) => r.member_index));
    if (added.size === personRefs.length) return;
    throw membershipConflict(personRefs, personRefs.findIndex((_, k) => !added.has(k)));
  }

  async replaceMemberships(m: EntityManager, applicationId: string, personRefs: string[]): Promise<void> {
    await m.getRepository(HouseholdMembershipRecord).delete({ applicationId });
    await this.addMemberships(m, applicationId, personRefs);
  }

  async releaseMemberships(m: EntityManager, applicationId: string): Promise<void> {
    await m.getRepository(HouseholdMembershipRecord).update({ applicationId }, { active: false });
  }

  async personRefs(m: EntityManager, applicationId: string): Promise<string[]> {
    const rows = await m.getRepository(HouseholdMembershipRecord).find({ where: { applicationId }, order: { memberIndex: 'ASC' } });
    return rows.map((r) => r.personRef);
  }

  private activeMemberships(m: EntityManager, personRefs: string[]): Promise<HouseholdMembershipRecord[]> {
    return m.getRepository(HouseholdMembershipRecord).findBy({ personRef: In(personRefs), active: true });
  }

  // --- single-person inclusions ---------------------------------------------------------------

  /** Single-person inclusions of a household that are still open (awaiting a decision, or paying). */
  async openInclusions(m: EntityManager, householdRef: string): Promise<ApplicationRow[]> {
    const records = await m.getRepository(ApplicationRecord).find({
      where: { householdRef, coverage: 'single_person', status: In([...OPEN_STATUSES]) },
      order: { filedAt: 'ASC', id: 'ASC' },
    });
    return records.map(toRow);
  }

  // --- the process queues and their claims ----------------------------------------------------

  /** A process queue: overdue first, then the oldest filing; without the cases `notFiledBy` filed, when given. */
  async processQueue(
    m: EntityManager,
    f: { statuses: readonly CaseStatus[]; districtCode?: string; townshipCode?: string; notFiledBy?: string; today: LocalDate; limit: number; offset: number; within: JurisdictionFilter },
  ): Promise<ProcessQueueEntry[]> {
    const rows: ProcessQueueRow[] = await m.query(
      `SELECT id, status, coverage, household_ref, district_code, township_code, area, process, to_char(due_on, 'YYYY-MM-DD') AS due_on,
              claimed_by, claim_expires_at, version
         FROM applications
        WHERE status = ANY($1::text[]) AND ($2::text IS NULL OR district_code = $2) AND ($3::text IS NULL OR township_code = $3)
          AND ($7::text IS NULL OR filed_by <> $7)
          AND ($8::text IS NULL OR district_code = $8) AND ($9::text IS NULL OR township_code = $9)
        ORDER BY COALESCE(due_on < $4, false) DESC, filed_at, id
        LIMIT $5 OFFSET $6`,
      [f.statuses, f.districtCode ?? null, f.townshipCode ?? null, f.today, f.limit, f.offset, f.notFiledBy ?? null, f.within.districtCode ?? null, f.within.townshipCode ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      coverage: r.coverage,
      householdRef: r.household_ref,
      districtCode: r.district_code,
      townshipCode: r.township_code,
      area: r.area,
      process: r.process,
      dueOn: r.due_on,
      claimedBy: r.claimed_by,
      claimExpiresAt: r.claim_expires_at,
      version: r.version,
    }));
  }

  /**
   * Claims the first unclaimed case of a process queue (overdue first, then oldest) that the claimer
   * may work: never one they filed (审核与受理分离), and with `skipReviewedByClaimer` never one they
   * reviewed at the township (审核与确认分离) — the step would refuse them, and the case would sit
   * claimed until the lease ran out. See `claimFirst`.
   */
  async claimNextInProcessQueue(
    m: EntityManager,
    f: { statuses: readonly CaseStatus[]; districtCode?: string; townshipCode?: string; today: LocalDate; skipReviewedByClaimer: boolean; within: JurisdictionFilter },
    lease: { by: string; until: Date; now: Date },
  ): Promise<string | undefined> {
    return this.claimFirst(
      m,
      `status = ANY($4::text[]) AND ($5::text IS NULL OR district_code = $5) AND ($6::text IS NULL OR township_code = $6)
       AND filed_by <> $1 AND NOT ($8::boolean AND process -> 'reviews' @> jsonb_build_array(jsonb_build_object('by', $1::text)))
       AND ($9::text IS NULL OR district_code = $9) AND ($10::text IS NULL OR township_code = $10)`,
      'COALESCE(due_on < $7, false) DESC, filed_at, id',
      lease,
      [f.statuses, f.districtCode ?? null, f.townshipCode ?? null, f.today, f.skipReviewedByClaimer, f.within.districtCode ?? null, f.within.townshipCode ?? null],
    );
  }

  /**
   * Claims the first unclaimed review: due on `today`, or opened out of turn (a reported change),
   * the earliest due or reported first; see `claimFirst`.
   */
  async claimNextDueReview(m: EntityManager, f: { districtCode?: string; today: LocalDate; within: JurisdictionFilter }, lease: { by: string; until: Date; now: Date }): Promise<string | undefined> {
    return this.claimFirst(
      m,
      `status = 'approved' AND granted = 'dibao' AND coverage = 'household' AND exiting_until IS NULL
       AND (review_due_on <= $4 OR open_review IS NOT NULL) AND ($5::text IS NULL OR district_code = $5)
       AND ($6::text IS NULL OR district_code = $6) AND ($7::text IS NULL OR township_code = $7)`,
      `${reviewOrder()}, filed_at, id`,
      lease,
      [f.today, f.districtCode ?? null, f.within.districtCode ?? null, f.within.townshipCode ?? null],
    );
  }

  /**
   * One statement: the first case matching `where` in `orderBy` order that nobody holds a live claim
   * on gets the lease. `SKIP LOCKED` lets concurrent claimers pass over a row another is taking, so no
   * two get the same case; a lapsed lease makes a case claimable again. `$1..$3` are the lease.
   */
  private async claimFirst(m: EntityManager, where: string, orderBy: string, lease: { by: string; until: Date; now: Date }, params: unknown[]): Promise<string | undefined> {
    // The UPDATE sits in a CTE so that the statement's result is the rows it returns.
    const rows: Array<{ id: string }> = await m.query(
      `WITH claimed AS (
         UPDATE applications SET claimed_by = $1, claim_expires_at = $2
          WHERE id = (
            SELECT id FROM applications
             WHERE ${where} AND (claimed_by IS NULL OR claim_expires_at <= $3)
             ORDER BY ${orderBy}
             LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id)
       SELECT id FROM claimed`,
      [lease.by, lease.until.toISOString(), lease.now.toISOString(), ...params],
    );
    return rows[0]?.id;
  }

  /** Gives back the claim `by` holds on the case; false when they hold none. */
  async releaseClaim(m: EntityManager, id: string, by: string): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(ApplicationRecord)
      .set({ claimedBy: null, claimExpiresAt: null })
      .where('id = :id AND claimed_by = :by', { id, by })
      .returning(['id'])
      .execute();
    return (r.raw as unknown[]).length > 0;
  }

  /** Ends whatever claim is on the case (the work it was claimed for is done). */
  async endClaim(m: EntityManager, id: string): Promise<void> {
    await m.getRepository(ApplicationRecord).update(id, { claimedBy: null, claimExpiresAt: null });
  }

  /** Gives a queued case's claim to `to` until `until`; false when the case waits in no queue. */
  async reassignClaim(m: EntityManager, id: string, to: string, until: Date): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(ApplicationRecord)
      .set({ claimedBy: to, claimExpiresAt: until })
      .where('id = :id AND status IN (:...statuses)', { id, statuses: QUEUED_STATUSES })
      .returning(['id'])
      .execute();
    return (r.raw as unknown[]).length > 0;
  }

  /** Who holds a claim on the case (live or lapsed); read under the caller's row lock inside a change. */
  async claim(m: EntityManager, id: string): Promise<ClaimHolder | undefined> {
    const c = await m.getRepository(ApplicationRecord).findOne({ where: { id }, select: { id: true, claimedBy: true, claimExpiresAt: true } });
    return c?.claimedBy && c.claimExpiresAt ? { by: c.claimedBy, until: c.claimExpiresAt } : undefined;
  }

  // --- periodic review and the sweeps -------------------------------------------------------

  /**
   * Paying household cases due for review on or before `on`, or with a review opened out of turn
   * (a reported change), the earliest due or reported first.
   */
  async dueForReview(m: EntityManager, f: { on: LocalDate; districtCode?: string; limit: number; offset: number; within: JurisdictionFilter }): Promise<ApplicationRow[]> {
    const q = m
      .getRepository(ApplicationRecord)
      .createQueryBuilder('a')
      .where({ ...UNDER_REVIEW, ...(f.districtCode !== undefined ? { districtCode: f.districtCode } : {}) });
    scopeTo(q, f.within)
      .andWhere('(a.review_due_on <= :on OR a.open_review IS NOT NULL)', { on: f.on })
      .addSelect(reviewOrder('a.'), 'review_order')
      .orderBy('review_order', 'ASC')
      .addOrderBy('a.filed_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(f.limit)
      .offset(f.offset);
    return (await q.getMany()).map(toRow);
  }

  /**
   * Marks reviews that fell due by `today` and were not yet announced for that due date as announced,
   * and returns them (one statement; `SKIP LOCKED` keeps replicas sweeping at once off each other's rows;
   * the UPDATE sits in a CTE so that the statement's result is the rows it returns).
   */
  async markDueReviewsAnnounced(m: EntityManager, today: LocalDate, limit: number): Promise<AnnouncedReview[]> {
    const rows: Array<{ id: string; household_ref: string; district_code: string; household: ApplicationState['household']; review_due_on: string }> = await m.query(
      `WITH announced AS (
         UPDATE applications a SET review_announced_on = a.review_due_on
           FROM (SELECT id FROM applications
                  WHERE status = 'approved' AND granted = 'dibao' AND coverage = 'household' AND exiting_until IS NULL
                    AND review_due_on <= $1 AND (review_announced_on IS NULL OR review_announced_on < review_due_on)
                  ORDER BY review_due_on LIMIT $2 FOR UPDATE SKIP LOCKED) due
          WHERE a.id = due.id
          RETURNING a.id, a.household_ref, a.district_code, a.household, a.review_due_on)
       SELECT id, household_ref, district_code, household, to_char(review_due_on, 'YYYY-MM-DD') AS review_due_on FROM announced ORDER BY review_due_on, id`,
      [today, limit],
    );
    return rows.map((r) => ({ id: r.id, householdRef: r.household_ref, districtCode: r.district_code, household: r.household, reviewDueOn: r.review_due_on }));
  }

  /** Cases whose gradual exit paid its last month before `month`. */
  async finishedGradualExits(m: EntityManager, month: string): Promise<Array<{ id: string; version: number; exitingUntil: string }>> {
    const records = await m.getRepository(ApplicationRecord).find({
      where: { status: 'approved', exitingUntil: LessThan(month) },
      select: { id: true, version: true, exitingUntil: true },
    });
    return records.map((r) => ({ id: r.id, version: r.version, exitingUntil: r.exitingUntil! }));
  }

  /** Cases whose latest public notice ended before `today`, oldest first. */
  async endedNotices(m: EntityManager, today: LocalDate, limit: number): Promise<Array<{ id: string; version: number }>> {
    return m
      .getRepository(ApplicationRecord)
      .createQueryBuilder('a')
      .select(['a.id', 'a.version'])
      .where(`a.status = 'notice' AND (a.process->'notices'->-1->>'endsOn') < :today`, { today })
      .orderBy('a.filedAt')
      .limit(limit)
      .getMany();
  }

  // ── Set-based reads and writes for the batch jobs: reassessment runs and the price subsidy ──
  // (kept together: they read or change many cases in one statement, never through the aggregate
  // one by one, and their callers decide each case in plain domain code in between.)

  /**
   * A batch of paying dibao cases of one district and area, in id order after a cursor: the unit a
   * reassessment run advances by. `lock` holds the rows until the caller's transaction ends, so a
   * caseworker's change to one of them waits for the batch instead of being overwritten by it.
   */
  async payingCasesBatch(m: EntityManager, f: { districtCode: string; area: Area; after: string | null; limit: number; lock: boolean }): Promise<PayingCaseRecord[]> {
    const rows: PayingCaseSqlRow[] = await m.query(
      `SELECT id, coverage, member_index, household_ref, district_code, area, household, monthly_benefit_fen, effective_month
         FROM applications
        WHERE status = 'approved' AND granted = 'dibao' AND district_code = $1 AND area = $2 AND ($3::uuid IS NULL OR id > $3)
        ORDER BY id LIMIT $4 ${f.lock ? 'FOR UPDATE' : ''}`,
      [f.districtCode, f.area, f.after, f.limit],
    );
    return rows.map((r) => ({
      id: r.id,
      coverage: r.coverage,
      memberIndex: r.member_index,
      householdRef: r.household_ref,
      districtCode: r.district_code,
      area: r.area,
      household: r.household,
      monthlyBenefitFen: Number(r.monthly_benefit_fen),
      effectiveMonth: r.effective_month,
    }));
  }

  /**
   * A batch of re-decisions under a new standard, in one statement whose rows are typed records:
   * every changed case gets a decision of its own in `case_decisions` (one multi-row insert), its new
   * amount, a new version, a pointer to that decision and one history line; the cases that would
   * leave dibao have their review brought forward in a second.
   *
   * The decision is kept compact, deliberately (100 000 cases a run): amounts, parameter versions and
   * the decision whose facts it re-decided (`basis_decision_id`: the current one's, or the current
   * one itself when that holds the facts), not the 4 KB explanation. The explanation is the same pure
   * assessment re-run on those facts and versions when someone reads the decision (CaseDecisions).
   */
  async saveRedecisions(m: EntityManager, b: RedecisionBatch): Promise<void> {
    if (b.changed.length) {
      const facts = { runId: b.runId, standardVersionId: b.standardVersionId };
      const rows: RedecisionSqlRow[] = b.changed.map((c) => ({ id: c.caseId, old_fen: c.oldMonthlyFen, new_fen: c.newMonthlyFen, from_month: c.fromMonth, outcome: c.outcome, note: c.note }));
      await m.query(
        `WITH r AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, old_fen bigint, new_fen bigint, from_month text, outcome text, note text)),
              decided AS (
                INSERT INTO case_decisions (application_id, trigger, decided_on, effective_on, from_month, outcome, granted, monthly_benefit_fen, reason_code,
                  facts, parameter_versions, basis_decision_id, decided_by, recorded_at)
                SELECT r.id, 'new_standard', $6, $7, r.from_month, r.outcome, 'dibao', r.new_fen, 'NEW_STANDARD',
                       $2::jsonb || jsonb_build_object('previousMonthlyFen', r.old_fen), $8::jsonb,
                       CASE WHEN cur.assessment IS NULL THEN cur.basis_decision_id ELSE cur.id END, $5, $4
                  FROM r JOIN applications a ON a.id = r.id LEFT JOIN case_decisions cur ON cur.id = a.current_decision_id
                RETURNING id, application_id),
              changed AS (
                UPDATE applications a
                   SET monthly_benefit_fen = r.new_fen, version = a.version + 1, updated_by = $3, updated_at = $4, current_decision_id = decided.id
                  FROM r JOIN decided ON decided.application_id = r.id WHERE a.id = r.id
                RETURNING a.id, r.note)
         INSERT INTO case_history (application_id, action, from_status, to_status, actor, at, reason_code, note)
         SELECT id, 'reassess', 'approved', 'approved', $5, $4, 'NEW_STANDARD', note FROM changed`,
        [JSON.stringify(rows), JSON.stringify(facts), b.updatedBy, b.at, b.historyActor, b.decidedOn, b.decidedFor, JSON.stringify(b.parameterVersions)],
      );
    }
    // 《最低生活保障审核确认办法》第三十条: a household whose circumstances no longer meet the
    // conditions is reviewed and its benefit stopped by a decision, never by a batch job. So the run
    // keeps the benefit and brings the case's periodic review forward to the day the new standard
    // applies: the review queue then shows it, overdue first, to the officers who decide it.
    if (b.leavingDibao.length) {
      await m.query(
        `UPDATE applications SET review_due_on = LEAST(COALESCE(review_due_on, $2::date), $2::date), version = version + 1, updated_by = $3, updated_at = $4
          WHERE id = ANY($1::uuid[])`,
        [b.leavingDibao, b.decidedFor, b.updatedBy, b.at],
      );
    }
  }

  /** The household documents of a district and area's active low-income households (a what-if re-assesses them). */
  async lowIncomeHouseholdsOf(m: EntityManager, districtCode: string, area: Area): Promise<Household[]> {
    const rows: Array<{ household: Household }> = await m.query(
      `SELECT a.household FROM low_income_households l JOIN applications a ON a.id = l.application_id
        WHERE l.active AND l.district_code = $1 AND l.area = $2`,
      [districtCode, area],
    );
    return rows.map((r) => r.household);
  }

  /**
   * The cases on the rolls in a payment month, as the price subsidy counts them: paying dibao cases
   * whose first paid month is not after it (a household case covers its members, a single-person
   * inclusion one person), and active low-income households with how many of their members are
   * already paid as single-person dibao cases that month.
   */
  async subsidyRolls(m: EntityManager, month: string): Promise<{ dibao: PayingDibaoCase[]; lowIncome: RegisteredLowIncomeHousehold[] }> {
    const dibao: Array<{ id: string; household_ref: string; district_code: string; area: Area; coverage: 'household' | 'single_person'; size: number }> = await m.query(
      `SELECT id, household_ref, district_code, area, coverage, jsonb_array_length(household -> 'members') AS size
         FROM applications
        WHERE status = 'approved' AND granted = 'dibao' AND effective_month <= $1
        ORDER BY id`,
      [month],
    );
    const lowIncome: Array<{ application_id: string; household_ref: string; district_code: string; area: Area; household_size: number; paid_as_dibao: number }> = await m.query(
      `SELECT l.application_id, l.household_ref, l.district_code, l.area, l.household_size,
              (SELECT count(*)::int FROM applications a
                WHERE a.household_ref = l.household_ref AND a.coverage = 'single_person' AND a.status = 'approved' AND a.granted = 'dibao'
                  AND a.effective_month <= $1) AS paid_as_dibao
         FROM low_income_households l
        WHERE l.active
        ORDER BY l.application_id`,
      [month],
    );
    return {
      dibao: dibao.map((r) => ({ caseId: r.id, householdRef: r.household_ref, districtCode: r.district_code, area: r.area, coverage: r.coverage, members: Number(r.size) })),
      lowIncome: lowIncome.map((r) => ({
        caseId: r.application_id,
        householdRef: r.household_ref,
        districtCode: r.district_code,
        area: r.area,
        members: r.household_size,
        paidAsDibao: r.paid_as_dibao,
      })),
    };
  }
}

interface ProcessQueueRow {
  id: string;
  status: CaseStatus;
  coverage: ApplicationState['coverage'];
  household_ref: string;
  district_code: string;
  township_code: string | null;
  area: string;
  process: ApplicationState['process'];
  due_on: string | null;
  claimed_by: string | null;
  claim_expires_at: Date | null;
  version: number;
}

/**
 * A member already belongs to another active case. The caller is not told which case (it may be
 * another township's); an officer finds it by the person's reference (GET /applications?personRef=).
 */
function membershipConflict(personRefs: string[], i: number): Conflict {
  return new Conflict('PERSON.IN_ANOTHER_ACTIVE_HOUSEHOLD', 'A member already belongs to another active household case.', [
    { field: `household.members[${i}].idNumber`, reason: `is already a member of another active case; an officer finds it with GET /applications?personRef=${personRefs[i]}` },
  ]);
}

/**
 * Keeps a query on `applications` (alias `a`) to a jurisdiction: its own parameters, so that a
 * filter the caller asked for (`?districtCode=`) narrows the jurisdiction and never widens it.
 */
function scopeTo<Q extends SelectQueryBuilder<ApplicationRecord>>(q: Q, within: JurisdictionFilter): Q {
  if (within.districtCode !== undefined) q.andWhere('a.districtCode = :withinDistrict', { withinDistrict: within.districtCode });
  if (within.townshipCode !== undefined) q.andWhere('a.townshipCode = :withinTownship', { withinTownship: within.townshipCode });
  return q;
}

function historyFields(h: HistoryEntry) {
  return { action: h.action, from_status: h.from, to_status: h.to, actor: h.actor, at: h.at, reason_code: h.reasonCode ?? null, note: h.note ?? null };
}

function historyRecord(applicationId: string, h: HistoryEntry): Partial<CaseHistoryRecord> {
  return { applicationId, action: h.action, fromStatus: h.from, toStatus: h.to, actor: h.actor, at: new Date(h.at), reasonCode: h.reasonCode ?? null, note: h.note ?? null };
}

function toState(r: ApplicationRecord): ApplicationState {
  return {
    id: r.id,
    coverage: r.coverage,
    parentId: r.parentId,
    memberIndex: r.memberIndex,
    householdRef: r.householdRef,
    household: r.household,
    status: r.status,
    assessment: r.assessment,
    granted: r.granted,
    monthlyBenefitFen: r.monthlyBenefitFen,
    effectiveMonth: r.effectiveMonth,
    decidedOn: r.decidedOn,
    rejectionReason: r.rejectionReason,
    reviewDueOn: r.reviewDueOn,
    exitingUntil: r.exitingUntil,
    openReview: r.openReview,
    process: r.process,
    version: r.version,
    filedBy: r.filedBy,
    filedAt: r.filedAt.toISOString(),
  };
}

function contactOfRecord(r: ApplicationRecord): Contact {
  return { name: r.contactName, address: r.contactAddress, phone: r.contactPhone };
}

function toRow(r: ApplicationRecord): ApplicationRow {
  return {
    ...toState(r),
    contact: contactOfRecord(r),
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt.toISOString(),
    claimedBy: r.claimedBy,
    claimExpiresAt: r.claimExpiresAt ? r.claimExpiresAt.toISOString() : null,
    dueOn: r.dueOn,
    currentDecisionId: r.currentDecisionId,
  };
}

// Rows of the batch jobs' block above (reassessment runs, price subsidy).

/** A paying case as a reassessment batch reads it: what the domain re-decides, and what its event names. */
export interface PayingCaseRecord extends PayingCase {
  householdRef: string;
  districtCode: string;
  area: Area;
}

interface PayingCaseSqlRow {
  id: string;
  coverage: 'household' | 'single_person';
  member_index: number | null;
  household_ref: string;
  district_code: string;
  area: Area;
  household: Household;
  monthly_benefit_fen: string;
  effective_month: string;
}

/** What one reassessment batch writes to its cases (see `saveRedecisions`). */
export interface RedecisionBatch {
  runId: string;
  standardVersionId: string;
  /** The day the run re-decided the cases. */
  decidedOn: LocalDate;
  /** The new standard's effective date: what the cases were re-decided for. */
  decidedFor: LocalDate;
  parameterVersions: Record<string, string>;
  updatedBy: string;
  /** Who the history lines name: the run itself. */
  historyActor: string;
  at: string;
  /** `fromMonth`: the first month paid at the new amount; `outcome`: what the assessment found for the household. */
  changed: Array<{ caseId: string; oldMonthlyFen: number; newMonthlyFen: number; fromMonth: string; outcome: Outcome; note: string }>;
  /** Cases that would no longer qualify: their review brought forward, their benefit unchanged. */
  leavingDibao: string[];
}

interface RedecisionSqlRow {
  id: string;
  old_fen: number;
  new_fen: number;
  from_month: string;
  outcome: Outcome;
  note: string;
}
