/**
 * What a service says about each of its parameter keys; the rest (storage, resolution by date,
 * publication, the API) is this library's.
 */
export interface ParameterSpec {
  /** Set once for the city (`global`, the default) or per district and urban/rural area. */
  scope?: 'global' | 'district-area';
  unit: string;
  /** Whether a value has exactly the key's shape (libs/common value-shapes: no stray keys, amounts in bounds). */
  isValid(value: unknown): boolean;
  /**
   * `allowed`: a version may take effect before the day it is published (a dibao standard: local
   * governments often announce it after its date, and the reassessment it opens settles the months
   * already paid). Otherwise a back-dated number would silently change the basis of decisions
   * already made, so it is refused.
   */
  backDating?: 'allowed';
}

export type ParameterSpecs = Readonly<Record<string, ParameterSpec>>;

/** The first day of a catalog: the earliest `validFrom` of its seeded defaults (no version may be dated before it). */
export function catalogStart(defaults: readonly { validFrom: string }[]): string {
  if (defaults.length === 0) throw new RangeError('catalogStart: a catalog needs at least one seeded version');
  return defaults.map((v) => v.validFrom).reduce((a, b) => (b < a ? b : a));
}
