import { assertFen, isFen, LocalizedText, RuleOutcome, sumFen } from '@jiuzhu/common';
import { Area, isArea } from '../../parameters/domain/parameter';
import { perPersonSubsidyFen, perPersonSubsidyLine, priceSubsidyTrigger } from './assess-price-subsidy';
import { AssistanceCategory, INDEX_NAMES, isAssistanceCategory, percent, PriceSubsidyBasis, yuan } from './labels';
import { isYearMonth, PriceIndexRecord, YearMonth } from './price-index';
import { PriceSubsidyTriggersValue } from './price-subsidy-parameters';
import { categoryCovered } from './rules/category-covered.rule';
import { householdInIndexRegion } from './rules/household-in-index-region.rule';

/** A household on the rolls in the payment month, as the batch needs it (no names, no ID numbers). */
export interface SubsidyHousehold {
  /**
   * The case it is paid under (a dibao case, a single-person inclusion, a low-income registration):
   * what is paid once. Not the household reference — a single-person inclusion shares its household's.
   */
  caseId: string;
  category: AssistanceCategory;
  districtCode: string;
  area: Area;
  /** People the subsidy is paid for (for dibao, the people covered by the allowance). */
  peopleCovered: number;
  /**
   * The local monthly dibao standard of the household's district and area — the base of the
   * subsidy for every category, special-hardship persons included (policy.md §2).
   */
  standardFen: number;
}

export interface HouseholdSubsidyPayment {
  caseId: string;
  category: AssistanceCategory;
  districtCode: string;
  area: Area;
  peopleCovered: number;
  standardFen: number;
  perPersonFen: number;
  /** peopleCovered × perPersonFen. */
  amountFen: number;
}

/** A household on the rolls that is not paid this month, with the rule that says why. */
export interface ExcludedHousehold {
  caseId: string;
  category: AssistanceCategory;
  districtCode: string;
  reason: RuleOutcome;
}

export interface DistrictSubsidyTotal {
  districtCode: string;
  households: number;
  people: number;
  amountFen: number;
}

export interface PriceSubsidyBatch {
  /** The month paid for. */
  month: YearMonth;
  /** The month of the index the batch was decided on. */
  indexMonth: YearMonth;
  indexRegionCode: string;
  triggered: boolean;
  basis: PriceSubsidyBasis | null;
  rateBp: number;
  /** Ordered by district code, then case id. */
  payments: HouseholdSubsidyPayment[];
  /** Same order. Empty when not triggered: nobody is excluded from a subsidy that does not run. */
  excluded: ExcludedHousehold[];
  /** Only districts with payments, ordered by district code. */
  districtTotals: DistrictSubsidyTotal[];
  totalFen: number;
  /** The trigger rules of the month. */
  rules: RuleOutcome[];
  explanation: LocalizedText[];
}

function assertHousehold(h: SubsidyHousehold, i: number): void {
  const where = `households[${i}]`;
  if (typeof h.caseId !== 'string' || h.caseId === '') throw new RangeError(`${where}.caseId must be a non-empty string`);
  if (!isAssistanceCategory(h.category)) throw new RangeError(`${where}.category is not a known category: ${String(h.category)}`);
  if (typeof h.districtCode !== 'string' || !/^\d{6}$/.test(h.districtCode)) throw new RangeError(`${where}.districtCode must be a GB/T 2260 code`);
  if (!isArea(h.area)) throw new RangeError(`${where}.area must be urban or rural`);
  if (!Number.isSafeInteger(h.peopleCovered) || h.peopleCovered <= 0) throw new RangeError(`${where}.peopleCovered must be a positive integer`);
  if (!isFen(h.standardFen) || h.standardFen === 0) throw new RangeError(`${where}.standardFen must be a positive integer number of fen`);
}

// Plain code-unit order, not localeCompare: the same batch must list the same way on every server.
const byDistrictThenCase = (a: { districtCode: string; caseId: string }, b: { districtCode: string; caseId: string }): number =>
  a.districtCode < b.districtCode ? -1 : a.districtCode > b.districtCode ? 1 : a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;

/**
 * The month's price-subsidy payments (policy.md §2): when the index triggers the mechanism, every
 * covered household on the rolls receives people covered × the per-person amount of its own
 * standard (the per-person amount is rounded to the fen first, as the subsidy is set per person).
 * When the index does not trigger, the batch is empty.
 *
 * Inputs that cannot be real (a duplicated household, a malformed index, an index from after the
 * month paid for) are programming errors and throw; a household that is simply not covered is an
 * expected outcome and is listed in `excluded` with its rule.
 */
