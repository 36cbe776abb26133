import { DataSource } from 'typeorm';
import { AreaFilter, AssessmentRepository } from '../assessment/assessment.repository';
import { NEED_KIND_NAMES, NEED_KINDS } from '../assessment/domain/needs';

/**
 * Demand for home-care help by kind (需求评估 → planning of 居家养老服务): each elder counted once,
 * by their current assessment — a superseded one no longer describes them; a disputed one still
 * does, since the dispute is about the ability level, and it holds until the re-assessment.
 */
export class SummarizeNeeds {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: AssessmentRepository,
  ) {}

  async execute(f: AreaFilter) {
    const { elders, byKind } = await this.repo.countNeeds(this.ds.manager, f);
    return {
      districtCode: f.districtCode ?? null,
      townshipCode: f.townshipCode ?? null,
      eldersAssessed: elders,
      needs: NEED_KINDS.map((kind) => ({ kind, name: NEED_KIND_NAMES[kind], elders: byKind.get(kind) ?? 0 })),
    };
  }
}
