import { subsidyCaseload } from './subsidy-caseload';

const at = { districtCode: '640202', area: 'urban' as const };

describe('who is on the rolls of a month', () => {
  it('a household dibao case is paid for its members, a single-person inclusion for one person, each under its own case', () => {
    const { entries } = subsidyCaseload(
      [
        { caseId: 'case-household', householdRef: 'ref-1', coverage: 'household', members: 3, ...at },
        { caseId: 'case-inclusion', householdRef: 'ref-2', coverage: 'single_person', members: 4, ...at },
      ],
      [],
    );
    expect(entries.map((e) => [e.caseId, e.householdRef, e.category, e.peopleCovered])).toEqual([
      ['case-household', 'ref-1', 'dibao', 3],
      ['case-inclusion', 'ref-2', 'dibao', 1],
    ]);
  });

  it('a low-income household is paid only for the members not already paid as single-person dibao cases', () => {
    const { entries, fullyCoveredLowIncome } = subsidyCaseload([], [
      { caseId: 'li-partly', householdRef: 'ref-2', members: 4, paidAsDibao: 1, ...at },
      { caseId: 'li-fully', householdRef: 'ref-3', members: 2, paidAsDibao: 2, ...at },
    ]);
    expect(entries.map((e) => [e.caseId, e.category, e.peopleCovered])).toEqual([['li-partly', 'low_income', 3]]);
    expect(fullyCoveredLowIncome.map((e) => e.caseId)).toEqual(['li-fully']);
  });
});
