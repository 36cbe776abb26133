import { Clock, DISTRICT_CODES, InvalidInput, isLocalDate, LocalDate } from '@jiuzhu/common';
import { ParameterCatalog } from '../parameters/parameter-catalog';
import { resolveAssessmentParameters } from '../parameters/domain/resolve-parameters';
import { assessHousehold } from './domain/assess-household';
import { Decision, DecisionView } from './domain/decision';
import { Household } from './domain/household';
import { renderDecision } from './domain/render-decision';

/** Resolves the parameters in force on the date and runs the pure assessment; nothing is saved. */
export class AssessHousehold {
  /** A trial assessment (试算) as the caseworker reads it: the decision with its rules and explanation in words. */
  async trial(household: Household, on?: LocalDate): Promise<DecisionView> {
    return renderDecision(await this.assess(household, on));
  }

  constructor(
    private readonly catalog: ParameterCatalog,
    private readonly clock: Clock,
  ) {}

  /**
   * The decision as data (its explanation recorded, not worded): what a case stores. Words come from
   * `renderDecision` where someone reads them.
   */
  async assess(household: Household, on?: LocalDate, fieldPrefix = 'household'): Promise<Decision> {
    const date = on ?? this.clock.today();
    if (!isLocalDate(date)) throw new InvalidInput([{ field: 'assessedOn', reason: 'must be a real calendar date YYYY-MM-DD' }]);
    const params = await this.catalog.resolve(household.districtCode, household.area, date);
    if (!params.ok) {
      const reason =
        params.reason === 'unknown_district'
          ? `unknown district: one of ${DISTRICT_CODES.join(', ')}`
          : `no ${params.key ?? 'parameter'} is in force on ${date}; publish one first`;
      throw new InvalidInput([{ field: params.reason === 'unknown_district' ? `${fieldPrefix}.districtCode` : 'assessedOn', reason, code: params.reason.toUpperCase() }]);
    }
    const result = assessHousehold(household, params.value, date);
    if (!result.ok) {
      throw new InvalidInput(
        result.errors.map((e) => ({ field: e.field ? `${fieldPrefix}.${e.field}` : fieldPrefix, reason: e.message.en, code: e.code })),
        'The household document is not consistent.',
      );
    }
    return result.decision;
  }

  /**
   * The decision on `on` with exactly the given parameter versions (a stored re-decision): the same
   * numbers give the same decision and explanation, whatever has been published since.
   */
  async assessPinned(household: Household, on: LocalDate, versionIds: Record<string, string>): Promise<Decision> {
    const pinned = new Set(Object.values(versionIds));
    const params = resolveAssessmentParameters((await this.catalog.versions()).filter((v) => pinned.has(v.versionId)), household.districtCode, household.area, on);
    if (!params.ok) throw new Error(`pinned parameters ${[...pinned].join(', ')} do not resolve on ${on}: ${params.reason} ${params.key ?? ''}`);
    const result = assessHousehold(household, params.value, on);
    if (!result.ok) throw new Error(`a stored household no longer assesses: ${result.errors.map((e) => e.code).join(', ')}`);
    return result.decision;
  }
}
