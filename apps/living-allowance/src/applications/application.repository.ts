import { EntityManager } from 'typeorm';
import { Conflict, LocalDate, NotFound } from '@jiuzhu/common';
import { PreparedStatement } from '@jiuzhu/persistence';
import { Application, ApplicationState } from './domain/application';
import { PENDING_STATUSES, ProcessDeadlines } from './domain/process';
import { CaseStatus } from './domain/case-status';
import { Household } from '../assessment/domain/household';
import { Area } from '../parameters/domain/parameter';
import { PayingCase } from '../reassessment/domain/reassess-case';

export interface ApplicationRow extends ApplicationState {
  updatedBy: string;
  updatedAt: string;
  claimedBy: string | null;
  claimExpiresAt: string | null;
  /** The earliest deadline of a case on its way to a decision (what the queues order by). */
  dueOn: LocalDate | null;
  /** Where the case stands against its time limits today (filled in when a single case is read). */
  deadlines?: ProcessDeadlines;
}

/** A case still open: on its way to a decision, or paying. */
const OPEN_STATUSES: readonly CaseStatus[] = [...PENDING_STATUSES, 'approved'];

const COLUMNS = `id, coverage, parent_id, member_index, household_ref, district_code, area, household, status, assessment, granted,
  monthly_benefit_fen, effective_month, to_char(decided_on, 'YYYY-MM-DD') AS decided_on, rejection_reason, version, filed_by, filed_at, updated_by, updated_at,
  to_char(review_due_on, 'YYYY-MM-DD') AS review_due_on, exiting_until, claimed_by, claim_expires_at, process, to_char(due_on, 'YYYY-MM-DD') AS due_on, redecision`;

/**
 * Filing: the case, its history and its members' memberships (see `insert`). Prepared once per
 * connection: planning these CTEs on every call cost more than running them.
 */
const FILE_CASE = new PreparedStatement(
  'la_file_case',
  `WITH app AS (
         INSERT INTO applications (id, coverage, parent_id, member_index, household_ref, district_code, area, household, status, assessment,
           granted, monthly_benefit_fen, effective_month, decided_on, rejection_reason, version, filed_by, filed_at, updated_by, updated_at,
           process, township_code, due_on)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$17,$18,$21,$22,$23) RETURNING id),
       hist AS (
         INSERT INTO case_history (application_id, action, from_status, to_status, actor, at, reason_code, note)
         SELECT $1, h.action, h.from_status, h.to_status, h.actor, h.at, h.reason_code, h.note
           FROM jsonb_to_recordset($19::jsonb) AS h(action text, from_status text, to_status text, actor text, at timestamptz, reason_code text, note text)
         RETURNING 1),
       mem AS (
         INSERT INTO household_memberships (person_ref, application_id, member_index)
         SELECT ref, $1, n - 1 FROM unnest($20::text[]) WITH ORDINALITY AS t(ref, n)
         RETURNING 1)
       SELECT (SELECT count(*) FROM hist)::int AS history, (SELECT count(*) FROM mem)::int AS members`,
);

