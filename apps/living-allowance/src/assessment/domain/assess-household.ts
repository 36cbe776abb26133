import { ageOn, divideRoundHalfUp, LocalDate, parseResidentId, RuleOutcome, shareOfFen, sumFen } from '@jiuzhu/common';
import { CappedDeductionRule } from '../../parameters/domain/parameter-keys';
import { AssessmentParameters } from '../../parameters/domain/resolve-parameters';
import { AssessmentResult, Decision, ExplanationLine, Outcome, SinglePersonInclusion, TopUp } from './decision';
import { Deduction, Household } from './household';
import {
  DEDUCTION_KIND_NAMES,
  INCOME_KIND_NAMES,
  memberLabel,
  percent,
  topUpConditionText,
  yuan,
} from './labels';
import { assetsMoneyWithinLimit } from './rules/assets-money-within-limit.rule';
import { housingWithinLimit } from './rules/housing-within-limit.rule';
import { perCapitaIncomeBelowBand } from './rules/per-capita-income-below-band.rule';
import { perCapitaIncomeBelowStandard } from './rules/per-capita-income-below-standard.rule';
import { checkSinglePersonInclusion } from './rules/single-person-qualifies.rule';
import { vehiclesWithinLimit } from './rules/vehicles-within-limit.rule';
import { topUpsFor } from './top-ups';
import { validateHousehold } from './validate-household';

/**
 * Dibao assessment (民发〔2021〕57号 审核确认办法; policy.md §1):
 *
 *   net income      = counted income − allowed deductions, never below 0
 *   per-capita      = net income ÷ household size
 *   dibao           when per-capita is below the standard and property is within limits
 *   low_income      otherwise, when per-capita is below the low-income band and property passes
 *   ineligible      otherwise
 *
 *   benefit (dibao) = max(standard × size − net income, floor share × standard × people covered)
 *                     + top-ups per member
 *
 * Pure and deterministic: no clock, no randomness, no I/O; the same household, parameters and date
 * give a deep-equal decision, which is what lets an appeal re-run a past case.
 */
