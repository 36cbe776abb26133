import { LocalDate } from '@jiuzhu/common';
import { CachedParameterCatalog } from '@jiuzhu/parameters';
import { resolveElderParameters, ResolveElderParametersResult } from '../assessment/domain/assessment-parameters';

/** The elder-assessment parameters, cached (libs/parameters), resolved with the domain's resolver. */
export class ParameterCatalog extends CachedParameterCatalog<ResolveElderParametersResult> {
  /** The parameters in force on `on`; a copy, since the caller may keep it in a result and nothing it does may alter the cache. */
  async resolve(on: LocalDate): Promise<ResolveElderParametersResult> {
    return structuredClone(await this.memo(on, (versions) => resolveElderParameters(versions, on)));
  }
}
