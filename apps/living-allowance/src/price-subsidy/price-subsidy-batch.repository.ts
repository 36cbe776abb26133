import { DataSource, EntityManager } from 'typeorm';
import { LocalizedText, RuleOutcome } from '@jiuzhu/common';
import { AssistanceCategory, PriceSubsidyBasis } from './domain/labels';
import { PriceSubsidyBatchRecord, PriceSubsidyPaymentRecord } from './price-subsidy.entity';

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

const PAYMENT_COLUMNS = `case_id, household_ref, category, district_code, area, people, standard_fen, per_person_fen, amount_fen`;

interface PaymentSqlRow {
  case_id: string;
  household_ref: string;
  category: AssistanceCategory;
  district_code: string;
  area: string;
  people: number;
  standard_fen: number;
  per_person_fen: number;
  amount_fen: number;
}

/** Settled months of the price subsidy (`price_subsidy_batches`) and the payments of each (`price_subsidy_payments`). */
export class PriceSubsidyBatchRepository {
  constructor(private readonly ds: DataSource) {}

  async isSettled(m: EntityManager, provinceCode: string, month: string): Promise<boolean> {
    return m.getRepository(PriceSubsidyBatchRecord).existsBy({ provinceCode, month });
  }

  /**
   * The batch and its payments. UNIQUE (province_code, month) refuses a second batch for a settled
   * month, even one written at the same moment (see `isDuplicateMonth`). The payments — one per case
   * on the rolls, tens of thousands in a city — go in as one set of typed records: TypeORM's
   * multi-row insert binds every value as its own parameter, and Postgres allows 65 535 a statement.
   */
  async insert(m: EntityManager, b: PriceSubsidyBatchView, payments: readonly PriceSubsidyPaymentView[]): Promise<void> {
    await m.getRepository(PriceSubsidyBatchRecord).insert({
      id: b.id,
      provinceCode: b.provinceCode,
      month: b.month,
      indexMonth: b.index.month,
      indexRevision: b.index.revision,
      cpiRiseBp: b.index.cpiRiseBp,
      foodCpiRiseBp: b.index.foodCpiRiseBp,
      triggersVersionId: b.triggersVersionId,
      status: b.status,
      triggered: b.triggered,
      basis: b.basis,
      rateBp: b.rateBp,
      households: b.households,
      people: b.people,
      totalFen: b.totalFen,
      districtTotals: b.districtTotals,
      excluded: b.excluded,
      rules: b.rules,
      explanation: b.explanation,
      createdBy: b.createdBy,
      createdAt: new Date(b.createdAt),
    });
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
    const row = await this.ds.getRepository(PriceSubsidyBatchRecord).findOneBy({ provinceCode, month });
    return row ? toBatchView(row) : undefined;
  }

  async list(f: { provinceCode?: string; limit: number }): Promise<PriceSubsidyBatchView[]> {
    const rows = await this.ds.getRepository(PriceSubsidyBatchRecord).find({
      where: f.provinceCode ? { provinceCode: f.provinceCode } : {},
      order: { month: 'DESC', provinceCode: 'ASC' },
      take: f.limit,
    });
    return rows.map(toBatchView);
  }

  /** A batch's payments, by district then case. */
  async payments(batchId: string, f: { districtCode?: string; limit: number; offset: number }): Promise<PriceSubsidyPaymentView[]> {
    const rows = await this.ds.getRepository(PriceSubsidyPaymentRecord).find({
      where: f.districtCode ? { batchId, districtCode: f.districtCode } : { batchId },
      order: { districtCode: 'ASC', caseId: 'ASC' },
      skip: f.offset,
      take: f.limit,
    });
    return rows.map(({ batchId: _b, ...p }) => p);
  }
}

/** Two requests for the same month at once: the second waits on the unique index, then fails with this. */
export function isDuplicateMonth(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string; constraint?: string } };
  const code = err?.driverError?.code ?? err?.code;
  return code === '23505' && (err.driverError?.constraint ?? '').startsWith('price_subsidy_batches');
}

function toBatchView(r: PriceSubsidyBatchRecord): PriceSubsidyBatchView {
  return {
    id: r.id,
    provinceCode: r.provinceCode,
    month: r.month,
    status: r.status,
    triggered: r.triggered,
    index: { month: r.indexMonth, cpiRiseBp: r.cpiRiseBp, foodCpiRiseBp: r.foodCpiRiseBp, revision: r.indexRevision },
    triggersVersionId: r.triggersVersionId,
    basis: r.basis,
    rateBp: r.rateBp,
    households: r.households,
    people: r.people,
    totalFen: r.totalFen,
    districtTotals: r.districtTotals,
    excluded: r.excluded,
    rules: r.rules,
    explanation: r.explanation,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  };
}
