import { EntityManager } from 'typeorm';
import type { JurisdictionFilter } from '@jiuzhu/auth';
import type { CareSetting, SelfCareAbility } from '../persons/domain/vocabulary';
import type { BedEntry, CaseloadEntry } from './domain/reports';

/**
 * The rows the district reports are computed from, grouped in SQL (one row per district, tier and
 * setting; per district and bed kind), the jurisdiction in each WHERE: a district's officers count
 * their district, a township's their township, the city everything.
 */
export class DistrictReportsRepository {
  /** The supported persons (paid: supported, or supported while a termination is noticed) by district, tier and care setting. */
  async caseload(m: EntityManager, scope: JurisdictionFilter, districtCode: string | null): Promise<(CaseloadEntry & { districtCode: string })[]> {
    const rows: Array<{ district_code: string; self_care_ability: SelfCareAbility; care_setting: CareSetting; n: number }> = await m.query(
      `SELECT district_code, self_care_ability, care_setting, count(*)::int AS n
         FROM hardship_cases
        WHERE status IN ('supported', 'terminating')
          AND ($1::text IS NULL OR district_code = $1) AND ($2::text IS NULL OR township_code = $2)
          AND ($3::text IS NULL OR district_code = $3)
        GROUP BY district_code, self_care_ability, care_setting`,
      [scope.districtCode ?? null, scope.townshipCode ?? null, districtCode],
    );
    return rows.map((r) => ({ districtCode: r.district_code, selfCare: r.self_care_ability, careSetting: r.care_setting, count: r.n }));
  }

  /** The beds in service by the district of their institution and their kind. */
  async beds(m: EntityManager, scope: JurisdictionFilter, districtCode: string | null): Promise<(BedEntry & { districtCode: string })[]> {
    const rows: Array<{ district_code: string; kind: BedEntry['kind']; n: number }> = await m.query(
      `SELECT i.district_code, b.kind, count(*)::int AS n
         FROM care_beds b JOIN care_institutions i ON i.id = b.institution_id
        WHERE b.retired_on IS NULL
          AND ($1::text IS NULL OR i.district_code = $1) AND ($2::text IS NULL OR i.township_code = $2)
          AND ($3::text IS NULL OR i.district_code = $3)
        GROUP BY i.district_code, b.kind`,
      [scope.districtCode ?? null, scope.townshipCode ?? null, districtCode],
    );
    return rows.map((r) => ({ districtCode: r.district_code, kind: r.kind, count: r.n }));
  }
}
