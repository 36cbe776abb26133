import { residentIdCheckChar } from '@jiuzhu/common';
import { StrictValidationPipe } from '@jiuzhu/common/http';
import { FileApplicationDto } from '../applications/applications.controller';
import { AssetsDto, HouseholdDto, HouseholdMemberDto, TrialAssessmentDto } from './household.dto';
import { prng } from '../../../../test/support/prng';

/**
 * The household document through the strict validation pipe, on generated bodies: valid ones and
 * ones broken in one place each. Every valid one reaches the controller as DTO instances holding
 * exactly the data sent; every refusal names a field of the document.
 */

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

function id(r: () => number): string {
  const first17 = `640202${1940 + Math.floor(r() * 80)}0${1 + Math.floor(r() * 9)}1${Math.floor(r() * 10)}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

function validBody(r: () => number): Record<string, unknown> {
  const size = 1 + Math.floor(r() * 5);
  const members = Array.from({ length: size }, (_, i) => ({
    idNumber: id(r),
    relation: i === 0 ? 'applicant' : pick(r, ['spouse', 'child', 'parent', 'grandchild']),
    ...(r() < 0.2 ? { disability: { grade: pick(r, [1, 2, 3, 4]), kind: pick(r, ['physical', 'visual', 'mental']) } } : {}),
    ...(r() < 0.2 ? { seriousIllness: r() < 0.5 } : {}),
    ...(r() < 0.2 ? { student: true } : {}),
    ...(r() < 0.2 ? { ableToWork: false } : {}),
  }));
  return {
    household: {
      districtCode: pick(r, ['640202', '640205', '640221']),
      ...(r() < 0.5 ? { townshipCode: '640202001' } : {}),
      area: pick(r, ['urban', 'rural']),
      members,
      incomes: r() < 0.8 ? [{ memberIndex: 0, kind: 'wage', monthlyFen: Math.floor(r() * 300000) }] : [],
      deductions: r() < 0.3 ? [{ kind: 'medical', memberIndex: 0, monthlyFen: 20000 }, { kind: 'rent', monthlyFen: 30000 }] : [],
      assets: { moneyFen: Math.floor(r() * 1000000), homes: 1, housingAreaSqm: 55.5, vehicles: r() < 0.3 ? [{ exempt: true }] : [] },
    },
  };
}

/** Every path to a value in the body (objects and arrays), to break one of them. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [at];
  const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [at, ...keys.flatMap((k) => paths((v as Record<string | number, unknown>)[k], [...at, k]))];
}

const JUNK: unknown[] = [null, undefined, '', 'x', '640202', -1, 0, 1, 1.5, 7, 1e12, NaN, true, false, [], [{}], {}, { extra: 1 }, [1, 2], '2026-02-30', 'applicant', 'urban'];

function broken(r: () => number): Record<string, unknown> {
  const body = validBody(r);
  const all = paths(body).filter((p) => p.length > 0);
  const path = pick(r, all);
  const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], body);
  const key = path[path.length - 1];
  const how = r();
  if (how < 0.1) parent[`unknown${Math.floor(r() * 3)}`] = 1; // a field nobody asked for
  else if (how < 0.2 && !Array.isArray(parent)) delete parent[key];
  else if (how < 0.25 && typeof parent[key] === 'string' && parent[key].length === 18) parent[key] = parent[key].slice(0, 17) + (parent[key][17] === '0' ? '1' : '0');
  else if (how < 0.3 && Array.isArray(parent[key])) parent[key] = Array.from({ length: 31 }, () => parent[key][0] ?? {});
  else parent[key] = pick(r, JUNK);
  return body;
}

/** What a request body can be: JSON (an undefined array element arrives as null, a missing key as missing). */
const asReceived = <T>(body: T): T => JSON.parse(JSON.stringify(body));

const bodyOf = (metatype: Function) => ({ type: 'body' as const, metatype: metatype as never, data: undefined });

describe('the household document through the strict validation pipe', () => {
  const pipe = new StrictValidationPipe();

  it.each([
    ['FileApplicationDto', FileApplicationDto],
    ['TrialAssessmentDto', TrialAssessmentDto],
  ])('%s: every valid body reaches the controller as DTO instances with the data sent (500 generated bodies)', async (_name, dto) => {
    const r = prng(20261128);
    for (let n = 0; n < 500; n++) {
      const body = asReceived(validBody(r));
      const got = (await pipe.transform(asReceived(body), bodyOf(dto))) as TrialAssessmentDto;
      expect(got).toBeInstanceOf(dto);
      expect(got.household).toBeInstanceOf(HouseholdDto);
      expect(got.household.assets).toBeInstanceOf(AssetsDto);
      for (const m of got.household.members) expect(m).toBeInstanceOf(HouseholdMemberDto);
      expect(asReceived(got)).toEqual(body);
    }
  });

  it('a body broken in one place is either still valid or refused with problems naming fields of the document (1 000 generated bodies)', async () => {
    const r = prng(20261129);
    let refused = 0;
    for (let n = 0; n < 1000; n++) {
      const body = asReceived(broken(r));
      try {
        await pipe.transform(body, bodyOf(TrialAssessmentDto));
      } catch (e) {
        refused++;
        const fields = (e as { fields: { field: string; reason: string }[] }).fields;
        expect(fields.length).toBeGreaterThan(0);
        for (const f of fields) {
          expect(f.field).toMatch(/^household([.[]|$)|^assessedOn$|^unknown\d$/);
          expect(f.reason).toEqual(expect.any(String));
        }
      }
    }
    expect(refused).toBeGreaterThan(750);
  });

  it.each([
    ['the household given as a list', (b: any) => (b.household = []), 'household', 'household must be an object'],
    ['the assets given as a list', (b: any) => (b.household.assets = [{}]), 'household.assets', 'assets must be an object'],
    ['a member given as a list', (b: any) => (b.household.members[0] = []), 'household.members', 'each element of members must be an object'],
    ['a vehicle given as nested lists', (b: any) => (b.household.assets.vehicles = [[[]]]), 'household.assets.vehicles', 'each element of vehicles must be an object'],
    ['a disability given as a list', (b: any) => (b.household.members[0].disability = [{ grade: 1, kind: 'visual' }]), 'household.members[0].disability', 'disability must be an object'],
  ])('a list where an object belongs is refused, naming the field: %s', async (_what, breakIt, field, reason) => {
    const body = asReceived(validBody(prng(3)));
    breakIt(body);
    await expect(pipe.transform(body, bodyOf(TrialAssessmentDto))).rejects.toMatchObject({ fields: expect.arrayContaining([{ field, reason }]) });
  });

  it('a wrong check digit is named with its field path and reason', async () => {
    const body = validBody(prng(1)) as { household: { members: { idNumber: string }[] } };
    body.household.members[0].idNumber = '640202198001011230';
    await expect(pipe.transform(body, bodyOf(FileApplicationDto))).rejects.toMatchObject({
      fields: [{ field: 'household.members[0].idNumber', reason: expect.stringMatching(/check digit/) }],
    });
  });
});
