import { hasOnlyKeys, isLocalDate, isPlainObject, isWholeNumber, LocalDate } from '@jiuzhu/common';
import { GLOBAL_SCOPE, ParameterVersion, versionIdOf } from '../../parameters/domain/parameter';

/**
 * The time limits and the delegation rule of the dibao process (民发〔2021〕57号, 审核确认), in the
 * shape of parameter-keys.ts so the catalog carries them and POST /parameters validates them. Like
 * the price-subsidy parameters, this file imports nothing from parameter-keys.ts (which spreads
 * PROCESS_PARAMETER_SPECS in), keeping the import graph acyclic.
 */

export const PROCESS_PARAMETER_KEYS = {
  timeLimits: 'dibao.process.time-limits',
  delegation: 'dibao.process.confirmation-delegation',
} as const;

/**
 * `dibao.process.time-limits`. Working days are counted on the published holiday calendar from the
 * day after the event (自次日起算); the notice runs in calendar days.
 */
export interface ProcessTimeLimitsValue {
  /** Township economic check and opinion, from submission (illustrative: the 30-day whole leaves ~15 for it). */
  townshipCheckWorkingDays: number;
  /** Re-check after an objection to the notice, from the day the objection was received (illustrative). */
  recheckWorkingDays: number;
  /** 公示期 7 天. */
  noticeCalendarDays: number;
  /** County confirmation within 10 working days after the notice ends  */
  confirmationWorkingDays: number;
  /** Whole process (原则上不超过30个工作日). */
  wholeProcessWorkingDays: number;
  /** Extension for special circumstances, with a reason (最长延长15个工作日). */
  extensionWorkingDays: number;
  /** Written refusal notice with reasons (3个工作日内书面告知). */
  refusalNoticeWorkingDays: number;
}

/**
 * `dibao.process.confirmation-delegation` — districts whose county civil-affairs bureau has delegated
 * confirmation to the townships (县级民政部门可以委托乡镇人民政府（街道办事处）确认). In those
 * districts a township approver confirms instead of the county; four-eyes still holds.
 */
export interface ConfirmationDelegationValue {
  delegatedDistricts: string[];
}

export interface ProcessParameterValues {
  'dibao.process.time-limits': ProcessTimeLimitsValue;
  'dibao.process.confirmation-delegation': ConfirmationDelegationValue;
}
export type ProcessParameterKey = keyof ProcessParameterValues;

// A time limit is a number of days within a year; anything longer is a typing error.
const isObj = isPlainObject;
const isPosInt = (v: unknown): v is number => isWholeNumber(v, 1, 365);
const isNonNegInt = (v: unknown): v is number => isWholeNumber(v, 0, 365);

export const PROCESS_PARAMETER_SPECS: {
  [K in ProcessParameterKey]: { scope: 'global'; unit: string; isValid(value: unknown): value is ProcessParameterValues[K] };
} = {
  'dibao.process.time-limits': {
    scope: 'global',
    unit: 'working days / calendar days',
    isValid: (v): v is ProcessTimeLimitsValue =>
      // Exactly these fields: a stray key is refused at publication (libs/common value-shapes).
      hasOnlyKeys(v, ['townshipCheckWorkingDays', 'recheckWorkingDays', 'noticeCalendarDays', 'confirmationWorkingDays', 'wholeProcessWorkingDays', 'extensionWorkingDays', 'refusalNoticeWorkingDays']) &&
      isObj(v) &&
      isPosInt(v.townshipCheckWorkingDays) &&
      isPosInt(v.recheckWorkingDays) &&
      isPosInt(v.noticeCalendarDays) &&
      isPosInt(v.confirmationWorkingDays) &&
      isPosInt(v.wholeProcessWorkingDays) &&
      isNonNegInt(v.extensionWorkingDays) &&
      isPosInt(v.refusalNoticeWorkingDays),
  },
  'dibao.process.confirmation-delegation': {
    scope: 'global',
    unit: 'district codes',
    isValid: (v): v is ConfirmationDelegationValue =>
      hasOnlyKeys(v, ['delegatedDistricts']) && isObj(v) && Array.isArray(v.delegatedDistricts) && v.delegatedDistricts.every((d) => typeof d === 'string' && /^\d{6}$/.test(d)),
  },
};

