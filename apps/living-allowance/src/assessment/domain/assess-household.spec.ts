import { residentIdCheckChar } from '@jiuzhu/common';
import { AssessmentParameters } from '../../parameters/domain/resolve-parameters';
import { assessHousehold } from './assess-household';
import {
  applicant,
  ASSESSED_ON,
  defaultParams,
  householdOf,
  memberAged,
  residentIdBornOn,
} from './assessment-inputs.fixtures';
import { Decision } from './decision';
import { Household, IncomeKind } from './household';
import { renderDecision } from './render-decision';

/** Demo urban standard of 大武口区: 780.00 yuan per person a month. */
const STANDARD = 78000;

function assess(household: Household, params: AssessmentParameters = defaultParams(), on = ASSESSED_ON): Decision {
  const r = assessHousehold(household, params, on);
  if (!r.ok) throw new Error(`expected a decision, got errors ${JSON.stringify(r.errors.map((e) => e.code))}`);
  return r.decision;
}

const withParams = (change: (p: AssessmentParameters) => void): AssessmentParameters =>
  defaultParams((p) => {
    change(p);
    return p;
  });

const codesOf = (rules: { code: string; passed: boolean }[]) => rules.map((r) => `${r.code}:${r.passed ? 'passed' : 'failed'}`);

