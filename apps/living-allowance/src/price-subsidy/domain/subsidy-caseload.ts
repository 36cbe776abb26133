import { Area } from '../../parameters/domain/parameter';
import { AssistanceCategory } from './labels';

/** A case on the rolls in the payment month, as the batch counts it (no names, no ID numbers). */
export interface CaseloadEntry {
  caseId: string;
  householdRef: string;
  category: AssistanceCategory;
  districtCode: string;
  area: Area;
  peopleCovered: number;
}

/** A paying dibao case on the rolls: a household case covers its members, a single-person inclusion (单人户) one person. */
export interface PayingDibaoCase {
  caseId: string;
  householdRef: string;
  districtCode: string;
  area: Area;
  coverage: 'household' | 'single_person';
  members: number;
}

/** An active low-income household, with how many of its members are already paid as single-person dibao cases. */
export interface RegisteredLowIncomeHousehold {
  caseId: string;
  householdRef: string;
  districtCode: string;
  area: Area;
  members: number;
  paidAsDibao: number;
}

/**
 * The live caseload a month's price subsidy is paid to: every paying dibao case, and every active
 * low-income household for the members not already paid as single-person dibao cases (read always,
 * paid only when `price-subsidy.triggers` covers them). A low-income household whose every member
 * is so paid has no one left to pay and is returned in `fullyCoveredLowIncome`.
 *
 * Special-hardship persons (特困人员) are covered by the mechanism but live in the special-hardship
 * service, which is not built yet: they are not in this caseload and are not invented here.
 */
export function subsidyCaseload(
  dibao: readonly PayingDibaoCase[],
  lowIncome: readonly RegisteredLowIncomeHousehold[],
): { entries: CaseloadEntry[]; fullyCoveredLowIncome: CaseloadEntry[] } {
  const entries: CaseloadEntry[] = dibao.map((c) => ({
    caseId: c.caseId,
    householdRef: c.householdRef,
    category: 'dibao',
    districtCode: c.districtCode,
    area: c.area,
    peopleCovered: c.coverage === 'household' ? c.members : 1,
  }));
  const fullyCoveredLowIncome: CaseloadEntry[] = [];
  for (const h of lowIncome) {
    const e: CaseloadEntry = {
      caseId: h.caseId,
      householdRef: h.householdRef,
      category: 'low_income',
      districtCode: h.districtCode,
      area: h.area,
      peopleCovered: h.members - h.paidAsDibao,
    };
    (e.peopleCovered > 0 ? entries : fullyCoveredLowIncome).push(e);
  }
  return { entries, fullyCoveredLowIncome };
}
