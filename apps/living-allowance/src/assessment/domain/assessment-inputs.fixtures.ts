import { addDays, addMonths, LocalDate, residentIdCheckChar } from '@jiuzhu/common';
import { DEFAULT_PARAMETERS } from '../../parameters/domain/default-parameters';
import { Area } from '../../parameters/domain/parameter';
import { AssessmentParameters, resolveAssessmentParameters } from '../../parameters/domain/resolve-parameters';
import { Assets, Household, HouseholdMember, Income } from './household';

/**
 * Builders for synthetic households in tests and demos. IDs are valid (real check character) but
 * invented: region code of the district, the wanted birth date, a sequence number per call.
 */

export const ASSESSED_ON: LocalDate = '2025-06-15';

let sequence = 0;

/** A valid synthetic resident ID number for a person born on `birthDate`. */
export function residentIdBornOn(birthDate: LocalDate, opts: { regionCode?: string; sex?: 'male' | 'female'; seq?: number } = {}): string {
  const region = opts.regionCode ?? '640202';
  const seq = opts.seq ?? (sequence = (sequence + 1) % 500);
  // The 17th digit's parity is the sex (odd: male).
  const order = seq * 2 + (opts.sex === 'female' ? 0 : 1);
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(order).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/** The birth date of someone who turns `age` exactly on `on`. */
export function birthDateForAge(age: number, on: LocalDate): LocalDate {
  return addMonths(on, -12 * age);
}

/**
 * A member who is `age` on `on`. With `birthdayTomorrow`, the birthday falls on the day after `on`:
 * the member turns `age` tomorrow and is still `age − 1` on `on`.
 */
export function memberAged(
  age: number,
  on: LocalDate = ASSESSED_ON,
  overrides: Partial<HouseholdMember> = {},
  opts: { birthdayTomorrow?: boolean } = {},
): HouseholdMember {
  const birth = opts.birthdayTomorrow ? addDays(birthDateForAge(age, on), 1) : birthDateForAge(age, on);
  return { idNumber: residentIdBornOn(birth), relation: 'other', ...overrides };
}

export function applicant(age = 40, overrides: Partial<HouseholdMember> = {}, on: LocalDate = ASSESSED_ON): HouseholdMember {
  return memberAged(age, on, { relation: 'applicant', ...overrides });
}

export const NO_ASSETS: Assets = { moneyFen: 0, homes: 1, housingAreaSqm: 60, vehicles: [] };

/** A household of `size` working-age adults (first is the applicant) with the given counted wage income. */
export function householdOf(
  size: number,
  opts: { wageFen?: number; incomes?: Income[]; area?: Area; districtCode?: string; assets?: Partial<Assets> } = {},
): Household {
  const members: HouseholdMember[] = [applicant(40)];
  for (let i = 1; i < size; i++) members.push(memberAged(35, ASSESSED_ON, { relation: i === 1 ? 'spouse' : 'sibling' }));
  const incomes: Income[] = opts.incomes ?? (opts.wageFen === undefined ? [] : [{ memberIndex: 0, kind: 'wage', monthlyFen: opts.wageFen }]);
  return {
    districtCode: opts.districtCode ?? '640202',
    area: opts.area ?? 'urban',
    members,
    incomes,
    deductions: [],
    assets: { ...NO_ASSETS, ...opts.assets },
  };
}

/** The seeded demo parameters (urban standard 780.00, rural 560.00), optionally adjusted. */
export function defaultParams(
  adjust: (p: AssessmentParameters) => AssessmentParameters = (p) => p,
  district = '640202',
  area: Area = 'urban',
  on: LocalDate = ASSESSED_ON,
): AssessmentParameters {
  const r = resolveAssessmentParameters(DEFAULT_PARAMETERS, district, area, on);
  if (!r.ok) throw new Error(`default parameters do not resolve: ${r.reason} ${r.key ?? ''}`);
  return adjust(r.value);
}
