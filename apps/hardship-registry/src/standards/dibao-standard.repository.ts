import { EntityManager } from 'typeorm';
import type { Area } from '@jiuzhu/common';
import { DibaoStandard } from './domain/dibao-standard';
import { DibaoStandardRecord } from './dibao-standard.entity';

/** The local copy of the dibao standards living-allowance published: every statement on `dibao_standards`. */
export class DibaoStandardRepository {
  /**
   * Keeps a standard as received; false when that very version was already kept (a redelivery, or
   * the same version announced again), so the caller changes nothing else either.
   */
  async keep(m: EntityManager, s: DibaoStandard, at: Date): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .insert()
      .into(DibaoStandardRecord)
      .values({ versionId: s.versionId, districtCode: s.districtCode, area: s.area, monthlyFen: s.monthlyFen, validFrom: s.validFrom, legalSource: s.legalSource, receivedAt: at })
      .orIgnore()
      .returning(['versionId'])
      .execute();
    return (r.raw as unknown[]).length > 0;
  }

  /** The standards of a district and area in the order received (the domain picks the one in force: dibaoStandardInForce). */
  async of(m: EntityManager, districtCode: string, area: Area): Promise<DibaoStandard[]> {
    const rows = await m.getRepository(DibaoStandardRecord).find({ where: { districtCode, area }, order: { received: 'ASC' } });
    return rows.map(toStandard);
  }

  /**
   * Of each district and area, the standard the entitlements stand on: the latest `validFrom`, and of
   * one day the one received last (a correction).
   */
  async latestOfEach(m: EntityManager): Promise<DibaoStandard[]> {
    const rows = await m
      .getRepository(DibaoStandardRecord)
      .createQueryBuilder('s')
      .distinctOn(['s.districtCode', 's.area'])
      .orderBy('s.districtCode', 'ASC')
      .addOrderBy('s.area', 'ASC')
      .addOrderBy('s.validFrom', 'DESC')
      .addOrderBy('s.received', 'DESC')
      .getMany();
    return rows.map(toStandard);
  }

  /** Every standard received, by district, area and date. */
  async all(m: EntityManager): Promise<DibaoStandard[]> {
    const rows = await m.getRepository(DibaoStandardRecord).find({ order: { districtCode: 'ASC', area: 'ASC', validFrom: 'ASC', received: 'ASC' } });
    return rows.map(toStandard);
  }
}

function toStandard(r: DibaoStandardRecord): DibaoStandard {
  return { districtCode: r.districtCode, area: r.area, monthlyFen: r.monthlyFen, validFrom: r.validFrom, versionId: r.versionId, legalSource: r.legalSource };
}
