import { divideRoundHalfUp, shareOfFen } from '@jiuzhu/common/money';
import { DateNumber, dateNumberOf, fullYearsBetween, LocalDate } from '@jiuzhu/common/local-date';
import { CappedDeductionRule } from '../../parameters/domain/parameter-keys';
import { AssessmentParameters } from '../../parameters/domain/resolve-parameters';
import { AssessmentResult, AssessmentRuleCheck, Decision, ExplanationEntry, LowIncomeBandCheck, Outcome, SinglePersonInclusion, TopUp } from './decision';
import { Deduction, Household, HouseholdMember } from './household';
import { assetsMoneyWithinLimit } from './rules/assets-money-within-limit.rule';
import { housingWithinLimit } from './rules/housing-within-limit.rule';
import { perCapitaIncomeBelowBand } from './rules/per-capita-income-below-band.rule';
import { perCapitaIncomeBelowStandard } from './rules/per-capita-income-below-standard.rule';
import { singlePersonQualifies } from './rules/single-person-qualifies.rule';
import { vehiclesWithinLimit } from './rules/vehicles-within-limit.rule';
import { topUpsFor } from './top-ups';
import { birthDateOf, validateHousehold } from './validate-household';

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
 *
 * The explanation and the rules' verdicts are recorded as data (decision.ts) and worded only when
 * someone reads them (`renderDecision`): batches assess far more households than anyone reads, and
 * formatting ~20 bilingual sentences per household cost thirty times the rule itself. Sums are plain
 * integers: validation keeps every total far below 2^53, so they are exact.
 */
