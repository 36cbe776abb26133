import { ageOn, compareLocalDate, isLocalDate, LocalDate, LocalizedText } from '@jiuzhu/common';
import { HARDSHIP_PARAMETER_KEYS as K } from '../../parameters/domain/parameter-keys';
import { HardshipParameters } from '../../parameters/domain/resolve-parameters';
import { PersonFacts } from '../../persons/domain/person-facts';
import { DIBAO_STANDARD_REF, DibaoStandard } from '../../standards/domain/dibao-standard';
import { Condition, CONDITION_NAMES, ConditionResult, CriteriaCheck, CriteriaDecision } from './criteria-decision';
import { elderAge } from './rules/elder-age.rule';
import { incomeBelowStandard } from './rules/income-below-standard.rule';
import { inSchoolPastMinority } from './rules/in-school-past-minority.rule';
import { minorAge } from './rules/minor-age.rule';
import { propertyWithinLimits } from './rules/property-within-limits.rule';
import { provinceCase } from './rules/province-case.rule';
import { qualifyingDisability } from './rules/qualifying-disability.rule';
import { noLegalSupporter, supporterUnable } from './rules/supporter-unable.rule';

/** The parameters the three conditions read. */
export type CriteriaParameters = Pick<HardshipParameters, 'noWorkAbility' | 'incomeExclusions' | 'propertyLimits' | 'supporterIncapacity' | 'versions'>;

export interface CriteriaInput {
  person: PersonFacts;
  /** The local dibao standard in force on `on` for the person's district and area (standards/domain). */
  standard: DibaoStandard;
  params: CriteriaParameters;
  /** The legal date of the assessment (Asia/Shanghai). */
  on: LocalDate;
}

/** How a condition's rules combine: any one ground suffices, or every test must pass. */
type Combination = 'any' | 'all';

function condition(name: Condition, combination: Combination, rules: CriteriaCheck[], parameterVersions: Record<string, string>): ConditionResult {
  const met = combination === 'any' ? rules.some((r) => r.passed) : rules.every((r) => r.passed);
  // The reasons are the rules that decided: for "any", the grounds found (or, when none, every
  // ground tried); for "all", every test passed (or the ones that failed).
  const reasons = combination === 'any' ? (met ? rules.filter((r) => r.passed) : rules) : met ? rules : rules.filter((r) => !r.passed);
  const n = CONDITION_NAMES[name];
  const message: LocalizedText = { zh: `${n.zh}：${met ? '符合' : '不符合'}`, en: `${n.en[0].toUpperCase()}${n.en.slice(1)}: ${met ? 'met' : 'not met'}` };
  return { condition: name, met, message, rules, reasons, parameterVersions };
}

/**
 * The three conditions of special hardship (三无, 民发〔2021〕43号《特困人员认定办法》; policy.md §3),
 * each explained, met or not, with the parameter versions it used. A person is eligible when all
 * three are met. Pure: the same facts, standard and parameters give the same decision.
 */
export function assessCriteria({ person, standard, params, on }: CriteriaInput): CriteriaDecision {
  if (!isLocalDate(on)) throw new RangeError(`assessCriteria: not a calendar date: ${JSON.stringify(on)}`);
  if (compareLocalDate(standard.validFrom, on) > 0) throw new RangeError(`assessCriteria: standard ${standard.versionId} is not yet in force on ${on}`);
  const age = ageOn(person.birthDate, on);
  const w = params.noWorkAbility;
  const standardRef = { [DIBAO_STANDARD_REF]: standard.versionId };

  const noWorkAbility = condition(
    'noWorkAbility',
    'any',
    [
      elderAge.check({ age, elderFromAge: w.elderFromAge }),
      minorAge.check({ age, minorBelowAge: w.minorBelowAge }),
      inSchoolPastMinority.check({ age, minorBelowAge: w.minorBelowAge, supportedAsMinor: person.supportedAsMinor, schooling: person.schooling }),
      qualifyingDisability.check({ disabilities: person.disabilities, disabilityGrades: w.disabilityGrades }),
      provinceCase.check({ recorded: person.provinceCases, provinceCases: w.provinceCases }),
    ],
    { [K.noWorkAbility]: params.versions[K.noWorkAbility] },
  );

  const noMeansOfLiving = condition(
    'noMeansOfLiving',
    'all',
    [
      incomeBelowStandard.check({ incomes: person.incomes, excludedKinds: params.incomeExclusions.kinds, standardFen: standard.monthlyFen }),
      propertyWithinLimits.check({ property: person.property, limits: params.propertyLimits, standardFen: standard.monthlyFen }),
    ],
    { [K.incomeExclusions]: params.versions[K.incomeExclusions], [K.propertyLimits]: params.versions[K.propertyLimits], ...standardRef },
  );

  const supporterChecks =
    person.supporters.length === 0
      ? [noLegalSupporter.check({ supporters: 0 })]
      : person.supporters.map((s, index) =>
          supporterUnable.check({ index, supporter: s, age: ageOn(s.birthDate, on), standardFen: standard.monthlyFen, limits: params.supporterIncapacity }),
        );
  const noAbleSupporter = condition('noAbleSupporter', 'all', supporterChecks, { [K.supporterIncapacity]: params.versions[K.supporterIncapacity], ...standardRef });

  const conditions = { noWorkAbility, noMeansOfLiving, noAbleSupporter };
  return {
    assessedOn: on,
    age,
    minor: age < w.minorBelowAge,
    eligible: noWorkAbility.met && noMeansOfLiving.met && noAbleSupporter.met,
    conditions,
    dibaoStandard: { districtCode: standard.districtCode, area: standard.area, monthlyFen: standard.monthlyFen, versionId: standard.versionId },
    parameterVersions: { ...noWorkAbility.parameterVersions, ...noMeansOfLiving.parameterVersions, ...noAbleSupporter.parameterVersions },
  };
}
