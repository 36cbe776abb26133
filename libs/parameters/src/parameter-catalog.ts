import { LocalDate, ParameterVersion, versionInForce } from '@jiuzhu/common';
import { ParameterVersionRepository, StoredParameterVersion } from './parameter-versions.repository';

/**
 * A service's parameter catalog, cached. The catalog is tiny and read on every assessment, so it is
 * kept for a short lifetime — enough for other replicas, since a new version takes effect on a set
 * day and the publishing replica drops its cache at once (`invalidate`). A service extends it with
 * how it resolves its own parameters (its domain's resolver); what it resolves (`memo`) is reused
 * for the same key while the catalog is unchanged.
 */
export class CachedParameterCatalog<R = unknown> {
  private cached?: { at: number; versions: StoredParameterVersion[] };
  private resolvedFor?: StoredParameterVersion[];
  private readonly resolved = new Map<string, R>();

  constructor(
    readonly repo: ParameterVersionRepository,
    private readonly ttlMs = 5_000,
  ) {}

  async versions(): Promise<StoredParameterVersion[]> {
    if (!this.cached || Date.now() - this.cached.at > this.ttlMs) {
      this.cached = { at: Date.now(), versions: await this.repo.all() };
    }
    return this.cached.versions;
  }

  /** The version of `key`/`scope` in force on `on` (the latest `validFrom` not after it; of one day, the latest publication). */
  async inForce(key: string, scope: string, on: LocalDate): Promise<ParameterVersion | undefined> {
    return versionInForce(await this.versions(), key, scope, on);
  }

  invalidate(): void {
    this.cached = undefined;
  }

  protected async memo(key: string, compute: (versions: readonly StoredParameterVersion[]) => R): Promise<R> {
    const versions = await this.versions();
    if (this.resolvedFor !== versions) {
      this.resolvedFor = versions;
      this.resolved.clear();
    }
    let r = this.resolved.get(key);
    if (r === undefined) {
      r = compute(versions);
      // Bounded: a burst of back-dated what-ifs, or dates spread over years, must not grow it without limit.
      if (this.resolved.size > 1000) this.resolved.clear();
      this.resolved.set(key, r);
    }
    return r;
  }
}
