import { DataSource, EntityManager } from 'typeorm';
import { Area, LocalDate, Unavailable } from '@jiuzhu/common';
import { DibaoStandardRepository } from './dibao-standard.repository';
import { DibaoStandard, dibaoStandardInForce } from './domain/dibao-standard';

/** The dibao standard in force for a district and area on a day, from the local copy of living-allowance's. */
export class StandardsInForce {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: DibaoStandardRepository,
  ) {}

  async find(districtCode: string, area: Area, on: LocalDate, m: EntityManager = this.ds.manager): Promise<DibaoStandard | undefined> {
    return dibaoStandardInForce(await this.repo.of(m, districtCode, area), districtCode, area, on);
  }

  /**
   * The standard, or 503 naming what is missing: the conditions and the entitlement are measured
   * against it, and none is decided with a guessed number. It arrives from living-allowance when a
   * standard is published there (`standard.published`).
   */
  async on(districtCode: string, area: Area, on: LocalDate, m?: EntityManager): Promise<DibaoStandard> {
    const s = await this.find(districtCode, area, on, m);
    if (!s) {
      throw new Unavailable(
        'HARDSHIP.NO_DIBAO_STANDARD',
        `No dibao standard in force on ${on} for ${districtCode}/${area} has been received from living-allowance (standard.published); it is published there.`,
      );
    }
    return s;
  }
}
