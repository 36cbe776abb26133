import { DISTRICT_CODES, LocalDate, residentIdCheckChar } from '@jiuzhu/common';
import { Deduction, Household, HouseholdMember, Income, Relation } from '../../apps/living-allowance/src/assessment/domain/household';
import { ABILITY_LEVELS } from '../../apps/living-allowance/src/parameters/domain/parameter-keys';
import { prng } from '../../test/support/prng';

/**
 * Deterministic synthetic households for the benchmarks: a seeded PRNG, so every run assesses the
 * same 100 000 families. They are spread over the three outcomes (dibao / low-income / neither),
 * household sizes 1–6, ages 0–95, counted and excluded incomes, every deduction kind (some over
 * their caps), top-ups (elderly, minors, severe disability, serious illness, severe loss of ability), property over the
 * limits, and members who qualify for single-person inclusion.
 */

export { prng };

export { DISTRICT_CODES };
export const DEMO_STANDARD_FEN = { urban: 78000, rural: 56000 } as const;

const OTHER_RELATIONS: Relation[] = ['spouse', 'child', 'parent', 'grandparent', 'grandchild', 'sibling', 'other'];
const DISABILITY_KINDS = ['physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple'] as const;
const COUNTED_KINDS = ['wage', 'business', 'property', 'transfer', 'other'] as const;
const EXCLUDED_KINDS = ['basic_pension', 'scholarship', 'special_care_pension', 'social_assistance'] as const;

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * A valid resident ID number; `serial` (0–499) must differ between members of one household.
 * `on` bounds the birth date so nobody is born after the assessment date.
 */
export function residentId(region: string, age: number, r: () => number, serial: number, on: LocalDate): string {
  const onYear = Number(on.slice(0, 4));
  const onMonth = Number(on.slice(5, 7));
  const year = onYear - age;
  const month = year === onYear ? 1 + Math.floor(r() * (onMonth - 1 || 1)) : 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const order = serial * 2 + (r() < 0.5 ? 1 : 0);
  const first17 = `${region}${pad(year, 4)}${pad(month, 2)}${pad(day, 2)}${pad(order, 3)}`;
  return first17 + residentIdCheckChar(first17);
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const between = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

export function syntheticHousehold(r: () => number, on: LocalDate, serialBase = 0): Household {
  const size = between(r, 1, 6);
  const districtCode = pick(r, DISTRICT_CODES);
  const area = r() < 0.6 ? 'urban' : 'rural';
  const standard = DEMO_STANDARD_FEN[area];

  const members: HouseholdMember[] = [];
  for (let i = 0; i < size; i++) {
    const relation: Relation = i === 0 ? 'applicant' : pick(r, OTHER_RELATIONS);
    const age = i === 0 ? between(r, 18, 92) : between(r, 0, 95);
    const m: HouseholdMember = { idNumber: residentId(districtCode, age, r, (serialBase + i) % 500, on), relation };
    if (r() < 0.12) m.disability = { grade: between(r, 1, 4) as 1 | 2 | 3 | 4, kind: pick(r, DISABILITY_KINDS) };
    if (r() < 0.06) m.seriousIllness = true;
    if (age >= 6 && age < 23 && r() < 0.5) m.student = true;
    if (age >= 18 && age < 60) m.ableToWork = r() < 0.7;
    // Elders with an ability assessment on record (the care-needs top-up for severe or complete loss).
    if (age >= 60 && r() < 0.3) m.abilityAssessment = { level: pick(r, ABILITY_LEVELS), assessmentId: `bench-${serialBase}-${i}`, assessedOn: on };
    members.push(m);
  }

  // Aim at an outcome through per-capita net income; caps and the employment rule then move some
  // households a little, which is fine: the benchmark reports the actual mix.
  const u = r();
  const perCapita = u < 0.4 ? Math.floor(r() * 0.97 * standard) : u < 0.7 ? Math.floor(standard * (1.02 + r() * 0.43)) : Math.floor(standard * (1.55 + r() * 1.5));
  const targetNet = perCapita * size;

  const deductions: Deduction[] = [];
  if (r() < 0.4) deductions.push({ kind: 'medical', memberIndex: between(r, 0, size - 1), monthlyFen: between(r, 1000, 80000) });
  if (r() < 0.1) deductions.push({ kind: 'medical', monthlyFen: between(r, 1000, 30000) });
  if (r() < 0.2) deductions.push({ kind: 'education', memberIndex: between(r, 0, size - 1), monthlyFen: between(r, 1000, 40000) });
  if (r() < 0.15) deductions.push({ kind: 'rent', monthlyFen: between(r, 20000, 80000) }); // cap is 50 000
  const wageEarner = between(r, 0, size - 1);
  const employment = r() < 0.3;
  const deductionGuess = deductions.reduce((s, d) => s + Math.min(d.monthlyFen, d.kind === 'rent' ? 50000 : d.monthlyFen), 0);

  const incomes: Income[] = [];
  let counted = targetNet + deductionGuess;
  if (employment && counted > 0) {
    const wage = Math.floor(counted * (0.4 + 0.6 * r()));
    incomes.push({ memberIndex: wageEarner, kind: 'wage', monthlyFen: wage });
    deductions.push({ kind: 'employment', memberIndex: wageEarner, monthlyFen: between(r, 5000, 60000) });
    counted -= wage;
  }
  const lines = counted > 0 ? between(r, 1, 3) : 0;
  for (let k = 0; k < lines; k++) {
    const amount = k === lines - 1 ? counted : Math.floor(counted * r());
    counted -= amount;
    incomes.push({ memberIndex: between(r, 0, size - 1), kind: pick(r, COUNTED_KINDS), monthlyFen: amount });
  }
  if (r() < 0.25) incomes.push({ memberIndex: between(r, 0, size - 1), kind: pick(r, EXCLUDED_KINDS), monthlyFen: between(r, 5000, 30000) });

  const p = r();
  const limit = 36 * standard * size;
  const assets = {
    moneyFen: p < 0.05 ? limit + between(r, 1, 500000) : Math.floor(r() * limit * 0.5),
    homes: p >= 0.05 && p < 0.09 ? 2 : r() < 0.9 ? 1 : 0,
    housingAreaSqm: Math.round((20 + r() * (p >= 0.05 && p < 0.07 ? 60 * size : 35 * size)) * 100) / 100,
    vehicles: p >= 0.09 && p < 0.12 ? [{ exempt: false }] : r() < 0.05 ? [{ exempt: true }] : [],
  };
  return { districtCode, area, members, incomes, deductions, assets };
}

export function syntheticHouseholds(n: number, seed: number, on: LocalDate): Household[] {
  const r = prng(seed);
  const out: Household[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = syntheticHousehold(r, on);
  return out;
}
