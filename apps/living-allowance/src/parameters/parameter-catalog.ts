import { LocalDate } from '@jiuzhu/common';
import { CachedParameterCatalog } from '@jiuzhu/parameters';
import { Area } from './domain/parameter';
import { resolveAssessmentParameters, ResolveParametersResult } from './domain/resolve-parameters';

/** The dibao parameters, cached (libs/parameters); resolved ones are reused per district, area and date. */
export class ParameterCatalog extends CachedParameterCatalog<ResolveParametersResult> {
  async resolve(districtCode: string, area: Area, on: LocalDate): Promise<ResolveParametersResult> {
    return this.memo(`${districtCode}/${area}/${on}`, (versions) => resolveAssessmentParameters(versions, districtCode, area, on));
  }
}
