import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, Conflict, FieldProblem, Forbidden, InvalidInput, LocalizedText, monthOf, RuleOutcome } from '@jiuzhu/common';
import { Actor } from '@jiuzhu/common/http';
import { PriceSubsidyGranted } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { districtAreaScope, isArea, ParameterVersion } from '../parameters/domain/parameter';
import { PARAMETER_SPECS } from '../parameters/domain/parameter-keys';
import { versionInForce } from '../parameters/domain/resolve-parameters';
import { ParameterCatalog } from '../parameters/parameter-catalog';
import { AssistanceCategory, PriceSubsidyBasis } from './domain/labels';
import { isYearMonth, PriceIndexRecord } from './domain/price-index';
import { monthlySubsidyBatch, PriceSubsidyBatch, SubsidyHousehold } from './domain/monthly-subsidy-batch';
import { resolvePriceSubsidyTriggers } from './domain/resolve-price-subsidy-triggers';
import { DEFAULT_INDEX_REGION, REGION_CODE } from './price-indices';
import { CaseloadEntry, subsidyCaseload } from './subsidy-caseload';

export interface GrantPriceSubsidyCommand {
  month: string;
  provinceCode?: string;
  indexMonth?: string;
}

export interface DistrictTotalView {
  districtCode: string;
  households: number;
  people: number;
  totalFen: number;
}

/** Households on the rolls that were not paid, counted by category and by the rule that says why. */
export interface ExclusionView {
  category: AssistanceCategory;
  code: string;
  households: number;
}

export interface PriceSubsidyBatchView {
  id: string;
  provinceCode: string;
  month: string;
  /** 'granted': the index triggered and the payments are recorded; 'not_triggered': the month is settled with nothing to pay. */
  status: 'granted' | 'not_triggered';
  triggered: boolean;
  /** The index the batch was decided on, as it stood then (a later correction does not change it). */
  index: { month: string; cpiRiseBp: number; foodCpiRiseBp: number; revision: number };
  triggersVersionId: string;
  basis: PriceSubsidyBasis | null;
  rateBp: number;
  households: number;
  people: number;
  totalFen: number;
  districtTotals: DistrictTotalView[];
  excluded: ExclusionView[];
  rules: RuleOutcome[];
  explanation: LocalizedText[];
  createdBy: string;
  createdAt: string;
}

export interface PriceSubsidyPaymentView {
  caseId: string;
  householdRef: string;
  category: AssistanceCategory;
  districtCode: string;
  area: string;
  people: number;
  standardFen: number;
  perPersonFen: number;
  amountFen: number;
}

const BATCH_COLUMNS = `id, province_code, month, index_month, index_revision, cpi_rise_bp, food_cpi_rise_bp, triggers_version_id, status, triggered, basis,
  rate_bp, households, people, total_fen, district_totals, excluded, rules, explanation, created_by, created_at`;

const SPECIAL_HARDSHIP_NOTE: LocalizedText = {
  zh: '特困人员的价格临时补贴由特困人员供养服务发放（该服务尚未接入），不在本批次内。',
  en: 'Special-hardship persons are paid by the special-hardship service (not connected yet); they are not in this batch.',
};

/**
 * Settles one month of the price-linkage subsidy (policy.md §2) for one index region: decides the
 * month from the recorded index and the `price-subsidy.triggers` in force on its first day, pays
 * every covered case of the live caseload standard × rate (rounded half up, per person) × people,
 * and writes the batch, its payments and one `price-subsidy.granted` event in one transaction.
 *
 * A month is settled once: UNIQUE (province_code, month) refuses a second batch even from a
 * concurrent request, and the refusal is a 409 with its own code. A month in which neither index
 * triggers is settled too — recorded with no payments and announced by no event (there is nothing to
 * pay, and "stops when both are below" needs no message: no batch, no payment).
 */
export class PriceSubsidyBatches {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: ParameterCatalog,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async grant(cmd: GrantPriceSubsidyCommand, actor: Actor): Promise<PriceSubsidyBatchView> {
    if (actor.role !== 'admin') throw new Forbidden('ROLE.ADMIN_REQUIRED', 'Only an administrator (X-Actor-Role: admin) may grant a price-subsidy batch.');
    const month = cmd.month;
    const provinceCode = cmd.provinceCode ?? DEFAULT_INDEX_REGION;
    const indexMonth = cmd.indexMonth ?? month;
    const problems: FieldProblem[] = [];
    if (!isYearMonth(month)) problems.push({ field: 'month', reason: 'must be a month YYYY-MM' });
    // The batch is computed on the live caseload: a month still to come cannot be settled on it.
    else if (month > monthOf(this.clock.today())) problems.push({ field: 'month', reason: 'must not be after the current month' });
    if (!REGION_CODE.test(provinceCode)) problems.push({ field: 'provinceCode', reason: 'must be a six-digit GB/T 2260 region code, e.g. 640000' });
    if (cmd.indexMonth !== undefined && !isYearMonth(cmd.indexMonth)) problems.push({ field: 'indexMonth', reason: 'must be a month YYYY-MM' });
    else if (isYearMonth(month) && indexMonth > month) problems.push({ field: 'indexMonth', reason: `must not be after the month paid (${month}): a month is paid on its own index or an earlier one` });
    if (problems.length) throw new InvalidInput(problems);

