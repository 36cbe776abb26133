import { EntityManager, IsNull, QueryFailedError } from 'typeorm';
import { Conflict, LocalDate } from '@jiuzhu/common';
import type { JurisdictionFilter } from '@jiuzhu/auth';
import type { CareSetting } from '../persons/domain/vocabulary';
import type { BedKind } from '../reports/domain/reports';
import { CareSettingPeriodRecord } from './care-institution.entity';
import type { MoveReason } from './domain/care-institutions';

export type PeriodReason = 'registered' | MoveReason;
export type PeriodEnd = MoveReason | 'terminated';

export interface NewPeriod {
  caseId: string;
  careSetting: CareSetting;
  institutionId: string | null;
  bedId: string | null;
  fromOn: LocalDate;
  reason: PeriodReason;
  by: string;
  at: string;
}

/** A line of a supported person's care-setting history, as its reader sees it. */
export interface CareSettingPeriod {
  careSetting: CareSetting;
  institution: { id: string; name: string; districtCode: string; townshipCode: string | null } | null;
  bed: { id: string; code: string; kind: BedKind } | null;
  fromOn: LocalDate;
  untilOn: LocalDate | null;
  reason: PeriodReason;
  setBy: string;
  setAt: string;
  endReason: PeriodEnd | null;
  endedBy: string | null;
  endedAt: string | null;
}

const ONE_PERSON_PER_BED = 'care_setting_periods_one_person_per_bed';

/**
 * Every statement on `care_setting_periods`: where each supported person is cared for, from which
 * day until which. The open period of a bed is its occupant (the unique index keeps it to one), so
 * ending a period is what frees a bed.
 */
export class CareSettingHistoryRepository {
  /** Ends the case's open period (if any) on `untilOn`: its bed, if it had one, is free from then. */
  async endCurrent(m: EntityManager, caseId: string, untilOn: LocalDate, endReason: PeriodEnd, by: string, at: string): Promise<void> {
    await m.getRepository(CareSettingPeriodRecord).update({ caseId, untilOn: IsNull() }, { untilOn, endReason, endedBy: by, endedAt: new Date(at) });
  }

  /**
   * Opens the case's new period. A bed someone else took in the meantime is a 409 — the use case
   * checked under the bed's lock; the index is the last word should anything bypass that.
   */
  async begin(m: EntityManager, p: NewPeriod): Promise<void> {
    try {
      await m.getRepository(CareSettingPeriodRecord).insert({
        caseId: p.caseId,
        careSetting: p.careSetting,
        institutionId: p.institutionId,
        bedId: p.bedId,
        fromOn: p.fromOn,
        untilOn: null,
        reason: p.reason,
        setBy: p.by,
        setAt: new Date(p.at),
        endReason: null,
        endedBy: null,
        endedAt: null,
      });
    } catch (e) {
      if (e instanceof QueryFailedError && (e.driverError as { constraint?: string } | undefined)?.constraint === ONE_PERSON_PER_BED) {
        throw new Conflict('HARDSHIP.BED_OCCUPIED', 'The bed is already occupied by another person.', [{ field: 'placement.bedId', reason: 'is occupied by another person' }]);
      }
      throw e;
    }
  }

  /** The care-setting history of a case within the jurisdiction, oldest first (none for a case outside it). */
  async ofCase(m: EntityManager, caseId: string, scope: JurisdictionFilter): Promise<CareSettingPeriod[]> {
    const rows: Array<Record<string, string | null>> = await m.query(
      `SELECT p.care_setting, p.institution_id, i.name AS institution_name, i.district_code AS institution_district, i.township_code AS institution_township,
              p.bed_id, b.code AS bed_code, b.kind AS bed_kind, p.from_on::text, p.until_on::text, p.reason, p.set_by, p.set_at, p.end_reason, p.ended_by, p.ended_at
         FROM care_setting_periods p
         JOIN hardship_cases c ON c.id = p.case_id
         LEFT JOIN care_institutions i ON i.id = p.institution_id
         LEFT JOIN care_beds b ON b.id = p.bed_id
        WHERE p.case_id = $1 AND ($2::text IS NULL OR c.district_code = $2) AND ($3::text IS NULL OR c.township_code = $3)
        ORDER BY p.id`,
      [caseId, scope.districtCode ?? null, scope.townshipCode ?? null],
    );
    const iso = (x: unknown) => (x === null ? null : new Date(x as string).toISOString());
    return rows.map((r) => ({
      careSetting: r.care_setting as CareSetting,
      institution: r.institution_id ? { id: r.institution_id, name: r.institution_name!, districtCode: r.institution_district!, townshipCode: r.institution_township } : null,
      bed: r.bed_id ? { id: r.bed_id, code: r.bed_code!, kind: r.bed_kind as BedKind } : null,
      fromOn: r.from_on!,
      untilOn: r.until_on,
      reason: r.reason as PeriodReason,
      setBy: r.set_by!,
      setAt: iso(r.set_at)!,
      endReason: r.end_reason as PeriodEnd | null,
      endedBy: r.ended_by,
      endedAt: iso(r.ended_at),
    }));
  }
}
