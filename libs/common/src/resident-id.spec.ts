import { isValidResidentId, maskResidentId, normalizeResidentId, parseResidentId, residentIdBirthDateNumber, residentIdCheckChar } from './resident-id';

describe('resident ID number (GB 11643, ISO 7064 MOD 11-2)', () => {
  describe('check character', () => {
    it.each([
      ['11010519491231002', 'X'], // the worked example printed in GB 11643
      ['64020219900101103', 'X'],
      ['64020219900101123', '2'],
      ['64020219800229123', '5'],
    ])('computes the check character of %s as %s', (first17, expected) => {
      expect(residentIdCheckChar(first17)).toBe(expected);
    });

    it('refuses to compute a check character for anything but 17 digits', () => {
      expect(() => residentIdCheckChar('6402021990010112')).toThrow(RangeError);
      expect(() => residentIdCheckChar('6402021990010112A')).toThrow(RangeError);
    });
  });

  describe('parsing', () => {
    it('accepts a valid number ending in X and reads birth date, sex and region', () => {
      expect(parseResidentId('11010519491231002X')).toEqual({
        ok: true,
        value: { birthDate: '1949-12-31', sex: 'female', regionCode: '110105' },
      });
    });

    it('reads the sex from the parity of the 17th digit: odd is male, even is female', () => {
      const male = parseResidentId('64020219900101103X');
      const female = parseResidentId('64020219900101124' + residentIdCheckChar('64020219900101124'));
      expect(male.ok && male.value.sex).toBe('male');
      expect(female.ok && female.value.sex).toBe('female');
    });

    it('accepts a lower-case x, as people type it', () => {
      expect(parseResidentId('11010519491231002x').ok).toBe(true);
      expect(normalizeResidentId(' 11010519491231002x ')).toBe('11010519491231002X');
    });

    it('accepts 29 February in a leap year', () => {
      expect(parseResidentId('640202198002291235')).toEqual({
        ok: true,
        value: { birthDate: '1980-02-29', sex: 'male', regionCode: '640202' },
      });
    });

    const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);

    it.each([
      ['too short', '64020219900101123', 'format'],
      ['too long', '6402021990010112322', 'format'],
      ['a letter in the digits', '64020A199001011232', 'format'],
      ['X in the middle', '6402021990X1011232', 'format'],
      ['blank', '', 'format'],
      ['a wrong check digit', '640202199001011233', 'check_digit'],
      ['X where the check is a digit', '64020219900101123X', 'check_digit'],
      ['a digit where the check is X', '110105194912310021', 'check_digit'],
      ['two digits swapped (typo)', '640202199010011232', 'check_digit'],
      ['month 13', withCheck('64020219901301123'), 'birth_date'],
      ['31 April', withCheck('64020219900431123'), 'birth_date'],
      ['29 February of a common year', withCheck('64020219810229123'), 'birth_date'],
      ['day 00', withCheck('64020219900100123'), 'birth_date'],
    ])('rejects %s', (_case, id, reason) => {
      expect(parseResidentId(id)).toEqual({ ok: false, reason });
      expect(isValidResidentId(id)).toBe(false);
    });

    it('does not judge whether the birth date is in the future: that depends on the date of use', () => {
      expect(isValidResidentId(withCheck('64020220990101123'))).toBe(true);
    });
  });

  describe('masking for display', () => {
    it.each([
      ['11010519491231002X', '110105********002X'],
      ['640202199001011232', '640202********1232'],
      ['12345', '*****'],
    ])('masks %s as %s, keeping the region code and the last four', (id, masked) => {
      expect(maskResidentId(id)).toBe(masked);
    });
  });

  describe('checking and reading the birth date in one pass (residentIdBirthDateNumber)', () => {
    const valid = (first17: string) => first17 + residentIdCheckChar(first17);
    it.each([
      ['11010519491231002X', 19491231],
      ['11010519491231002x', 19491231],
      [valid('64020219800229123'), 19800229],
      ['64020219900101103', 'format'],
      ['64020219900101103XX', 'format'],
      ['6402021990010110/X', 'format'],
      ['6402021990010110:X', 'format'],
      ['64020219900101103Y', 'format'],
      [' 4020219900101103X', 'format'],
      ['640202199001011030', 'check_digit'],
      [valid('64020219810229123'), 'birth_date'],
      [valid('64020219901301123'), 'birth_date'],
      [valid('64020200000101123'), 'birth_date'],
      [12345, 'format'],
    ])('%p → %p', (id, expected) => {
      expect(residentIdBirthDateNumber(id)).toBe(expected);
    });

    it('agrees with parseResidentId on every verdict', () => {
      const ids = ['11010519491231002X', '640202199001011030', valid('64020219810229123'), '6402021990010110'];
      for (const id of ids) {
        const n = residentIdBirthDateNumber(id);
        const parsed = parseResidentId(id);
        if (typeof n === 'number') expect(parsed.ok && parsed.value.birthDate.replace(/-/g, '')).toBe(String(n));
        else expect(parsed).toEqual({ ok: false, reason: n });
      }
    });
  });
});
