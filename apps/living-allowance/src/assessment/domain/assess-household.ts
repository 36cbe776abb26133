// Values from the modules themselves, not the `@jiuzhu/common` index: the index re-exports through
// getters, and the assessment calls these for every member of every household.
import { dateNumberOf, fullYearsBetween, LocalDate } from '@jiuzhu/common/local-date';
import { divideRoundHalfUp, shareOfFen } from '@jiuzhu/common/money';
import { CappedDeductionRule } from '../../parameters/domain/parameter-keys';
import { AssessmentParameters } from '../../parameters/domain/resolve-parameters';
import {
  AssessmentResult,
  AssessmentRuleCheck,
  Decision,
  ExplanationEntry,
  LowIncomeBandCheck,
  Outcome,
  RuleRefArgs,
  SinglePersonInclusion,
  TopUp,
} from './decision';
import { Deduction, DISABILITY_KINDS, Household, RELATIONS } from './household';
import { checkAssetsMoneyWithinLimit } from './rules/assets-money-within-limit.rule';
import { checkHousingWithinLimit } from './rules/housing-within-limit.rule';
import { checkPerCapitaIncomeBelowBand } from './rules/per-capita-income-below-band.rule';
import { checkPerCapitaIncomeBelowStandard } from './rules/per-capita-income-below-standard.rule';
import { checkSinglePerson } from './rules/single-person-qualifies.rule';
import { checkVehiclesWithinLimit } from './rules/vehicles-within-limit.rule';
import { abilityBit, topUpTable } from './top-ups';
import { checkHousehold, MemberFacts } from './validate-household';

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
 * formatting ~20 bilingual sentences per household cost thirty times the rule itself. For the same
 * reason the hot path reads each ID number and date once, sums in plain integers (validation keeps
 * every total far below 2^53, so they are exact) and builds no intermediate arrays, sets or maps.
 */
