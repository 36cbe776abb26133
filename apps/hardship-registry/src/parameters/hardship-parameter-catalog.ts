import { LocalDate, Unavailable } from '@jiuzhu/common';
import { CachedParameterCatalog } from '@jiuzhu/parameters';
import { HardshipParameters, resolveHardshipParameters, ResolveHardshipParametersResult } from './domain/resolve-parameters';

/** The special-hardship parameters, cached (libs/parameters), resolved with the domain's resolver. */
export class HardshipParameterCatalog extends CachedParameterCatalog<ResolveHardshipParametersResult> {
  /** The parameters in force on `on`; a copy, since the caller may keep it in a decision and nothing it does may alter the cache. */
  async resolve(on: LocalDate): Promise<ResolveHardshipParametersResult> {
    return structuredClone(await this.memo(on, (versions) => resolveHardshipParameters(versions, on)));
  }

  /**
   * The parameters in force on `on`, or 503: a number missing or malformed for that day is an
   * operator's to publish, not the caller's to correct, and nothing is decided on a guessed one.
   */
  async inForceOn(on: LocalDate): Promise<HardshipParameters> {
    const r = await this.resolve(on);
    if (r.ok) return r.value;
    const named = [...r.missing.map((k) => `${k} (missing)`), ...r.invalid.map((k) => `${k} (malformed)`)].join(', ');
    throw new Unavailable('HARDSHIP.PARAMETERS_UNAVAILABLE', `The special-hardship parameters do not resolve on ${on}: ${named}; publish them (POST /parameters).`);
  }
}
