import { DEFAULT_NO_WORK_ABILITY, DEFAULT_PROPERTY_LIMITS, DEFAULT_SUPPORTER_INCAPACITY } from '../../../parameters/domain/default-parameters';
import { supporter } from '../../../persons/domain/person-facts.fixtures';
import { Disability, DisabilityKind } from '../../../persons/domain/vocabulary';
import { elderAge } from './elder-age.rule';
import { incomeBelowStandard } from './income-below-standard.rule';
import { inSchoolPastMinority } from './in-school-past-minority.rule';
import { minorAge } from './minor-age.rule';
import { propertyWithinLimits } from './property-within-limits.rule';
import { provinceCase } from './province-case.rule';
import { qualifyingDisability } from './qualifying-disability.rule';
import { noLegalSupporter, SUPPORTER_INCAPACITY_REASONS, supporterUnable } from './supporter-unable.rule';

const W = DEFAULT_NO_WORK_ABILITY;
const STANDARD_FEN = 78000;

describe('no ability to work (无劳动能力), rule by rule', () => {
  describe('HARDSHIP.NO_WORK_ABILITY.ELDER — aged 60 or over', () => {
    it.each([
      [59, false],
      [60, true],
      [61, true],
    ])('a person aged %i: no ability to work on age alone → %p', (age, passed) => {
      const o = elderAge.check({ age, elderFromAge: W.elderFromAge });
      expect(o).toMatchObject({ code: 'HARDSHIP.NO_WORK_ABILITY.ELDER', passed, args: { age, elderFromAge: 60 } });
    });

    it('a person aged exactly 60 has no ability to work (以上 includes 60)', () => {
      const o = elderAge.check({ age: 60, elderFromAge: 60 });
      expect(o.passed).toBe(true);
      expect(o.message.zh).toBe('年满60周岁，达到60周岁，视为无劳动能力。');
    });
  });

  describe('HARDSHIP.NO_WORK_ABILITY.MINOR — under 18', () => {
    it.each([
      [17, true],
      [18, false],
    ])('a person aged %i is a minor with no ability to work → %p', (age, passed) => {
      expect(minorAge.check({ age, minorBelowAge: W.minorBelowAge }).passed).toBe(passed);
    });

    it('a person on their 18th birthday is no longer a minor (未满18周岁)', () => {
      expect(minorAge.check({ age: 18, minorBelowAge: 18 }).message.en).toBe('Aged 18, not under 18: not a minor.');
    });
  });

  describe('HARDSHIP.NO_WORK_ABILITY.IN_SCHOOL — support continues past 18 while in school', () => {
    const enrolled = { enrolled: true, recordedOn: '2026-02-20' };
    const left = { enrolled: false, recordedOn: '2026-02-20' };
    it.each([
      [17, true, enrolled, false, 'a minor needs no schooling ground: the minor rule applies'],
      [17, true, null, false, 'a minor without schooling recorded: the minor rule applies'],
      [18, true, enrolled, true, 'aged 18, supported as a minor and in school: support continues'],
      [18, true, left, false, 'aged 18, supported as a minor and not in school: no ground'],
      [18, true, null, false, 'aged 18, supported as a minor, schooling not recorded: no ground'],
      [18, false, enrolled, false, 'aged 18 and in school but never supported as a minor: continuation is no way in'],
      [21, true, enrolled, true, 'aged 21, supported as a minor and still in school: support continues'],
    ] as const)('age %i, supported as a minor %p, schooling %o → %p (%s)', (age, supportedAsMinor, schooling, passed, _why) => {
      const o = inSchoolPastMinority.check({ age, minorBelowAge: 18, supportedAsMinor, schooling });
      expect(o.code).toBe('HARDSHIP.NO_WORK_ABILITY.IN_SCHOOL');
      expect(o.passed).toBe(passed);
      expect(o.args).toEqual({ age, minorBelowAge: 18, supportedAsMinor, enrolled: schooling?.enrolled ?? null, recordedOn: schooling?.recordedOn ?? null });
    });
  });

  describe('HARDSHIP.NO_WORK_ABILITY.DISABILITY — intellectual or mental 1–3, physical 1–2, visual 1', () => {
    const check = (kind: DisabilityKind, grade: Disability['grade']) => qualifyingDisability.check({ disabilities: [{ kind, grade }], disabilityGrades: W.disabilityGrades });
    it.each<[DisabilityKind, Disability['grade'], boolean]>([
      ['intellectual', 3, true],
      ['intellectual', 4, false],
      ['mental', 3, true],
      ['mental', 4, false],
      ['physical', 2, true],
      ['physical', 3, false],
      ['visual', 1, true],
      ['visual', 2, false],
      ['hearing', 1, false],
      ['speech', 1, false],
    ])('a %s disability of grade %i: no ability to work → %p', (kind, grade, passed) => {
      expect(check(kind, grade).passed).toBe(passed);
    });

    it('names the grades a disability of that kind must have when it falls short', () => {
      const o = check('physical', 3);
      expect(o.message.zh).toBe('三级肢体残疾（肢体残疾须为1–2级）：残疾等级不符合。');
      expect(o.message.en).toBe('grade 3 physical disability (physical disability must be of grades 1–2): no disability of a qualifying grade.');
    });

    it('qualifies on any one of several disabilities', () => {
      const o = qualifyingDisability.check({
        disabilities: [
          { kind: 'hearing', grade: 1 },
          { kind: 'visual', grade: 1 },
        ],
        disabilityGrades: W.disabilityGrades,
      });
      expect(o.passed).toBe(true);
      expect(o.args.disabilities.map((d) => d.qualifies)).toEqual([false, true]);
    });

    it('does not qualify a person without a certified disability', () => {
      expect(qualifyingDisability.check({ disabilities: [], disabilityGrades: W.disabilityGrades }).passed).toBe(false);
    });
  });

  describe('HARDSHIP.NO_WORK_ABILITY.PROVINCE_CASE — the cases a province sets', () => {
    const cases = [{ code: 'NX.SERIOUS_ILLNESS', zh: '患有重特大疾病', en: 'a serious illness' }];
    it('qualifies a person the investigation found in a case the province set', () => {
      const o = provinceCase.check({ recorded: ['NX.SERIOUS_ILLNESS'], provinceCases: cases });
      expect(o).toMatchObject({ passed: true, args: { matched: ['NX.SERIOUS_ILLNESS'], notInForce: [] } });
      expect(o.message.zh).toBe('属于省级规定的其他情形：患有重特大疾病。');
    });

    it('never counts a recorded case the parameters in force do not list', () => {
      const o = provinceCase.check({ recorded: ['NX.WITHDRAWN_CASE'], provinceCases: cases });
      expect(o).toMatchObject({ passed: false, args: { matched: [], notInForce: ['NX.WITHDRAWN_CASE'] } });
    });
  });
});

