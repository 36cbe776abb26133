import { EntityManager } from 'typeorm';
import { LocalDate } from '@jiuzhu/common';

export interface LowIncomeEntry {
  householdRef: string;
  applicationId: string;
  districtCode: string;
  area: string;
  householdSize: number;
  perCapitaIncomeFen: number;
  registeredOn: LocalDate;
  active: boolean;
  removedOn: LocalDate | null;
  removalReason: string | null;
}

/** The low-income household database (低收入家庭数据库): one row per household, history kept in case_history. */
export class LowIncomeRepository {
  async register(m: EntityManager, e: Omit<LowIncomeEntry, 'active' | 'removedOn' | 'removalReason'>, by: string): Promise<void> {
    await m.query(
      `INSERT INTO low_income_households (household_ref, application_id, district_code, area, household_size, per_capita_income_fen, registered_on, registered_by, active)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,true)
       ON CONFLICT (household_ref) DO UPDATE SET application_id = EXCLUDED.application_id, district_code = EXCLUDED.district_code, area = EXCLUDED.area,
         household_size = EXCLUDED.household_size, per_capita_income_fen = EXCLUDED.per_capita_income_fen, registered_on = EXCLUDED.registered_on,
         registered_by = EXCLUDED.registered_by, active = true, removed_on = NULL, removal_reason = NULL, removed_by = NULL`,
      [e.householdRef, e.applicationId, e.districtCode, e.area, e.householdSize, e.perCapitaIncomeFen, e.registeredOn, by],
    );
  }

  /** Returns whether the household was registered (and is now removed). */
  async remove(m: EntityManager, householdRef: string, on: LocalDate, reason: string, by: string): Promise<boolean> {
    // TypeORM returns [rows, affected count] for an UPDATE.
    const [, affected]: [unknown[], number] = await m.query(
      `UPDATE low_income_households SET active = false, removed_on = $2, removal_reason = $3, removed_by = $4 WHERE household_ref = $1 AND active`,
      [householdRef, on, reason, by],
    );
    return affected > 0;
  }

  async list(m: EntityManager, f: { districtCode?: string; active: boolean; limit: number; offset: number }): Promise<LowIncomeEntry[]> {
    const rows = await m.query(
      `SELECT household_ref, application_id, district_code, area, household_size, per_capita_income_fen, to_char(registered_on, 'YYYY-MM-DD') AS registered_on,
              active, to_char(removed_on, 'YYYY-MM-DD') AS removed_on, removal_reason
         FROM low_income_households WHERE active = $1 AND ($2::text IS NULL OR district_code = $2)
        ORDER BY registered_on, household_ref LIMIT $3 OFFSET $4`,
      [f.active, f.districtCode ?? null, f.limit, f.offset],
    );
    return rows.map((r: Record<string, any>) => ({
      householdRef: r.household_ref,
      applicationId: r.application_id,
      districtCode: r.district_code,
      area: r.area,
      householdSize: r.household_size,
      perCapitaIncomeFen: Number(r.per_capita_income_fen),
      registeredOn: r.registered_on,
      active: r.active,
      removedOn: r.removed_on,
      removalReason: r.removal_reason,
    }));
  }
}