export function monthlySubsidyBatch(
  month: YearMonth,
  households: readonly SubsidyHousehold[],
  index: PriceIndexRecord,
  triggers: PriceSubsidyTriggersValue,
): PriceSubsidyBatch {
  if (!isYearMonth(month)) throw new RangeError(`monthlySubsidyBatch: not a month YYYY-MM: ${JSON.stringify(month)}`);
  const trigger = priceSubsidyTrigger(index, triggers);
  // Indices are published after the month they measure, so a month is paid on its own index or an
  // earlier one (2022–23: payments of Sep–Mar on the indices of Aug–Feb) — never on a later one.
  if (index.month > month) throw new RangeError(`monthlySubsidyBatch: the index of ${index.month} cannot decide the payment of ${month}`);
  const seen = new Set<string>();
  households.forEach((h, i) => {
    assertHousehold(h, i);
    if (seen.has(h.caseId)) throw new RangeError(`monthlySubsidyBatch: case ${h.caseId} appears twice`);
    seen.add(h.caseId);
  });

  const base = { month, indexMonth: index.month, indexRegionCode: index.provinceCode, rules: trigger.rules };
  if (!trigger.triggered || trigger.basis === null) {
    return {
      ...base,
      triggered: false,
      basis: null,
      rateBp: 0,
      payments: [],
      excluded: [],
      districtTotals: [],
      totalFen: 0,
      explanation: trigger.explanation,
    };
  }

  const { basis, rateBp } = trigger;
  const payments: HouseholdSubsidyPayment[] = [];
  const excluded: ExcludedHousehold[] = [];
  for (const h of [...households].sort(byDistrictThenCase)) {
    const region = householdInIndexRegion.check({ districtCode: h.districtCode, indexRegionCode: index.provinceCode });
    const covered = categoryCovered.check({ category: h.category, covers: triggers.covers });
    const failed = [region, covered].find((o) => !o.passed);
    if (failed !== undefined) {
      excluded.push({ caseId: h.caseId, category: h.category, districtCode: h.districtCode, reason: failed });
      continue;
    }
    const perPersonFen = perPersonSubsidyFen(h.standardFen, rateBp);
    const amountFen = perPersonFen * h.peopleCovered;
    assertFen(amountFen, `amount of case ${h.caseId}`);
    payments.push({
      caseId: h.caseId,
      category: h.category,
      districtCode: h.districtCode,
      area: h.area,
      peopleCovered: h.peopleCovered,
      standardFen: h.standardFen,
      perPersonFen,
      amountFen,
    });
  }

  const districtTotals: DistrictSubsidyTotal[] = [];
  for (const p of payments) {
    const last = districtTotals[districtTotals.length - 1];
    // payments are sorted by district, so each district's payments are contiguous.
    if (last !== undefined && last.districtCode === p.districtCode) {
      last.households += 1;
      last.people += p.peopleCovered;
      last.amountFen = sumFen([last.amountFen, p.amountFen]);
    } else {
      districtTotals.push({ districtCode: p.districtCode, households: 1, people: p.peopleCovered, amountFen: p.amountFen });
    }
  }
  const totalFen = sumFen(payments.map((p) => p.amountFen));
  const people = payments.reduce((n, p) => n + p.peopleCovered, 0);

  const standards = [...new Set(payments.map((p) => p.standardFen))].sort((a, b) => a - b);
  const name = INDEX_NAMES[basis];
  const explanation: LocalizedText[] = [
    ...trigger.explanation,
    ...standards.map((s) => perPersonSubsidyLine(s, { basis, rateBp })),
    {
      zh: `${month} 按 ${index.month} ${name.zh}涨幅 ${percent(rateBp)} 向 ${payments.length} 户 ${people} 人发放价格临时补贴，合计 ${yuan(totalFen)} 元；${excluded.length} 户不予发放。`,
      en: `${month}: price subsidy at the ${index.month} ${name.en} rise of ${percent(rateBp)} paid to ${payments.length} households, ${people} people, ${yuan(totalFen)} yuan in total; ${excluded.length} households not paid.`,
    },
  ];

  return { ...base, triggered: true, basis, rateBp, payments, excluded, districtTotals, totalFen, explanation };
}
