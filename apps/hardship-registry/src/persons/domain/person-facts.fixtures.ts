import { LocalDate } from '@jiuzhu/common';
import { DEFAULT_HARDSHIP_PARAMETERS } from '../../parameters/domain/default-parameters';
import { HardshipParameters, resolveHardshipParameters } from '../../parameters/domain/resolve-parameters';
import { DibaoStandard } from '../../standards/domain/dibao-standard';
import { LegalSupporter, PersonFacts } from './person-facts';

/** Test data: the seeded parameters, a demo standard and people who meet the conditions unless told otherwise. */

export function defaultParams(on: LocalDate = '2026-03-02'): HardshipParameters {
  const r = resolveHardshipParameters(DEFAULT_HARDSHIP_PARAMETERS, on);
  if (!r.ok) throw new Error(`seeded parameters do not resolve on ${on}: ${JSON.stringify(r)}`);
  return r.value;
}

/** 大武口区 urban, 780.00 yuan, as living-allowance's demo catalog publishes it. */
export const STANDARD: DibaoStandard = {
  districtCode: '640202',
  area: 'urban',
  monthlyFen: 78000,
  validFrom: '2025-01-01',
  versionId: 'dibao.standard/640202/urban@2025-01-01',
  legalSource: 'illustrative',
};

/** The birth date of a person who is `age` full years old on `on` (their birthday that very day). */
export function bornYearsBefore(on: LocalDate, age: number): LocalDate {
  return `${String(Number(on.slice(0, 4)) - age).padStart(4, '0')}${on.slice(4)}`;
}

/** A person aged 65 on 2026-03-02, no income, no property beyond one home, no supporters: all three conditions met. */
export function personFacts(overrides: Partial<PersonFacts> = {}): PersonFacts {
  return {
    birthDate: '1961-03-02',
    disabilities: [],
    schooling: null,
    supportedAsMinor: false,
    provinceCases: [],
    incomes: [],
    property: { moneyFen: 0, homes: 1, vehicles: [] },
    supporters: [],
    ...overrides,
  };
}

/** A supporter aged 40 on 2026-03-02 who can meet the duty, unless told otherwise. */
export function supporter(overrides: Partial<LegalSupporter> = {}): LegalSupporter {
  return {
    relation: 'child',
    birthDate: '1986-03-02',
    specialHardship: false,
    dibaoRecipient: false,
    monthlyIncomeFen: 500000,
    disabilities: [],
    legallyIncapacitated: false,
    declaredMissing: false,
    inPrison: false,
    ...overrides,
  };
}
