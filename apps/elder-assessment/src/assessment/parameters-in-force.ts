import { AppError, InvalidInput, isLocalDate, LocalDate } from '@jiuzhu/common';
import { ParameterCatalog } from '../parameters/parameter-catalog';
import { ElderAssessmentParameters } from './domain/assessment-parameters';

/** The assessment parameters in force on an assessment date; a date with none is the caller's to correct. */
export class ParametersInForce {
  constructor(private readonly catalog: ParameterCatalog) {}

  async on(date: LocalDate): Promise<ElderAssessmentParameters> {
    if (!isLocalDate(date)) throw new InvalidInput([{ field: 'assessedOn', reason: 'must be a real calendar date YYYY-MM-DD' }]);
    const r = await this.catalog.resolve(date);
    if (r.ok) return r.value;
    // A malformed published value is an operator's problem, not the caller's.
    if (r.invalid.length > 0) throw new AppError('unavailable', 'PARAMETERS.INVALID', `Published assessment parameters are malformed (${r.invalid.join(', ')}); publish corrected versions.`);
    throw new InvalidInput([{ field: 'assessedOn', reason: `no assessment parameters were in force on ${date} (${r.missing.join(', ')})`, code: 'ASSESSMENT.NO_PARAMETERS_IN_FORCE' }]);
  }
}