export function assessHousehold(household: Household, params: AssessmentParameters, on: LocalDate): AssessmentResult {
  const errors = validateHousehold(household, params, on);
  if (errors.length > 0) return { ok: false, errors };

  const explanation: ExplanationLine[] = [];
  const line = (step: string, zh: string, en: string, amountFen?: number): void => {
    explanation.push(amountFen === undefined ? { step, text: { zh, en } } : { step, text: { zh, en }, amountFen });
  };

  const members = household.members;
  const size = members.length;
  const standardFen = params.standardFen;
  const who = (i: number) => memberLabel(i, members[i].relation);
  const ages = members.map((m) => {
    const parsed = parseResidentId(m.idNumber.trim());
    // validateHousehold has refused every unparsable ID, so this cannot fail.
    if (!parsed.ok) throw new Error('unreachable: ID number validated above');
    return ageOn(parsed.value.birthDate, on);
  });

  // ---- income (家庭收入) -------------------------------------------------------------------------
  const excludedKinds = new Set<string>(params.incomeExclusions.kinds);
  const counted: number[] = [];
  const excluded: number[] = [];
  const countedWageByMember = members.map(() => 0);
  household.incomes.forEach((inc) => {
    const kind = INCOME_KIND_NAMES[inc.kind];
    const m = who(inc.memberIndex);
    if (excludedKinds.has(inc.kind)) {
      excluded.push(inc.monthlyFen);
      line(
        'income.excluded',
        `${m.zh}${kind.zh} 月均 ${yuan(inc.monthlyFen)} 元，按规定不计入家庭收入。`,
        `${m.en}: ${kind.en} of ${yuan(inc.monthlyFen)} yuan a month is not counted as household income.`,
        inc.monthlyFen,
      );
    } else {
      counted.push(inc.monthlyFen);
      if (inc.kind === 'wage') countedWageByMember[inc.memberIndex] += inc.monthlyFen;
      line(
        'income.counted',
        `${m.zh}${kind.zh} 月均 ${yuan(inc.monthlyFen)} 元，计入家庭收入。`,
        `${m.en}: ${kind.en} of ${yuan(inc.monthlyFen)} yuan a month is counted.`,
        inc.monthlyFen,
      );
    }
  });
  const countedIncomeFen = sumFen(counted);
  const excludedIncomeFen = sumFen(excluded);
  line('income.total', `计入家庭收入合计 ${yuan(countedIncomeFen)} 元/月。`, `Counted income: ${yuan(countedIncomeFen)} yuan a month.`, countedIncomeFen);
  if (excludedIncomeFen > 0) {
    line(
      'income.excluded_total',
      `不计入的收入合计 ${yuan(excludedIncomeFen)} 元/月。`,
      `Income not counted: ${yuan(excludedIncomeFen)} yuan a month.`,
      excludedIncomeFen,
    );
  }

  // ---- deductions (刚性支出扣减, 就业成本扣减) ----------------------------------------------------
  const allowedDeductions: number[] = [];
  const claimLine = (d: Deduction): void => {
    const kind = DEDUCTION_KIND_NAMES[d.kind];
    const m = d.memberIndex === undefined ? { zh: '家庭', en: 'household' } : who(d.memberIndex);
    line(
      'deduction.claimed',
      `${m.zh}申报${kind.zh} ${yuan(d.monthlyFen)} 元/月。`,
      `${m.en}: ${kind.en} of ${yuan(d.monthlyFen)} yuan a month claimed.`,
      d.monthlyFen,
    );
  };

  for (const kind of ['medical', 'education', 'rent'] as const) {
    const claims = household.deductions.filter((d) => d.kind === kind);
    if (claims.length === 0) continue;
    claims.forEach(claimLine);
    const rule: CappedDeductionRule = params.deductions[kind];
    const name = DEDUCTION_KIND_NAMES[kind];
    const claimed = sumFen(claims.map((d) => d.monthlyFen));
    if (!rule.allowed) {
      line('deduction.not_allowed', `${name.zh}按现行参数不予扣减。`, `${name.en} are not deductible under the parameters in force.`, 0);
      continue;
    }
    if (rule.monthlyCapFen !== null && claimed > rule.monthlyCapFen) {
      allowedDeductions.push(rule.monthlyCapFen);
      line(
        'deduction.capped',
        `${name.zh}合计 ${yuan(claimed)} 元，超过每月上限 ${yuan(rule.monthlyCapFen)} 元，按上限扣减。`,
        `${name.en} total ${yuan(claimed)} yuan, over the monthly cap of ${yuan(rule.monthlyCapFen)}: the cap is deducted.`,
        rule.monthlyCapFen,
      );
    } else {
      allowedDeductions.push(claimed);
      line('deduction.allowed', `${name.zh}扣减 ${yuan(claimed)} 元。`, `${name.en}: ${yuan(claimed)} yuan deducted.`, claimed);
    }
  }

  const employmentClaims = household.deductions.filter((d) => d.kind === 'employment');
  if (employmentClaims.length > 0) {
    employmentClaims.forEach(claimLine);
    const rule = params.deductions.employment;
    const claimedByMember = new Map<number, number>();
    for (const d of employmentClaims) {
      const i = d.memberIndex as number;
      claimedByMember.set(i, (claimedByMember.get(i) ?? 0) + d.monthlyFen);
    }
    const name = DEDUCTION_KIND_NAMES.employment;
    if (!rule.allowed) {
      line('deduction.not_allowed', `${name.zh}按现行参数不予扣减。`, `${name.en} are not deductible under the parameters in force.`, 0);
    } else {
      for (const i of [...claimedByMember.keys()].sort((a, b) => a - b)) {
        const claimed = claimedByMember.get(i) as number;
        const wage = countedWageByMember[i];
        const wageShare = shareOfFen(wage, rule.wageShareBp);
        const cap = rule.capShareOfStandardBp === null ? null : shareOfFen(standardFen, rule.capShareOfStandardBp);
        const allowed = Math.min(claimed, wageShare, cap ?? Number.MAX_SAFE_INTEGER);
        allowedDeductions.push(allowed);
        const m = who(i);
        const capZh = cap === null ? '' : `、低保标准的 ${percent(rule.capShareOfStandardBp as number)}（${yuan(cap)} 元）`;
        const capEn = cap === null ? '' : `, ${percent(rule.capShareOfStandardBp as number)} of the standard (${yuan(cap)})`;
        line(
          'deduction.employment',
          `${m.zh}就业成本：申报 ${yuan(claimed)} 元、工资收入 ${yuan(wage)} 元的 ${percent(rule.wageShareBp)}（${yuan(wageShare)} 元）${capZh}中取最低，扣减 ${yuan(allowed)} 元。`,
          `${m.en}: employment costs — the lowest of the claim ${yuan(claimed)}, ${percent(rule.wageShareBp)} of wages ${yuan(wage)} (${yuan(wageShare)})${capEn}: ${yuan(allowed)} yuan deducted.`,
          allowed,
        );
      }
    }
  }
  const deductionsFen = sumFen(allowedDeductions);
  if (household.deductions.length > 0) {
    line('deduction.total', `扣减合计 ${yuan(deductionsFen)} 元/月。`, `Deductions: ${yuan(deductionsFen)} yuan a month.`, deductionsFen);
  }

  // ---- net and per-capita income ---------------------------------------------------------------
  const netIncomeFen = Math.max(0, countedIncomeFen - deductionsFen);
  if (deductionsFen > countedIncomeFen) {
    line(
      'net_income',
      `扣减额超过计入收入，家庭月净收入按 0 元计。`,
      `Deductions exceed counted income: net household income is taken as 0.`,
      0,
    );
  } else {
    line(
      'net_income',
      `家庭月净收入 = ${yuan(countedIncomeFen)} − ${yuan(deductionsFen)} = ${yuan(netIncomeFen)} 元。`,
      `Net household income = ${yuan(countedIncomeFen)} − ${yuan(deductionsFen)} = ${yuan(netIncomeFen)} yuan.`,
      netIncomeFen,
    );
  }
  line('household_size', `共同生活的家庭成员 ${size} 人。`, `Household size: ${size}.`);
  const perCapitaIncomeFen = divideRoundHalfUp(netIncomeFen, size);
  line(
    'per_capita_income',
    `家庭人均月收入 = ${yuan(netIncomeFen)} ÷ ${size} ≈ ${yuan(perCapitaIncomeFen)} 元（四舍五入到分，仅供显示；比较按家庭总额精确计算）。`,
    `Per-capita income = ${yuan(netIncomeFen)} ÷ ${size} ≈ ${yuan(perCapitaIncomeFen)} yuan (rounded for display; comparisons use exact totals).`,
    perCapitaIncomeFen,
  );
  line('standard', `低保标准 ${yuan(standardFen)} 元/人·月。`, `Dibao standard: ${yuan(standardFen)} yuan per person a month.`, standardFen);

  // ---- rules -------------------------------------------------------------------------------------
  const rules: RuleOutcome[] = [];
  const income = perCapitaIncomeBelowStandard.check({ netIncomeFen, householdSize: size, standardFen });
  rules.push(income);
  line('comparison.standard', income.message.zh, income.message.en);

  const limits = params.assets;
  const money = assetsMoneyWithinLimit.check({
    moneyFen: household.assets.moneyFen,
    standardFen,
    householdSize: size,
    moneyMonthsOfStandard: limits.moneyMonthsOfStandard,
  });
  const housing = housingWithinLimit.check({
    homes: household.assets.homes,
    housingAreaSqm: household.assets.housingAreaSqm,
    householdSize: size,
    maxHomes: limits.maxHomes,
    housingAreaPerPersonSqm: limits.housingAreaPerPersonSqm,
  });
  const vehicles = vehiclesWithinLimit.check({
    vehicles: household.assets.vehicles,
    nonExemptVehiclesAllowed: limits.nonExemptVehiclesAllowed,
  });
  const property = [money, housing, vehicles];
  rules.push(...property);
  line('assets.money', money.message.zh, money.message.en, household.assets.moneyFen);
  line('assets.housing', housing.message.zh, housing.message.en);
  line('assets.vehicles', vehicles.message.zh, vehicles.message.en);
  const propertyPasses = property.every((r) => r.passed);

  let outcome: Outcome;
  let reasons: RuleOutcome[];
  if (income.passed && propertyPasses) {
    outcome = 'dibao';
    reasons = [income, ...property];
  } else {
    const band = perCapitaIncomeBelowBand.check({
      netIncomeFen,
      householdSize: size,
      standardFen,
      multiplierBp: params.lowIncomeBand.multiplierBp,
      strictBound: params.lowIncomeBand.strictBound,
    });
    rules.push(band);
    line('comparison.low_income_band', band.message.zh, band.message.en);
    if (band.passed && propertyPasses) {
      outcome = 'low_income';
      reasons = [income, band, ...property];
    } else {
      outcome = 'ineligible';
      reasons = rules.filter((r) => !r.passed);
    }
  }
  const OUTCOME_TEXT: Record<Outcome, { zh: string; en: string }> = {
    dibao: { zh: '结论：符合最低生活保障条件。', en: 'Outcome: eligible for the minimum living allowance (dibao).' },
    low_income: {
      zh: '结论：不符合低保条件，符合低收入家庭认定条件，纳入低收入人口数据库。',
      en: 'Outcome: not eligible for dibao; a low-income household, kept in the low-income database.',
    },
    ineligible: { zh: '结论：不符合低保及低收入家庭条件。', en: 'Outcome: neither dibao nor low-income.' },
  };
  line('outcome', OUTCOME_TEXT[outcome].zh, OUTCOME_TEXT[outcome].en);

  // ---- benefit (dibao: 补差 + 增发) -----------------------------------------------------------------
  let gapFen = 0;
  let peopleCovered = 0;
  let baseBenefitFen = 0;
  const topUps: TopUp[] = [];
  let monthlyBenefitFen = 0;
  if (outcome === 'dibao') {
    peopleCovered = size;
    const gapTotalFen = standardFen * size - netIncomeFen;
    gapFen = divideRoundHalfUp(gapTotalFen, size);
    line(
      'benefit.gap',
      `补差 = 标准 ${yuan(standardFen)} × ${size} 人 − 净收入 ${yuan(netIncomeFen)} = ${yuan(gapTotalFen)} 元。`,
      `Gap = standard ${yuan(standardFen)} × ${size} − net income ${yuan(netIncomeFen)} = ${yuan(gapTotalFen)} yuan.`,
      gapTotalFen,
    );
    const floorPerPersonFen = shareOfFen(standardFen, params.payment.floorShareBp);
    const floorFen = floorPerPersonFen * peopleCovered;
    baseBenefitFen = Math.max(gapTotalFen, floorFen);
    const floorApplied = floorFen > gapTotalFen;
    line(
      'benefit.floor',
      floorApplied
        ? `补差低于保底 ${percent(params.payment.floorShareBp)} × 标准 × ${peopleCovered} 人 = ${yuan(floorFen)} 元，按保底发放。`
        : `保底 ${percent(params.payment.floorShareBp)} × 标准 × ${peopleCovered} 人 = ${yuan(floorFen)} 元，补差不低于保底，按补差发放。`,
      floorApplied
        ? `The gap is below the floor of ${percent(params.payment.floorShareBp)} of the standard × ${peopleCovered} = ${yuan(floorFen)} yuan: the floor is paid.`
        : `Floor: ${percent(params.payment.floorShareBp)} of the standard × ${peopleCovered} = ${yuan(floorFen)} yuan; the gap is not below it and is paid.`,
      floorFen,
    );
    line('benefit.base', `基本保障金 ${yuan(baseBenefitFen)} 元/月。`, `Base benefit: ${yuan(baseBenefitFen)} yuan a month.`, baseBenefitFen);

    members.forEach((member, i) => {
      for (const granted of topUpsFor(member, ages[i], params.topUps.rules, standardFen)) {
        topUps.push({ memberIndex: i, code: granted.rule.code, amountFen: granted.amountFen });
        const cond = topUpConditionText(granted.rule.when);
        const m = who(i);
        line(
          'benefit.top_up',
          `${m.zh}（${ages[i]}周岁）${cond.zh}，增发 标准 ${yuan(standardFen)} × ${percent(granted.rule.shareBp)} = ${yuan(granted.amountFen)} 元。`,
          `${m.en} (aged ${ages[i]}), ${cond.en}: top-up of ${percent(granted.rule.shareBp)} of the standard ${yuan(standardFen)} = ${yuan(granted.amountFen)} yuan.`,
          granted.amountFen,
        );
      }
    });
    monthlyBenefitFen = sumFen([baseBenefitFen, ...topUps.map((t) => t.amountFen)]);
    line(
      'benefit.total',
      `月保障金合计 ${yuan(monthlyBenefitFen)} 元（基本 ${yuan(baseBenefitFen)} 元 + 增发 ${yuan(monthlyBenefitFen - baseBenefitFen)} 元）。`,
      `Monthly benefit: ${yuan(monthlyBenefitFen)} yuan (base ${yuan(baseBenefitFen)} + top-ups ${yuan(monthlyBenefitFen - baseBenefitFen)}).`,
      monthlyBenefitFen,
    );
  }

  // ---- single-person inclusion (单人户), low-income households only --------------------------------
  const singlePersonInclusions: SinglePersonInclusion[] = [];
  if (outcome === 'low_income') {
    const criteria = params.singlePersonInclusion;
    members.forEach((member, i) => {
      const check = checkSinglePersonInclusion({ member, memberIndex: i, criteria });
      rules.push(check.outcome);
      line('single_person.check', check.outcome.message.zh, check.outcome.message.en);
      if (check.reason === undefined) return;
      const base = shareOfFen(standardFen, criteria.benefitShareBp);
      const own = topUpsFor(member, ages[i], params.topUps.rules, standardFen).map((g) => ({ code: g.rule.code, amountFen: g.amountFen }));
      const total = sumFen([base, ...own.map((t) => t.amountFen)]);
      singlePersonInclusions.push({ memberIndex: i, reason: check.reason, baseBenefitFen: base, topUps: own, monthlyBenefitFen: total });
      const m = who(i);
      line(
        'single_person.benefit',
        `${m.zh}按单人户保障：标准 ${yuan(standardFen)} × ${percent(criteria.benefitShareBp)} = ${yuan(base)} 元，加本人增发 ${yuan(total - base)} 元，合计 ${yuan(total)} 元/月。`,
        `${m.en} as a single-person household: ${percent(criteria.benefitShareBp)} of the standard ${yuan(standardFen)} = ${yuan(base)} plus own top-ups ${yuan(total - base)} = ${yuan(total)} yuan a month.`,
        total,
      );
    });
  }

  const decision: Decision = {
    outcome,
    assessedOn: on,
    districtCode: household.districtCode,
    area: household.area,
    householdSize: size,
    countedIncomeFen,
    excludedIncomeFen,
    deductionsFen,
    netIncomeFen,
    perCapitaIncomeFen,
    standardFen,
    gapFen,
    peopleCovered,
    baseBenefitFen,
    topUps,
    monthlyBenefitFen,
    singlePersonInclusions,
    rules,
    reasons,
    explanation,
    parameterVersions: { ...params.versions },
  };
  return { ok: true, decision };
}