describe('dibao assessment (民发〔2021〕57号; policy.md §1)', () => {
  describe('income test: per-capita income must be BELOW the standard', () => {
    it('treats per-capita income equal to the standard as not eligible: the rule says below', () => {
      const d = assess(householdOf(1, { wageFen: STANDARD }));
      expect(d.outcome).not.toBe('dibao');
      expect(d.rules.find((r) => r.code === 'DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD')?.passed).toBe(false);
    });

    it('grants dibao one fen below the standard', () => {
      expect(assess(householdOf(1, { wageFen: STANDARD - 1 })).outcome).toBe('dibao');
    });

    it.each([
      [1, 0, 'dibao', 'no income at all'],
      [1, STANDARD - 1, 'dibao', 'one fen below the standard'],
      [1, STANDARD, 'low_income', 'exactly at the standard'],
      [3, 3 * STANDARD - 1, 'dibao', 'household total one fen below 3 × standard (per capita shows 780.00 once rounded)'],
      [3, 3 * STANDARD, 'low_income', 'household total exactly 3 × standard'],
      [4, 4 * STANDARD + 1, 'low_income', 'one fen above 4 × standard'],
    ])('household of %i with net income %i fen → %s (%s)', (size, net, outcome) => {
      expect(assess(householdOf(size, { wageFen: net })).outcome).toBe(outcome);
    });

    it('compares exact totals, never the rounded per-capita figure', () => {
      const d = assess(householdOf(3, { wageFen: 3 * STANDARD - 1 }));
      expect(d.perCapitaIncomeFen).toBe(STANDARD); // 77999.67 rounds to 78000 for display…
      expect(d.outcome).toBe('dibao'); // …but the household is below the line
    });
  });

  describe('low-income household: below 1.5 × the standard (strict by default)', () => {
    const band = 117000; // 1.5 × 780.00

    it.each([
      [band - 1, true, 'low_income', 'one fen below 1.5 × under the strict bound'],
      [band, true, 'ineligible', 'exactly at 1.5 × is not below under the default strict bound'],
      [band, false, 'low_income', 'exactly at 1.5 × counts when strictBound is false'],
      [band + 1, false, 'ineligible', 'one fen above 1.5 × never counts'],
    ])('net income %i fen, strictBound %p → %s (%s)', (net, strictBound, outcome) => {
      const params = withParams((p) => (p.lowIncomeBand.strictBound = strictBound));
      expect(assess(householdOf(1, { wageFen: net }), params).outcome).toBe(outcome);
    });

    it.each([
      [117001, 'low_income', '117001 < 1.5 × 78001 = 117001.5'],
      [117002, 'ineligible', '117002 > 117001.5'],
    ])('compares exactly when 1.5 × the standard falls between two fen: %i → %s (%s)', (net, outcome) => {
      const params = withParams((p) => (p.standardFen = 78001));
      expect(assess(householdOf(1, { wageFen: net }), params).outcome).toBe(outcome);
    });

    it('scales the band with household size', () => {
      expect(assess(householdOf(3, { wageFen: 3 * band - 1 })).outcome).toBe('low_income');
      expect(assess(householdOf(3, { wageFen: 3 * band })).outcome).toBe('ineligible');
    });

    it('pays nothing to a low-income household as such', () => {
      const d = assess(householdOf(2, { wageFen: 2 * 100000 }));
      expect(d).toMatchObject({ outcome: 'low_income', monthlyBenefitFen: 0, baseBenefitFen: 0, peopleCovered: 0, gapPerPersonFen: 0, householdGapFen: 0, topUps: [] });
    });
  });

  describe('income counted and excluded', () => {
    const excludedKinds: IncomeKind[] = [
      'special_care_pension',
      'family_planning_reward',
      'scholarship',
      'bravery_award',
      'social_assistance',
      'basic_pension',
    ];

    it.each(excludedKinds)('does not count %s as household income', (kind) => {
      const h = householdOf(1, {
        incomes: [
          { memberIndex: 0, kind: 'wage', monthlyFen: 70000 },
          { memberIndex: 0, kind, monthlyFen: 50000 },
        ],
      });
      const d = assess(h);
      expect(d).toMatchObject({ countedIncomeFen: 70000, excludedIncomeFen: 50000, netIncomeFen: 70000, outcome: 'dibao' });
      expect(d.explanation.filter((l) => l.step === 'income.excluded')).toHaveLength(1);
    });

    it.each(['wage', 'business', 'property', 'transfer', 'other'] as IncomeKind[])('counts %s', (kind) => {
      const d = assess(householdOf(1, { incomes: [{ memberIndex: 0, kind, monthlyFen: 50000 }] }));
      expect(d).toMatchObject({ countedIncomeFen: 50000, excludedIncomeFen: 0 });
    });

    it('counts the basic pension once a later parameter version stops excluding it (the 2021–2025 exclusion ended)', () => {
      const params = withParams((p) => (p.incomeExclusions.kinds = p.incomeExclusions.kinds.filter((k) => k !== 'basic_pension')));
      const d = assess(householdOf(1, { incomes: [{ memberIndex: 0, kind: 'basic_pension', monthlyFen: 20000 }] }), params);
      expect(d.countedIncomeFen).toBe(20000);
    });
  });

  describe('deductions (刚性支出扣减, 就业成本扣减)', () => {
    it('takes net income as 0, never negative, when deductions exceed income', () => {
      const h = householdOf(2, { wageFen: 30000 });
      h.deductions = [{ kind: 'medical', monthlyFen: 90000 }];
      const d = assess(h);
      expect(d).toMatchObject({ countedIncomeFen: 30000, deductionsFen: 90000, netIncomeFen: 0, perCapitaIncomeFen: 0, outcome: 'dibao' });
      expect(d.baseBenefitFen).toBe(2 * STANDARD);
    });

    it('lifts a family under the line by deducting medical costs', () => {
      const h = householdOf(1, { wageFen: 90000 });
      expect(assess(h).outcome).toBe('low_income');
      h.deductions = [{ kind: 'medical', memberIndex: 0, monthlyFen: 12001 }];
      expect(assess(h)).toMatchObject({ netIncomeFen: 77999, outcome: 'dibao' });
    });

    it.each([
      ['rent', 40000, 40000, 'under the cap: deducted in full'],
      ['rent', 50000, 50000, 'exactly at the cap'],
      ['rent', 60000, 50000, 'over the cap: capped at 500.00'],
      ['medical', 300000, 300000, 'medical costs have no cap by default'],
      ['education', 20000, 20000, 'education costs have no cap by default'],
    ] as const)('%s claimed %i fen → %i fen deducted (%s)', (kind, claimed, deducted, _why) => {
      const h = householdOf(2, { wageFen: 400000 });
      h.deductions = [{ kind, monthlyFen: claimed }];
      expect(assess(h).deductionsFen).toBe(deducted);
    });

    it('applies the cap to the household total of one kind, not to each claim', () => {
      const h = householdOf(2, { wageFen: 400000 });
      h.deductions = [
        { kind: 'rent', monthlyFen: 30000 },
        { kind: 'rent', monthlyFen: 30000 },
      ];
      const d = assess(h);
      expect(d.deductionsFen).toBe(50000);
      expect(d.explanation.find((l) => l.step === 'deduction.capped')?.args).toEqual({ kind: 'rent', claimedFen: 60000, capFen: 50000, amountFen: 50000 });
      expect(renderDecision(d).explanation.find((l) => l.step === 'deduction.capped')?.amountFen).toBe(50000);
    });

    it('does not deduct a kind the parameters do not allow', () => {
      const params = withParams((p) => (p.deductions.rent.allowed = false));
      const h = householdOf(1, { wageFen: 90000 });
      h.deductions = [{ kind: 'rent', monthlyFen: 20000 }];
      const d = assess(h, params);
      expect(d.deductionsFen).toBe(0);
      expect(d.explanation.some((l) => l.step === 'deduction.not_allowed')).toBe(true);
    });

    describe('employment costs: the smallest of the claim, 20 % of the member’s wages and 50 % of the standard', () => {
      it.each([
        [100000, 10000, 10000, 'the claim is the smallest'],
        [100000, 50000, 20000, '20 % of 1,000.00 wages = 200.00'],
        [300000, 100000, 39000, '50 % of the standard = 390.00 caps 20 % of 3,000.00 wages'],
        [0, 50000, 0, 'no wage income, no employment deduction'],
      ])('wages %i, claim %i → %i deducted (%s)', (wage, claimed, deducted) => {
        const h = householdOf(2, { wageFen: wage });
        h.deductions = [{ kind: 'employment', memberIndex: 0, monthlyFen: claimed }];
        expect(assess(h).deductionsFen).toBe(deducted);
      });

      it('caps per employed member, each against their own wages', () => {
        const h = householdOf(2, {
          incomes: [
            { memberIndex: 0, kind: 'wage', monthlyFen: 300000 },
            { memberIndex: 1, kind: 'wage', monthlyFen: 50000 },
          ],
        });
        h.deductions = [
          { kind: 'employment', memberIndex: 0, monthlyFen: 100000 },
          { kind: 'employment', memberIndex: 1, monthlyFen: 100000 },
        ];
        expect(assess(h).deductionsFen).toBe(39000 + 10000);
      });

      it('ignores business income: only wages carry the employment deduction', () => {
        const h = householdOf(1, { incomes: [{ memberIndex: 0, kind: 'business', monthlyFen: 100000 }] });
        h.deductions = [{ kind: 'employment', memberIndex: 0, monthlyFen: 50000 }];
        expect(assess(h).deductionsFen).toBe(0);
      });
    });
  });

  describe('property (家庭财产)', () => {
    describe('money assets per person ≤ 36 months of the standard, inclusive', () => {
      const limit2 = 36 * STANDARD * 2; // 56,160.00 yuan for two people
      it.each([
        [limit2 - 1, true, 'dibao'],
        [limit2, true, 'dibao'],
        [limit2 + 1, false, 'ineligible'],
      ])('two people with %i fen → rule passed %p → %s', (moneyFen, passed, outcome) => {
        const d = assess(householdOf(2, { wageFen: 0, assets: { moneyFen } }));
        expect(d.rules.find((r) => r.code === 'DIBAO.ASSETS_MONEY_WITHIN_LIMIT')?.passed).toBe(passed);
        expect(d.outcome).toBe(outcome);
      });

      it('lists the failed property rule as the reason of an ineligible decision', () => {
        const d = assess(householdOf(2, { wageFen: 0, assets: { moneyFen: limit2 + 1 } }));
        expect(codesOf(d.reasons)).toEqual(['DIBAO.ASSETS_MONEY_WITHIN_LIMIT:failed']);
      });

      it('also keeps a household with too much money out of the low-income database', () => {
        const d = assess(householdOf(1, { wageFen: 100000, assets: { moneyFen: 36 * STANDARD + 1 } }));
        expect(d.outcome).toBe('ineligible');
        expect(codesOf(d.reasons)).toEqual(['DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD:failed', 'DIBAO.ASSETS_MONEY_WITHIN_LIMIT:failed']);
      });
    });

    describe('no second home beyond 40 m² of usable area per person', () => {
      it.each([
        [1, 300, true, 'one home of any size'],
        [0, 0, true, 'no home'],
        [2, 80, true, 'a second home, 80 m² for two people: exactly 40 m² each'],
        [2, 80.01, false, 'a second home, 80.01 m² for two people'],
        [3, 79, true, 'three homes, 79 m² together for two people'],
        [2, 120, false, 'a second home, 120 m² for two people'],
      ])('%i home(s), %p m², two people → passed %p (%s)', (homes, housingAreaSqm, passed) => {
        const d = assess(householdOf(2, { wageFen: 0, assets: { homes, housingAreaSqm } }));
        expect(d.rules.find((r) => r.code === 'DIBAO.HOUSING_WITHIN_LIMIT')?.passed).toBe(passed);
        expect(d.outcome).toBe(passed ? 'dibao' : 'ineligible');
      });
    });

    describe('vehicles: only vehicles needed for living or work are allowed by default', () => {
      it.each([
        [[], 0, true],
        [[{ exempt: true }], 0, true],
        [[{ exempt: false }], 0, false],
        [[{ exempt: true }, { exempt: false }], 0, false],
        [[{ exempt: false }], 1, true],
        [[{ exempt: false }, { exempt: false }], 1, false],
      ])('vehicles %j with %i non-exempt allowed → passed %p', (vehicles, allowed, passed) => {
        const params = withParams((p) => (p.assets.nonExemptVehiclesAllowed = allowed));
        const d = assess(householdOf(1, { wageFen: 0, assets: { vehicles } }), params);
        expect(d.rules.find((r) => r.code === 'DIBAO.VEHICLES_WITHIN_LIMIT')?.passed).toBe(passed);
        expect(d.outcome).toBe(passed ? 'dibao' : 'ineligible');
      });
    });
  });

  describe('gap payment (补差) with a floor', () => {
    it('pays standard × size − net income, exactly', () => {
      const d = assess(householdOf(3, { wageFen: 100001 }));
      expect(d).toMatchObject({
        outcome: 'dibao',
        netIncomeFen: 100001,
        peopleCovered: 3,
        baseBenefitFen: 3 * STANDARD - 100001,
        monthlyBenefitFen: 3 * STANDARD - 100001,
      });
    });

    it.each([
      [3, 100000, 33333, '333.333… → 333.33'],
      [3, 100001, 33334, '333.336… → 333.34'],
      [4, 2, 1, '0.005 yuan → 0.01, half up'],
      [3, 1, 0, '0.0033 yuan → 0.00'],
    ])('rounds per-capita income half up for display: %i people, net %i fen → %i fen (%s)', (size, net, perCapita) => {
      expect(assess(householdOf(size, { wageFen: net })).perCapitaIncomeFen).toBe(perCapita);
    });

    it.each([
      [3, 100000, 44667],
      [3, 100001, 44666],
      [2, 1, 78000],
    ])('shows the per-person gap rounded half up: %i people, net %i → %i', (size, net, gapPerPersonFen) => {
      expect(assess(householdOf(size, { wageFen: net })).gapPerPersonFen).toBe(gapPerPersonFen);
    });

    it('names the gap for what it is: per person × members = the household gap, which the explanation\'s "Gap =" line shows and the benefit starts from', () => {
      // 3 × 780.00 − 1 050.00 = 1 290.00 for the household, 430.00 a person.
      const d = assess(householdOf(3, { wageFen: 105000 }));
      expect(d).toMatchObject({ outcome: 'dibao', householdGapFen: 129000, gapPerPersonFen: 43000, baseBenefitFen: 129000 });
      expect(d.gapPerPersonFen * d.householdSize).toBe(d.householdGapFen);
      expect(renderDecision(d).explanation.find((l) => l.step === 'benefit.gap')).toMatchObject({ amountFen: d.householdGapFen, text: { en: expect.stringContaining('= 1290.00 yuan') } });
    });

    it('applies the floor of 20 % of the standard per person when the gap is tiny', () => {
      const d = assess(householdOf(2, { wageFen: 2 * STANDARD - 1000 }));
      expect(d).toMatchObject({ outcome: 'dibao', baseBenefitFen: 2 * 15600, monthlyBenefitFen: 2 * 15600 });
      expect(d.explanation.find((l) => l.step === 'benefit.floor')).toEqual({
        step: 'benefit.floor',
        code: 'BENEFIT.FLOOR_PAID',
        args: { floorShareBp: 2000, peopleCovered: 2, amountFen: 31200 },
      });
      expect(renderDecision(d).explanation.find((l) => l.step === 'benefit.floor')?.text.en).toMatch(/the floor is paid/);
    });

    it.each([
      [2 * STANDARD - 31200, 31200, 'gap exactly at the floor'],
      [2 * STANDARD - 31199, 31200, 'gap one fen below the floor'],
      [2 * STANDARD - 31201, 31201, 'gap one fen above the floor'],
    ])('two people, net %i → base benefit %i (%s)', (net, base) => {
      expect(assess(householdOf(2, { wageFen: net })).baseBenefitFen).toBe(base);
    });

    it('rounds the floor per person on an odd standard', () => {
      const params = withParams((p) => (p.standardFen = 78003));
      const d = assess(householdOf(1, { wageFen: 78002 }), params);
      expect(d.baseBenefitFen).toBe(15601); // 20 % of 780.03 = 156.006 → 156.01
    });
  });

  describe('top-ups (提档/增发): highest within a group, groups add up', () => {
    const single = (age: number, extra: Partial<Household['members'][number]> = {}, opts: { birthdayTomorrow?: boolean } = {}) =>
      ({ ...householdOf(1, { wageFen: 0 }), members: [memberAged(age, ASSESSED_ON, { relation: 'applicant', ...extra }, opts)] }) as Household;

    it.each([
      [40, [], 'working age: none'],
      [59, [], '59: none'],
      [60, [['TOP_UP.AGED_60', 7800]], '60: +10 %'],
      [69, [['TOP_UP.AGED_60', 7800]], '69: +10 %'],
      [70, [['TOP_UP.AGED_70', 15600]], '70: +20 % instead of, not on top of, +10 %'],
      [88, [['TOP_UP.AGED_70', 15600]], '88: +20 %'],
      [17, [['TOP_UP.MINOR', 7800]], '17: a minor, +10 %'],
      [0, [['TOP_UP.MINOR', 7800]], 'a newborn: a minor'],
      [18, [], '18: an adult'],
    ])('age %i → %j (%s)', (age, expected) => {
      const d = assess(single(age));
      expect(d.topUps).toEqual(expected.map(([code, amountFen]) => ({ memberIndex: 0, code, amountFen })));
      expect(d.monthlyBenefitFen).toBe(STANDARD + d.topUps.reduce((s, t) => s + t.amountFen, 0));
    });

    it('computes age on the assessment date: the 60th birthday the day after means still 59', () => {
      expect(assess(single(60, {}, { birthdayTomorrow: true })).topUps).toEqual([]);
      expect(assess(single(60)).topUps).toEqual([{ memberIndex: 0, code: 'TOP_UP.AGED_60', amountFen: 7800 }]);
    });

    it('the same person becomes 60 between two assessment dates', () => {
      const h = single(60, {}, { birthdayTomorrow: true });
      const next = assessHousehold(h, defaultParams(), '2025-06-16');
      expect(next.ok && next.decision.topUps.map((t) => t.code)).toEqual(['TOP_UP.AGED_60']);
    });

    it.each([
      [75, { disability: { grade: 1, kind: 'physical' } }, ['TOP_UP.AGED_70', 'TOP_UP.SEVERE_DISABILITY'], 31200],
      [62, { seriousIllness: true }, ['TOP_UP.AGED_60', 'TOP_UP.SERIOUS_ILLNESS'], 23400],
      [10, { disability: { grade: 2, kind: 'intellectual' } }, ['TOP_UP.MINOR', 'TOP_UP.SEVERE_DISABILITY'], 23400],
      [40, { disability: { grade: 1, kind: 'visual' }, seriousIllness: true }, ['TOP_UP.SEVERE_DISABILITY'], 15600],
      [40, { disability: { grade: 3, kind: 'physical' } }, [], 0],
    ] as const)('age %i with %j → %j, %i fen in all', (age, extra, codes, total) => {
      const d = assess(single(age, extra as Partial<Household['members'][number]>));
      expect(d.topUps.map((t) => t.code)).toEqual(codes);
      expect(d.topUps.reduce((s, t) => s + t.amountFen, 0)).toBe(total);
    });

    it('grants top-ups to each member of a dibao household', () => {
      const h: Household = {
        ...householdOf(1, { wageFen: 0 }),
        members: [applicant(45), memberAged(72, ASSESSED_ON, { relation: 'parent' }), memberAged(8, ASSESSED_ON, { relation: 'child' })],
      };
      const d = assess(h);
      expect(d.topUps).toEqual([
        { memberIndex: 1, code: 'TOP_UP.AGED_70', amountFen: 15600 },
        { memberIndex: 2, code: 'TOP_UP.MINOR', amountFen: 7800 },
      ]);
      expect(d.monthlyBenefitFen).toBe(3 * STANDARD + 15600 + 7800);
    });

    it('rounds each top-up half up to the fen on an odd standard', () => {
      const params = withParams((p) => (p.standardFen = 78005));
      const d = assess(single(72, { seriousIllness: true }), params);
      // 20 % of 780.05 = 156.01 exactly; 10 % would be 78.005 → 78.01
      expect(d.topUps.map((t) => t.amountFen)).toEqual([15601, 15601]);
      const minor = assess(single(5), params);
      expect(minor.topUps[0].amountFen).toBe(7801);
    });
  });

  describe('single-person inclusion (单人户) in a low-income household', () => {
    const lowIncomeWith = (extra: Partial<Household['members'][number]>): Household => ({
      ...householdOf(2, { wageFen: 200000 }), // 1,000.00 per person: above 780.00, below 1,170.00
      members: [applicant(45), memberAged(50, ASSESSED_ON, { relation: 'spouse', ...extra })],
    });

    it('includes a grade-1 disabled member of a low-income household, with the standard plus their top-ups', () => {
      const d = assess(lowIncomeWith({ disability: { grade: 1, kind: 'physical' } }));
      expect(d.outcome).toBe('low_income');
      expect(d.singlePersonInclusions).toEqual([
        {
          memberIndex: 1,
          reason: 'SINGLE_PERSON.SEVERE_DISABILITY',
          baseBenefitFen: STANDARD,
          topUps: [{ code: 'TOP_UP.SEVERE_DISABILITY', amountFen: 15600 }],
          monthlyBenefitFen: STANDARD + 15600,
        },
      ]);
      expect(d.monthlyBenefitFen).toBe(0);
    });

    it.each([
      [{ disability: { grade: 1, kind: 'physical' } }, 'SINGLE_PERSON.SEVERE_DISABILITY'],
      [{ disability: { grade: 2, kind: 'hearing' } }, 'SINGLE_PERSON.SEVERE_DISABILITY'],
      [{ disability: { grade: 3, kind: 'physical' } }, undefined],
      [{ disability: { grade: 3, kind: 'intellectual' } }, 'SINGLE_PERSON.INTELLECTUAL_OR_MENTAL_DISABILITY'],
      [{ disability: { grade: 3, kind: 'mental' } }, 'SINGLE_PERSON.INTELLECTUAL_OR_MENTAL_DISABILITY'],
      [{ disability: { grade: 4, kind: 'mental' } }, undefined],
      [{ seriousIllness: true }, 'SINGLE_PERSON.SERIOUS_ILLNESS'],
      [{}, undefined],
    ] as const)('member with %j → %p', (extra, reason) => {
      const d = assess(lowIncomeWith(extra as Partial<Household['members'][number]>));
      expect(d.singlePersonInclusions.map((s) => s.reason)).toEqual(reason === undefined ? [] : [reason]);
      const check = d.rules.filter((r) => r.code === 'SINGLE_PERSON.QUALIFIES');
      expect(check.map((r) => r.passed)).toEqual([false, reason !== undefined]);
    });

    it('does not consider single-person inclusion for dibao or ineligible households', () => {
      const sick = { seriousIllness: true };
      const dibao: Household = { ...householdOf(2, { wageFen: 0 }), members: [applicant(45), memberAged(50, ASSESSED_ON, { relation: 'spouse', ...sick })] };
      const ineligible: Household = { ...dibao, incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 500000 }] };
      for (const h of [dibao, ineligible]) {
        const d = assess(h);
        expect(d.singlePersonInclusions).toEqual([]);
        expect(d.rules.some((r) => r.code === 'SINGLE_PERSON.QUALIFIES')).toBe(false);
      }
    });

    it('uses the published benefit share', () => {
      const params = withParams((p) => (p.singlePersonInclusion.benefitShareBp = 5000));
      const d = assess(lowIncomeWith({ disability: { grade: 3, kind: 'intellectual' } }), params);
      expect(d.singlePersonInclusions[0]).toMatchObject({ baseBenefitFen: 39000, topUps: [], monthlyBenefitFen: 39000 });
    });
  });

  describe('the decision explains itself', () => {
    const h: Household = {
      districtCode: '640202',
      area: 'urban',
      members: [applicant(45), memberAged(71, ASSESSED_ON, { relation: 'parent' })],
      incomes: [
        { memberIndex: 0, kind: 'wage', monthlyFen: 120000 },
        { memberIndex: 1, kind: 'basic_pension', monthlyFen: 15000 },
      ],
      deductions: [
        { kind: 'medical', memberIndex: 1, monthlyFen: 20000 },
        { kind: 'employment', memberIndex: 0, monthlyFen: 30000 },
      ],
      assets: { moneyFen: 100000, homes: 1, housingAreaSqm: 70, vehicles: [] },
    };

    it('lists the amounts of each step', () => {
      const d = assess(h);
      expect(d).toMatchObject({
        outcome: 'dibao',
        householdSize: 2,
        countedIncomeFen: 120000,
        excludedIncomeFen: 15000,
        deductionsFen: 20000 + 24000,
        netIncomeFen: 76000,
        perCapitaIncomeFen: 38000,
        standardFen: STANDARD,
        gapPerPersonFen: 40000,
        householdGapFen: 80000,
        peopleCovered: 2,
        baseBenefitFen: 80000,
        topUps: [{ memberIndex: 1, code: 'TOP_UP.AGED_70', amountFen: 15600 }],
        monthlyBenefitFen: 95600,
      });
    });

    it('explains line by line, in order: incomes, deductions, net, size, per capita, standard, comparison, assets, gap, floor, top-ups, total', () => {
      expect(assess(h).explanation.map((l) => l.step)).toEqual([
        'income.counted',
        'income.excluded',
        'income.total',
        'income.excluded_total',
        'deduction.claimed',
        'deduction.allowed',
        'deduction.claimed',
        'deduction.employment',
        'deduction.total',
        'net_income',
        'household_size',
        'per_capita_income',
        'standard',
        'comparison.standard',
        'assets.money',
        'assets.housing',
        'assets.vehicles',
        'outcome',
        'benefit.gap',
        'benefit.floor',
        'benefit.base',
        'benefit.top_up',
        'benefit.total',
      ]);
    });

    it('gives every explanation line in Chinese and English once rendered', () => {
      for (const l of renderDecision(assess(h)).explanation) {
        expect(l.text.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(l.text.en.length).toBeGreaterThan(0);
      }
    });

    it('lists every rule applied and the ones that decided the outcome', () => {
      const d = assess(h);
      expect(codesOf(d.rules)).toEqual([
        'DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD:passed',
        'DIBAO.ASSETS_MONEY_WITHIN_LIMIT:passed',
        'DIBAO.HOUSING_WITHIN_LIMIT:passed',
        'DIBAO.VEHICLES_WITHIN_LIMIT:passed',
      ]);
      expect(d.reasons).toEqual(d.rules);
      const low = assess(householdOf(1, { wageFen: 100000 }));
      expect(codesOf(low.reasons)).toEqual([
        'DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD:failed',
        'LOW_INCOME.PER_CAPITA_INCOME_BELOW_BAND:passed',
        'DIBAO.ASSETS_MONEY_WITHIN_LIMIT:passed',
        'DIBAO.HOUSING_WITHIN_LIMIT:passed',
        'DIBAO.VEHICLES_WITHIN_LIMIT:passed',
      ]);
      const none = assess(householdOf(1, { wageFen: 200000 }));
      expect(codesOf(none.reasons)).toEqual(['DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD:failed', 'LOW_INCOME.PER_CAPITA_INCOME_BELOW_BAND:failed']);
    });

    it('names the parameter versions it used', () => {
      const d = assess(h);
      expect(d.parameterVersions['dibao.standard/640202/urban']).toBe('dibao.standard/640202/urban@2025-01-01');
      expect(d.parameterVersions['dibao.top-ups']).toBe('dibao.top-ups@2025-01-01');
    });

    it('never writes an ID number into the decision', () => {
      const text = JSON.stringify(assess(h));
      for (const m of h.members) expect(text).not.toContain(m.idNumber);
    });
  });

  describe('determinism', () => {
    const deepFreeze = <T>(o: T): T => {
      if (typeof o === 'object' && o !== null) {
        Object.values(o).forEach(deepFreeze);
        Object.freeze(o);
      }
      return o;
    };

    it('gives a deep-equal decision for the same household, parameters and date, without changing its inputs', () => {
      const h = deepFreeze({
        ...householdOf(3, { wageFen: 100001 }),
        members: [applicant(61, { seriousIllness: true }), memberAged(12, ASSESSED_ON, { relation: 'child' }), memberAged(70, ASSESSED_ON, { relation: 'parent' })],
        deductions: [{ kind: 'rent' as const, monthlyFen: 70000 }],
      });
      const params = deepFreeze(defaultParams());
      const first = assessHousehold(h, params, ASSESSED_ON);
      const second = assessHousehold(structuredClone(h), structuredClone(params), ASSESSED_ON);
      expect(first.ok).toBe(true);
      expect(second).toEqual(first);
    });
  });

  describe('refuses input that cannot describe a real household, with codes instead of exceptions', () => {
    const valid = (): Household => householdOf(2, { wageFen: 10000 });
    const idBorn = (birth: string) => residentIdBornOn(birth);
    const badCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

    it.each<[string, (h: Household) => void, string, string | undefined]>([
      ['an empty household', (h) => (h.members = []), 'HOUSEHOLD.EMPTY', 'members'],
      ['no applicant', (h) => (h.members[0] = { ...h.members[0], relation: 'child' }), 'HOUSEHOLD.NO_APPLICANT', 'members'],
      ['two applicants', (h) => (h.members[1] = { ...h.members[1], relation: 'applicant' }), 'HOUSEHOLD.MORE_THAN_ONE_APPLICANT', 'members'],
      ['an income of a member who does not exist', (h) => (h.incomes = [{ memberIndex: 2, kind: 'wage', monthlyFen: 1 }]), 'HOUSEHOLD.INCOME_MEMBER_OUT_OF_RANGE', 'incomes[0].memberIndex'],
      ['a negative member index', (h) => (h.incomes = [{ memberIndex: -1, kind: 'wage', monthlyFen: 1 }]), 'HOUSEHOLD.INCOME_MEMBER_OUT_OF_RANGE', 'incomes[0].memberIndex'],
      ['a deduction of a member who does not exist', (h) => (h.deductions = [{ kind: 'medical', memberIndex: 5, monthlyFen: 1 }]), 'HOUSEHOLD.DEDUCTION_MEMBER_OUT_OF_RANGE', 'deductions[0].memberIndex'],
      ['an employment deduction without a member', (h) => (h.deductions = [{ kind: 'employment', monthlyFen: 1 }]), 'HOUSEHOLD.EMPLOYMENT_DEDUCTION_WITHOUT_MEMBER', 'deductions[0].memberIndex'],
      ['an ID number with a wrong check digit', (h) => (h.members[1] = { ...h.members[1], idNumber: badCheck(h.members[1].idNumber) }), 'HOUSEHOLD.INVALID_ID_NUMBER', 'members[1].idNumber'],
      ['an ID number of 15 digits (first generation)', (h) => (h.members[1] = { ...h.members[1], idNumber: '640202900101123' }), 'HOUSEHOLD.INVALID_ID_NUMBER', 'members[1].idNumber'],
      ['the same ID number twice', (h) => (h.members[1] = { ...h.members[1], idNumber: h.members[0].idNumber }), 'HOUSEHOLD.DUPLICATE_ID_NUMBER', 'members[1].idNumber'],
      ['the same ID number with a lower-case x', (h) => {
        const withX = '64020219900101103X';
        h.members[0] = { ...h.members[0], idNumber: withX };
        h.members[1] = { ...h.members[1], idNumber: withX.toLowerCase() };
      }, 'HOUSEHOLD.DUPLICATE_ID_NUMBER', 'members[1].idNumber'],
      ['a member born after the assessment date', (h) => (h.members[1] = { ...h.members[1], idNumber: idBorn('2025-06-16') }), 'HOUSEHOLD.MEMBER_BORN_AFTER_ASSESSMENT_DATE', 'members[1].idNumber'],
      ['a fractional amount of fen', (h) => (h.incomes = [{ memberIndex: 0, kind: 'wage', monthlyFen: 100.5 }]), 'HOUSEHOLD.INVALID_AMOUNT', 'incomes[0].monthlyFen'],
      ['negative money assets', (h) => (h.assets = { ...h.assets, moneyFen: -1 }), 'HOUSEHOLD.INVALID_AMOUNT', 'assets.moneyFen'],
      ['a negative number of homes', (h) => (h.assets = { ...h.assets, homes: -1 }), 'HOUSEHOLD.INVALID_ASSETS', 'assets.homes'],
      ['a district of another city', (h) => (h.districtCode = '640302'), 'HOUSEHOLD.UNKNOWN_DISTRICT', 'districtCode'],
    ])('refuses %s', (_case, change, code, field) => {
      const h = valid();
      change(h);
      const r = assessHousehold(h, defaultParams(), ASSESSED_ON);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.errors).toContainEqual(expect.objectContaining({ code, field }));
      for (const e of r.errors) {
        expect(e.message.zh.length).toBeGreaterThan(0);
        expect(e.message.en.length).toBeGreaterThan(0);
        for (const m of h.members) expect(JSON.stringify(e)).not.toContain(m.idNumber);
      }
    });

    it('accepts a member born on the assessment date', () => {
      const h = valid();
      h.members[1] = { ...h.members[1], idNumber: idBorn(ASSESSED_ON) };
      expect(assessHousehold(h, defaultParams(), ASSESSED_ON).ok).toBe(true);
    });

    it('refuses parameters resolved for another district or area', () => {
      const r = assessHousehold(valid(), defaultParams(undefined, '640205', 'urban'), ASSESSED_ON);
      expect(r).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'ASSESSMENT.PARAMETERS_DO_NOT_MATCH_HOUSEHOLD' })] });
      const rural = assessHousehold(valid(), defaultParams(undefined, '640202', 'rural'), ASSESSED_ON);
      expect(rural.ok).toBe(false);
    });

    it('refuses an assessment date that is not a calendar date', () => {
      const r = assessHousehold(valid(), defaultParams(), '2025-02-30');
      expect(r).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'ASSESSMENT.INVALID_DATE' })] });
    });

    it('reports every problem at once', () => {
      const h = valid();
      h.members[1] = { ...h.members[1], relation: 'applicant', idNumber: '64020219900101' + '1234' };
      h.incomes = [{ memberIndex: 9, kind: 'wage', monthlyFen: 1 }];
      const r = assessHousehold(h, defaultParams(), ASSESSED_ON);
      expect(r.ok === false && r.errors.map((e) => e.code).sort()).toEqual(
        ['HOUSEHOLD.INCOME_MEMBER_OUT_OF_RANGE', 'HOUSEHOLD.INVALID_ID_NUMBER', 'HOUSEHOLD.MORE_THAN_ONE_APPLICANT'].sort(),
      );
    });

    it('builds valid synthetic IDs in the fixtures (sanity check of the test helpers)', () => {
      const id = residentIdBornOn('1990-01-01', { seq: 51 });
      expect(id).toBe('64020219900101103' + residentIdCheckChar('64020219900101103'));
    });
  });
});
