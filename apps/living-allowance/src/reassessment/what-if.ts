import { DataSource } from 'typeorm';
import { ApplicationRepository } from '../applications/application.repository';
import { Clock, DISTRICT_CODES, InvalidInput, isLocalDate, monthOf } from '@jiuzhu/common';
import { assessHousehold } from '../assessment/domain/assess-household';
import { districtAreaScope, isArea, isDistrictCode, ParameterVersion, versionIdOf } from '../parameters/domain/parameter';
import { resolveAssessmentParameters } from '../parameters/domain/resolve-parameters';
import { ParameterCatalog } from '../parameters/parameter-catalog';
import { addToTotals, emptyTotals, reassessCase, ReassessmentTotals } from './domain/reassess-case';

export interface ProposedStandard {
  districtCode: string;
  area: string;
  monthlyFen: number;
}

export interface WhatIfResult {
  validFrom: string;
  districts: Array<{
    districtCode: string;
    area: string;
    currentStandardFen: number | null;
    proposedStandardFen: number;
    payingCases: ReassessmentTotals;
    lowIncome: { examined: number; enteringDibao: number; leavingBand: number; stayingInBand: number };
  }>;
}

/**
 * The reassessment a new standard would cause, computed on the live caseload without writing
 * anything: the same pure `reassessCase` the real run uses, over the same cases, so its figures
 * are the run's figures. Low-income households are re-assessed too, to show who would enter dibao
 * (they would have to apply) or leave the band.
 */
export class WhatIf {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: ParameterCatalog,
    private readonly clock: Clock,
    private readonly pageSize = 2000,
    private readonly cases = new ApplicationRepository(),
  ) {}

  async run(validFrom: string, proposals: ProposedStandard[]): Promise<WhatIfResult> {
    const problems = [];
    if (!isLocalDate(validFrom)) problems.push({ field: 'validFrom', reason: 'must be a date YYYY-MM-DD' });
    proposals.forEach((p, i) => {
      if (!isDistrictCode(p.districtCode)) problems.push({ field: `standards[${i}].districtCode`, reason: `one of ${DISTRICT_CODES.join(', ')}` });
      if (!isArea(p.area)) problems.push({ field: `standards[${i}].area`, reason: "'urban' or 'rural'" });
      if (!Number.isSafeInteger(p.monthlyFen) || p.monthlyFen <= 0) problems.push({ field: `standards[${i}].monthlyFen`, reason: 'must be a positive whole number of fen' });
    });
    if (problems.length) throw new InvalidInput(problems);

    const current = await this.catalog.versions();
    const hypothetical: ParameterVersion[] = [
      ...current,
      ...proposals.map((p) => {
        const scope = districtAreaScope(p.districtCode, p.area as 'urban' | 'rural');
        return { key: 'dibao.standard', scope, versionId: `${versionIdOf('dibao.standard', scope, validFrom)}#what-if`, validFrom, value: { monthlyFen: p.monthlyFen }, unit: 'fen', legalSource: 'what-if' };
      }),
    ];
    const currentMonth = monthOf(this.clock.today());
    const districts: WhatIfResult['districts'] = [];
    for (const p of proposals) {
      const area = p.area as 'urban' | 'rural';
      const params = resolveAssessmentParameters(hypothetical, p.districtCode, area, validFrom);
      if (!params.ok) throw new InvalidInput([{ field: 'validFrom', reason: `parameters do not resolve on ${validFrom}: ${params.reason}` }]);
      const before = resolveAssessmentParameters(current, p.districtCode, area, validFrom);

      const payingCases = emptyTotals();
      for (let after: string | null = null; ; ) {
        const page = await this.cases.payingCasesBatch(this.ds.manager, { districtCode: p.districtCode, area, after, limit: this.pageSize, lock: false });
        for (const c of page) {
          const r = reassessCase(c, params.value, validFrom, currentMonth);
          if (!('error' in r)) addToTotals(payingCases, r);
        }
        if (page.length < this.pageSize) break;
        after = page[page.length - 1].id;
      }

      const lowIncome = { examined: 0, enteringDibao: 0, leavingBand: 0, stayingInBand: 0 };
      for (const household of await this.cases.lowIncomeHouseholdsOf(this.ds.manager, p.districtCode, area)) {
        const r = assessHousehold(household, params.value, validFrom);
        if (!r.ok) continue;
        lowIncome.examined++;
        if (r.decision.outcome === 'dibao') lowIncome.enteringDibao++;
        else if (r.decision.outcome === 'ineligible') lowIncome.leavingBand++;
        else lowIncome.stayingInBand++;
      }
      districts.push({
        districtCode: p.districtCode,
        area,
        currentStandardFen: before.ok ? before.value.standardFen : null,
        proposedStandardFen: p.monthlyFen,
        payingCases,
        lowIncome,
      });
    }
    return { validFrom, districts };
  }
}
