import { ASSESSED_ON, defaultParams, householdOf, memberAged } from './assessment-inputs.fixtures';
import { Household } from './household';
import { validateHousehold } from './validate-household';

describe('validateHousehold', () => {
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