/** Applications (cases), their history and household memberships, in this service's database. */
export class ApplicationRepository {
  /**
   * The case, its history and its members' memberships in one statement (data-modifying CTEs): one
   * round trip instead of one per row, which is most of a filing's cost, and atomic on its own. A
   * member already active in another household violates the one-active-household index, which
   * fails the whole statement (nothing stays written); that becomes a 409 naming the member. A household case is therefore filed outside any
   * transaction (the lookup that names the member runs after the failure); cases opened inside one
   * (single-person inclusions) carry no memberships and cannot fail this way.
   */
  async insert(m: EntityManager, a: Application, personRefs: string[], at: string, dueOn: LocalDate | null = null): Promise<void> {
    const s = a.state;
    const history = a.history.splice(0).map((h) => ({
      action: h.action,
      from_status: h.from,
      to_status: h.to,
      actor: h.actor,
      at: h.at,
      reason_code: h.reasonCode ?? null,
      note: h.note ?? null,
    }));
    const refs = s.coverage === 'household' ? personRefs : [];
    await FILE_CASE.run(
      m,
      [s.id, s.coverage, s.parentId, s.memberIndex, s.householdRef, s.household.districtCode, s.household.area, JSON.stringify(s.household), s.status,
        s.assessment ? JSON.stringify(s.assessment) : null, s.granted, s.monthlyBenefitFen, s.effectiveMonth, s.decidedOn, s.rejectionReason, s.version, s.filedBy, at,
        JSON.stringify(history), refs, JSON.stringify(s.process), s.household.townshipCode ?? null, dueOn],
    ).catch(async (e: { driverError?: { code?: string; constraint?: string } }) => {
      if (e.driverError?.code !== '23505' || e.driverError.constraint !== 'household_memberships_one_active') throw e;
      // The statement failed as a whole; find out which member is taken (outside it, for the message).
      const active: Array<{ person_ref: string }> = await m.query(`SELECT person_ref FROM household_memberships WHERE person_ref = ANY($1::text[]) AND active`, [refs]);
      const busy = new Set(active.map((r) => r.person_ref));
      return this.membershipConflict(m, refs, new Set(refs.map((r, k) => (busy.has(r) ? -1 : k)).filter((k) => k >= 0)));
    });
  }

  /**
   * Loads a case for a change, holding its row lock until the transaction ends: concurrent changes
   * queue up here, and the version check then turns a stale one into a 409 instead of an overwrite.
   */
  async lockForChange(m: EntityManager, id: string, expectedVersion?: number): Promise<Application> {
    const rows = await m.query(`SELECT ${COLUMNS} FROM applications WHERE id = $1 FOR UPDATE`, [id]);
    if (rows.length === 0) throw new NotFound(`Application ${id}`);
    const row = toRow(rows[0]);
    if (expectedVersion !== undefined && row.version !== expectedVersion) {
      throw new Conflict(
        'CASE.VERSION_CONFLICT',
        `The case was changed by someone else (now version ${row.version}, you had ${expectedVersion}); reload it and try again.`,
        [{ field: 'expectedVersion', reason: `is ${expectedVersion} but the case is at version ${row.version}` }],
      );
    }
    return Application.restore(row);
  }

  /**
   * Writes the case. A change of status ends any claim on it: the case has moved to the next queue
   * (or out of all of them), and whoever takes it there claims it afresh.
   */
  async save(m: EntityManager, a: Application, by: string, at: string, dueOn: LocalDate | null = null, statusBefore?: string): Promise<number> {
    const s = a.state;
    const next = s.version + 1;
    await m.query(
      `UPDATE applications SET household = $2, status = $3, assessment = $4, granted = $5, monthly_benefit_fen = $6, effective_month = $7,
         decided_on = $8, rejection_reason = $9, version = $10, updated_by = $11, updated_at = $12, district_code = $13, area = $14,
         household_ref = $15, review_due_on = $16, exiting_until = $17, process = $18, township_code = $19, due_on = $20, redecision = $22,
         claimed_by = CASE WHEN $21::text IS NOT NULL AND $21::text <> $3 THEN NULL ELSE claimed_by END,
         claim_expires_at = CASE WHEN $21::text IS NOT NULL AND $21::text <> $3 THEN NULL ELSE claim_expires_at END
       WHERE id = $1`,
      [s.id, JSON.stringify(s.household), s.status, s.assessment ? JSON.stringify(s.assessment) : null, s.granted, s.monthlyBenefitFen,
        s.effectiveMonth, s.decidedOn, s.rejectionReason, next, by, at, s.household.districtCode, s.household.area, s.householdRef, s.reviewDueOn, s.exitingUntil,
        JSON.stringify(s.process), s.household.townshipCode ?? null, dueOn, statusBefore ?? null, s.redecision ? JSON.stringify(s.redecision) : null],
    );
    await this.appendHistory(m, a);
    return next;
  }

