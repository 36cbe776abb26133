import { DataSource, EntityManager } from 'typeorm';
import { Conflict, ParameterVersion } from '@jiuzhu/common';

export interface StoredParameterVersion extends ParameterVersion {
  publishedAt: string;
  publishedBy: string;
}

/**
 * Parameter versions in a service's own database (table `parameter_versions`, created by each
 * service's first migration); published versions are never updated or deleted.
 */
export class ParameterVersionRepository {
  constructor(private readonly ds: DataSource) {}

  /** The whole catalog in publication order (the resolver lets the later of two same-day versions win). */
  async all(): Promise<StoredParameterVersion[]> {
    const rows: Array<Record<string, any>> = await this.ds.query(
      `SELECT version_id, key, scope, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, value, unit, legal_source, note, published_at, published_by
         FROM parameter_versions ORDER BY published_at, version_id`,
    );
    return rows.map((r) => ({
      versionId: r.version_id,
      key: r.key,
      scope: r.scope,
      validFrom: r.valid_from,
      value: r.value,
      unit: r.unit,
      legalSource: r.legal_source,
      ...(r.note ? { note: r.note } : {}),
      publishedAt: new Date(r.published_at).toISOString(),
      publishedBy: r.published_by,
    }));
  }

  async exists(m: EntityManager, versionId: string): Promise<boolean> {
    const r: unknown[] = await m.query(`SELECT 1 FROM parameter_versions WHERE version_id = $1`, [versionId]);
    return r.length > 0;
  }

  async insert(m: EntityManager, v: ParameterVersion, by: string): Promise<void> {
    await m.query(
      `INSERT INTO parameter_versions (version_id, key, scope, valid_from, value, unit, legal_source, note, published_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [v.versionId, v.key, v.scope, v.validFrom, JSON.stringify(v.value), v.unit, v.legalSource, v.note ?? null, by],
    );
  }

  /**
   * Publishes a new version under `versionId`; a same-day re-publication is a correction and gets
   * its own id (`…#2`, `…#3`), so that, being later, it wins and the original stays readable.
   */
  async publish(m: EntityManager, v: ParameterVersion, by: string): Promise<ParameterVersion> {
    let versionId = v.versionId;
    for (let n = 2; await this.exists(m, versionId); n++) {
      if (n > 100) throw new Conflict('PARAMETER.TOO_MANY_CORRECTIONS', 'Too many versions for one day.');
      versionId = `${v.versionId}#${n}`;
    }
    const published = { ...v, versionId };
    await this.insert(m, published, by);
    return published;
  }

  /**
   * Seeds the illustrative defaults of every parameter key that has no version at all: on first start
   * the whole catalog, and after an upgrade only the keys a new release introduced. A key the bureau
   * has published for some scopes only is left alone (no illustrative value slips in beside real
   * ones). A lock keeps two replicas from racing.
   */
  async seedMissing(defaults: readonly ParameterVersion[]): Promise<number> {
    return this.ds.transaction(async (m) => {
      await m.query(`LOCK TABLE parameter_versions IN EXCLUSIVE MODE`);
      const present: Array<{ key: string }> = await m.query(`SELECT DISTINCT key FROM parameter_versions`);
      const have = new Set(present.map((r) => r.key));
      const missing = defaults.filter((v) => !have.has(v.key));
      for (const v of missing) await this.insert(m, v, 'system:seed');
      return missing.length;
    });
  }
}


/**
 * A service's parameter catalog, cached. The catalog is tiny and read on every assessment, so it is
 * kept for a short lifetime — enough for other replicas, since a new version takes effect on a set
 * day and the publishing replica drops its cache at once (`invalidate`). What a service resolves
 * from it (`memo`) is reused for the same key while the catalog is unchanged.
 */
export class CachedParameterCatalog<R> {
  private cached?: { at: number; versions: StoredParameterVersion[] };
  private resolvedFor?: StoredParameterVersion[];
  private readonly resolved = new Map<string, R>();

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
