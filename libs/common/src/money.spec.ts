import { assertFen, divideRoundHalfUp, formatYuan, isFen, shareOfFen, sumFen } from './money';

describe('money in integer fen', () => {
  it.each([
    [0, true],
    [78000, true],
    [Number.MAX_SAFE_INTEGER, true],
    [-1, false],
    [0.5, false],
    [Number.MAX_SAFE_INTEGER + 1, false],
    [NaN, false],
    ['100', false],
  ])('isFen(%p) is %p', (n, expected) => {
    expect(isFen(n)).toBe(expected);
  });

  it('assertFen throws on amounts that are not whole non-negative fen', () => {
    expect(() => assertFen(1.5)).toThrow(RangeError);
    expect(() => assertFen(-1)).toThrow(RangeError);
    expect(() => assertFen(100)).not.toThrow();
  });

  describe('share of an amount in basis points, rounded half up to the fen', () => {
    it.each([
      [78000, 1000, 7800, '10 % of 780.00'],
      [78000, 2000, 15600, '20 % of 780.00'],
      [78001, 1000, 7800, '10 % of 780.01 = 78.001 → 78.00'],
      [78005, 1000, 7801, '10 % of 780.05 = 78.005 → 78.01 (half up)'],
      [78015, 2000, 15603, '20 % of 780.15 = 156.03 exactly'],
      [56003, 1500, 8400, '15 % of 560.03 = 84.0045 → 84.00'],
      [1, 5000, 1, '50 % of one fen = 0.5 → 1'],
      [1, 4999, 0, '49.99 % of one fen → 0'],
      [78000, 15000, 117000, '1.5 × 780.00'],
      [78000, 0, 0, 'a zero share'],
      [0, 2000, 0, 'a share of nothing'],
    ])('%i fen × %i bp = %i fen (%s)', (amount, bp, expected) => {
      expect(shareOfFen(amount, bp)).toBe(expected);
    });

    it('stays exact for amounts far beyond any real one, where a floating-point quotient would round', () => {
      const exactShare = (a: number, bp: number) => Number((BigInt(a) * BigInt(bp) + 5000n) / 10000n);
      for (const [a, bp] of [[900719925474, 10000], [900719925474, 9999], [450359962737, 15001], [123456789012, 3333]]) {
        expect(shareOfFen(a, bp)).toBe(exactShare(a, bp));
      }
      expect(divideRoundHalfUp(2 ** 52 + 1, 2)).toBe(2 ** 51 + 1);
      expect(divideRoundHalfUp(2 ** 52 - 1, 2)).toBe(2 ** 51);
      expect(divideRoundHalfUp(Number.MAX_SAFE_INTEGER, 3)).toBe(3002399751580330);
    });

    it('stays exact where floating point would not (1.005 yuan × 100 %)', () => {
      expect(shareOfFen(Number.MAX_SAFE_INTEGER, 10000)).toBe(Number.MAX_SAFE_INTEGER);
      expect(shareOfFen(3, 5000)).toBe(2); // 1.5 → 2, not 1 from 3 * 0.5 = 1.4999…
    });

    it('refuses negative amounts and fractional shares', () => {
      expect(() => shareOfFen(-1, 1000)).toThrow(RangeError);
      expect(() => shareOfFen(100, 10.5)).toThrow(RangeError);
    });
  });

  it.each([
    [100, 3, 33],
    [200, 3, 67],
    [1, 2, 1],
    [5, 10, 1],
    [4, 10, 0],
    [0, 4, 0],
  ])('%i ÷ %i rounds half up to %i', (n, d, expected) => {
    expect(divideRoundHalfUp(n, d)).toBe(expected);
  });

  it('adds amounts exactly and refuses to overflow', () => {
    expect(sumFen([1, 2, 3])).toBe(6);
    expect(sumFen([])).toBe(0);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });

  it.each([
    [78000, '780.00'],
    [5, '0.05'],
    [0, '0.00'],
    [123456789, '1234567.89'],
    [-150, '-1.50'],
  ])('formats %i fen as %s yuan', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });
});
