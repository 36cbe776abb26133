import { isLocalDate, LocalDate } from '@jiuzhu/common';
import { GLOBAL_SCOPE, ParameterVersion } from '../../parameters/domain/parameter';
import { versionInForce } from '../../parameters/domain/resolve-parameters';
import { PRICE_SUBSIDY_PARAMETER_KEYS, PRICE_SUBSIDY_PARAMETER_SPECS, PriceSubsidyTriggersValue } from './price-subsidy-parameters';

// How the price-subsidy triggers resolve by date; kept apart from their shape (price-subsidy-parameters.ts)
// so that parameter-keys.ts can import the shape without an import cycle.

export type ResolvePriceSubsidyTriggersResult =
  | { ok: true; value: PriceSubsidyTriggersValue; versionId: string }
  | { ok: false; reason: 'missing_parameter' | 'invalid_parameter'; key: string };

/**
 * The triggers in force on `on` (latest `validFrom` not after `on`, as for every parameter). Missing
 * or malformed triggers are returned, not guessed: paying a subsidy on a default the bureau never
 * published would be worse than showing that it is missing.
 */
export function resolvePriceSubsidyTriggers(catalog: readonly ParameterVersion[], on: LocalDate): ResolvePriceSubsidyTriggersResult {
  if (!isLocalDate(on)) throw new RangeError(`resolvePriceSubsidyTriggers: not a calendar date: ${JSON.stringify(on)}`);
  const key = PRICE_SUBSIDY_PARAMETER_KEYS.triggers;
  const v = versionInForce(catalog, key, GLOBAL_SCOPE, on);
  if (v === undefined) return { ok: false, reason: 'missing_parameter', key };
  if (!PRICE_SUBSIDY_PARAMETER_SPECS[key].isValid(v.value)) return { ok: false, reason: 'invalid_parameter', key };
  return { ok: true, value: v.value, versionId: v.versionId };
}
