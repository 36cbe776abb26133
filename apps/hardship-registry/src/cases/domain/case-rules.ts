import { WorkingDayCalendar } from '@jiuzhu/common';
import { TimeLimitsValue } from '../../parameters/domain/parameter-keys';
import { HardshipParameters } from '../../parameters/domain/resolve-parameters';

/** The numbers the lifecycle reads, and the holiday calendar its working days are counted on. */
export interface CaseRules {
  limits: TimeLimitsValue;
  /** Under this age (parameter `hardship.no-work-ability`) a person is a minor: never posted, reviewed on reaching it. */
  minorBelowAge: number;
  /** Months between re-checks of a former minor supported while in school. */
  inSchoolRecheckMonths: number;
  calendar: WorkingDayCalendar;
  /** The parameter versions the deadlines were counted with. */
  versions: Record<string, string>;
}

export function caseRulesFrom(params: Pick<HardshipParameters, 'timeLimits' | 'noWorkAbility' | 'minorContinuation' | 'versions'>, calendar: WorkingDayCalendar): CaseRules {
  return {
    limits: params.timeLimits,
    minorBelowAge: params.noWorkAbility.minorBelowAge,
    inSchoolRecheckMonths: params.minorContinuation.inSchoolRecheckMonths,
    calendar,
    versions: {
      'hardship.process.time-limits': params.versions['hardship.process.time-limits'],
      'hardship.no-work-ability': params.versions['hardship.no-work-ability'],
      'hardship.minor-continuation': params.versions['hardship.minor-continuation'],
    },
  };
}
