import { DibaoStandard, dibaoStandardInForce } from './dibao-standard';

const s = (validFrom: string, monthlyFen: number, districtCode = '640202', area: 'urban' | 'rural' = 'urban'): DibaoStandard => ({
  districtCode,
  area,
  monthlyFen,
  validFrom,
  versionId: `dibao.standard/${districtCode}/${area}@${validFrom}`,
  legalSource: 'illustrative',
});

describe('the local copy of the dibao standards living-allowance publishes', () => {
  const standards = [s('2025-01-01', 78000), s('2026-01-01', 80000), s('2026-01-01', 56000, '640202', 'rural'), s('2026-01-01', 79000, '640205')];

  it.each([
    ['2025-12-31', 78000],
    ['2026-01-01', 80000],
    ['2026-06-30', 80000],
  ])('on %s the standard in force for 640202 urban is %i fen', (on, monthlyFen) => {
    expect(dibaoStandardInForce(standards, '640202', 'urban', on)?.monthlyFen).toBe(monthlyFen);
  });

  it('keeps districts and areas apart', () => {
    expect(dibaoStandardInForce(standards, '640202', 'rural', '2026-03-01')?.monthlyFen).toBe(56000);
    expect(dibaoStandardInForce(standards, '640205', 'urban', '2026-03-01')?.monthlyFen).toBe(79000);
  });

  it('answers nothing before a standard was received, instead of guessing', () => {
    expect(dibaoStandardInForce(standards, '640221', 'urban', '2026-03-01')).toBeUndefined();
    expect(dibaoStandardInForce(standards, '640202', 'urban', '2024-12-31')).toBeUndefined();
  });

  it('takes the later of two versions with the same date (a corrected re-publication)', () => {
    const corrected = { ...s('2026-01-01', 81000), versionId: 'dibao.standard/640202/urban@2026-01-01#2' };
    expect(dibaoStandardInForce([...standards, corrected], '640202', 'urban', '2026-03-01')?.versionId).toBe('dibao.standard/640202/urban@2026-01-01#2');
  });
});