export interface ProcessParameters {
  timeLimits: ProcessTimeLimitsValue;
  delegatedDistricts: ReadonlySet<string>;
  /** versionId of each version used, recorded with every deadline shown. */
  versions: Record<string, string>;
}

export type ResolveProcessParametersResult = { ok: true; value: ProcessParameters } | { ok: false; reason: 'missing_parameter' | 'invalid_parameter'; key: string };

/** The latest version of each process parameter not after `on` (later catalog entry wins on the same date). */
export function resolveProcessParameters(catalog: readonly ParameterVersion[], on: LocalDate): ResolveProcessParametersResult {
  if (!isLocalDate(on)) throw new RangeError(`resolveProcessParameters: not a calendar date: ${JSON.stringify(on)}`);
  const found: Partial<Record<ProcessParameterKey, ParameterVersion>> = {};
  for (const v of catalog) {
    if (v.scope !== GLOBAL_SCOPE || !(v.key in PROCESS_PARAMETER_SPECS) || !isLocalDate(v.validFrom) || v.validFrom > on) continue;
    const k = v.key as ProcessParameterKey;
    if (!found[k] || v.validFrom >= found[k]!.validFrom) found[k] = v;
  }
  for (const key of Object.keys(PROCESS_PARAMETER_SPECS) as ProcessParameterKey[]) {
    const v = found[key];
    if (!v) return { ok: false, reason: 'missing_parameter', key };
    if (!PROCESS_PARAMETER_SPECS[key].isValid(v.value)) return { ok: false, reason: 'invalid_parameter', key };
  }
  const limits = found['dibao.process.time-limits']!;
  const delegation = found['dibao.process.confirmation-delegation']!;
  return {
    ok: true,
    value: {
      timeLimits: { ...(limits.value as ProcessTimeLimitsValue) },
      delegatedDistricts: new Set((delegation.value as ConfirmationDelegationValue).delegatedDistricts),
      versions: { [limits.key]: limits.versionId, [delegation.key]: delegation.versionId },
    },
  };
}

const SEED_DATE: LocalDate = '2025-01-01';
export const MEASURES_2021 = '民发〔2021〕57号《最低生活保障审核确认办法》';

export const DEFAULT_PROCESS_TIME_LIMITS: ProcessTimeLimitsValue = {
  townshipCheckWorkingDays: 15,
  recheckWorkingDays: 5,
  noticeCalendarDays: 7,
  confirmationWorkingDays: 10,
  wholeProcessWorkingDays: 30,
  extensionWorkingDays: 15,
  refusalNoticeWorkingDays: 3,
};

export const DEFAULT_PROCESS_PARAMETERS: ParameterVersion[] = [
  {
    key: PROCESS_PARAMETER_KEYS.timeLimits,
    scope: GLOBAL_SCOPE,
    versionId: versionIdOf(PROCESS_PARAMETER_KEYS.timeLimits, GLOBAL_SCOPE, SEED_DATE),
    validFrom: SEED_DATE,
    value: DEFAULT_PROCESS_TIME_LIMITS,
    unit: PROCESS_PARAMETER_SPECS['dibao.process.time-limits'].unit,
    legalSource:
      `${MEASURES_2021}：公示期7天；公示结束后10个工作日内确认；不予批准的3个工作日内书面告知；` +
      '全过程原则上不超过30个工作日，特殊情况可延长至45个工作日）；乡镇核查15个工作日、异议复查5个工作日为示例默认值 ' +
      '(township check 15 and re-check 5 working days are illustrative defaults)',
  },
  {
    key: PROCESS_PARAMETER_KEYS.delegation,
    scope: GLOBAL_SCOPE,
    versionId: versionIdOf(PROCESS_PARAMETER_KEYS.delegation, GLOBAL_SCOPE, SEED_DATE),
    validFrom: SEED_DATE,
    value: { delegatedDistricts: [] } satisfies ConfirmationDelegationValue,
    unit: PROCESS_PARAMETER_SPECS['dibao.process.confirmation-delegation'].unit,
    legalSource: `${MEASURES_2021} （县级民政部门可委托乡镇人民政府、街道办事处确认）；默认不委托 (no delegation by default)`,
  },
];