export function assessHousehold(household: Household, params: AssessmentParameters, on: LocalDate): AssessmentResult {
  const size = household.members.length;
  facts.reserve(size);
  const onDate = dateNumberOf(on);
  const errors = checkHousehold(household, params, onDate, facts);
  if (errors !== null) return { ok: false, errors };
  const { births, relations, grades, kinds, ill } = facts;

  const standardFen = params.standardFen;
  const explanation: ExplanationEntry[] = [];

  // ---- income (家庭收入) -------------------------------------------------------------------------
  const excludedKinds = params.incomeExclusions.kinds;
  const incomes = household.incomes;
  let countedIncomeFen = 0;
  let excludedIncomeFen = 0;
  for (let k = 0; k < incomes.length; k++) {
    const inc = incomes[k];
    const args = { member: inc.memberIndex, relation: RELATIONS[relations[inc.memberIndex]], kind: inc.kind, amountFen: inc.monthlyFen };
    if (excludedKinds.includes(inc.kind)) {
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
  const deductions = household.deductions;
  let deductionsFen = 0;
  if (deductions.length > 0) {
    // Which kinds were claimed, so that each kind's pass over the claims runs only when needed.
    let claimed = 0;
    for (let k = 0; k < deductions.length; k++) claimed |= kindBit(deductions[k].kind);
    const rules = params.deductions;
    if (claimed & MEDICAL) deductionsFen += cappedDeduction('medical', rules.medical, deductions, relations, explanation);
    if (claimed & EDUCATION) deductionsFen += cappedDeduction('education', rules.education, deductions, relations, explanation);
    if (claimed & RENT) deductionsFen += cappedDeduction('rent', rules.rent, deductions, relations, explanation);
    if (claimed & EMPLOYMENT) deductionsFen += employmentDeduction(household, params, relations, explanation);
    explanation.push({ step: 'deduction.total', code: 'DEDUCTION.TOTAL', args: { amountFen: deductionsFen } });
  }

  // ---- net and per-capita income ---------------------------------------------------------------
  const netIncomeFen = deductionsFen > countedIncomeFen ? 0 : countedIncomeFen - deductionsFen;
  explanation.push(
    deductionsFen > countedIncomeFen
      ? NET_INCOME_ZERO
      : { step: 'net_income', code: 'NET_INCOME', args: { countedIncomeFen, deductionsFen, amountFen: netIncomeFen } },
  );
  explanation.push(size < HOUSEHOLD_SIZE_ENTRY.length ? HOUSEHOLD_SIZE_ENTRY[size] : { step: 'household_size', code: 'HOUSEHOLD_SIZE', args: { size } });
  // The income rule rounds the per-capita figure for its own message; the decision shows the same.
  const income = checkPerCapitaIncomeBelowStandard(netIncomeFen, size, standardFen);
  const perCapitaIncomeFen = income.args.perCapitaIncomeFen;
  explanation.push({ step: 'per_capita_income', code: 'PER_CAPITA_INCOME', args: { netIncomeFen, size, amountFen: perCapitaIncomeFen } });
  explanation.push({ step: 'standard', code: 'STANDARD', args: { amountFen: standardFen } });

  // ---- rules -------------------------------------------------------------------------------------
  const limits = params.assets;
  const assets = household.assets;
  const money = checkAssetsMoneyWithinLimit(assets.moneyFen, standardFen, size, limits.moneyMonthsOfStandard);
  const housing = checkHousingWithinLimit(assets.homes, assets.housingAreaSqm, size, limits.maxHomes, limits.housingAreaPerPersonSqm);
  const vehicles = checkVehiclesWithinLimit(assets.vehicles, limits.nonExemptVehiclesAllowed);
  const propertyPasses = money.passed && housing.passed && vehicles.passed;
  // The low-income band is only tested when the household is not dibao.
  const band: LowIncomeBandCheck | null =
    income.passed && propertyPasses
      ? null
      : checkPerCapitaIncomeBelowBand(netIncomeFen, size, standardFen, params.lowIncomeBand.multiplierBp, params.lowIncomeBand.strictBound);
  const rules: AssessmentRuleCheck[] = band === null ? [income, money, housing, vehicles] : [income, money, housing, vehicles, band];
  explanation.push({ step: 'comparison.standard', code: income.code, args: ruleRef(0) });
  explanation.push({ step: 'assets.money', code: money.code, args: { rule: 1, amountFen: assets.moneyFen } });
  explanation.push({ step: 'assets.housing', code: housing.code, args: ruleRef(2) });
  explanation.push({ step: 'assets.vehicles', code: vehicles.code, args: ruleRef(3) });

  let outcome: Outcome;
  let reasons: AssessmentRuleCheck[];
  if (band === null) {
    outcome = 'dibao';
    // Every rule decided it: the same list (a decision is never modified, so it can be shared).
    reasons = rules;
  } else {
    explanation.push({ step: 'comparison.low_income_band', code: band.code, args: ruleRef(4) });
    if (band.passed && propertyPasses) {
      outcome = 'low_income';
      reasons = [income, band, money, housing, vehicles];
    } else {
      outcome = 'ineligible';
      reasons = [];
      for (let k = 0; k < rules.length; k++) if (!rules[k].passed) reasons.push(rules[k]);
    }
  }
  explanation.push(outcome === 'dibao' ? OUTCOME_DIBAO : outcome === 'low_income' ? OUTCOME_LOW_INCOME : OUTCOME_INELIGIBLE);

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
    explanation.push({ step: 'benefit.gap', code: 'BENEFIT.GAP', args: { standardFen, size, netIncomeFen, amountFen: gapTotalFen } });
    const floorShareBp = params.payment.floorShareBp;
    const floorFen = shareOfFen(standardFen, floorShareBp) * peopleCovered;
    baseBenefitFen = Math.max(gapTotalFen, floorFen);
    explanation.push({
      step: 'benefit.floor',
      code: floorFen > gapTotalFen ? 'BENEFIT.FLOOR_PAID' : 'BENEFIT.GAP_PAID',
      args: { floorShareBp, peopleCovered, amountFen: floorFen },
    });
    explanation.push({ step: 'benefit.base', code: 'BENEFIT.BASE', args: { amountFen: baseBenefitFen } });

    const topUpRules = params.topUps.rules;
    const table = topUpTable(topUpRules);
    const groups = table.groups.length;
    let topUpsFen = 0;
    for (let i = 0; i < size; i++) {
      const age = fullYearsBetween(births[i], onDate);
      const ability = abilityBit(household.members[i].abilityAssessment?.level);
      for (let g = 0; g < groups; g++) {
        const k = table.granted(g, grades[i], ill[i] === 1, age, ability);
        if (k < 0) continue;
        const rule = topUpRules[k];
        const amountFen = shareOfFen(standardFen, rule.shareBp);
        topUpsFen += amountFen;
        topUps.push({ memberIndex: i, code: rule.code, amountFen });
        explanation.push({
          step: 'benefit.top_up',
          code: 'BENEFIT.TOP_UP',
          args: { member: i, relation: RELATIONS[relations[i]], age, code: rule.code, when: rule.when, shareBp: rule.shareBp, standardFen, amountFen },
        });
      }
    }
    monthlyBenefitFen = baseBenefitFen + topUpsFen;
    explanation.push({ step: 'benefit.total', code: 'BENEFIT.TOTAL', args: { baseBenefitFen, topUpsFen, amountFen: monthlyBenefitFen } });
  }

  // ---- single-person inclusion (单人户), low-income households only --------------------------------
  const singlePersonInclusions: SinglePersonInclusion[] = [];
  if (outcome === 'low_income') {
    const criteria = params.singlePersonInclusion;
    const topUpRules = params.topUps.rules;
    const table = topUpTable(topUpRules);
    for (let i = 0; i < size; i++) {
      const relation = RELATIONS[relations[i]];
      const check = checkSinglePerson(i, relation, grades[i], grades[i] === 0 ? null : DISABILITY_KINDS[kinds[i]], ill[i] === 1, criteria);
      rules.push(check);
      explanation.push({ step: 'single_person.check', code: check.code, args: ruleRef(rules.length - 1) });
      if (check.args.reason === null) continue;
      const baseFen = shareOfFen(standardFen, criteria.benefitShareBp);
      const own: { code: string; amountFen: number }[] = [];
      let topUpsFen = 0;
      const age = fullYearsBetween(births[i], onDate);
      const ability = abilityBit(household.members[i].abilityAssessment?.level);
      for (let g = 0; g < table.groups.length; g++) {
        const k = table.granted(g, grades[i], ill[i] === 1, age, ability);
        if (k < 0) continue;
        const amountFen = shareOfFen(standardFen, topUpRules[k].shareBp);
        topUpsFen += amountFen;
        own.push({ code: topUpRules[k].code, amountFen });
      }
      const totalFen = baseFen + topUpsFen;
      singlePersonInclusions.push({ memberIndex: i, reason: check.args.reason, baseBenefitFen: baseFen, topUps: own, monthlyBenefitFen: totalFen });
      explanation.push({
        step: 'single_person.benefit',
        code: 'SINGLE_PERSON.BENEFIT',
        args: {
          member: i,
          relation,
          standardFen,
          benefitShareBp: criteria.benefitShareBp,
          baseBenefitFen: baseFen,
          topUpsFen,
          amountFen: totalFen,
        },
      });
    }
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
    // Shared, not copied: resolved parameters are values nobody modifies (the field is read-only),
    // and a batch of decisions need not carry a copy each of the same ten version ids.
    parameterVersions: params.versions,
  };
  return { ok: true, decision };
}

/**
 * What the assessment reads of each member (birth date, relation, disability, illness), filled once
 * by `checkHousehold`. One set of buffers reused by every call rather than arrays per household: the
 * assessment is synchronous and calls nothing that could re-enter it, and nothing in the buffers
 * outlives the call.
 */
const facts = new MemberFacts(16);

// ---- entries that carry no household-specific number are shared (frozen: a decision is a value) ----

const NO_ARGS: Record<string, never> = Object.freeze({});

const OUTCOME_DIBAO: ExplanationEntry = Object.freeze({ step: 'outcome', code: 'OUTCOME.DIBAO', args: NO_ARGS });
const OUTCOME_LOW_INCOME: ExplanationEntry = Object.freeze({ step: 'outcome', code: 'OUTCOME.LOW_INCOME', args: NO_ARGS });
const OUTCOME_INELIGIBLE: ExplanationEntry = Object.freeze({ step: 'outcome', code: 'OUTCOME.INELIGIBLE', args: NO_ARGS });

const NET_INCOME_ZERO: ExplanationEntry = Object.freeze({
  step: 'net_income',
  code: 'NET_INCOME.DEDUCTIONS_EXCEED_INCOME',
  args: Object.freeze({ amountFen: 0 }),
});

/** The household-size line for the usual sizes. */
const HOUSEHOLD_SIZE_ENTRY: readonly ExplanationEntry[] = Array.from({ length: 32 }, (_, size) =>
  Object.freeze({ step: 'household_size', code: 'HOUSEHOLD_SIZE', args: Object.freeze({ size }) }),
);

/** `{ rule: i }` for the first rules of a decision (a household has fewer members than this). */
const RULE_REFS: readonly RuleRefArgs[] = Array.from({ length: 48 }, (_, i) => Object.freeze({ rule: i }));

function ruleRef(i: number): RuleRefArgs {
  return i < RULE_REFS.length ? RULE_REFS[i] : { rule: i };
}

const MEDICAL = 1;
const EDUCATION = 2;
const RENT = 4;
const EMPLOYMENT = 8;

/** Comparisons rather than a lookup table: a table indexed by four different keys is a slow, megamorphic load. */
function kindBit(kind: Deduction['kind']): number {
  return kind === 'medical' ? MEDICAL : kind === 'education' ? EDUCATION : kind === 'rent' ? RENT : EMPLOYMENT;
}

const NOT_ALLOWED_ARGS = {
  medical: Object.freeze({ kind: 'medical', amountFen: 0 }),
  education: Object.freeze({ kind: 'education', amountFen: 0 }),
  rent: Object.freeze({ kind: 'rent', amountFen: 0 }),
  employment: Object.freeze({ kind: 'employment', amountFen: 0 }),
} as const;

function claimEntry(d: Deduction, relations: Uint8Array): ExplanationEntry {
  const i = d.memberIndex;
  return {
    step: 'deduction.claimed',
    code: 'DEDUCTION.CLAIMED',
    args: { member: i === undefined ? null : i, relation: i === undefined ? null : RELATIONS[relations[i]], kind: d.kind, amountFen: d.monthlyFen },
  };
}

/**
 * Medical, education and rent claims: every claim of the kind is listed, then their total is
 * deducted up to the monthly cap. Returns the amount deducted (0 without claims or when the kind is
 * not allowed).
 */
function cappedDeduction(
  kind: 'medical' | 'education' | 'rent',
  rule: CappedDeductionRule,
  deductions: readonly Deduction[],
  relations: Uint8Array,
  explanation: ExplanationEntry[],
): number {
  let claims = 0;
  let claimedFen = 0;
  for (let k = 0; k < deductions.length; k++) {
    const d = deductions[k];
    if (d.kind !== kind) continue;
    claims++;
    claimedFen += d.monthlyFen;
    explanation.push(claimEntry(d, relations));
  }
  if (claims === 0) return 0;
  if (!rule.allowed) {
    explanation.push({ step: 'deduction.not_allowed', code: 'DEDUCTION.NOT_ALLOWED', args: NOT_ALLOWED_ARGS[kind] });
    return 0;
  }
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
function employmentDeduction(household: Household, params: AssessmentParameters, relations: Uint8Array, explanation: ExplanationEntry[]): number {
  const { members, incomes, deductions } = household;
  let claims = 0;
  for (let k = 0; k < deductions.length; k++) {
    if (deductions[k].kind !== 'employment') continue;
    claims++;
    explanation.push(claimEntry(deductions[k], relations));
  }
  if (claims === 0) return 0;
  const rule = params.deductions.employment;
  if (!rule.allowed) {
    explanation.push({ step: 'deduction.not_allowed', code: 'DEDUCTION.NOT_ALLOWED', args: NOT_ALLOWED_ARGS.employment });
    return 0;
  }
  const capShareOfStandardBp = rule.capShareOfStandardBp;
  const capFen = capShareOfStandardBp === null ? null : shareOfFen(params.standardFen, capShareOfStandardBp);
  const wageCounted = !params.incomeExclusions.kinds.includes('wage');
  let totalFen = 0;
  for (let i = 0; i < members.length; i++) {
    let memberClaims = 0;
    let claimedFen = 0;
    for (let k = 0; k < deductions.length; k++) {
      const d = deductions[k];
      if (d.kind !== 'employment' || d.memberIndex !== i) continue;
      memberClaims++;
      claimedFen += d.monthlyFen;
    }
    if (memberClaims === 0) continue;
    let wageFen = 0;
    for (let k = 0; k < incomes.length; k++) {
      const inc = incomes[k];
      if (wageCounted && inc.memberIndex === i && inc.kind === 'wage') wageFen += inc.monthlyFen;
    }
    const wageShareFen = shareOfFen(wageFen, rule.wageShareBp);
    const amountFen = Math.min(claimedFen, wageShareFen, capFen === null ? Number.MAX_SAFE_INTEGER : capFen);
    totalFen += amountFen;
    explanation.push({
      step: 'deduction.employment',
      code: 'DEDUCTION.EMPLOYMENT',
      args: { member: i, relation: RELATIONS[relations[i]], claimedFen, wageFen, wageShareBp: rule.wageShareBp, wageShareFen, capShareOfStandardBp, capFen, amountFen },
    });
  }
  return totalFen;
}