export function assessHousehold(household: Household, params: AssessmentParameters, on: LocalDate): AssessmentResult {
  const errors = validateHousehold(household, params, on);
  if (errors.length > 0) return { ok: false, errors };
  const { members, incomes, deductions, assets } = household;
  const size = members.length;
  const onDate = dateNumberOf(on);
  // Validation found every ID number readable.
  const ageOf = (m: HouseholdMember) => fullYearsBetween(birthDateOf(m) as DateNumber, onDate);

  const standardFen = params.standardFen;
  const explanation: ExplanationEntry[] = [];

  // ---- income (家庭收入) -------------------------------------------------------------------------
  let countedIncomeFen = 0;
  let excludedIncomeFen = 0;
  for (const inc of incomes) {
    const args = { member: inc.memberIndex, relation: members[inc.memberIndex].relation, kind: inc.kind, amountFen: inc.monthlyFen };
    if (params.incomeExclusions.kinds.includes(inc.kind)) {
      excludedIncomeFen += inc.monthlyFen;
      explanation.push({ step: 'income.excluded', code: 'INCOME.EXCLUDED', args });
    } else {
      countedIncomeFen += inc.monthlyFen;
      explanation.push({ step: 'income.counted', code: 'INCOME.COUNTED', args });
    }
  }
  explanation.push({ step: 'income.total', code: 'INCOME.TOTAL', args: { amountFen: countedIncomeFen } });
  if (excludedIncomeFen > 0) explanation.push({ step: 'income.excluded_total', code: 'INCOME.EXCLUDED_TOTAL', args: { amountFen: excludedIncomeFen } });

  // ---- deductions (刚性支出扣减, 就业成本扣减) ----------------------------------------------------
  let deductionsFen = 0;
  if (deductions.length > 0) {
    const rules = params.deductions;
    deductionsFen += cappedDeduction('medical', rules.medical, household, explanation);
    deductionsFen += cappedDeduction('education', rules.education, household, explanation);
    deductionsFen += cappedDeduction('rent', rules.rent, household, explanation);
    deductionsFen += employmentDeduction(household, params, explanation);
    explanation.push({ step: 'deduction.total', code: 'DEDUCTION.TOTAL', args: { amountFen: deductionsFen } });
  }

  // ---- net and per-capita income ---------------------------------------------------------------
  const netIncomeFen = Math.max(0, countedIncomeFen - deductionsFen);
  explanation.push(
    deductionsFen > countedIncomeFen
      ? { step: 'net_income', code: 'NET_INCOME.DEDUCTIONS_EXCEED_INCOME', args: { amountFen: 0 } }
      : { step: 'net_income', code: 'NET_INCOME', args: { countedIncomeFen, deductionsFen, amountFen: netIncomeFen } },
  );
  explanation.push({ step: 'household_size', code: 'HOUSEHOLD_SIZE', args: { size } });
  // The income rule rounds the per-capita figure for its own message; the decision shows the same.
  const income = perCapitaIncomeBelowStandard.check({ netIncomeFen, householdSize: size, standardFen });
  const perCapitaIncomeFen = income.args.perCapitaIncomeFen;
  explanation.push({ step: 'per_capita_income', code: 'PER_CAPITA_INCOME', args: { netIncomeFen, size, amountFen: perCapitaIncomeFen } });
  explanation.push({ step: 'standard', code: 'STANDARD', args: { amountFen: standardFen } });

  // ---- rules -------------------------------------------------------------------------------------
  const limits = params.assets;
  const money = assetsMoneyWithinLimit.check({ moneyFen: assets.moneyFen, standardFen, householdSize: size, moneyMonthsOfStandard: limits.moneyMonthsOfStandard });
  const housing = housingWithinLimit.check({
    homes: assets.homes,
    housingAreaSqm: assets.housingAreaSqm,
    householdSize: size,
    maxHomes: limits.maxHomes,
    housingAreaPerPersonSqm: limits.housingAreaPerPersonSqm,
  });
  const vehicles = vehiclesWithinLimit.check({ vehicles: assets.vehicles, nonExemptVehiclesAllowed: limits.nonExemptVehiclesAllowed });
  const propertyPasses = money.passed && housing.passed && vehicles.passed;
  // The low-income band is only tested when the household is not dibao.
  const band: LowIncomeBandCheck | null =
    income.passed && propertyPasses
      ? null
      : perCapitaIncomeBelowBand.check({
          netIncomeFen,
          householdSize: size,
          standardFen,
          multiplierBp: params.lowIncomeBand.multiplierBp,
          strictBound: params.lowIncomeBand.strictBound,
        });
  const rules: AssessmentRuleCheck[] = band === null ? [income, money, housing, vehicles] : [income, money, housing, vehicles, band];
  explanation.push({ step: 'comparison.standard', code: income.code, args: { rule: 0 } });
  explanation.push({ step: 'assets.money', code: money.code, args: { rule: 1, amountFen: assets.moneyFen } });
  explanation.push({ step: 'assets.housing', code: housing.code, args: { rule: 2 } });
  explanation.push({ step: 'assets.vehicles', code: vehicles.code, args: { rule: 3 } });

  let outcome: Outcome;
  let reasons: AssessmentRuleCheck[];
  if (band === null) {
    outcome = 'dibao';
    reasons = [...rules];
  } else {
    explanation.push({ step: 'comparison.low_income_band', code: band.code, args: { rule: 4 } });
    if (band.passed && propertyPasses) {
      outcome = 'low_income';
      reasons = [income, band, money, housing, vehicles];
    } else {
      outcome = 'ineligible';
      reasons = rules.filter((r) => !r.passed);
    }
  }
  explanation.push({ step: 'outcome', code: OUTCOME_CODES[outcome], args: {} });

  // ---- benefit (dibao: 补差 + 增发) -----------------------------------------------------------------
  let gapPerPersonFen = 0;
  let householdGapFen = 0;
  let peopleCovered = 0;
  let baseBenefitFen = 0;
  const topUps: TopUp[] = [];
  let monthlyBenefitFen = 0;
  if (outcome === 'dibao') {
    // A member supported as a special-hardship person lives in the household (their income counts,
    // the per-capita test is the household's) but is not paid for a second time: the gap covers the
    // others only (policy.md §1: gap × people covered; §3 supports them on their own).
    const excluded = members.flatMap((m, i) => (m.coverageExclusion ? [i] : []));
    for (const i of excluded) explanation.push({ step: 'coverage.excluded', code: 'COVERAGE.EXCLUDED_SPECIAL_HARDSHIP', args: { member: i, relation: members[i].relation } });
    peopleCovered = size - excluded.length;
    const wholeGapFen = standardFen * size - netIncomeFen;
    gapPerPersonFen = divideRoundHalfUp(wholeGapFen, size);
    if (excluded.length === 0) {
      householdGapFen = wholeGapFen;
      explanation.push({ step: 'benefit.gap', code: 'BENEFIT.GAP', args: { standardFen, size, netIncomeFen, amountFen: householdGapFen } });
    } else {
      householdGapFen = divideRoundHalfUp(wholeGapFen * peopleCovered, size);
      explanation.push({ step: 'benefit.gap', code: 'BENEFIT.GAP_FOR_PEOPLE_COVERED', args: { standardFen, size, netIncomeFen, peopleCovered, amountFen: householdGapFen } });
    }
    const floorShareBp = params.payment.floorShareBp;
    const floorFen = shareOfFen(standardFen, floorShareBp) * peopleCovered;
    baseBenefitFen = Math.max(householdGapFen, floorFen);
    explanation.push({
      step: 'benefit.floor',
      code: floorFen > householdGapFen ? 'BENEFIT.FLOOR_PAID' : 'BENEFIT.GAP_PAID',
      args: { floorShareBp, peopleCovered, amountFen: floorFen },
    });
    explanation.push({ step: 'benefit.base', code: 'BENEFIT.BASE', args: { amountFen: baseBenefitFen } });

    let topUpsFen = 0;
    members.forEach((m, i) => {
      // Top-ups are for the people covered.
      if (m.coverageExclusion) return;
      const age = ageOf(m);
      for (const { rule, amountFen } of topUpsFor(m, age, params.topUps.rules, standardFen)) {
        topUpsFen += amountFen;
        topUps.push({ memberIndex: i, code: rule.code, amountFen });
        explanation.push({
          step: 'benefit.top_up',
          code: 'BENEFIT.TOP_UP',
          args: { member: i, relation: m.relation, age, code: rule.code, when: rule.when, shareBp: rule.shareBp, standardFen, amountFen },
        });
      }
    });
    monthlyBenefitFen = baseBenefitFen + topUpsFen;
    explanation.push({ step: 'benefit.total', code: 'BENEFIT.TOTAL', args: { baseBenefitFen, topUpsFen, amountFen: monthlyBenefitFen } });
  }

  // ---- single-person inclusion (单人户), low-income households only --------------------------------
  const singlePersonInclusions: SinglePersonInclusion[] = [];
  if (outcome === 'low_income') {
    const criteria = params.singlePersonInclusion;
    members.forEach((member, i) => {
      // A special-hardship person is supported on their own, never also as a single-person household.
      if (member.coverageExclusion) return;
      const check = singlePersonQualifies.check({ member, memberIndex: i, criteria });
      rules.push(check);
      explanation.push({ step: 'single_person.check', code: check.code, args: { rule: rules.length - 1 } });
      if (check.args.reason === null) return;
      const baseFen = shareOfFen(standardFen, criteria.benefitShareBp);
      const own = topUpsFor(member, ageOf(member), params.topUps.rules, standardFen).map(({ rule, amountFen }) => ({ code: rule.code, amountFen }));
      const topUpsFen = own.reduce((sum, t) => sum + t.amountFen, 0);
      const totalFen = baseFen + topUpsFen;
      singlePersonInclusions.push({ memberIndex: i, reason: check.args.reason, baseBenefitFen: baseFen, topUps: own, monthlyBenefitFen: totalFen });
      explanation.push({
        step: 'single_person.benefit',
        code: 'SINGLE_PERSON.BENEFIT',
        args: {
          member: i,
          relation: member.relation,
          standardFen,
          benefitShareBp: criteria.benefitShareBp,
          baseBenefitFen: baseFen,
          topUpsFen,
          amountFen: totalFen,
        },
      });
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
    gapPerPersonFen,
    householdGapFen,
    peopleCovered,
    baseBenefitFen,
    topUps,
    monthlyBenefitFen,
    singlePersonInclusions,
    rules,
    reasons,
    explanation,
    // Shared, not copied: resolved parameters are values nobody modifies (the field is read-only).
    parameterVersions: params.versions,
  };
  return { ok: true, decision };
}

const OUTCOME_CODES = { dibao: 'OUTCOME.DIBAO', low_income: 'OUTCOME.LOW_INCOME', ineligible: 'OUTCOME.INELIGIBLE' } as const;

function claimEntry(d: Deduction, members: readonly HouseholdMember[]): ExplanationEntry {
  const i = d.memberIndex;
  return {
    step: 'deduction.claimed',
    code: 'DEDUCTION.CLAIMED',
    args: { member: i === undefined ? null : i, relation: i === undefined ? null : members[i].relation, kind: d.kind, amountFen: d.monthlyFen },
  };
}

/**
 * Medical, education and rent claims: every claim of the kind is listed, then their total is
 * deducted up to the monthly cap. Returns the amount deducted (0 without claims or when the kind is
 * not allowed).
 */
function cappedDeduction(kind: 'medical' | 'education' | 'rent', rule: CappedDeductionRule, household: Household, explanation: ExplanationEntry[]): number {
  const claims = household.deductions.filter((d) => d.kind === kind);
  if (claims.length === 0) return 0;
  for (const d of claims) explanation.push(claimEntry(d, household.members));
  if (!rule.allowed) {
    explanation.push({ step: 'deduction.not_allowed', code: 'DEDUCTION.NOT_ALLOWED', args: { kind, amountFen: 0 } });
    return 0;
  }
  const claimedFen = claims.reduce((sum, d) => sum + d.monthlyFen, 0);
  if (rule.monthlyCapFen !== null && claimedFen > rule.monthlyCapFen) {
    const capFen = rule.monthlyCapFen;
    explanation.push({ step: 'deduction.capped', code: 'DEDUCTION.CAPPED', args: { kind, claimedFen, capFen, amountFen: capFen } });
    return capFen;
  }
  explanation.push({ step: 'deduction.allowed', code: 'DEDUCTION.ALLOWED', args: { kind, amountFen: claimedFen } });
  return claimedFen;
}

/**
 * Employment costs (就业成本): every claim is listed, then per employed member, in member order, the
 * smallest of their claims' total, a share of their counted wages and a share of the standard.
 */
function employmentDeduction(household: Household, params: AssessmentParameters, explanation: ExplanationEntry[]): number {
  const { members, incomes } = household;
  const claims = household.deductions.filter((d) => d.kind === 'employment');
  if (claims.length === 0) return 0;
  for (const d of claims) explanation.push(claimEntry(d, members));
  const rule = params.deductions.employment;
  if (!rule.allowed) {
    explanation.push({ step: 'deduction.not_allowed', code: 'DEDUCTION.NOT_ALLOWED', args: { kind: 'employment', amountFen: 0 } });
    return 0;
  }
  const capShareOfStandardBp = rule.capShareOfStandardBp;
  const capFen = capShareOfStandardBp === null ? null : shareOfFen(params.standardFen, capShareOfStandardBp);
  const wageCounted = !params.incomeExclusions.kinds.includes('wage');
  let totalFen = 0;
  members.forEach((m, i) => {
    const own = claims.filter((d) => d.memberIndex === i);
    if (own.length === 0) return;
    const claimedFen = own.reduce((sum, d) => sum + d.monthlyFen, 0);
    const wageFen = wageCounted ? incomes.filter((inc) => inc.memberIndex === i && inc.kind === 'wage').reduce((sum, inc) => sum + inc.monthlyFen, 0) : 0;
    const wageShareFen = shareOfFen(wageFen, rule.wageShareBp);
    const amountFen = capFen === null ? Math.min(claimedFen, wageShareFen) : Math.min(claimedFen, wageShareFen, capFen);
    totalFen += amountFen;
    explanation.push({
      step: 'deduction.employment',
      code: 'DEDUCTION.EMPLOYMENT',
      args: { member: i, relation: m.relation, claimedFen, wageFen, wageShareBp: rule.wageShareBp, wageShareFen, capShareOfStandardBp, capFen, amountFen },
    });
  });
  return totalFen;
}
