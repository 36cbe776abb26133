import { DataSource, EntityManager } from 'typeorm';
import { LocalizedText, RuleOutcome } from '@jiuzhu/common';
import { AssistanceCategory, PriceSubsidyBasis } from './domain/labels';

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

/** One case paid in a batch (references only, no personal data). */
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

interface BatchSqlRow {
  id: string;
  province_code: string;
  month: string;
  index_month: string;
  index_revision: number;
  cpi_rise_bp: number;
  food_cpi_rise_bp: number;
  triggers_version_id: string;
  status: 'granted' | 'not_triggered';
  triggered: boolean;
  basis: PriceSubsidyBasis | null;
  rate_bp: number;
  households: number;
  people: number;
  total_fen: string | number;
  district_totals: DistrictTotalView[];
  excluded: ExclusionView[];
  rules: RuleOutcome[];
  explanation: LocalizedText[];
  created_by: string;
  created_at: Date | string;
}

interface PaymentSqlRow {
  case_id: string;
  household_ref: string;
  category: AssistanceCategory;
  district_code: string;
  area: string;
  people: number;
  standard_fen: string | number;
  per_person_fen: string | number;
  amount_fen: string | number;
}

const BATCH_COLUMNS = `id, province_code, month, index_month, index_revision, cpi_rise_bp, food_cpi_rise_bp, triggers_version_id, status, triggered, basis,
  rate_bp, households, people, total_fen, district_totals, excluded, rules, explanation, created_by, created_at`;
const PAYMENT_COLUMNS = `case_id, household_ref, category, district_code, area, people, standard_fen, per_person_fen, amount_fen`;

/** Settled months of the price subsidy (`price_subsidy_batches`) and the payments of each (`price_subsidy_payments`). */
export class PriceSubsidyBatchRepository {
  constructor(private readonly ds: DataSource) {}

  async isSettled(m: EntityManager, provinceCode: string, month: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM price_subsidy_batches WHERE province_code = $1 AND month = $2`, [provinceCode, month]);
    return rows.length > 0;
  }

  /**
   * The batch and its payments, each a typed record. UNIQUE (province_code, month) refuses a second
   * batch for a settled month, even one written at the same moment (see `isDuplicateMonth`).
   */
  async insert(m: EntityManager, b: PriceSubsidyBatchView, payments: readonly PriceSubsidyPaymentView[]): Promise<void> {
    const row: BatchSqlRow = {
      id: b.id,
      province_code: b.provinceCode,
      month: b.month,
      index_month: b.index.month,
      index_revision: b.index.revision,
      cpi_rise_bp: b.index.cpiRiseBp,
      food_cpi_rise_bp: b.index.foodCpiRiseBp,
      triggers_version_id: b.triggersVersionId,
      status: b.status,
      triggered: b.triggered,
      basis: b.basis,
      rate_bp: b.rateBp,
      households: b.households,
      people: b.people,
      total_fen: b.totalFen,
      district_totals: b.districtTotals,
      excluded: b.excluded,
      rules: b.rules,
      explanation: b.explanation,
      created_by: b.createdBy,
      created_at: b.createdAt,
    };
    await m.query(`INSERT INTO price_subsidy_batches (${BATCH_COLUMNS}) SELECT ${BATCH_COLUMNS} FROM jsonb_populate_record(NULL::price_subsidy_batches, $1::jsonb)`, [
      JSON.stringify(row),
    ]);
    if (payments.length === 0) return;
    const rows: PaymentSqlRow[] = payments.map((p) => ({
      case_id: p.caseId,
      household_ref: p.householdRef,
      category: p.category,
      district_code: p.districtCode,
      area: p.area,
      people: p.people,
      standard_fen: p.standardFen,
      per_person_fen: p.perPersonFen,
      amount_fen: p.amountFen,
    }));
    await m.query(
      `INSERT INTO price_subsidy_payments (batch_id, ${PAYMENT_COLUMNS})
       SELECT $1::uuid, ${PAYMENT_COLUMNS} FROM jsonb_populate_recordset(NULL::price_subsidy_payments, $2::jsonb)`,
      [b.id, JSON.stringify(rows)],
    );
  }

  async get(month: string, provinceCode: string): Promise<PriceSubsidyBatchView | undefined> {
    const [row]: BatchSqlRow[] = await this.ds.query(`SELECT ${BATCH_COLUMNS} FROM price_subsidy_batches WHERE province_code = $1 AND month = $2`, [provinceCode, month]);
    return row ? toBatchView(row) : undefined;
  }

  async list(f: { provinceCode?: string; limit: number }): Promise<PriceSubsidyBatchView[]> {
    const rows: BatchSqlRow[] = await this.ds.query(
      `SELECT ${BATCH_COLUMNS} FROM price_subsidy_batches WHERE ($1::text IS NULL OR province_code = $1) ORDER BY month DESC, province_code LIMIT $2`,
      [f.provinceCode ?? null, f.limit],
    );
    return rows.map(toBatchView);
  }

  /** A batch's payments, by district then case. */
  async payments(batchId: string, f: { districtCode?: string; limit: number; offset: number }): Promise<PriceSubsidyPaymentView[]> {
    const rows: PaymentSqlRow[] = await this.ds.query(
      `SELECT ${PAYMENT_COLUMNS} FROM price_subsidy_payments WHERE batch_id = $1 AND ($2::text IS NULL OR district_code = $2)
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
}

/** Two requests for the same month at once: the second waits on the unique index, then fails with this. */
export function isDuplicateMonth(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string; constraint?: string } };
  const code = err?.driverError?.code ?? err?.code;
  return code === '23505' && (err.driverError?.constraint ?? '').startsWith('price_subsidy_batches');
}

function toBatchView(r: BatchSqlRow): PriceSubsidyBatchView {
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
