import { CHINA_CALENDAR_2025_2026, LocalDate, Unavailable } from '@jiuzhu/common';
import { ParameterCatalog } from '../parameters/parameter-catalog';
import { ProcessRules } from './domain/process';
import { ProcessParameters, resolveProcessParameters } from './domain/process-parameters';

export type ProcessRulesInForce = ProcessRules & { params: ProcessParameters };

/** The process time limits (and confirmation delegation) in force on a day, counted on the published working-day calendar. */
export class ProcessRulesSource {
  constructor(private readonly catalog: ParameterCatalog) {}

  async inForceOn(on: LocalDate): Promise<ProcessRulesInForce> {
    const r = resolveProcessParameters(await this.catalog.versions(), on);
    // Without published time limits no deadline can be shown; that is an operator's problem, not the caller's.
    if (!r.ok) throw new Unavailable('PARAMETERS.PROCESS_MISSING', `The process time limits do not resolve (${r.reason}: ${r.key}); publish them.`);
    return { limits: r.value.timeLimits, calendar: CHINA_CALENDAR_2025_2026, params: r.value };
  }
}
