import { DataSource } from 'typeorm';
import { CURRENT_STATUSES } from '../assessment/domain/assessment-workflow';
import { NEED_KIND_NAMES, NEED_KINDS, NeedKind } from '../assessment/domain/needs';
import { AreaFilter } from '../query-filters';

/**
 * Demand for home-care help by kind (需求评估 → planning of 居家养老服务): each elder counted once,
 * by their current assessment — a superseded one no longer describes them; a disputed one still
 * does, since the dispute is about the ability level, and it holds until the re-assessment.
 */
export class NeedsSummary {
  constructor(private readonly ds: DataSource) {}

  async summarize(f: AreaFilter) {
    const params = [CURRENT_STATUSES, f.districtCode ?? null, f.townshipCode ?? null];
    const where = `status = ANY($1::text[]) AND ($2::text IS NULL OR district_code = $2) AND ($3::text IS NULL OR township_code = $3)`;
    const [[{ elders }], rows] = await Promise.all([
      this.ds.query(`SELECT count(*)::int AS elders FROM assessments WHERE ${where}`, params),
      this.ds.query(
        `SELECT n->>'kind' AS kind, count(*)::int AS elders FROM assessments, jsonb_array_elements(input->'needs') AS n WHERE ${where} GROUP BY 1`,
        params,
      ) as Promise<Array<{ kind: NeedKind; elders: number }>>,
    ]);
    const byKind = new Map(rows.map((r) => [r.kind, r.elders]));
    return {
      districtCode: f.districtCode ?? null,
      townshipCode: f.townshipCode ?? null,
      eldersAssessed: elders as number,
      needs: NEED_KINDS.map((kind) => ({ kind, name: NEED_KIND_NAMES[kind], elders: byKind.get(kind) ?? 0 })),
    };
  }
}