    // The catalog is read before the transaction, so it never waits for a second pool connection.
    const versions = await this.catalog.versions();
    const firstDay = `${month}-01`;
    const triggers = resolvePriceSubsidyTriggers(versions, firstDay);
    if (!triggers.ok) {
      throw new Conflict('PRICE_SUBSIDY.TRIGGERS_UNRESOLVED', `The parameter ${triggers.key} is ${triggers.reason === 'missing_parameter' ? 'not published' : 'malformed'} for ${firstDay}; publish it first.`);
    }
    const id = randomUUID();
    const at = this.clock.now().toISOString();
    const today = this.clock.today();

    try {
      await this.ds.transaction(async (m) => {
        await this.refuseSettledMonth(m, provinceCode, month);
        // FOR SHARE: a correction of the index waits until the batch decided on it has committed.
        const [idx]: Record<string, any>[] = await m.query(
          `SELECT cpi_rise_bp, food_cpi_rise_bp, revision FROM price_indices WHERE province_code = $1 AND month = $2 FOR SHARE`,
          [provinceCode, indexMonth],
        );
        if (!idx) {
          throw new Conflict('PRICE_SUBSIDY.INDEX_NOT_RECORDED', `No price index is recorded for ${provinceCode} ${indexMonth}; record it first (PUT /price-indices/${provinceCode}/${indexMonth}).`);
        }
        const index: PriceIndexRecord = { provinceCode, month: indexMonth, cpiRiseBp: idx.cpi_rise_bp, foodCpiRiseBp: idx.food_cpi_rise_bp };

        const caseload = await subsidyCaseload(m, month);
        const households = caseload.entries.map((e) => toSubsidyHousehold(e, standardOf(versions, e, firstDay)));
        const batch = monthlySubsidyBatch(month, households, index, triggers.value);
        const byCase = new Map(caseload.entries.map((e) => [e.caseId, e]));
        const excluded = exclusionsOf(batch, byCase, batch.triggered ? caseload.fullyCoveredLowIncome : []);
        const explanation = batch.triggered && triggers.value.covers.specialHardship ? [...batch.explanation, SPECIAL_HARDSHIP_NOTE] : batch.explanation;
        const districtTotals: DistrictTotalView[] = batch.districtTotals.map((d) => ({ districtCode: d.districtCode, households: d.households, people: d.people, totalFen: d.amountFen }));
        const people = batch.payments.reduce((n, p) => n + p.peopleCovered, 0);

        await m.query(
          `INSERT INTO price_subsidy_batches (${BATCH_COLUMNS})
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)`,
          [id, provinceCode, month, indexMonth, idx.revision, index.cpiRiseBp, index.foodCpiRiseBp, triggers.versionId, batch.triggered ? 'granted' : 'not_triggered',
            batch.triggered, batch.basis, batch.rateBp, batch.payments.length, people, batch.totalFen, JSON.stringify(districtTotals), JSON.stringify(excluded),
            JSON.stringify(batch.rules), JSON.stringify(explanation), actor.id, at],
        );
        if (batch.payments.length) {
          // The domain knows each case by its id (unique even where a single-person inclusion shares its household's ref).
          const ps = batch.payments.map((p) => ({ p, e: byCase.get(p.householdRef)! }));
          await m.query(
            `INSERT INTO price_subsidy_payments (batch_id, case_id, household_ref, category, district_code, area, people, standard_fen, per_person_fen, amount_fen)
             SELECT $1::uuid, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::bigint[], $9::bigint[], $10::bigint[])`,
            [id, ps.map((x) => x.e.caseId), ps.map((x) => x.e.householdRef), ps.map((x) => x.p.category), ps.map((x) => x.p.districtCode), ps.map((x) => x.p.area),
              ps.map((x) => x.p.peopleCovered), ps.map((x) => x.p.standardFen), ps.map((x) => x.p.perPersonFen), ps.map((x) => x.p.amountFen)],
          );
        }
        if (batch.triggered && batch.basis !== null) {
          await this.outbox.append(m, PriceSubsidyGranted, {
            batchId: id,
            provinceCode,
            month,
            indexMonth,
            basis: batch.basis,
            rateBp: batch.rateBp,
            triggersVersionId: triggers.versionId,
            households: batch.payments.length,
            people,
            totalFen: batch.totalFen,
            districtTotals,
            grantedOn: today,
          });
        }
      });
    } catch (e) {
      // Two requests for the same month at once: the second waits on the unique index, then fails here.
      if (isUniqueViolation(e)) throw alreadySettled(provinceCode, month);
      throw e;
    }
    return (await this.get(month, provinceCode))!;
  }

  async get(month: string, provinceCode = DEFAULT_INDEX_REGION): Promise<PriceSubsidyBatchView | undefined> {
    const [row] = await this.ds.query(`SELECT ${BATCH_COLUMNS} FROM price_subsidy_batches WHERE province_code = $1 AND month = $2`, [provinceCode, month]);
    return row ? toBatchView(row) : undefined;
  }

