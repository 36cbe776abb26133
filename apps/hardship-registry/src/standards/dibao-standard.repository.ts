import { EntityManager, In, IsNull } from 'typeorm';
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
   * The districts and areas with standards kept but not yet worked through: for each, the standard
   * the entitlements are to stand on (the latest `validFrom`, of one day the one received last: a
   * correction) and the versions waiting, which `markRecomputed` then closes.
   */
  async awaitingRecomputation(m: EntityManager): Promise<{ latest: DibaoStandard; waiting: string[] }[]> {
    const waiting = await m.getRepository(DibaoStandardRecord).find({ where: { recomputedAt: IsNull() }, select: { versionId: true, districtCode: true, area: true } });
    const out: { latest: DibaoStandard; waiting: string[] }[] = [];
    for (const key of new Set(waiting.map((w) => `${w.districtCode}/${w.area}`))) {
      const [districtCode, area] = key.split('/') as [string, Area];
      const latest = await m.getRepository(DibaoStandardRecord).findOneOrFail({ where: { districtCode, area }, order: { validFrom: 'DESC', received: 'DESC' } });
      out.push({ latest: toStandard(latest), waiting: waiting.filter((w) => w.districtCode === districtCode && w.area === area).map((w) => w.versionId) });
    }
    return out;
  }

  /** The versions whose district and area now stand all on their latest standard. */
  async markRecomputed(m: EntityManager, versionIds: readonly string[], at: Date): Promise<void> {
    await m.getRepository(DibaoStandardRecord).update({ versionId: In([...versionIds]), recomputedAt: IsNull() }, { recomputedAt: at });
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
