import { divideRoundHalfUp, LocalizedText } from '@jiuzhu/common';
import { PlanTargetsValue } from '../../parameters/domain/parameter-keys';
import { CARE_SETTINGS, CareSetting, percentText, SELF_CARE_ABILITIES, SelfCareAbility } from '../../persons/domain/vocabulary';

/**
 * The figures officers follow per district, as pure functions of the caseload and the beds (the
 * service selects the rows in SQL, jurisdiction applied). Rates are basis points rounded half up;
 * a rate of nothing (no one, no beds) is null, never 0 % or 100 %.
 *
 * Targets (parameter `hardship.plan-targets`, 石嘴山市2021–2025年公共服务规划 第六章): concentrated
 * care among those who cannot look after themselves ≥ 50 %; nursing-type beds 30 % in 2020 → 60 %
 * by 2025.
 */

/** One supported person as the reports count them. */
export interface CaseloadEntry {
  selfCare: SelfCareAbility;
  careSetting: CareSetting;
  /** How many persons the entry stands for (a row the SQL grouped); 1 when absent. */
  count?: number;
}

/** Beds of one kind: one bed, or `count` of them (a row the SQL grouped). */
export interface BedEntry {
  kind: BedKind;
  count?: number;
}

const countOf = (e: { count?: number }): number => e.count ?? 1;
const total = (entries: readonly { count?: number }[]): number => entries.reduce((n, e) => n + countOf(e), 0);

/** A bed of a care institution: nursing-type (护理型床位) or ordinary. */
export type BedKind = 'nursing' | 'ordinary';

/** n ÷ d in basis points, rounded half up; null when d is 0. */
export function rateBp(n: number, d: number): number | null {
  return d === 0 ? null : divideRoundHalfUp(n * 10000, d);
}

export interface RateAgainstTarget {
  numerator: number;
  denominator: number;
  rateBp: number | null;
  targetBp: number;
  /** null when there is nothing to measure. */
  meetsTarget: boolean | null;
  message: LocalizedText;
}

function againstTarget(numerator: number, denominator: number, targetBp: number, what: LocalizedText): RateAgainstTarget {
  const r = rateBp(numerator, denominator);
  // Compared exactly (n × 10000 ≥ target × d), not on the rounded rate: 49.995 % is not 50 %.
  const meetsTarget = denominator === 0 ? null : numerator * 10000 >= targetBp * denominator;
  const message =
    r === null
      ? { zh: `${what.zh}：无可统计对象。`, en: `${what.en}: nothing to measure.` }
      : {
          zh: `${what.zh} ${numerator}/${denominator} = ${percentText(r)}，目标不低于 ${percentText(targetBp)}，${meetsTarget ? '已达到' : '未达到'}。`,
          en: `${what.en} ${numerator}/${denominator} = ${percentText(r)}; target at least ${percentText(targetBp)}: ${meetsTarget ? 'met' : 'not met'}.`,
        };
  return { numerator, denominator, rateBp: r, targetBp, meetsTarget, message };
}

/**
 * 集中供养率 among those who partly or fully lost self-care: in an institution ÷ all of them
 * (institutions take them first, policy.md §3 "Care").
 */
export function concentratedCareRate(entries: readonly CaseloadEntry[], targets: Pick<PlanTargetsValue, 'concentratedCareMinBp'>): RateAgainstTarget {
  const cannotLookAfterThemselves = entries.filter((e) => e.selfCare !== 'full');
  const inInstitutions = total(cannotLookAfterThemselves.filter((e) => e.careSetting === 'institution'));
  return againstTarget(inInstitutions, total(cannotLookAfterThemselves), targets.concentratedCareMinBp, { zh: '生活不能自理特困人员集中供养率', en: 'Concentrated-care rate among those who cannot look after themselves' });
}

/** 护理型床位占比: nursing-type beds ÷ all beds of the institutions. */
export function nursingBedRatio(beds: readonly BedEntry[], targets: Pick<PlanTargetsValue, 'nursingBedRatioMinBp'>): RateAgainstTarget {
  const nursing = total(beds.filter((b) => b.kind === 'nursing'));
  return againstTarget(nursing, total(beds), targets.nursingBedRatioMinBp, { zh: '护理型床位占比', en: 'Nursing-type bed ratio' });
}

export interface Caseload {
  /** Persons by self-care tier and care setting. */
  counts: Record<SelfCareAbility, Record<CareSetting, number>>;
  byTier: Record<SelfCareAbility, number>;
  bySetting: Record<CareSetting, number>;
  total: number;
}

/** The caseload by tier and setting, every cell present (0 when empty). */
export function caseloadByTierAndSetting(entries: readonly CaseloadEntry[]): Caseload {
  const zeroSettings = () => Object.fromEntries(CARE_SETTINGS.map((s) => [s, 0])) as Record<CareSetting, number>;
  const counts = Object.fromEntries(SELF_CARE_ABILITIES.map((t) => [t, zeroSettings()])) as Record<SelfCareAbility, Record<CareSetting, number>>;
  const byTier = Object.fromEntries(SELF_CARE_ABILITIES.map((t) => [t, 0])) as Record<SelfCareAbility, number>;
  const bySetting = zeroSettings();
  for (const e of entries) {
    const n = countOf(e);
    counts[e.selfCare][e.careSetting] += n;
    byTier[e.selfCare] += n;
    bySetting[e.careSetting] += n;
  }
  return { counts, byTier, bySetting, total: total(entries) };
}

export interface DistrictReport {
  districtCode: string;
  caseload: Caseload;
  concentratedCare: RateAgainstTarget;
  nursingBeds: RateAgainstTarget;
}

/** The three figures for each district that has a person or a bed, in district-code order. */
export function districtReports(
  persons: readonly (CaseloadEntry & { districtCode: string })[],
  beds: readonly (BedEntry & { districtCode: string })[],
  targets: PlanTargetsValue,
): DistrictReport[] {
  const districts = [...new Set([...persons.map((p) => p.districtCode), ...beds.map((b) => b.districtCode)])].sort();
  return districts.map((districtCode) => {
    const here = persons.filter((p) => p.districtCode === districtCode);
    return {
      districtCode,
      caseload: caseloadByTierAndSetting(here),
      concentratedCare: concentratedCareRate(here, targets),
      nursingBeds: nursingBedRatio(
        beds.filter((b) => b.districtCode === districtCode),
        targets,
      ),
    };
  });
}
