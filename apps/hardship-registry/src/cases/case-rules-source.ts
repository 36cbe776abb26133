import { CHINA_CALENDAR_2025_2026, LocalDate } from '@jiuzhu/common';
import { HardshipParameterCatalog } from '../parameters/hardship-parameter-catalog';
import { CaseRules, caseRulesFrom } from './domain/case-rules';

/** The lifecycle's time limits and age limits in force on a day, counted on the published working-day calendar. */
export class CaseRulesSource {
  constructor(private readonly catalog: HardshipParameterCatalog) {}

  async on(day: LocalDate): Promise<CaseRules> {
    return caseRulesFrom(await this.catalog.inForceOn(day), CHINA_CALENDAR_2025_2026);
  }
}
