import { assetsMoneyWithinLimit } from './assets-money-within-limit.rule';
import { housingWithinLimit } from './housing-within-limit.rule';
import { perCapitaIncomeBelowBand } from './per-capita-income-below-band.rule';
import { perCapitaIncomeBelowStandard } from './per-capita-income-below-standard.rule';
import { checkSinglePersonInclusion, describeSinglePersonCheck, singlePersonQualifies } from './single-person-qualifies.rule';
import { vehiclesWithinLimit } from './vehicles-within-limit.rule';

describe('named rules: stable codes, the numbers of each verdict, and messages a caseworker understands', () => {
  describe('DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD', () => {
    it('states the comparison in household totals', () => {
      const o = perCapitaIncomeBelowStandard.check({ netIncomeFen: 233999, householdSize: 3, standardFen: 78000 });
      expect(o).toEqual({
        code: 'DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD',
        passed: true,
        args: { netIncomeFen: 233999, householdSize: 3, standardFen: 78000, limitFen: 234000, perCapitaIncomeFen: 78000 },
      });
      expect(perCapitaIncomeBelowStandard.describe(o).zh).toContain('2339.99 元，低于低保标准 780.00 元 × 3 人 = 2340.00 元');
    });

    it('explains a refusal at the standard by the word "below"', () => {
      const o = perCapitaIncomeBelowStandard.check({ netIncomeFen: 78000, householdSize: 1, standardFen: 78000 });
      expect(o.passed).toBe(false);
      const message = perCapitaIncomeBelowStandard.describe(o);
      expect(message.zh).toContain('须低于标准');
      expect(message.en).toContain('must be below');
    });
  });

  describe('DIBAO.ASSETS_MONEY_WITHIN_LIMIT', () => {
    it.each([
      [2808000, true],
      [2808001, false],
    ])('one person, %i fen against 36 × 780.00 = 28,080.00 yuan → passed %p', (moneyFen, passed) => {
      const o = assetsMoneyWithinLimit.check({ moneyFen, standardFen: 78000, householdSize: 1, moneyMonthsOfStandard: 36 });
      expect(o.passed).toBe(passed);
      expect(o.args).toEqual({ moneyFen, moneyMonthsOfStandard: 36, standardFen: 78000, householdSize: 1, limitFen: 2808000 });
      expect(assetsMoneyWithinLimit.describe(o).zh).toContain('36 个月 × 标准 780.00 元 × 1 人 = 28080.00 元');
    });
  });

  describe('DIBAO.HOUSING_WITHIN_LIMIT', () => {
    it.each([
      [99.9, true, '33.3 m² × 3 = 99.9 m² exactly, despite 33.3 * 3 = 99.89999… in floating point'],
      [99.91, false, 'one hundredth of a m² over'],
    ])('a second home, %p m² for three people at 33.3 m² each → passed %p (%s)', (housingAreaSqm, passed) => {
      const o = housingWithinLimit.check({ homes: 2, housingAreaSqm, householdSize: 3, maxHomes: 1, housingAreaPerPersonSqm: 33.3 });
      expect(o.passed).toBe(passed);
      expect(o.args).toMatchObject({ areaHundredths: Math.round(housingAreaSqm * 100), areaPerPersonHundredths: 3330, limitHundredths: 9990 });
    });

    it('does not measure the area of a household with a single home', () => {
      const o = housingWithinLimit.check({ homes: 1, housingAreaSqm: 500, householdSize: 1, maxHomes: 1, housingAreaPerPersonSqm: 40 });
      expect(o.passed).toBe(true);
      expect(o.args).toEqual({ homes: 1, maxHomes: 1, householdSize: 1, areaHundredths: null, areaPerPersonHundredths: null, limitHundredths: null });
      expect(housingWithinLimit.describe(o).zh).toBe('家庭住房 1 套，未超过 1 套。');
    });
  });

  describe('DIBAO.VEHICLES_WITHIN_LIMIT', () => {
    it('counts exempt and non-exempt vehicles separately in its message', () => {
      const o = vehiclesWithinLimit.check({ vehicles: [{ exempt: true }, { exempt: false }], nonExemptVehiclesAllowed: 0 });
      expect(o.passed).toBe(false);
      expect(o.args).toEqual({ vehicles: 2, exempt: 1, nonExempt: 1, nonExemptVehiclesAllowed: 0 });
      expect(vehiclesWithinLimit.describe(o).zh).toContain('豁免）1 辆、非豁免 1 辆');
    });
  });

  describe('LOW_INCOME.PER_CAPITA_INCOME_BELOW_BAND', () => {
    it.each([
      [true, '低于', false],
      [false, '不高于', true],
    ])('at exactly 1.5 × with strictBound %p the message says %s and passed is %p', (strictBound, word, passed) => {
      const o = perCapitaIncomeBelowBand.check({ netIncomeFen: 117000, householdSize: 1, standardFen: 78000, multiplierBp: 15000, strictBound });
      expect(o.passed).toBe(passed);
      expect(o.args).toMatchObject({ multiplierBp: 15000, strictBound, limitFen: 117000 });
      expect(perCapitaIncomeBelowBand.describe(o).zh).toContain(`${word}低收入认定线 780.00 元 × 1.5 倍 × 1 人 = 1170.00 元`);
    });
  });

  describe('SINGLE_PERSON.QUALIFIES', () => {
    const criteria = { disabilityGrades: [1, 2], intellectualOrMentalGrades: [1, 2, 3], seriousIllness: true, benefitShareBp: 10000 };

    it('names the member by position and relation, and the certified disability', () => {
      const r = checkSinglePersonInclusion({
        member: { idNumber: 'n/a', relation: 'spouse', disability: { grade: 1, kind: 'physical' } },
        memberIndex: 1,
        criteria,
      });
      expect(r.args).toMatchObject({ member: 1, relation: 'spouse', reason: 'SINGLE_PERSON.SEVERE_DISABILITY', disabilityGrade: 1, disabilityKind: 'physical' });
      expect(describeSinglePersonCheck(r).zh).toBe('第2位成员（配偶）持一级肢体残疾证，所在家庭为低收入家庭，可按单人户纳入低保。');
    });

    it('names the conditions in force when a member does not qualify', () => {
      const r = checkSinglePersonInclusion({ member: { idNumber: 'n/a', relation: 'child' }, memberIndex: 2, criteria });
      expect(r).toMatchObject({ passed: false, args: { reason: null, disabilityGrades: [1, 2], intellectualOrMentalGrades: [1, 2, 3], seriousIllness: true } });
      expect(singlePersonQualifies.describe(r)).toEqual({
        zh: '第3位成员（子女）不符合单人户纳入条件（须为1、2级残疾、1、2、3级智力或精神残疾、重病）。',
        en: 'member 3 (child) does not qualify for single-person inclusion (requires disability grade 1/2, intellectual or mental disability grade 1/2/3, a serious illness).',
      });
    });

    it('does not include serious illness when the province does not recognise it', () => {
      const o = singlePersonQualifies.check({
        member: { idNumber: 'n/a', relation: 'parent', seriousIllness: true },
        memberIndex: 0,
        criteria: { ...criteria, seriousIllness: false },
      });
      expect(o).toMatchObject({ code: 'SINGLE_PERSON.QUALIFIES', passed: false });
    });
  });
});