describe('no means of living (无生活来源), rule by rule', () => {
  describe('HARDSHIP.NO_MEANS.INCOME_BELOW_STANDARD — income below the dibao standard', () => {
    it.each([
      [77999, true, 'one fen below the standard'],
      [78000, false, 'at the standard: not below it'],
      [78001, false, 'above the standard'],
    ])('own income of %i fen against 78000 → %p (%s)', (monthlyFen, passed) => {
      const o = incomeBelowStandard.check({ incomes: [{ kind: 'wage', monthlyFen }], excludedKinds: ['basic_pension'], standardFen: STANDARD_FEN });
      expect(o).toMatchObject({ code: 'HARDSHIP.NO_MEANS.INCOME_BELOW_STANDARD', passed, args: { countedFen: monthlyFen, excludedFen: 0, standardFen: STANDARD_FEN } });
    });

    it('explains a refusal at the standard by the word "below"', () => {
      const o = incomeBelowStandard.check({ incomes: [{ kind: 'wage', monthlyFen: 78000 }], excludedKinds: [], standardFen: STANDARD_FEN });
      expect(o.message.zh).toContain('不低于当地低保标准 780.00 元；收入须低于标准');
      expect(o.message.en).toContain('it must be below it');
    });

    it('does not count the excluded income kinds, and says which were left out', () => {
      const o = incomeBelowStandard.check({
        incomes: [
          { kind: 'wage', monthlyFen: 20000 },
          { kind: 'basic_pension', monthlyFen: 15000 },
          { kind: 'old_age_allowance', monthlyFen: 10000 },
          { kind: 'medical_insurance', monthlyFen: 50000 },
          { kind: 'special_care_pension', monthlyFen: 40000 },
        ],
        excludedKinds: ['basic_pension', 'medical_insurance', 'special_care_pension', 'old_age_allowance'],
        standardFen: STANDARD_FEN,
      });
      expect(o.passed).toBe(true);
      expect(o.args).toEqual({ countedFen: 20000, excludedFen: 115000, excludedKindsFound: ['basic_pension', 'old_age_allowance', 'medical_insurance', 'special_care_pension'], standardFen: STANDARD_FEN });
      expect(o.message.zh).toContain('本人月收入 200.00 元（城乡居民基本养老保险基础养老金、高龄津贴、医疗保险待遇、优待抚恤金共 1150.00 元不计入）');
    });

    it('counts an income kind once a new version of the exclusions no longer lists it', () => {
      const o = incomeBelowStandard.check({ incomes: [{ kind: 'basic_pension', monthlyFen: 78000 }], excludedKinds: [], standardFen: STANDARD_FEN });
      expect(o.passed).toBe(false);
    });
  });

  describe('HARDSHIP.NO_MEANS.PROPERTY_WITHIN_LIMITS — property within the limits', () => {
    const check = (moneyFen: number, homes = 1, vehicles: { exempt: boolean }[] = []) =>
      propertyWithinLimits.check({ property: { moneyFen, homes, vehicles }, limits: DEFAULT_PROPERTY_LIMITS, standardFen: STANDARD_FEN });
    it.each([
      [2808000, true, 'exactly 36 × 780.00 yuan'],
      [2808001, false, 'one fen over'],
    ])('money assets of %i fen → %p (%s)', (moneyFen, passed) => {
      const o = check(moneyFen);
      expect(o.passed).toBe(passed);
      expect(o.args.moneyLimitFen).toBe(2808000);
    });

    it('names each limit exceeded', () => {
      const o = check(0, 2, [{ exempt: true }, { exempt: false }]);
      expect(o.passed).toBe(false);
      expect(o.args.exceeded).toEqual(['homes', 'vehicles']);
      expect(o.message.zh).toBe('财产超过规定：住房 2 套（上限 1 套）、非豁免车辆 1 辆（上限 0 辆）。');
    });

    it('does not count a vehicle needed for living or work', () => {
      expect(check(0, 1, [{ exempt: true }]).passed).toBe(true);
    });
  });
});

