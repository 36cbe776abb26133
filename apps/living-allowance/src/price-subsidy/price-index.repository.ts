import { DataSource, EntityManager } from 'typeorm';
import { PriceIndexInForceRecord, PriceIndexRevisionRecord } from './price-subsidy.entity';

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

/** The recorded price indices (`price_indices`, the figures in force) and every revision of them (`price_index_revisions`). */
export class PriceIndexRepository {
  constructor(private readonly ds: DataSource) {}

  /** The figures in force for a region and month, locked until the transaction ends (a correction queues behind another). */
  async lockForCorrection(m: EntityManager, provinceCode: string, month: string): Promise<PriceIndexView | undefined> {
    const row = await m.getRepository(PriceIndexInForceRecord).findOne({ where: { provinceCode, month }, lock: { mode: 'pessimistic_write' } });
    return row ? toView(row) : undefined;
  }

  /**
   * The figures a batch is decided on, share-locked: a correction of the index waits until the batch
   * decided on it has committed, so the batch's recorded revision is the one it used.
   */
  async readForBatch(m: EntityManager, provinceCode: string, month: string): Promise<PriceIndexView | undefined> {
    const row = await m.getRepository(PriceIndexInForceRecord).findOne({ where: { provinceCode, month }, lock: { mode: 'pessimistic_read' } });
    return row ? toView(row) : undefined;
  }

  /** A new revision: the figures in force (first recorded, or corrected) and the same line appended to the revisions. */
  async saveRevision(m: EntityManager, v: PriceIndexView): Promise<PriceIndexView> {
    const record = { ...v, recordedAt: new Date(v.recordedAt) };
    await m.getRepository(PriceIndexInForceRecord).upsert(record, ['provinceCode', 'month']);
    await m.getRepository(PriceIndexRevisionRecord).insert(record);
    return v;
  }

  async list(f: { provinceCode?: string; limit: number }): Promise<PriceIndexView[]> {
    const rows = await this.ds.getRepository(PriceIndexInForceRecord).find({
      where: f.provinceCode ? { provinceCode: f.provinceCode } : {},
      order: { month: 'DESC', provinceCode: 'ASC' },
      take: f.limit,
    });
    return rows.map(toView);
  }

  /** One month's index with every revision, oldest first. */
  async get(provinceCode: string, month: string): Promise<(PriceIndexView & { revisions: PriceIndexRevision[] }) | undefined> {
    const row = await this.ds.getRepository(PriceIndexInForceRecord).findOneBy({ provinceCode, month });
    if (!row) return undefined;
    const revisions = await this.ds.getRepository(PriceIndexRevisionRecord).find({ where: { provinceCode, month }, order: { revision: 'ASC' } });
    return {
      ...toView(row),
      revisions: revisions.map((r) => {
        const { provinceCode: _p, month: _m, ...rest } = toView(r);
        return rest;
      }),
    };
  }
}

function toView(r: PriceIndexInForceRecord | PriceIndexRevisionRecord): PriceIndexView {
  return {
    provinceCode: r.provinceCode,
    month: r.month,
    cpiRiseBp: r.cpiRiseBp,
    foodCpiRiseBp: r.foodCpiRiseBp,
    source: r.source,
    revision: r.revision,
    recordedBy: r.recordedBy,
    recordedAt: r.recordedAt.toISOString(),
  };
}
