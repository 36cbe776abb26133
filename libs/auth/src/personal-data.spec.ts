import { idNumberFor, seesFullIdNumbers } from './personal-data';

const ID = '640202195001011234';

describe('who sees a resident ID number in full', () => {
  it.each(['caseworker', 'township_reviewer', 'township_approver', 'county_approver', 'supervisor', 'assessor'] as const)('a %s, who handles the people of their jurisdiction, sees it in full', (role) => {
    expect(idNumberFor({ roles: [role] }, ID)).toBe(ID);
  });

  it.each(['city_auditor', 'admin', 'service'] as const)('a %s sees it masked to the region and the last four digits', (role) => {
    expect(idNumberFor({ roles: [role] }, ID)).toBe('640202********1234');
  });

  it('one handling role among others is enough; no role at all sees it masked', () => {
    expect(seesFullIdNumbers({ roles: ['city_auditor', 'caseworker'] })).toBe(true);
    expect(seesFullIdNumbers({ roles: [] })).toBe(false);
  });
});
