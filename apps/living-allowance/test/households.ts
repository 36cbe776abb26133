import { DataSource } from 'typeorm';
import { refOf, residentIdCheckChar } from '@jiuzhu/common';
import { http, TEST_REF_KEY } from '../../../test/support/services';

/**
 * Synthetic households for the API tests. Every ID number is invented but valid (GB 11643 check
 * character); a per-file sequence keeps them unique, so no two tests trip over the
 * one-active-household-per-person rule by accident.
 */

let sequence = 0;

/** A valid resident ID number for someone born on `birth` (YYYY-MM-DD) in district `region`. */
export function idNumber(birth: string, region = '640202'): string {
  sequence = (sequence + 1) % 1000;
  const first17 = `${region}${birth.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/** A valid ID number whose check character is X (people type it in lower case too). */
export function idNumberEndingInX(birth: string, region = '640202'): string {
  for (let i = 0; i < 1000; i++) {
    const id = idNumber(birth, region);
    if (id.endsWith('X')) return id;
  }
  throw new Error('unreachable: about one sequence number in eleven gives X');
}

/** The same ID number with a wrong check character: a typical mistyping. */
export function withWrongCheckDigit(id: string): string {
  const right = id[17];
  return id.slice(0, 17) + (right === '0' ? '1' : '0');
}

export function personRef(id: string): string {
  return refOf(id, TEST_REF_KEY);
}

export interface MemberInput {
  idNumber: string;
  relation: string;
  disability?: { grade: number; kind: string };
  seriousIllness?: boolean;
  student?: boolean;
  ableToWork?: boolean;
}

export interface HouseholdInput {
  districtCode: string;
  townshipCode?: string;
  area: string;
  members: MemberInput[];
  incomes: { memberIndex: number; kind: string; monthlyFen: number }[];
  deductions: { kind: string; memberIndex?: number; monthlyFen: number }[];
  assets: { moneyFen: number; homes: number; housingAreaSqm: number; vehicles: { exempt: boolean }[] };
}

/**
 * Urban 640202, three people: applicant (wage 1500.00), spouse with a grade-2 disability (medical
 * costs 200.00), a child born 2015. Net 1300.00 → per-capita 433.33 < 780.00: dibao.
 * Benefit: 780 × 3 − 1300 = 1040.00, + spouse's disability 20 % (156.00) + the minor's 10 % (78.00)
 * = 1274.00 a month.
 */
export const DIBAO_BENEFIT_FEN = 127400;
export function dibaoHousehold(): HouseholdInput {
  return {
    districtCode: '640202',
    area: 'urban',
    members: [
      { idNumber: idNumber('1980-01-01'), relation: 'applicant', ableToWork: true },
      { idNumber: idNumber('1982-03-05'), relation: 'spouse', disability: { grade: 2, kind: 'physical' } },
      { idNumber: idNumber('2015-09-09'), relation: 'child', student: true },
    ],
    incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 150000 }],
    deductions: [{ kind: 'medical', memberIndex: 1, monthlyFen: 20000 }],
    assets: { moneyFen: 500000, homes: 1, housingAreaSqm: 60, vehicles: [] },
  };
}

/**
 * Urban 640202, two people: applicant earning 2000.00 and a spouse with a grade-1 physical
 * disability. Per-capita 1000.00: not below 780.00 but below 1.5 × 780 = 1170.00 → low-income, and
 * the spouse qualifies as a single-person household: 780.00 + own top-up 20 % (156.00) = 936.00.
 */
export const SINGLE_PERSON_BENEFIT_FEN = 93600;
export const LOW_INCOME_PER_CAPITA_FEN = 100000;
export function lowIncomeHousehold(): HouseholdInput {
  return {
    districtCode: '640202',
    area: 'urban',
    members: [
      { idNumber: idNumber('1975-05-05'), relation: 'applicant', ableToWork: true },
      { idNumber: idNumber('1978-07-07'), relation: 'spouse', disability: { grade: 1, kind: 'physical' } },
    ],
    incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 200000 }],
    deductions: [],
    assets: { moneyFen: 100000, homes: 1, housingAreaSqm: 70, vehicles: [] },
  };
}

/** One person earning 3000.00 a month: above 1.5 × the standard, neither dibao nor low-income. */
export function ineligibleHousehold(): HouseholdInput {
  return {
    districtCode: '640202',
    area: 'urban',
    members: [{ idNumber: idNumber('1970-10-10'), relation: 'applicant', ableToWork: true }],
    incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 300000 }],
    deductions: [],
    assets: { moneyFen: 0, homes: 1, housingAreaSqm: 40, vehicles: [] },
  };
}

export async function countRows(ds: DataSource, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return n;
}

export { as, eventsOf, expectProblem, fieldsOf, OutboxEvent } from '../../../test/support/api';
