import { isLocalDate, LocalDate, versionInForce } from '@jiuzhu/common';
import { Area, districtAreaScope, DistrictCode, GLOBAL_SCOPE, isArea, isDistrictCode, ParameterVersion, parameterRef } from './parameter';
import {
  ASSESSMENT_PARAMETER_KEYS,
  AssessmentParameterKey,
  AssetLimitsValue,
  DeductionRulesValue,
  GradualExitValue,
  IncomeExclusionsValue,
  LowIncomeBandValue,
  ParameterKey,
  ParameterValues,
  PARAMETER_SPECS,
  PaymentValue,
  ReviewIntervalValue,
  SinglePersonInclusionValue,
  TopUpsValue,
} from './parameter-keys';

/** Every number an assessment needs, as in force on one date for one district and area. */
export interface AssessmentParameters {
  districtCode: DistrictCode;
  area: Area;
  /** The date the parameters were resolved for. */
  on: LocalDate;
  /** Monthly dibao standard per person. */
  standardFen: number;
  incomeExclusions: IncomeExclusionsValue;
  deductions: DeductionRulesValue;
  assets: AssetLimitsValue;
  topUps: TopUpsValue;
  payment: PaymentValue;
  lowIncomeBand: LowIncomeBandValue;
  singlePersonInclusion: SinglePersonInclusionValue;
  gradualExit: GradualExitValue;
  reviewInterval: ReviewIntervalValue;
  /** `key` (or `key/scope`) → versionId of each version used, so a decision names its numbers. */
  versions: Record<string, string>;
}

export type ResolveParametersResult =
  | { ok: true; value: AssessmentParameters }
  | { ok: false; reason: 'unknown_district' | 'missing_parameter' | 'invalid_parameter'; key?: string };

/** The version in force on a date (libs/common: one rule for every service's catalog). */
export { versionInForce };

/**
 * Resolves the parameters of a dibao assessment. An unresolvable parameter is an expected outcome
 * (a district whose standard has not been published yet for that date), so it is returned, not
 * thrown; the caller shows it instead of deciding with a guessed number.
 */
export function resolveAssessmentParameters(
  catalog: readonly ParameterVersion[],
  district: string,
  area: Area,
  on: LocalDate,
): ResolveParametersResult {
  if (!isLocalDate(on)) throw new RangeError(`resolveAssessmentParameters: not a calendar date: ${JSON.stringify(on)}`);
  if (!isDistrictCode(district)) return { ok: false, reason: 'unknown_district' };
  if (!isArea(area)) return { ok: false, reason: 'missing_parameter', key: parameterRef('dibao.standard', `${district}/${String(area)}`) };

  const versions: Record<string, string> = {};
  const values: Partial<{ [K in AssessmentParameterKey]: ParameterValues[K] }> = {};
  // Only the assessment's own keys: the catalog also holds other mechanisms' parameters (price subsidy).
  for (const key of ASSESSMENT_PARAMETER_KEYS) {
    const spec = PARAMETER_SPECS[key];
    const scope = spec.scope === 'global' ? GLOBAL_SCOPE : districtAreaScope(district, area);
    const ref = parameterRef(key, scope);
    const found = versionInForce(catalog, key, scope, on);
    if (found === undefined) return { ok: false, reason: 'missing_parameter', key: ref };
    if (!spec.isValid(found.value)) return { ok: false, reason: 'invalid_parameter', key: ref };
    // A copy, so that nothing done with a decision's parameters can alter the catalog itself.
    (values as Record<string, unknown>)[key] = structuredClone(found.value);
    versions[ref] = found.versionId;
  }
  const v = values as { [K in AssessmentParameterKey]: ParameterValues[K] };
  return {
    ok: true,
    value: {
      districtCode: district,
      area,
      on,
      standardFen: v['dibao.standard'].monthlyFen,
      incomeExclusions: v['dibao.income.excluded-kinds'],
      deductions: v['dibao.deductions'],
      assets: v['dibao.assets'],
      topUps: v['dibao.top-ups'],
      payment: v['dibao.payment'],
      lowIncomeBand: v['low-income.band'],
      singlePersonInclusion: v['single-person.inclusion'],
      gradualExit: v['dibao.gradual-exit'],
      reviewInterval: v['dibao.review-interval'],
      versions,
    },
  };
}
