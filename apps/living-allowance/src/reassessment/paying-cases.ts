import { EntityManager } from 'typeorm';
import { PayingCase } from './domain/reassess-case';

export interface PayingCaseRow extends PayingCase {
  householdRef: string;
  districtCode: string;
  area: 'urban' | 'rural';
}

/** Paying dibao cases of a district and area, in id order after a cursor (the unit a run advances by). */
export async function payingCasesAfter(
  m: EntityManager,
  f: { districtCode: string; area: string; after: string | null; limit: number; lock: boolean },
): Promise<PayingCaseRow[]> {
  const rows: Array<Record<string, any>> = await m.query(
    `SELECT id, coverage, member_index, household_ref, district_code, area, household, monthly_benefit_fen, effective_month
       FROM applications
      WHERE status = 'approved' AND granted = 'dibao' AND district_code = $1 AND area = $2 AND ($3::uuid IS NULL OR id > $3)
      ORDER BY id LIMIT $4 ${f.lock ? 'FOR UPDATE' : ''}`,
    [f.districtCode, f.area, f.after, f.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    coverage: r.coverage,
    memberIndex: r.member_index,
    householdRef: r.household_ref,
    districtCode: r.district_code,
    area: r.area,
    household: r.household,
    monthlyBenefitFen: Number(r.monthly_benefit_fen),
    effectiveMonth: r.effective_month,
  }));
}
