import { Area, compareLocalDate, isLocalDate, LocalDate } from '@jiuzhu/common';

/**
 * A dibao standard (低保标准, monthly per person) as living-allowance published it
 * (`living-allowance.standard.published`), kept here as a local copy: both the income test of "no
 * means of living" and the basic living standard are measured against it (policy.md §3), and this
 * service never reads living-allowance's tables. The version id travels into every decision made
 * on it, so a decision names the standard it used.
 */
export interface DibaoStandard {
  districtCode: string;
  area: Area;
  monthlyFen: number;
  validFrom: LocalDate;
  versionId: string;
  legalSource: string;
}

/** The key under which decisions record the version of the dibao standard they were measured against. */
export const DIBAO_STANDARD_REF = 'dibao.standard';

/**
 * The standard in force on `on` for a district and area: the latest `validFrom` not after `on`;
 * on the same `validFrom`, the later in the list (a corrected re-publication). `undefined` when
 * none has been received yet — the caller shows that instead of deciding with a guessed number.
 */
export function dibaoStandardInForce(standards: readonly DibaoStandard[], districtCode: string, area: Area, on: LocalDate): DibaoStandard | undefined {
  if (!isLocalDate(on)) throw new RangeError(`dibaoStandardInForce: not a calendar date: ${JSON.stringify(on)}`);
  let best: DibaoStandard | undefined;
  for (const s of standards) {
    if (s.districtCode !== districtCode || s.area !== area || !isLocalDate(s.validFrom) || compareLocalDate(s.validFrom, on) > 0) continue;
    if (best === undefined || compareLocalDate(s.validFrom, best.validFrom) >= 0) best = s;
  }
  return best;
}
