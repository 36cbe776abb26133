import { DataSource } from 'typeorm';
import { Clock, FieldProblem, Forbidden, InvalidInput, monthOf } from '@jiuzhu/common';
import { Actor } from '@jiuzhu/common/http';
import { isPriceIndexRecord, isYearMonth } from './domain/price-index';

/** The Ningxia index: the mechanism links payments in 石嘴山 to the provincial CPI. */
export const DEFAULT_INDEX_REGION = '640000';

/** A GB/T 2260 region code (province, city or county); the index is usually provincial. */
export const REGION_CODE = /^[1-9]\d{5}$/;

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

export interface PriceIndexRevision {
  revision: number;
  cpiRiseBp: number;
  foodCpiRiseBp: number;
  source: string;
  recordedBy: string;
  recordedAt: string;
}

export interface RecordPriceIndexCommand {
  provinceCode: string;
  month: string;
  cpiRiseBp: number;
  foodCpiRiseBp: number;
  source: string;
}

export type RecordOutcome = 'recorded' | 'corrected' | 'unchanged';

const COLUMNS = `province_code, month, cpi_rise_bp, food_cpi_rise_bp, source, revision, recorded_by, recorded_at`;

/**
 * The month's year-on-year CPI and food-CPI rises as the statistics bureau published them, entered by
 * an administrator. A correction is an explicit new revision (who, when, from which source): the
 * figures in force change, the earlier ones stay in `price_index_revisions`, and a batch already
 * decided keeps the figures and revision it was decided on. Re-sending the same figures and source is
 * a no-op, so the PUT is idempotent.
 */
export class PriceIndices {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(cmd: RecordPriceIndexCommand, actor: Actor): Promise<{ outcome: RecordOutcome; index: PriceIndexView }> {
    if (actor.role !== 'admin') throw new Forbidden('ROLE.ADMIN_REQUIRED', 'Only an administrator (X-Actor-Role: admin) may record price indices.');
    const problems: FieldProblem[] = [];
    if (!REGION_CODE.test(cmd.provinceCode)) problems.push({ field: 'provinceCode', reason: 'must be a six-digit GB/T 2260 region code, e.g. 640000' });
    if (!isYearMonth(cmd.month)) problems.push({ field: 'month', reason: 'must be a month YYYY-MM' });
    // An index measures a month that is over (it is published in the middle of the next one).
    else if (cmd.month > monthOf(this.clock.today())) problems.push({ field: 'month', reason: 'must not be after the current month: an index measures prices already seen' });
    if (problems.length) throw new InvalidInput(problems);
    // The DTO checked the numbers are integers above −100 %; the domain's own check is the last word.
    if (!isPriceIndexRecord(cmd)) throw new InvalidInput([{ field: 'cpiRiseBp', reason: 'rises must be whole basis points above -10000' }]);

    const at = this.clock.now().toISOString();
    return this.ds.transaction(async (m) => {
      const [current]: Record<string, any>[] = await m.query(`SELECT ${COLUMNS} FROM price_indices WHERE province_code = $1 AND month = $2 FOR UPDATE`, [
        cmd.provinceCode,
        cmd.month,
      ]);
      if (current && current.cpi_rise_bp === cmd.cpiRiseBp && current.food_cpi_rise_bp === cmd.foodCpiRiseBp && current.source === cmd.source) {
        return { outcome: 'unchanged' as const, index: toView(current) };
      }
      const revision = current ? current.revision + 1 : 1;
      const values = [cmd.provinceCode, cmd.month, cmd.cpiRiseBp, cmd.foodCpiRiseBp, cmd.source, revision, actor.id, at];
      const [row] = current
        ? (
            await m.query(
              `UPDATE price_indices SET cpi_rise_bp = $3, food_cpi_rise_bp = $4, source = $5, revision = $6, recorded_by = $7, recorded_at = $8
                WHERE province_code = $1 AND month = $2 RETURNING ${COLUMNS}`,
              values,
            )
          )[0]
        : await m.query(`INSERT INTO price_indices (${COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING ${COLUMNS}`, values);
      await m.query(`INSERT INTO price_index_revisions (${COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, values);
      return { outcome: current ? ('corrected' as const) : ('recorded' as const), index: toView(row) };
    });
  }

  async list(f: { provinceCode?: string; limit: number }): Promise<PriceIndexView[]> {
    const rows = await this.ds.query(
      `SELECT ${COLUMNS} FROM price_indices WHERE ($1::text IS NULL OR province_code = $1) ORDER BY month DESC, province_code LIMIT $2`,
      [f.provinceCode ?? null, f.limit],
    );
    return rows.map(toView);
  }

  async get(provinceCode: string, month: string): Promise<(PriceIndexView & { revisions: PriceIndexRevision[] }) | undefined> {
    const [row] = await this.ds.query(`SELECT ${COLUMNS} FROM price_indices WHERE province_code = $1 AND month = $2`, [provinceCode, month]);
    if (!row) return undefined;
    const revisions: Record<string, any>[] = await this.ds.query(
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

function toView(r: Record<string, any>): PriceIndexView {
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