  /** One statement for all members; a member already active elsewhere makes the whole filing a 409. */
  async addMemberships(m: EntityManager, applicationId: string, personRefs: string[]): Promise<void> {
    if (personRefs.length === 0) return;
    const inserted: Array<{ member_index: number }> = await m.query(
      `INSERT INTO household_memberships (person_ref, application_id, member_index)
       SELECT ref, $2, n - 1 FROM unnest($1::text[]) WITH ORDINALITY AS t(ref, n)
       ON CONFLICT DO NOTHING RETURNING member_index`,
      [personRefs, applicationId],
    );
    if (inserted.length === personRefs.length) return;
    await this.membershipConflict(m, personRefs, new Set(inserted.map((r) => r.member_index)));
  }

  private async membershipConflict(m: EntityManager, personRefs: string[], taken: Set<number>): Promise<never> {
    const i = personRefs.findIndex((_, k) => !taken.has(k));
    const [other] = await m.query(`SELECT application_id FROM household_memberships WHERE person_ref = $1 AND active`, [personRefs[i]]);
    throw new Conflict('PERSON.IN_ANOTHER_ACTIVE_HOUSEHOLD', 'A member already belongs to another active household case.', [
      { field: `household.members[${i}].idNumber`, reason: `already a member of active case ${other?.application_id ?? '(concurrently filed)'}` },
    ]);
  }

  async replaceMemberships(m: EntityManager, applicationId: string, personRefs: string[]): Promise<void> {
    await m.query(`DELETE FROM household_memberships WHERE application_id = $1`, [applicationId]);
    await this.addMemberships(m, applicationId, personRefs);
  }

  async releaseMemberships(m: EntityManager, applicationId: string): Promise<void> {
    await m.query(`UPDATE household_memberships SET active = false WHERE application_id = $1`, [applicationId]);
  }

  async personRefs(m: EntityManager, applicationId: string): Promise<string[]> {
    const rows = await m.query(`SELECT person_ref FROM household_memberships WHERE application_id = $1 ORDER BY member_index`, [applicationId]);
    return rows.map((r: { person_ref: string }) => r.person_ref);
  }

  /** Single-person inclusions of a household that are still open (awaiting a decision, or paying). */
  async openInclusions(m: EntityManager, householdRef: string): Promise<ApplicationRow[]> {
    const rows = await m.query(
      `SELECT ${COLUMNS} FROM applications WHERE household_ref = $1 AND coverage = 'single_person' AND status = ANY($2::text[]) ORDER BY filed_at, id`,
      [householdRef, OPEN_STATUSES],
    );
    return rows.map(toRow);
  }

  async openInclusionIds(m: EntityManager, householdRef: string): Promise<string[]> {
    return (await this.openInclusions(m, householdRef)).map((r) => r.id);
  }

  async findById(m: EntityManager, id: string): Promise<ApplicationRow | undefined> {
    const rows = await m.query(`SELECT ${COLUMNS} FROM applications WHERE id = $1`, [id]);
    return rows.length ? toRow(rows[0]) : undefined;
  }

