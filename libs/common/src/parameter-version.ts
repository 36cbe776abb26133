import { compareLocalDate, isLocalDate, LocalDate } from './local-date';

/**
 * One published value of a rule, in every service (rules as data): never a constant in code. A
 * change is a new version with a later `validFrom`; old versions stay, so a past decision can be
 * re-explained with the numbers in force on its date.
 */
export interface ParameterVersion<V = unknown> {
  /** What the number means, e.g. `dibao.standard` or `elder.level-cut-offs`. */
  key: string;
  /** '' for a city-wide value; e.g. `<districtCode>/<area>` for a value set per district and area. */
  scope: string;
  /** Stable id of this publication, e.g. `dibao.standard/640202/urban@2025-01-01`. */
  versionId: string;
  /** First calendar day (Asia/Shanghai) on which the version applies. */
  validFrom: LocalDate;
  value: V;
  unit: string;
  /** The document that sets the number, or a plain statement that it is an illustrative default. */
  legalSource: string;
  note?: string;
}

/** '' — the scope of a value set once for the whole city. */
export const GLOBAL_SCOPE = '';

/**
 * The version of `key`/`scope` in force on `on`: the latest `validFrom` not after `on`. When two
 * versions share a `validFrom`, the later one in the catalog (publication order) wins — a corrected
 * re-publication replaces the original without back-dating anything.
 */
export function versionInForce<V = unknown>(catalog: readonly ParameterVersion<V>[], key: string, scope: string, on: LocalDate): ParameterVersion<V> | undefined {
  let best: ParameterVersion<V> | undefined;
  for (const v of catalog) {
    if (v.key !== key || v.scope !== scope || !isLocalDate(v.validFrom)) continue;
    if (compareLocalDate(v.validFrom, on) > 0) continue;
    if (best === undefined || compareLocalDate(v.validFrom, best.validFrom) >= 0) best = v;
  }
  return best;
}

/** `key` for a city-wide value, `key/scope` otherwise — how a decision names the versions it used. */
export function parameterRef(key: string, scope: string): string {
  return scope === GLOBAL_SCOPE ? key : `${key}/${scope}`;
}

/** `dibao.standard/640202/urban@2025-01-01`, `elder.minimum-age@2025-01-01`. */
export function versionIdOf(key: string, scope: string, validFrom: LocalDate): string {
  return `${parameterRef(key, scope)}@${validFrom}`;
}

/** The scope of a value set per district and area: `640202/urban`. */
export function districtAreaScope(districtCode: string, area: string): string {
  return `${districtCode}/${area}`;
}