  async list(f: { provinceCode?: string; limit: number }): Promise<PriceSubsidyBatchView[]> {
    const rows = await this.ds.query(
      `SELECT ${BATCH_COLUMNS} FROM price_subsidy_batches WHERE ($1::text IS NULL OR province_code = $1) ORDER BY month DESC, province_code LIMIT $2`,
      [f.provinceCode ?? null, f.limit],
    );
    return rows.map(toBatchView);
  }

  /** The batch's payments, by district then case. */
  async payments(batchId: string, f: { districtCode?: string; limit: number; offset: number }): Promise<PriceSubsidyPaymentView[]> {
    const rows: Record<string, any>[] = await this.ds.query(
      `SELECT case_id, household_ref, category, district_code, area, people, standard_fen, per_person_fen, amount_fen
         FROM price_subsidy_payments WHERE batch_id = $1 AND ($2::text IS NULL OR district_code = $2)
        ORDER BY district_code, case_id LIMIT $3 OFFSET $4`,
      [batchId, f.districtCode ?? null, f.limit, f.offset],
    );
    return rows.map((r) => ({
      caseId: r.case_id,
      householdRef: r.household_ref,
      category: r.category,
      districtCode: r.district_code,
      area: r.area,
      people: r.people,
      standardFen: Number(r.standard_fen),
      perPersonFen: Number(r.per_person_fen),
      amountFen: Number(r.amount_fen),
    }));
  }

  private async refuseSettledMonth(m: EntityManager, provinceCode: string, month: string): Promise<void> {
    const existing: unknown[] = await m.query(`SELECT 1 FROM price_subsidy_batches WHERE province_code = $1 AND month = $2`, [provinceCode, month]);
    if (existing.length) throw alreadySettled(provinceCode, month);
  }
}

function alreadySettled(provinceCode: string, month: string): Conflict {
  return new Conflict(
    'PRICE_SUBSIDY.MONTH_ALREADY_SETTLED',
    `The price subsidy of ${month} (index region ${provinceCode}) has already been settled; a month is never paid twice. See GET /price-subsidies/${month}.`,
  );
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string; constraint?: string } };
  const code = err?.driverError?.code ?? err?.code;
  return code === '23505' && (err.driverError?.constraint ?? '').startsWith('price_subsidy_batches');
}

/** The dibao standard of the case's district and area in force on the month's first day — the base of the subsidy for every category. */
function standardOf(versions: readonly ParameterVersion[], e: CaseloadEntry, on: string): number {
  const v = isArea(e.area) ? versionInForce(versions, 'dibao.standard', districtAreaScope(e.districtCode, e.area), on) : undefined;
  if (v === undefined || !PARAMETER_SPECS['dibao.standard'].isValid(v.value)) {
    throw new Conflict(
      'PRICE_SUBSIDY.STANDARD_UNRESOLVED',
      `No valid dibao standard is in force for ${e.districtCode}/${e.area} on ${on}; the batch would leave its households unpaid, so nothing was written.`,
    );
  }
  return v.value.monthlyFen;
}

function toSubsidyHousehold(e: CaseloadEntry, standardFen: number): SubsidyHousehold {
  return { householdRef: e.caseId, category: e.category, districtCode: e.districtCode, area: e.area, peopleCovered: e.peopleCovered, standardFen };
}

function exclusionsOf(batch: PriceSubsidyBatch, byCase: Map<string, CaseloadEntry>, fullyCovered: CaseloadEntry[]): ExclusionView[] {
  const counts = new Map<string, ExclusionView>();
  const add = (category: AssistanceCategory, code: string) => {
    const k = `${category}|${code}`;
    const c = counts.get(k) ?? { category, code, households: 0 };
    c.households++;
    counts.set(k, c);
  };
  for (const x of batch.excluded) add(byCase.get(x.householdRef)?.category ?? x.category, x.reason.code);
  // Every member of these low-income households is already paid as a single-person dibao case.
  for (const e of fullyCovered) add(e.category, 'PRICE_SUBSIDY.MEMBERS_PAID_AS_DIBAO');
  return [...counts.values()].sort((a, b) => (a.category + a.code < b.category + b.code ? -1 : 1));
}

function toBatchView(r: Record<string, any>): PriceSubsidyBatchView {
  return {
    id: r.id,
    provinceCode: r.province_code,
    month: r.month,
    status: r.status,
    triggered: r.triggered,
    index: { month: r.index_month, cpiRiseBp: r.cpi_rise_bp, foodCpiRiseBp: r.food_cpi_rise_bp, revision: r.index_revision },
    triggersVersionId: r.triggers_version_id,
    basis: r.basis,
    rateBp: r.rate_bp,
    households: r.households,
    people: r.people,
    totalFen: Number(r.total_fen),
    districtTotals: r.district_totals,
    excluded: r.excluded,
    rules: r.rules,
    explanation: r.explanation,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
