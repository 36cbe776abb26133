import { LocalDate } from './local-date';

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
