import { LocalDate } from '@jiuzhu/common';
import { Area } from './domain/parameter';
import { resolveAssessmentParameters, ResolveParametersResult } from './domain/resolve-parameters';
import { ParameterRepository, StoredParameterVersion } from './parameter.repository';

/**
 * The catalog is tiny and read on every assessment, so it is cached. A short lifetime is enough
 * for other replicas: a newly published version is dated ahead (standards take effect on a set day),
 * and this replica drops its cache at once when it publishes.
 */
export class ParameterCatalog {
  private cached?: { at: number; versions: StoredParameterVersion[] };

  constructor(
    private readonly repo: ParameterRepository,
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

  async resolve(districtCode: string, area: Area, on: LocalDate): Promise<ResolveParametersResult> {
    return resolveAssessmentParameters(await this.versions(), districtCode, area, on);
  }
}