describe('no able supporter (无法定义务人或无履行义务能力), rule by rule', () => {
  const L = DEFAULT_SUPPORTER_INCAPACITY;
  const check = (s: Parameters<typeof supporter>[0], age = 40) => supporterUnable.check({ index: 0, supporter: supporter(s), age, standardFen: STANDARD_FEN, limits: L });

  it.each([
    ['special_hardship', { specialHardship: true }, 40, '义务人1（子女）本人为特困人员，无履行义务能力。'],
    ['dibao_recipient_aged', { dibaoRecipient: true }, 60, '义务人1（子女）60周岁（60周岁以上）的低保对象，无履行义务能力。'],
    ['aged_low_income', { monthlyIncomeFen: 116999 }, 70, '义务人1（子女）70周岁（70周岁以上），月收入 1169.99 元低于低保标准的 1.5 倍（1170.00 元），无履行义务能力。'],
    ['severely_disabled', { disabilities: [{ kind: 'physical', grade: 2 }] }, 40, '义务人1（子女）重度残疾（二级肢体残疾），无履行义务能力。'],
    ['legally_incapacitated', { legallyIncapacitated: true }, 40, '义务人1（子女）无民事行为能力，无履行义务能力。'],
    ['declared_missing', { declaredMissing: true }, 40, '义务人1（子女）被宣告失踪，无履行义务能力。'],
    ['in_prison', { inPrison: true }, 40, '义务人1（子女）在监狱服刑，无履行义务能力。'],
  ] as const)('a supporter who is %s cannot meet the duty, and the reason is named', (reason, facts, age, zh) => {
    const o = check(facts as Parameters<typeof supporter>[0], age);
    expect(o).toMatchObject({ code: 'HARDSHIP.SUPPORTER.UNABLE', passed: true, args: { reasons: [reason] } });
    expect(o.message.zh).toBe(zh);
  });

  it('covers every reason of policy.md §3', () => {
    expect(SUPPORTER_INCAPACITY_REASONS).toEqual(['special_hardship', 'dibao_recipient_aged', 'aged_low_income', 'severely_disabled', 'legally_incapacitated', 'declared_missing', 'in_prison']);
  });

  it.each([
    [{ dibaoRecipient: true }, 59, 'a dibao recipient aged 59'],
    [{ monthlyIncomeFen: 116999 }, 69, 'aged 69 with low income'],
    [{ monthlyIncomeFen: 117000 }, 70, 'aged 70 with income exactly at 1.5 × the standard: not below it'],
    [{ disabilities: [{ kind: 'physical', grade: 3 }] }, 40, 'a grade-3 physical disability'],
    [{}, 40, 'aged 40, working, none of the situations'],
  ] as const)('a supporter who is %o aged %i can meet the duty (%s)', (facts, age, _why) => {
    const o = check(facts as Parameters<typeof supporter>[0], age);
    expect(o.passed).toBe(false);
    expect(o.args.reasons).toEqual([]);
  });

  it('reads a grade-3 intellectual or mental disability as severe', () => {
    expect(check({ disabilities: [{ kind: 'mental', grade: 3 }] }).args.reasons).toEqual(['severely_disabled']);
    expect(check({ disabilities: [{ kind: 'visual', grade: 3 }] }).args.reasons).toEqual([]);
  });

  it('lists every reason that holds', () => {
    expect(check({ dibaoRecipient: true, monthlyIncomeFen: 0, inPrison: true }, 72).args.reasons).toEqual(['dibao_recipient_aged', 'aged_low_income', 'in_prison']);
  });

  it('says a supporter who can meet the duty can', () => {
    expect(check({}).message.en).toBe('supporter 1 (child), aged 40, is in none of the situations of incapacity and can meet the duty of support.');
  });

  it('HARDSHIP.SUPPORTER.NONE: a person with no legal supporter meets the condition', () => {
    expect(noLegalSupporter.check({ supporters: 0 })).toMatchObject({ code: 'HARDSHIP.SUPPORTER.NONE', passed: true });
    expect(noLegalSupporter.check({ supporters: 2 }).passed).toBe(false);
  });
});
