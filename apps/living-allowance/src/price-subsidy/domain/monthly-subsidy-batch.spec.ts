import { monthlySubsidyBatch, SubsidyHousehold } from './monthly-subsidy-batch';
import { ningxiaIndex, triggersWith } from './price-subsidy.fixtures';

const ROLLS: SubsidyHousehold[] = [
  { caseId: 'h-a', category: 'dibao', districtCode: '640202', area: 'urban', peopleCovered: 3, standardFen: 78000 },
  { caseId: 'h-d', category: 'dibao', districtCode: '640221', area: 'rural', peopleCovered: 2, standardFen: 56001 },
  { caseId: 'h-c', category: 'low_income', districtCode: '640202', area: 'urban', peopleCovered: 4, standardFen: 78000 },
  { caseId: 'h-b', category: 'special_hardship', districtCode: '640205', area: 'rural', peopleCovered: 1, standardFen: 56000 },
  { caseId: 'h-e', category: 'dibao', districtCode: '640202', area: 'rural', peopleCovered: 1, standardFen: 56000 },
];

// CPI 3.7 %, food 2 %: triggered on the CPI. Per person: 780.00 → 28.86; 560.00 → 20.72; 560.01 → 20.72037 → 20.72.
const MARCH = ningxiaIndex(370, 200, '2025-03');

