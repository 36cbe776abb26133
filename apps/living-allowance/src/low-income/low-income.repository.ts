import { EntityManager } from 'typeorm';
import { LocalDate } from '@jiuzhu/common';
import type { JurisdictionFilter } from '@jiuzhu/auth';
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

  /**
   * A page of the register within a jurisdiction. The register keeps the district; a household's
   * township is that of the case that registered it, so a township's page is read through that case.
   */
  async list(m: EntityManager, f: { districtCode?: string; active: boolean; limit: number; offset: number; within: JurisdictionFilter }): Promise<LowIncomeEntry[]> {
    const q = m.getRepository(LowIncomeHouseholdRecord).createQueryBuilder('l').where('l.active = :active', { active: f.active });
    if (f.districtCode !== undefined) q.andWhere('l.districtCode = :districtCode', { districtCode: f.districtCode });
    if (f.within.districtCode !== undefined) q.andWhere('l.districtCode = :withinDistrict', { withinDistrict: f.within.districtCode });
    if (f.within.townshipCode !== undefined) {
      q.andWhere('l.applicationId IN (SELECT id FROM applications WHERE township_code = :withinTownship)', { withinTownship: f.within.townshipCode });
    }
    const rows = await q.orderBy('l.registeredOn', 'ASC').addOrderBy('l.householdRef', 'ASC').take(f.limit).skip(f.offset).getMany();
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
