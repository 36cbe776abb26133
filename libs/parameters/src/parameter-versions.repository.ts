import { DataSource, EntityManager } from 'typeorm';
import { Conflict, ParameterVersion } from '@jiuzhu/common';

export interface StoredParameterVersion extends ParameterVersion {
  publishedAt: string;
  publishedBy: string;
}

interface VersionRow {
  version_id: string;
  key: string;
  scope: string;
  valid_from: string;
  value: unknown;
  unit: string;
  legal_source: string;
  note: string | null;
  published_at: Date | string;
  published_by: string;
}

const COLUMNS = `version_id, key, scope, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, value, unit, legal_source, note, published_at, published_by`;

function toVersion(r: VersionRow): StoredParameterVersion {
  return {
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
  };
}

/** What a publication did: stored a new version, or found the very same one already published. */
export interface Publication {
  version: StoredParameterVersion;
  created: boolean;
}

/**
 * Parameter versions in a service's own database (table `parameter_versions`, see
 * migrations/); published versions are never updated or deleted.
 */
export class ParameterVersionRepository {
  constructor(private readonly ds: DataSource) {}

  /** The whole catalog in publication order (the resolver lets the later of two same-day versions win). */
  async all(): Promise<StoredParameterVersion[]> {
    const rows: VersionRow[] = await this.ds.query(`SELECT ${COLUMNS} FROM parameter_versions ORDER BY published_at, version_id`);
    return rows.map(toVersion);
  }

  /**
   * Publishes `v` unless the version in force for its key, scope and day is already exactly it
   * (same value): then that one is returned, so a retried or repeated publication does not become
   * a "correction" `…#2` of itself. Any other value for a day that has one is a correction and gets
   * its own id (`…#2`, `…#3`): being later it wins, and the original stays readable. Publications
   * of one key, scope and day take turns (advisory lock), so two at once cannot both pick an id.
   */
  async publish(m: EntityManager, v: ParameterVersion, by: string, at: Date): Promise<Publication> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('parameter_versions/' || $1 || '/' || $2 || '@' || $3, 0))`, [v.key, v.scope, v.validFrom]);
    const [latest]: Array<VersionRow & { same: boolean }> = await m.query(
      `SELECT ${COLUMNS}, value = $4::jsonb AS same FROM parameter_versions
        WHERE key = $1 AND scope = $2 AND valid_from = $3
        ORDER BY published_at DESC, version_id DESC LIMIT 1`,
      [v.key, v.scope, v.validFrom, JSON.stringify(v.value)],
    );
    if (latest?.same) return { version: toVersion(latest), created: false };
    let versionId = v.versionId;
    for (let n = 2; await this.exists(m, versionId); n++) {
      if (n > 100) throw new Conflict('PARAMETER.TOO_MANY_CORRECTIONS', 'Too many versions for one day.');
      versionId = `${v.versionId}#${n}`;
    }
    const [row]: VersionRow[] = await m.query(
      `INSERT INTO parameter_versions (version_id, key, scope, valid_from, value, unit, legal_source, note, published_by, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
      [versionId, v.key, v.scope, v.validFrom, JSON.stringify(v.value), v.unit, v.legalSource, v.note ?? null, by, at],
    );
    return { version: toVersion(row), created: true };
  }

  /**
   * Seeds the illustrative defaults of every parameter key that has no version at all: on first start
   * the whole catalog, and after an upgrade only the keys a new release introduced. A key the bureau
   * has published for some scopes only is left alone (no illustrative value slips in beside real
   * ones). A lock keeps two replicas from racing. `at` is the service's clock, like every publication.
   * `seeded`, when given, runs in the same transaction with the versions just written (e.g. to
   * announce them through the outbox): a restart seeds nothing and so announces nothing again, and
   * of two replicas racing only the one that seeds announces.
   */
  async seedMissing(defaults: readonly ParameterVersion[], at: Date, seeded?: (m: EntityManager, versions: readonly ParameterVersion[]) => Promise<void>): Promise<number> {
    return this.ds.transaction(async (m) => {
      await m.query(`LOCK TABLE parameter_versions IN EXCLUSIVE MODE`);
      const present: Array<{ key: string }> = await m.query(`SELECT DISTINCT key FROM parameter_versions`);
      const have = new Set(present.map((r) => r.key));
      const missing = defaults.filter((v) => !have.has(v.key));
      if (missing.length === 0) return 0;
      await m.query(
        `INSERT INTO parameter_versions (version_id, key, scope, valid_from, value, unit, legal_source, note, published_by, published_at)
         SELECT v.version_id, v.key, v.scope, v.valid_from, v.value, v.unit, v.legal_source, v.note, 'system:seed', $2::timestamptz
           FROM jsonb_to_recordset($1::jsonb) AS v(version_id text, key text, scope text, valid_from date, value jsonb, unit text, legal_source text, note text)`,
        [JSON.stringify(missing.map((d) => ({ version_id: d.versionId, key: d.key, scope: d.scope, valid_from: d.validFrom, value: d.value, unit: d.unit, legal_source: d.legalSource, note: d.note ?? null }))), at],
      );
      await seeded?.(m, missing);
      return missing.length;
    });
  }

  private async exists(m: EntityManager, versionId: string): Promise<boolean> {
    const r: unknown[] = await m.query(`SELECT 1 FROM parameter_versions WHERE version_id = $1`, [versionId]);
    return r.length > 0;
  }
}