describe('monthlySubsidyBatch — the month\'s price-subsidy payments', () => {
  it('pays people covered × the per-person amount of each covered household, ordered by district then reference', () => {
    const b = monthlySubsidyBatch('2025-04', ROLLS, MARCH, triggersWith());
    expect(b).toMatchObject({ month: '2025-04', indexMonth: '2025-03', indexRegionCode: '640000', triggered: true, basis: 'cpi', rateBp: 370 });
    expect(b.payments.map((p) => [p.caseId, p.districtCode, p.peopleCovered, p.perPersonFen, p.amountFen])).toEqual([
      ['h-a', '640202', 3, 2886, 8658],
      ['h-e', '640202', 1, 2072, 2072],
      ['h-b', '640205', 1, 2072, 2072],
      ['h-d', '640221', 2, 2072, 4144],
    ]);
  });

  describe('PRICE_SUBSIDY.CATEGORY_COVERED: low-income households only by local decision', () => {
    it('excludes low-income households under the default coverage, naming the rule', () => {
      const b = monthlySubsidyBatch('2025-04', ROLLS, MARCH, triggersWith());
      expect(b.payments.map((p) => p.caseId)).not.toContain('h-c');
      expect(b.excluded).toEqual([
        {
          caseId: 'h-c',
          category: 'low_income',
          districtCode: '640202',
          reason: expect.objectContaining({ code: 'PRICE_SUBSIDY.CATEGORY_COVERED', passed: false }),
        },
      ]);
    });

    it('includes them when the parameter says so: 4 × 28.86 = 115.44 yuan', () => {
      const triggers = triggersWith({ covers: { dibao: true, specialHardship: true, lowIncome: true } });
      const b = monthlySubsidyBatch('2025-04', ROLLS, MARCH, triggers);
      expect(b.excluded).toEqual([]);
      expect(b.payments.find((p) => p.caseId === 'h-c')).toMatchObject({ category: 'low_income', amountFen: 11544 });
      expect(b.districtTotals[0]).toEqual({ districtCode: '640202', households: 3, people: 8, amountFen: 22274 });
      expect(b.totalFen).toBe(28490);
    });

    it('excludes special-hardship persons only where the parameter says so', () => {
      const triggers = triggersWith({ covers: { dibao: true, specialHardship: false, lowIncome: false } });
      const b = monthlySubsidyBatch('2025-04', ROLLS, MARCH, triggers);
      expect(b.excluded.map((e) => e.caseId)).toEqual(['h-c', 'h-b']);
    });
  });

  describe('totals per district', () => {
    it('add up: each district is the sum of its payments, and the districts sum to the batch total', () => {
      const b = monthlySubsidyBatch('2025-04', ROLLS, MARCH, triggersWith());
      expect(b.districtTotals).toEqual([
        { districtCode: '640202', households: 2, people: 4, amountFen: 10730 },
        { districtCode: '640205', households: 1, people: 1, amountFen: 2072 },
        { districtCode: '640221', households: 1, people: 2, amountFen: 4144 },
      ]);
      for (const t of b.districtTotals) {
        const own = b.payments.filter((p) => p.districtCode === t.districtCode);
        expect(t.amountFen).toBe(own.reduce((s, p) => s + p.amountFen, 0));
        expect(t.people).toBe(own.reduce((s, p) => s + p.peopleCovered, 0));
      }
      expect(b.districtTotals.reduce((s, t) => s + t.amountFen, 0)).toBe(b.totalFen);
      expect(b.totalFen).toBe(16946);
    });

    it('summarises the batch for the caseworker', () => {
      const b = monthlySubsidyBatch('2025-04', ROLLS, MARCH, triggersWith());
      expect(b.explanation[b.explanation.length - 1].zh).toBe(
        '2025-04 按 2025-03 居民消费价格指数（CPI）涨幅 3.7% 向 4 户 7 人发放价格临时补贴，合计 169.46 元；1 户不予发放。',
      );
    });
  });

  it('is deterministic: the order of the rolls does not change the batch', () => {
    const a = monthlySubsidyBatch('2025-04', ROLLS, MARCH, triggersWith());
    const b = monthlySubsidyBatch('2025-04', [...ROLLS].reverse(), MARCH, triggersWith());
    expect(b).toEqual(a);
  });

  it('pays at the higher rise when both indices trigger: food 6.5 % over CPI 4 %', () => {
    const b = monthlySubsidyBatch('2025-04', ROLLS, ningxiaIndex(400, 650), triggersWith());
    expect(b).toMatchObject({ basis: 'food_cpi', rateBp: 650 });
    expect(b.payments[0]).toMatchObject({ caseId: 'h-a', perPersonFen: 5070, amountFen: 15210 });
  });

  describe('when the index does not trigger, the batch is empty', () => {
    it.each([
      [349, 599, 'both just below'],
      [-50, -300, 'both falling'],
    ])('CPI %i bp, food %i bp (%s)', (cpi, food) => {
      const b = monthlySubsidyBatch('2025-04', ROLLS, ningxiaIndex(cpi, food), triggersWith());
      expect(b).toMatchObject({ triggered: false, basis: null, rateBp: 0, payments: [], excluded: [], districtTotals: [], totalFen: 0 });
      expect(b.rules.map((r) => r.passed)).toEqual([false, false]);
    });
  });

  it('PRICE_SUBSIDY.HOUSEHOLD_IN_INDEX_REGION: does not pay a household outside the index region', () => {
    const rolls: SubsidyHousehold[] = [
      ...ROLLS,
      { caseId: 'h-x', category: 'dibao', districtCode: '650102', area: 'urban', peopleCovered: 1, standardFen: 78000 },
    ];
    const b = monthlySubsidyBatch('2025-04', rolls, MARCH, triggersWith());
    expect(b.excluded.find((e) => e.caseId === 'h-x')?.reason.code).toBe('PRICE_SUBSIDY.HOUSEHOLD_IN_INDEX_REGION');
    expect(b.payments.map((p) => p.caseId)).not.toContain('h-x');
  });

  it('pays the month of the index itself (a back-payment) as well as a later month', () => {
    expect(monthlySubsidyBatch('2025-03', ROLLS, MARCH, triggersWith()).totalFen).toBe(16946);
  });

  describe('inputs that cannot be real are programming errors', () => {
    it.each([
      ['an index from after the month paid for', '2025-02', ROLLS, MARCH],
      ['a month that is not YYYY-MM', '2025-4', ROLLS, MARCH],
      ['a household listed twice', '2025-04', [...ROLLS, ROLLS[0]], MARCH],
      ['no people covered', '2025-04', [{ ...ROLLS[0], peopleCovered: 0 }], MARCH],
      ['an unknown category', '2025-04', [{ ...ROLLS[0], category: 'orphan' as never }], MARCH],
      ['a standard in yuan', '2025-04', [{ ...ROLLS[0], standardFen: 780.5 }], MARCH],
    ])('throws for %s', (_what, month, rolls, index) => {
      expect(() => monthlySubsidyBatch(month, rolls, index, triggersWith())).toThrow(RangeError);
    });

    it('checks the rolls even in a month that does not trigger', () => {
      expect(() => monthlySubsidyBatch('2025-04', [...ROLLS, ROLLS[0]], ningxiaIndex(0, 0), triggersWith())).toThrow(RangeError);
    });
  });
});
