import { ValidationPipe } from '@nestjs/common';
import { residentIdCheckChar } from '@jiuzhu/common';
import { compiledBodyCheck, STRICT_VALIDATION_OPTIONS, StrictValidationPipe } from '@jiuzhu/common/http';
import { FileApplicationDto } from '../applications/applications.controller';
import { TrialAssessmentDto } from './household.dto';
import { prng } from '../../../../test/support/prng';

/**
 * The compiled check of the household document against class-validator itself, on thousands of
 * generated bodies: valid ones and ones broken in one place each. The compiled check may only say
 * "valid" when class-validator says so too (else an invalid filing would get through); and it must
 * say so for the valid ones, or it saves nothing.
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

async function classValidatorAccepts(pipe: ValidationPipe, metatype: Function, body: unknown): Promise<boolean> {
  try {
    await pipe.transform(asReceived(body), { type: 'body', metatype: metatype as never, data: undefined });
    return true;
  } catch {
    return false;
  }
}

describe('the compiled check of a request body agrees with class-validator', () => {
  const reference = new ValidationPipe(STRICT_VALIDATION_OPTIONS);

  it.each([
    ['FileApplicationDto', FileApplicationDto],
    ['TrialAssessmentDto', TrialAssessmentDto],
  ])('%s: never accepts a body class-validator refuses, and accepts every valid one (4 000 generated bodies)', async (_name, dto) => {
    const check = compiledBodyCheck(dto)!;
    expect(check).toBeDefined();
    const r = prng(20261128);
    let accepted = 0;
    let refused = 0;
    for (let n = 0; n < 4000; n++) {
      const generatedValid = n % 4 === 0;
      const body = asReceived(generatedValid ? validBody(r) : broken(r));
      const fast = check(asReceived(body));
      const truth = await classValidatorAccepts(reference, dto, body);
      if (fast && !truth) throw new Error(`compiled check accepted a body class-validator refuses (#${n}): ${JSON.stringify(body)}`);
      if (generatedValid && !fast) throw new Error(`compiled check refused a valid body (#${n}), so it would save nothing: ${JSON.stringify(body)}`);
      if (fast) accepted++;
      if (!truth) refused++;
    }
    // Both kinds were exercised in number. (The compiled check is stricter in one corner: class-validator
    // lets an array stand in for a nested object, e.g. a member given as [], which the domain refuses later.)
    expect(accepted).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(1500);
  });

  it('a body the compiled check refuses still gets class-validator\'s errors, field by field', async () => {
    const pipe = new StrictValidationPipe();
    const body = validBody(prng(1)) as { household: { members: { idNumber: string }[] } };
    body.household.members[0].idNumber = '640202198001011230';
    await expect(pipe.transform(body, { type: 'body', metatype: FileApplicationDto, data: undefined })).rejects.toMatchObject({
      fields: [{ field: 'household.members[0].idNumber', reason: expect.stringMatching(/check digit/) }],
    });
  });

  it('a valid body reaches the controller unchanged', async () => {
    const body = validBody(prng(2));
    expect(await new StrictValidationPipe().transform(body, { type: 'body', metatype: FileApplicationDto, data: undefined })).toEqual(body);
  });
});
