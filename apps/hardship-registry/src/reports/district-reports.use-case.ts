import { DataSource } from 'typeorm';
import { Actor, jurisdictionFilter } from '@jiuzhu/auth';
import { Clock, LocalDate } from '@jiuzhu/common';
import { HARDSHIP_PARAMETER_KEYS as K, PlanTargetsValue } from '../parameters/domain/parameter-keys';
import { HardshipParameterCatalog } from '../parameters/hardship-parameter-catalog';
import { DistrictReportsRepository } from './district-reports.repository';
import { DistrictReport, districtReports } from './domain/reports';

export interface DistrictReportsReading {
  asOf: LocalDate;
  targets: PlanTargetsValue;
  /** The version of `hardship.plan-targets` the figures are measured against. */
  targetsVersion: string;
  items: DistrictReport[];
}

/**
 * The figures a district follows against the city plan (石嘴山市2021–2025年公共服务规划 第六章), as
 * of today: the caseload by self-care tier and care setting, the concentrated-care rate among those
 * who partly or fully lost self-care (goal ≥ 50 %), and the share of nursing-type beds (60 % by
 * 2025) — the rows grouped in SQL within the reader's jurisdiction, the rates worked out by the
 * reports domain against the plan targets in force.
 */
export class DistrictReports {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: DistrictReportsRepository,
    private readonly catalog: HardshipParameterCatalog,
    private readonly clock: Clock,
  ) {}

  async execute(f: { districtCode?: string }, actor: Pick<Actor, 'jurisdiction'>): Promise<DistrictReportsReading> {
    const today = this.clock.today();
    const params = await this.catalog.inForceOn(today);
    const scope = jurisdictionFilter(actor.jurisdiction);
    const [persons, beds] = await Promise.all([this.repo.caseload(this.ds.manager, scope, f.districtCode ?? null), this.repo.beds(this.ds.manager, scope, f.districtCode ?? null)]);
    return { asOf: today, targets: params.planTargets, targetsVersion: params.versions[K.planTargets], items: districtReports(persons, beds, params.planTargets) };
  }
}
