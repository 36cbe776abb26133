import { LocalDate } from '@jiuzhu/common';
import { resolveElderParameters, ResolveElderParametersResult } from '../assessment/domain/assessment-parameters';
import { ParameterVersionRepository, StoredParameterVersion } from '@jiuzhu/persistence';

/**
 * The catalog is tiny and read on every draft and completion, so it is cached. A short lifetime is
 * enough for other replicas: a new version is dated today or later, and this replica drops its
 * cache at once when it publishes.
 */
export class ParameterCatalog {
  private cached?: { at: number; versions: StoredParameterVersion[] };
  private resolvedFor?: StoredParameterVersion[];
  private readonly resolved = new Map<LocalDate, ResolveElderParametersResult>();

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

  /** The parameters in force on `on`, reused for the same date while the catalog is unchanged. */
  async resolve(on: LocalDate): Promise<ResolveElderParametersResult> {
    const versions = await this.versions();
    if (this.resolvedFor !== versions) {
      this.resolvedFor = versions;
      this.resolved.clear();
    }
    let r = this.resolved.get(on);
    if (!r) {
      r = resolveElderParameters(versions, on);
      // Bounded: assessment dates spread over years must not grow it without limit.
      if (this.resolved.size > 1000) this.resolved.clear();
      this.resolved.set(on, r);
    }
    // A copy: the caller may keep it in a result, and nothing it does may alter the cache.
    return structuredClone(r);
  }
}
