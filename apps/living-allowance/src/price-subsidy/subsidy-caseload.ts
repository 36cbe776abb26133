import { EntityManager } from 'typeorm';
import { Area } from '../parameters/domain/parameter';
import { AssistanceCategory } from './domain/labels';

/** A case on the rolls in the payment month, as the batch reads it (no names, no ID numbers). */
export interface CaseloadEntry {
  caseId: string;
  householdRef: string;
  category: AssistanceCategory;
  districtCode: string;
  area: Area;
  peopleCovered: number;
}

/**
 * The live caseload a month's price subsidy is paid to:
 *
 * - dibao: every paying case (`approved`, granted `dibao`) whose first paid month is not after the
 *   payment month; a household case covers its whole household, a single-person inclusion (单人户)
 *   one person;
 * - low income: every active household of the low-income database (read always, paid only when
 *   `price-subsidy.triggers` covers them). A member already paid as a single-person dibao case is
 *   not counted again in the household's people; a household whose every member is so paid has no
 *   one left to pay and is returned in `fullyCoveredLowIncome`.
 *
 * Special-hardship persons (特困人员) are covered by the mechanism but live in the special-hardship
 * service, which is not built yet: they are not in this caseload and are not invented here.
 */
export async function subsidyCaseload(m: EntityManager, month: string): Promise<{ entries: CaseloadEntry[]; fullyCoveredLowIncome: CaseloadEntry[] }> {
  const dibao: Record<string, any>[] = await m.query(
    `SELECT id, household_ref, district_code, area, coverage, jsonb_array_length(household -> 'members') AS size
       FROM applications
      WHERE status = 'approved' AND granted = 'dibao' AND effective_month <= $1
      ORDER BY id`,
    [month],
  );
  const lowIncome: Record<string, any>[] = await m.query(
    `SELECT l.application_id, l.household_ref, l.district_code, l.area, l.household_size,
            (SELECT count(*)::int FROM applications a
              WHERE a.household_ref = l.household_ref AND a.coverage = 'single_person' AND a.status = 'approved' AND a.granted = 'dibao'
                AND a.effective_month <= $1) AS paid_as_dibao
       FROM low_income_households l
      WHERE l.active
      ORDER BY l.application_id`,
    [month],
  );
  const entries: CaseloadEntry[] = dibao.map((r) => ({
    caseId: r.id,
    householdRef: r.household_ref,
    category: 'dibao',
    districtCode: r.district_code,
    area: r.area,
    peopleCovered: r.coverage === 'household' ? Number(r.size) : 1,
  }));
  const fullyCoveredLowIncome: CaseloadEntry[] = [];
  for (const r of lowIncome) {
    const e: CaseloadEntry = {
      caseId: r.application_id,
      householdRef: r.household_ref,
      category: 'low_income',
      districtCode: r.district_code,
      area: r.area,
      peopleCovered: r.household_size - r.paid_as_dibao,
    };
    (e.peopleCovered > 0 ? entries : fullyCoveredLowIncome).push(e);
  }
  return { entries, fullyCoveredLowIncome };
}