  async history(m: EntityManager, id: string) {
    const rows = await m.query(
      `SELECT action, from_status, to_status, actor, at, reason_code, note FROM case_history WHERE application_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map((r: Record<string, any>) => ({
      action: r.action,
      from: r.from_status,
      to: r.to_status,
      actor: r.actor,
      at: new Date(r.at).toISOString(),
      ...(r.reason_code ? { reasonCode: r.reason_code } : {}),
      ...(r.note ? { note: r.note } : {}),
    }));
  }

  /** A work queue: oldest first, so nobody's case waits behind newer ones. */
  async queue(m: EntityManager, f: { status: CaseStatus; districtCode?: string; limit: number; offset: number }): Promise<ApplicationRow[]> {
    const rows = await m.query(
      `SELECT ${COLUMNS} FROM applications WHERE status = $1 AND ($2::text IS NULL OR district_code = $2) ORDER BY filed_at, id LIMIT $3 OFFSET $4`,
      [f.status, f.districtCode ?? null, f.limit, f.offset],
    );
    return rows.map(toRow);
  }

  private async appendHistory(m: EntityManager, a: Application): Promise<void> {
    for (const h of a.history.splice(0)) {
      await m.query(
        `INSERT INTO case_history (application_id, action, from_status, to_status, actor, at, reason_code, note) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [a.state.id, h.action, h.from, h.to, h.actor, h.at, h.reasonCode ?? null, h.note ?? null],
      );
    }
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
   * A batch of re-decisions under a new standard: every changed case gets its new amount, a new
   * version, its compact re-decision and one history line, in one statement whose rows are typed
   * records; the cases that would leave dibao are flagged for a caseworker's review in a second.
   */
  async saveRedecisions(m: EntityManager, b: RedecisionBatch): Promise<void> {
    if (b.changed.length) {
      const shared = { runId: b.runId, standardVersionId: b.standardVersionId, decidedFor: b.decidedFor, parameterVersions: b.parameterVersions };
      const rows: RedecisionSqlRow[] = b.changed.map((c) => ({ id: c.caseId, old_fen: c.oldMonthlyFen, new_fen: c.newMonthlyFen, note: c.note }));
      await m.query(
        `WITH r AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, old_fen bigint, new_fen bigint, note text)),
              changed AS (
                UPDATE applications a
                   SET monthly_benefit_fen = r.new_fen, version = a.version + 1, updated_by = $3, updated_at = $4,
                       redecision = $2::jsonb || jsonb_build_object('oldMonthlyFen', r.old_fen, 'newMonthlyFen', r.new_fen)
                  FROM r WHERE a.id = r.id
                RETURNING a.id, r.note)
         INSERT INTO case_history (application_id, action, from_status, to_status, actor, at, reason_code, note)
         SELECT id, 'reassess', 'approved', 'approved', $5, $4, 'NEW_STANDARD', note FROM changed`,
        [JSON.stringify(rows), JSON.stringify(shared), b.updatedBy, b.at, b.historyActor],
      );
    }
    if (b.leavingDibao.length) await m.query(`UPDATE applications SET needs_review = true WHERE id = ANY($1::uuid[])`, [b.leavingDibao]);
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
  async subsidyRolls(m: EntityManager, month: string): Promise<{ dibao: DibaoOnRolls[]; lowIncome: LowIncomeOnRolls[] }> {
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

function toRow(r: Record<string, any>): ApplicationRow {
  return {
    id: r.id,
    coverage: r.coverage,
    parentId: r.parent_id,
    memberIndex: r.member_index,
    householdRef: r.household_ref,
    household: r.household,
    status: r.status,
    assessment: r.assessment,
    granted: r.granted,
    monthlyBenefitFen: r.monthly_benefit_fen === null ? null : Number(r.monthly_benefit_fen),
    effectiveMonth: r.effective_month,
    decidedOn: r.decided_on,
    rejectionReason: r.rejection_reason,
    version: r.version,
    filedBy: r.filed_by,
    filedAt: new Date(r.filed_at).toISOString(),
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at).toISOString(),
    reviewDueOn: r.review_due_on,
    exitingUntil: r.exiting_until,
    claimedBy: r.claimed_by,
    claimExpiresAt: r.claim_expires_at ? new Date(r.claim_expires_at).toISOString() : null,
    process: r.process,
    dueOn: r.due_on,
    redecision: r.redecision,
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
  /** The new standard's effective date: what the cases were re-decided for. */
  decidedFor: LocalDate;
  parameterVersions: Record<string, string>;
  updatedBy: string;
  /** Who the history lines name: the run itself. */
  historyActor: string;
  at: string;
  changed: Array<{ caseId: string; oldMonthlyFen: number; newMonthlyFen: number; note: string }>;
  /** Cases that would no longer qualify: flagged for review, their benefit unchanged. */
  leavingDibao: string[];
}

interface RedecisionSqlRow {
  id: string;
  old_fen: number;
  new_fen: number;
  note: string;
}

/** A paying dibao case on the rolls of a month (references only). */
export interface DibaoOnRolls {
  caseId: string;
  householdRef: string;
  districtCode: string;
  area: Area;
  coverage: 'household' | 'single_person';
  /** Members of the household document. */
  members: number;
}

/** An active low-income household on the rolls of a month (references only). */
export interface LowIncomeOnRolls {
  caseId: string;
  householdRef: string;
  districtCode: string;
  area: Area;
  members: number;
  /** Members already paid that month as single-person dibao cases. */
  paidAsDibao: number;
}
