import { DEDUCTION_KINDS, INCOME_KINDS } from '../../parameters/domain/parameter-keys';
import { ASSESSED_ON, defaultParams, householdOf, memberAged } from './assessment-inputs.fixtures';
import { DISABILITY_KINDS, Household, RELATIONS } from './household';
import { disabilityKindCode, isDeductionKind, isIncomeKind, relationCode, validateHousehold } from './validate-household';

describe('validateHousehold', () => {
  describe('the switch-written predicates accept exactly the published lists', () => {
    const strangers = ['', 'Applicant', 'wage ', 'constructor', 'toString', '__proto__', null, undefined, 1, {}];
    // A copy that is not the interned literal is still the same word.
    const copy = (s: string): string => JSON.parse(JSON.stringify(s));

    it.each([
      ['isIncomeKind', isIncomeKind, INCOME_KINDS],
      ['isDeductionKind', isDeductionKind, DEDUCTION_KINDS],
    ] as const)('%s', (_name, accepts, list) => {
      for (const value of list) expect([accepts(value), accepts(copy(value))]).toEqual([true, true]);
      for (const value of strangers) expect(accepts(value)).toBe(false);
    });

    it.each([
      ['relationCode', relationCode, RELATIONS],
      ['disabilityKindCode', disabilityKindCode, DISABILITY_KINDS],
    ] as const)('%s gives the position in the list', (_name, code, list) => {
      list.forEach((value, i) => expect([code(value), code(copy(value))]).toEqual([i, i]));
      for (const value of strangers) expect(code(value)).toBe(-1);
    });
  });

  it('lists the household-level member errors before those of single members, as before', () => {
    const h: Household = {
      ...householdOf(2),
      members: [memberAged(40, ASSESSED_ON, { relation: 'cousin' as never }), memberAged(30, ASSESSED_ON, { relation: 'spouse', idNumber: '123' })],
    };

    expect(validateHousehold(h, defaultParams(), ASSESSED_ON).map((e) => [e.code, e.field])).toEqual([
      ['HOUSEHOLD.NO_APPLICANT', 'members'],
      ['HOUSEHOLD.UNKNOWN_RELATION', 'members[0].relation'],
      ['HOUSEHOLD.INVALID_ID_NUMBER', 'members[1].idNumber'],
    ]);
  });

  it('accepts an ID number typed with surrounding blanks, and still finds it twice', () => {
    const h = householdOf(2);
    const id = h.members[0].idNumber;
    h.members[1] = { ...h.members[1], idNumber: ` ${id.toLowerCase()}\t` };

    expect(validateHousehold(h, defaultParams(), ASSESSED_ON)).toEqual([expect.objectContaining({ code: 'HOUSEHOLD.DUPLICATE_ID_NUMBER', field: 'members[1].idNumber' })]);
  });

  it('finds nothing wrong with a valid household, and returns a fresh list each time', () => {
    const a = validateHousehold(householdOf(3), defaultParams(), ASSESSED_ON);
    const b = validateHousehold(householdOf(3), defaultParams(), ASSESSED_ON);

    expect(a).toEqual([]);
    expect(a).not.toBe(b);
  });
});
