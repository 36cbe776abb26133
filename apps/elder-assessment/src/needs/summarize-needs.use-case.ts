import { ApiProperty } from '@nestjs/swagger';
import { LocalizedTextDoc } from '@jiuzhu/common/http';
import { DataSource } from 'typeorm';
import { AreaFilter, AssessmentRepository, Scope } from '../assessment/assessment.repository';
import { NEED_KIND_NAMES, NEED_KINDS } from '../assessment/domain/needs';

class NeedDemand {
  @ApiProperty({ enum: NEED_KINDS }) kind!: string;
  @ApiProperty({ type: LocalizedTextDoc }) name!: LocalizedTextDoc;
  @ApiProperty({ description: 'elders with this need among current assessments' }) elders!: number;
}

/** Demand for home-care help in an area, as the API answers it. */
export class NeedsSummary {
  @ApiProperty({ nullable: true, type: String }) districtCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) townshipCode!: string | null;
  @ApiProperty({ description: 'elders with a current assessment in the area' }) eldersAssessed!: number;
  @ApiProperty({ type: [NeedDemand] }) needs!: NeedDemand[];
}

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

  /** The demand in an area (`areaWithin` the actor's jurisdiction), counted within `scope` in the query. */
  async execute(f: AreaFilter, scope: Scope): Promise<NeedsSummary> {
    const { elders, byKind } = await this.repo.countNeeds(this.ds.manager, f, scope);
    return {
      districtCode: f.districtCode ?? null,
      townshipCode: f.townshipCode ?? null,
      eldersAssessed: elders,
      needs: NEED_KINDS.map((kind) => ({ kind, name: NEED_KIND_NAMES[kind], elders: byKind.get(kind) ?? 0 })),
    };
  }
}
