import { EntityManager } from 'typeorm';
import { LocalDate } from '@jiuzhu/common';
import { LowIncomeHouseholdRecord } from './low-income-household.entity';

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
  /** Registers the household, or registers it again (a renewed registration replaces the earlier one). */
  async register(m: EntityManager, e: Omit<LowIncomeEntry, 'active' | 'removedOn' | 'removalReason'>, by: string): Promise<void> {
    await m.getRepository(LowIncomeHouseholdRecord).upsert({ ...e, registeredBy: by, active: true, removedOn: null, removalReason: null, removedBy: null }, ['householdRef']);
  }

  /** Returns whether the household was registered (and is now removed). */
  async remove(m: EntityManager, householdRef: string, on: LocalDate, reason: string, by: string): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(LowIncomeHouseholdRecord)
      .set({ active: false, removedOn: on, removalReason: reason, removedBy: by })
      .where('household_ref = :householdRef AND active', { householdRef })
      .returning(['householdRef'])
      .execute();
    return (r.raw as unknown[]).length > 0;
  }

  async list(m: EntityManager, f: { districtCode?: string; active: boolean; limit: number; offset: number }): Promise<LowIncomeEntry[]> {
    const rows = await m.getRepository(LowIncomeHouseholdRecord).find({
      where: { active: f.active, ...(f.districtCode !== undefined ? { districtCode: f.districtCode } : {}) },
      order: { registeredOn: 'ASC', householdRef: 'ASC' },
      take: f.limit,
      skip: f.offset,
    });
    return rows.map((r) => ({
      householdRef: r.householdRef,
      applicationId: r.applicationId,
      districtCode: r.districtCode,
      area: r.area,
      householdSize: r.householdSize,
      perCapitaIncomeFen: r.perCapitaIncomeFen,
      registeredOn: r.registeredOn,
      active: r.active,
      removedOn: r.removedOn,
      removalReason: r.removalReason,
    }));
  }
}
