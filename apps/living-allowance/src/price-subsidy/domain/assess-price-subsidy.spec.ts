import { assessPriceSubsidy } from './assess-price-subsidy';
import { ningxiaIndex, triggersWith } from './price-subsidy.fixtures';

const STANDARD = 78000; // demo urban standard, 780.00 yuan

describe('assessPriceSubsidy — 物价上涨挂钩联动机制 (发改价格〔2021〕1553号, policy.md §2)', () => {
  describe('PRICE_SUBSIDY.CPI_RISE_REACHES_TRIGGER: the CPI rise must reach 3.5 % ("≥")', () => {
    it.each([
      [350, true, 'exactly 3.5 % reaches the trigger: the rule says 达到'],
      [349, false, '3.49 % does not, however close'],
      [351, true, '3.51 % is above'],
    ])('CPI %i bp, food CPI 0 → triggered %p (%s)', (cpiRiseBp, triggered) => {
      const a = assessPriceSubsidy(ningxiaIndex(cpiRiseBp, 0), triggersWith(), STANDARD);
      expect(a.triggered).toBe(triggered);
      expect(a.basis).toBe(triggered ? 'cpi' : null);
      expect(a.rateBp).toBe(triggered ? cpiRiseBp : 0);
    });

    it('pays 780.00 × 3.5 % = 27.30 yuan per person at exactly the trigger', () => {
      expect(assessPriceSubsidy(ningxiaIndex(350, 0), triggersWith(), STANDARD).perPersonFen).toBe(2730);
    });

    it('does not trigger at exactly the trigger when a province requires a rise strictly above it', () => {
      const a = assessPriceSubsidy(ningxiaIndex(350, 0), triggersWith({ inclusive: false }), STANDARD);
      expect(a.triggered).toBe(false);
      expect(a.rules[0].message.zh).toContain('未超过启动条件（> 3.5%）');
    });
  });

  describe('PRICE_SUBSIDY.FOOD_CPI_RISE_REACHES_TRIGGER: the food CPI rise alone suffices at 6 %', () => {
    it.each([
      [600, true, 4680, 'exactly 6.00 % → 780.00 × 6 % = 46.80 yuan'],
      [599, false, 0, '5.99 % does not'],
    ])('CPI 1 %%, food CPI %i bp → triggered %p, %i fen per person (%s)', (foodCpiRiseBp, triggered, perPersonFen) => {
      const a = assessPriceSubsidy(ningxiaIndex(100, foodCpiRiseBp), triggersWith(), STANDARD);
      expect(a.triggered).toBe(triggered);
      expect(a.basis).toBe(triggered ? 'food_cpi' : null);
      expect(a.perPersonFen).toBe(perPersonFen);
    });
  });

  describe('when both indices trigger, the higher amount (孰高)', () => {
    it.each([
      [400, 650, 'food_cpi', 650, 5070, 'food rise higher'],
      [700, 600, 'cpi', 700, 5460, 'CPI rise higher'],
      [650, 650, 'cpi', 650, 5070, 'equal rises: the same amount, the CPI is named'],
    ])('CPI %i bp, food %i bp → %s at %i bp, %i fen (%s)', (cpi, food, basis, rateBp, perPersonFen) => {
      const a = assessPriceSubsidy(ningxiaIndex(cpi, food), triggersWith(), STANDARD);
      expect(a).toMatchObject({ triggered: true, basis, rateBp, perPersonFen });
      expect(a.rules.every((r) => r.passed)).toBe(true);
      expect(a.explanation.map((l) => l.zh).join('')).toContain('孰高');
    });
  });

  describe('when both are below their triggers, nothing is paid and a running subsidy stops', () => {
    it.each([
      [349, 599],
      [0, 0],
      [200, 300],
    ])('CPI %i bp, food %i bp → none', (cpi, food) => {
      const a = assessPriceSubsidy(ningxiaIndex(cpi, food), triggersWith(), STANDARD);
      expect(a).toMatchObject({ triggered: false, basis: null, rateBp: 0, perPersonFen: 0 });
      expect(a.rules.map((r) => [r.code, r.passed])).toEqual([
        ['PRICE_SUBSIDY.CPI_RISE_REACHES_TRIGGER', false],
        ['PRICE_SUBSIDY.FOOD_CPI_RISE_REACHES_TRIGGER', false],
      ]);
      expect(a.explanation[a.explanation.length - 1].en).toContain('a running subsidy stops');
    });
  });

  describe('negative rises (prices falling year on year)', () => {
    it.each([
      [-50, -300, false, null, 0, 'both falling: nothing'],
      [-50, 620, true, 'food_cpi', 620, 'a falling CPI does not block the food trigger'],
      [380, -200, true, 'cpi', 380, 'falling food prices do not block the CPI trigger'],
    ] as const)('CPI %i bp, food %i bp → triggered %p, basis %p, rate %i bp (%s)', (cpi, food, triggered, basis, rateBp, _why) => {
      const a = assessPriceSubsidy(ningxiaIndex(cpi, food), triggersWith(), STANDARD);
      expect(a).toMatchObject({ triggered, basis, rateBp });
      expect(a.perPersonFen).toBeGreaterThanOrEqual(0);
    });

    it('says 下降 for a fall, not 上涨 of a negative number', () => {
      const a = assessPriceSubsidy(ningxiaIndex(-50, -300), triggersWith(), STANDARD);
      expect(a.rules[0].message.zh).toContain('同比下降 0.5%');
      expect(a.rules[1].message.en).toContain('fell 3%');
    });
  });

  describe('the amount is rounded half up to the fen, in exact integers', () => {
    it.each([
      [78001, 370, 2886, '780.01 × 3.7 % = 28.86037 → 28.86'],
      [78014, 370, 2887, '780.14 × 3.7 % = 28.86518 → 28.87'],
      [78100, 350, 2734, '781.00 × 3.5 % = 27.335 exactly half → 27.34'],
      [56010, 370, 2072, '560.10 × 3.7 % = 20.72370 → 20.72'],
      [56000, 350, 1960, '560.00 × 3.5 % = 19.60 exactly'],
    ])('standard %i fen at %i bp → %i fen (%s)', (standardFen, cpi, perPersonFen) => {
      expect(assessPriceSubsidy(ningxiaIndex(cpi, 0), triggersWith(), standardFen).perPersonFen).toBe(perPersonFen);
    });

    it('shows the unrounded product beside the rounded amount', () => {
      const a = assessPriceSubsidy(ningxiaIndex(370, 0), triggersWith(), 78001);
      expect(a.explanation[a.explanation.length - 1]).toEqual({
        zh: '每人每月补贴 = 低保标准 780.01 元 × 居民消费价格指数（CPI）涨幅 3.7% = 28.86037 元，四舍五入到分为 28.86 元。',
        en: 'Per person per month = standard 780.01 × CPI rise 3.7% = 28.86037 yuan, rounded half up to 28.86 yuan.',
      });
    });
  });

  describe('triggers are parameters: a province may lower them', () => {
    it.each([
      [350, 300, false, 0, 'national 3.5 %: a 3.0 % CPI rise does not trigger'],
      [300, 300, true, 2340, 'lowered to 3.0 % (as in 2022–23): 780.00 × 3 % = 23.40 yuan'],
      [300, 299, false, 0, 'lowered to 3.0 %: 2.99 % still does not'],
    ])('CPI trigger %i bp, CPI rise %i bp → triggered %p, %i fen (%s)', (cpiTriggerBp, cpi, triggered, perPersonFen) => {
      const a = assessPriceSubsidy(ningxiaIndex(cpi, 0), triggersWith({ cpiTriggerBp }), STANDARD);
      expect(a.triggered).toBe(triggered);
      expect(a.perPersonFen).toBe(perPersonFen);
    });
  });

  describe('inputs that cannot be real are programming errors', () => {
    it.each([
      ['a zero standard', ningxiaIndex(400, 0), triggersWith(), 0],
      ['a standard in yuan with decimals', ningxiaIndex(400, 0), triggersWith(), 780.5],
      ['a rise in per cent', ningxiaIndex(3.5, 0), triggersWith(), STANDARD],
      ['a malformed trigger', ningxiaIndex(400, 0), triggersWith({ cpiTriggerBp: -1 }), STANDARD],
    ])('throws for %s', (_what, index, triggers, standardFen) => {
      expect(() => assessPriceSubsidy(index, triggers, standardFen)).toThrow(RangeError);
    });
  });
});
