import { LocalDate } from '@jiuzhu/common';
import { Area } from './domain/parameter';
import { resolveAssessmentParameters, ResolveParametersResult } from './domain/resolve-parameters';
import { ParameterVersionRepository, StoredParameterVersion } from '@jiuzhu/persistence';

/**
 * The catalog is tiny and read on every assessment, so it is cached. A short lifetime is enough
 * for other replicas: a newly published version is dated ahead (standards take effect on a set day),
 * and this replica drops its cache at once when it publishes.
 */
export class ParameterCatalog {
  private cached?: { at: number; versions: StoredParameterVersion[] };

  constructor(
    private readonly repo: ParameterVersionRepository,
    private readonly ttlMs = 5_000,
  ) {}

  async versions(): Promise<StoredParameterVersion[]> {
    if (!this.cached || Date.now() - this.cached.at > this.ttlMs) {
      this.cached = { at: Date.now(), versions: await this.repo.all() };
    }
    return this.cached.versions;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  /** Resolved parameters are reused for the same district, area and date while the catalog is unchanged. */
  async resolve(districtCode: string, area: Area, on: LocalDate): Promise<ResolveParametersResult> {
    const versions = await this.versions();
    if (this.resolvedFor !== versions) {
      this.resolvedFor = versions;
      this.resolved.clear();
    }
    const key = `${districtCode}/${area}/${on}`;
    let r = this.resolved.get(key);
    if (!r) {
      r = resolveAssessmentParameters(versions, districtCode, area, on);
      // Bounded: a burst of back-dated what-ifs must not grow it without limit.
      if (this.resolved.size > 1000) this.resolved.clear();
      this.resolved.set(key, r);
    }
    return r;
  }

  private resolvedFor?: StoredParameterVersion[];
  private readonly resolved = new Map<string, ResolveParametersResult>();
}
