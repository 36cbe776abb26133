import { DataSource, EntityManager } from 'typeorm';

export interface PriceIndexView {
  provinceCode: string;
  month: string;
  cpiRiseBp: number;
  foodCpiRiseBp: number;
  source: string;
  /** 1 for the first recording; each correction adds one. */
  revision: number;
  recordedBy: string;
  recordedAt: string;
}

export type PriceIndexRevision = Omit<PriceIndexView, 'provinceCode' | 'month'>;

interface PriceIndexSqlRow {
  province_code: string;
  month: string;
  cpi_rise_bp: number;
  food_cpi_rise_bp: number;
  source: string;
  revision: number;
  recorded_by: string;
  recorded_at: Date;
}

const COLUMNS = `province_code, month, cpi_rise_bp, food_cpi_rise_bp, source, revision, recorded_by, recorded_at`;

/** The recorded price indices (`price_indices`, the figures in force) and every revision of them (`price_index_revisions`). */
export class PriceIndexRepository {
  constructor(private readonly ds: DataSource) {}

  /** The figures in force for a region and month, locked until the transaction ends (a correction queues behind another). */
  async lockForCorrection(m: EntityManager, provinceCode: string, month: string): Promise<PriceIndexView | undefined> {
    const [row]: PriceIndexSqlRow[] = await m.query(`SELECT ${COLUMNS} FROM price_indices WHERE province_code = $1 AND month = $2 FOR UPDATE`, [provinceCode, month]);
    return row ? toView(row) : undefined;
  }

  /**
   * The figures a batch is decided on. FOR SHARE: a correction of the index waits until the batch
   * decided on it has committed, so the batch's recorded revision is the one it used.
   */
  async readForBatch(m: EntityManager, provinceCode: string, month: string): Promise<PriceIndexView | undefined> {
    const [row]: PriceIndexSqlRow[] = await m.query(`SELECT ${COLUMNS} FROM price_indices WHERE province_code = $1 AND month = $2 FOR SHARE`, [provinceCode, month]);
    return row ? toView(row) : undefined;
  }

  /** A new revision: the figures in force (first recorded, or corrected) and the same line appended to the revisions. */
  async saveRevision(m: EntityManager, v: PriceIndexView): Promise<PriceIndexView> {
    const values = JSON.stringify({
      province_code: v.provinceCode,
      month: v.month,
      cpi_rise_bp: v.cpiRiseBp,
      food_cpi_rise_bp: v.foodCpiRiseBp,
      source: v.source,
      revision: v.revision,
      recorded_by: v.recordedBy,
      recorded_at: v.recordedAt,
    });
    const record = `jsonb_populate_record(NULL::price_indices, $1::jsonb)`;
    const [row]: PriceIndexSqlRow[] = await m.query(
      `INSERT INTO price_indices (${COLUMNS}) SELECT ${COLUMNS} FROM ${record}
       ON CONFLICT (province_code, month) DO UPDATE
          SET cpi_rise_bp = excluded.cpi_rise_bp, food_cpi_rise_bp = excluded.food_cpi_rise_bp, source = excluded.source,
              revision = excluded.revision, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
       RETURNING ${COLUMNS}`,
      [values],
    );
    await m.query(`INSERT INTO price_index_revisions (${COLUMNS}) SELECT ${COLUMNS} FROM ${record}`, [values]);
    return toView(row);
  }

  async list(f: { provinceCode?: string; limit: number }): Promise<PriceIndexView[]> {
    const rows: PriceIndexSqlRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM price_indices WHERE ($1::text IS NULL OR province_code = $1) ORDER BY month DESC, province_code LIMIT $2`,
      [f.provinceCode ?? null, f.limit],
    );
    return rows.map(toView);
  }

  /** One month's index with every revision, oldest first. */
  async get(provinceCode: string, month: string): Promise<(PriceIndexView & { revisions: PriceIndexRevision[] }) | undefined> {
    const [row]: PriceIndexSqlRow[] = await this.ds.query(`SELECT ${COLUMNS} FROM price_indices WHERE province_code = $1 AND month = $2`, [provinceCode, month]);
    if (!row) return undefined;
    const revisions: PriceIndexSqlRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM price_index_revisions WHERE province_code = $1 AND month = $2 ORDER BY revision`,
      [provinceCode, month],
    );
    return {
      ...toView(row),
      revisions: revisions.map((r) => {
        const { provinceCode: _p, month: _m, ...rest } = toView(r);
        return rest;
      }),
    };
  }
}

function toView(r: PriceIndexSqlRow): PriceIndexView {
  return {
    provinceCode: r.province_code,
    month: r.month,
    cpiRiseBp: r.cpi_rise_bp,
    foodCpiRiseBp: r.food_cpi_rise_bp,
    source: r.source,
    revision: r.revision,
    recordedBy: r.recorded_by,
    recordedAt: new Date(r.recorded_at).toISOString(),
  };
}
