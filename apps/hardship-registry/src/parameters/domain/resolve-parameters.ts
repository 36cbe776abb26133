import { GLOBAL_SCOPE, isLocalDate, LocalDate, ParameterVersion, versionInForce } from '@jiuzhu/common';
import {
  ALL_HARDSHIP_PARAMETER_KEYS,
  BasicLivingValue,
  CareAllowanceValue,
  HardshipParameterKey,
  HardshipParameterValues,
  HARDSHIP_PARAMETER_SPECS,
  IncomeExclusionsValue,
  MinorContinuationValue,
  NoWorkAbilityValue,
  PlanTargetsValue,
  PropertyLimitsValue,
  SelfCareAbilityLevelsValue,
  SelfCareActivitiesValue,
  SupporterIncapacityValue,
  TimeLimitsValue,
  VisitIntervalsValue,
} from './parameter-keys';

/** Every number of special-hardship support, as in force on one date. */
export interface HardshipParameters {
  /** The date the parameters were resolved for. */
  on: LocalDate;
  noWorkAbility: NoWorkAbilityValue;
  incomeExclusions: IncomeExclusionsValue;
  propertyLimits: PropertyLimitsValue;
  supporterIncapacity: SupporterIncapacityValue;
  selfCareActivities: SelfCareActivitiesValue;
  selfCareAbilityLevels: SelfCareAbilityLevelsValue;
  basicLiving: BasicLivingValue;
  careAllowance: CareAllowanceValue;
  timeLimits: TimeLimitsValue;
  minorContinuation: MinorContinuationValue;
  visitIntervals: VisitIntervalsValue;
  planTargets: PlanTargetsValue;
  /** key → versionId of each version used, so that every decision names its numbers. */
  versions: Readonly<Record<HardshipParameterKey, string>>;
}

export type ResolveHardshipParametersResult = { ok: true; value: HardshipParameters } | { ok: false; missing: HardshipParameterKey[]; invalid: HardshipParameterKey[] };

/**
 * The parameters in force on `on`. A parameter not yet published for that date, or published with
 * a malformed value, is an expected outcome and is returned with every such key named, so the
 * caller can show it instead of deciding with a guessed number.
 */
export function resolveHardshipParameters(catalog: readonly ParameterVersion[], on: LocalDate): ResolveHardshipParametersResult {
  if (!isLocalDate(on)) throw new RangeError(`resolveHardshipParameters: not a calendar date: ${JSON.stringify(on)}`);
  const missing: HardshipParameterKey[] = [];
  const invalid: HardshipParameterKey[] = [];
  const versions: Partial<Record<HardshipParameterKey, string>> = {};
  const values: Partial<Record<HardshipParameterKey, unknown>> = {};
  for (const key of ALL_HARDSHIP_PARAMETER_KEYS) {
    const found = versionInForce(catalog, key, GLOBAL_SCOPE, on);
    if (found === undefined) missing.push(key);
    else if (!HARDSHIP_PARAMETER_SPECS[key].isValid(found.value)) invalid.push(key);
    else {
      // A copy: nothing done with a decision's parameters may alter the catalog.
      values[key] = structuredClone(found.value);
      versions[key] = found.versionId;
    }
  }
  if (missing.length > 0 || invalid.length > 0) return { ok: false, missing, invalid };
  const v = values as HardshipParameterValues;
  return {
    ok: true,
    value: {
      on,
      noWorkAbility: v['hardship.no-work-ability'],
      incomeExclusions: v['hardship.income.excluded-kinds'],
      propertyLimits: v['hardship.property-limits'],
      supporterIncapacity: v['hardship.supporter-incapacity'],
      selfCareActivities: v['hardship.self-care.activities'],
      selfCareAbilityLevels: v['hardship.self-care.ability-levels'],
      basicLiving: v['hardship.basic-living'],
      careAllowance: v['hardship.care-allowance'],
      timeLimits: v['hardship.process.time-limits'],
      minorContinuation: v['hardship.minor-continuation'],
      visitIntervals: v['hardship.visit-intervals'],
      planTargets: v['hardship.plan-targets'],
      versions: versions as Record<HardshipParameterKey, string>,
    },
  };
}
