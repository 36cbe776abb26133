import { LocalizedText, RuleOutcome } from '@jiuzhu/common';
import { AssessmentRuleCheck, Decision, DecisionView, ExplanationEntry, ExplanationLine, MemberArgs, Outcome } from './decision';
import { DEDUCTION_KIND_NAMES, INCOME_KIND_NAMES, memberLabel, percent, topUpConditionText, yuan } from './labels';
import { assetsMoneyWithinLimit } from './rules/assets-money-within-limit.rule';
import { housingWithinLimit } from './rules/housing-within-limit.rule';
import { perCapitaIncomeBelowBand } from './rules/per-capita-income-below-band.rule';
import { perCapitaIncomeBelowStandard } from './rules/per-capita-income-below-standard.rule';
import { describeSinglePersonCheck } from './rules/single-person-qualifies.rule';
import { vehiclesWithinLimit } from './rules/vehicles-within-limit.rule';

/**
 * The decision in words, for the caseworker and the family: every rule's verdict and every line of
 * the worked calculation in Chinese and English, from the numbers the assessment recorded (a pure
 * function of the decision alone: the same decision always reads the same). The assessment does
 * not word anything itself — most decisions are never read, and wording them cost far more than
 * deciding them — so this runs at the edge: the trial-assessment answer and the case view.
 *
 * A decision stored before explanations were recorded as data already carries its words
 * (`text` on lines, `message` on rules); those are shown as stored.
 */
export function renderDecision(decision: Decision): DecisionView {
  const d = decision;
  const rules = d.rules.map(renderRule);
  // Fields are listed (no spread), so a field of a stored document never reaches an answer unnamed.
  return {
    outcome: d.outcome,
    assessedOn: d.assessedOn,
    districtCode: d.districtCode,
    area: d.area,
    householdSize: d.householdSize,
    countedIncomeFen: d.countedIncomeFen,
    excludedIncomeFen: d.excludedIncomeFen,
    deductionsFen: d.deductionsFen,
    netIncomeFen: d.netIncomeFen,
    perCapitaIncomeFen: d.perCapitaIncomeFen,
    standardFen: d.standardFen,
    ...gapsOf(d),
    peopleCovered: d.peopleCovered,
    baseBenefitFen: d.baseBenefitFen,
    topUps: d.topUps,
    monthlyBenefitFen: d.monthlyBenefitFen,
    singlePersonInclusions: d.singlePersonInclusions,
    rules,
    reasons: d.reasons.map(renderRule),
    explanation: d.explanation.map((entry) => renderEntry(entry, rules)),
    parameterVersions: d.parameterVersions,
  };
}

/**
 * A decision stored before the gap had two names carries one `gapFen`, per person; the household's
 * gap is then the one its benefit started from, standard × size − net income (the same integers).
 */
function gapsOf(d: Decision): Pick<DecisionView, 'gapPerPersonFen' | 'householdGapFen'> {
  if (d.householdGapFen !== undefined) return { gapPerPersonFen: d.gapPerPersonFen, householdGapFen: d.householdGapFen };
  const legacy = d as unknown as { gapFen?: number };
  return { gapPerPersonFen: legacy.gapFen ?? 0, householdGapFen: d.outcome === 'dibao' ? d.standardFen * d.householdSize - d.netIncomeFen : 0 };
}

/** A rule's recorded verdict with its message. */
export function renderRule(check: AssessmentRuleCheck): RuleOutcome {
  if ('message' in check) return check as unknown as RuleOutcome;
  return { code: check.code, passed: check.passed, message: describeRule(check) };
}

export function describeRule(check: AssessmentRuleCheck): LocalizedText {
  switch (check.code) {
    case 'DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD':
      return perCapitaIncomeBelowStandard.describe(check);
    case 'DIBAO.ASSETS_MONEY_WITHIN_LIMIT':
      return assetsMoneyWithinLimit.describe(check);
    case 'DIBAO.HOUSING_WITHIN_LIMIT':
      return housingWithinLimit.describe(check);
    case 'DIBAO.VEHICLES_WITHIN_LIMIT':
      return vehiclesWithinLimit.describe(check);
    case 'LOW_INCOME.PER_CAPITA_INCOME_BELOW_BAND':
      return perCapitaIncomeBelowBand.describe(check);
    case 'SINGLE_PERSON.QUALIFIES':
      return describeSinglePersonCheck(check);
    default:
      return unknownCode(check);
  }
}

/** A code this version does not know (a newer decision read by an older service): a clear error, not blank words. */
function unknownCode(x: never): never {
  throw new RangeError(`no wording for ${JSON.stringify((x as { code?: unknown }).code)}`);
}

/** One line of the worked calculation, `rules` being the decision's rules already worded. */
export function renderEntry(entry: ExplanationEntry, rules: readonly RuleOutcome[]): ExplanationLine {
  if ('text' in entry) return entry as unknown as ExplanationLine;
  const text = entryText(entry, rules);
  const args = entry.args as { amountFen?: unknown };
  return typeof args.amountFen === 'number' ? { step: entry.step, text, amountFen: args.amountFen } : { step: entry.step, text };
}

const OUTCOME_TEXT: Readonly<Record<Outcome, LocalizedText>> = {
  dibao: Object.freeze({ zh: '结论：符合最低生活保障条件。', en: 'Outcome: eligible for the minimum living allowance (dibao).' }),
  low_income: Object.freeze({
    zh: '结论：不符合低保条件，符合低收入家庭认定条件，纳入低收入人口数据库。',
    en: 'Outcome: not eligible for dibao; a low-income household, kept in the low-income database.',
  }),
  ineligible: Object.freeze({ zh: '结论：不符合低保及低收入家庭条件。', en: 'Outcome: neither dibao nor low-income.' }),
};

const who = (a: MemberArgs): LocalizedText => memberLabel(a.member, a.relation);

function entryText(entry: ExplanationEntry, rules: readonly RuleOutcome[]): LocalizedText {
  switch (entry.code) {
    case 'INCOME.COUNTED':
    case 'INCOME.EXCLUDED': {
      const a = entry.args;
      const m = who(a);
      const kind = INCOME_KIND_NAMES[a.kind];
      return entry.code === 'INCOME.EXCLUDED'
        ? {
            zh: `${m.zh}${kind.zh} 月均 ${yuan(a.amountFen)} 元，按规定不计入家庭收入。`,
            en: `${m.en}: ${kind.en} of ${yuan(a.amountFen)} yuan a month is not counted as household income.`,
          }
        : {
            zh: `${m.zh}${kind.zh} 月均 ${yuan(a.amountFen)} 元，计入家庭收入。`,
            en: `${m.en}: ${kind.en} of ${yuan(a.amountFen)} yuan a month is counted.`,
          };
    }
    case 'INCOME.TOTAL':
      return { zh: `计入家庭收入合计 ${yuan(entry.args.amountFen)} 元/月。`, en: `Counted income: ${yuan(entry.args.amountFen)} yuan a month.` };
    case 'INCOME.EXCLUDED_TOTAL':
      return { zh: `不计入的收入合计 ${yuan(entry.args.amountFen)} 元/月。`, en: `Income not counted: ${yuan(entry.args.amountFen)} yuan a month.` };

    case 'DEDUCTION.CLAIMED': {
      const a = entry.args;
      const m = a.member === null || a.relation === null ? { zh: '家庭', en: 'household' } : memberLabel(a.member, a.relation);
      const kind = DEDUCTION_KIND_NAMES[a.kind];
      return { zh: `${m.zh}申报${kind.zh} ${yuan(a.amountFen)} 元/月。`, en: `${m.en}: ${kind.en} of ${yuan(a.amountFen)} yuan a month claimed.` };
    }
    case 'DEDUCTION.NOT_ALLOWED': {
      const name = DEDUCTION_KIND_NAMES[entry.args.kind];
      return { zh: `${name.zh}按现行参数不予扣减。`, en: `${name.en} are not deductible under the parameters in force.` };
    }
    case 'DEDUCTION.CAPPED': {
      const a = entry.args;
      const name = DEDUCTION_KIND_NAMES[a.kind];
      return {
        zh: `${name.zh}合计 ${yuan(a.claimedFen)} 元，超过每月上限 ${yuan(a.capFen)} 元，按上限扣减。`,
        en: `${name.en} total ${yuan(a.claimedFen)} yuan, over the monthly cap of ${yuan(a.capFen)}: the cap is deducted.`,
      };
    }
    case 'DEDUCTION.ALLOWED': {
      const a = entry.args;
      const name = DEDUCTION_KIND_NAMES[a.kind];
      return { zh: `${name.zh}扣减 ${yuan(a.amountFen)} 元。`, en: `${name.en}: ${yuan(a.amountFen)} yuan deducted.` };
    }
    case 'DEDUCTION.EMPLOYMENT': {
      const a = entry.args;
      const m = who(a);
      const withCap = a.capFen !== null && a.capShareOfStandardBp !== null;
      const capZh = withCap ? `、低保标准的 ${percent(a.capShareOfStandardBp as number)}（${yuan(a.capFen as number)} 元）` : '';
      const capEn = withCap ? `, ${percent(a.capShareOfStandardBp as number)} of the standard (${yuan(a.capFen as number)})` : '';
      return {
        zh: `${m.zh}就业成本：申报 ${yuan(a.claimedFen)} 元、工资收入 ${yuan(a.wageFen)} 元的 ${percent(a.wageShareBp)}（${yuan(a.wageShareFen)} 元）${capZh}中取最低，扣减 ${yuan(a.amountFen)} 元。`,
        en: `${m.en}: employment costs — the lowest of the claim ${yuan(a.claimedFen)}, ${percent(a.wageShareBp)} of wages ${yuan(a.wageFen)} (${yuan(a.wageShareFen)})${capEn}: ${yuan(a.amountFen)} yuan deducted.`,
      };
    }
    case 'DEDUCTION.TOTAL':
      return { zh: `扣减合计 ${yuan(entry.args.amountFen)} 元/月。`, en: `Deductions: ${yuan(entry.args.amountFen)} yuan a month.` };

    case 'NET_INCOME.DEDUCTIONS_EXCEED_INCOME':
      return { zh: '扣减额超过计入收入，家庭月净收入按 0 元计。', en: 'Deductions exceed counted income: net household income is taken as 0.' };
    case 'NET_INCOME': {
      const a = entry.args;
      return {
        zh: `家庭月净收入 = ${yuan(a.countedIncomeFen)} − ${yuan(a.deductionsFen)} = ${yuan(a.amountFen)} 元。`,
        en: `Net household income = ${yuan(a.countedIncomeFen)} − ${yuan(a.deductionsFen)} = ${yuan(a.amountFen)} yuan.`,
      };
    }
    case 'HOUSEHOLD_SIZE':
      return { zh: `共同生活的家庭成员 ${entry.args.size} 人。`, en: `Household size: ${entry.args.size}.` };
    case 'PER_CAPITA_INCOME': {
      const a = entry.args;
      return {
        zh: `家庭人均月收入 = ${yuan(a.netIncomeFen)} ÷ ${a.size} ≈ ${yuan(a.amountFen)} 元（四舍五入到分，仅供显示；比较按家庭总额精确计算）。`,
        en: `Per-capita income = ${yuan(a.netIncomeFen)} ÷ ${a.size} ≈ ${yuan(a.amountFen)} yuan (rounded for display; comparisons use exact totals).`,
      };
    }
    case 'STANDARD':
      return { zh: `低保标准 ${yuan(entry.args.amountFen)} 元/人·月。`, en: `Dibao standard: ${yuan(entry.args.amountFen)} yuan per person a month.` };

    case 'DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD':
    case 'DIBAO.ASSETS_MONEY_WITHIN_LIMIT':
    case 'DIBAO.HOUSING_WITHIN_LIMIT':
    case 'DIBAO.VEHICLES_WITHIN_LIMIT':
    case 'LOW_INCOME.PER_CAPITA_INCOME_BELOW_BAND':
    case 'SINGLE_PERSON.QUALIFIES': {
      // The line states the verdict of a rule, in the rule's own words.
      const rule = rules[entry.args.rule];
      if (rule === undefined || rule.code !== entry.code) throw new RangeError(`explanation line ${entry.step} refers to no ${entry.code} verdict`);
      return rule.message;
    }

    case 'OUTCOME.DIBAO':
      return OUTCOME_TEXT.dibao;
    case 'OUTCOME.LOW_INCOME':
      return OUTCOME_TEXT.low_income;
    case 'OUTCOME.INELIGIBLE':
      return OUTCOME_TEXT.ineligible;

    case 'BENEFIT.GAP': {
      const a = entry.args;
      return {
        zh: `补差 = 标准 ${yuan(a.standardFen)} × ${a.size} 人 − 净收入 ${yuan(a.netIncomeFen)} = ${yuan(a.amountFen)} 元。`,
        en: `Gap = standard ${yuan(a.standardFen)} × ${a.size} − net income ${yuan(a.netIncomeFen)} = ${yuan(a.amountFen)} yuan.`,
      };
    }
    case 'COVERAGE.EXCLUDED_SPECIAL_HARDSHIP': {
      const m = who(entry.args);
      return {
        zh: `${m.zh}已纳入特困人员救助供养，不再计入低保保障人数（其收入仍计入家庭收入）。`,
        en: `${m.en} is supported as a special-hardship person and is not among the people this dibao covers (their income still counts in the household's).`,
      };
    }
    case 'BENEFIT.GAP_FOR_PEOPLE_COVERED': {
      const a = entry.args;
      return {
        zh: `补差 =（标准 ${yuan(a.standardFen)} × ${a.size} 人 − 净收入 ${yuan(a.netIncomeFen)}）× 保障人数 ${a.peopleCovered} ÷ ${a.size} = ${yuan(a.amountFen)} 元。`,
        en: `Gap = (standard ${yuan(a.standardFen)} × ${a.size} − net income ${yuan(a.netIncomeFen)}) × ${a.peopleCovered} covered ÷ ${a.size} = ${yuan(a.amountFen)} yuan.`,
      };
    }
    case 'BENEFIT.FLOOR_PAID': {
      const a = entry.args;
      return {
        zh: `补差低于保底 ${percent(a.floorShareBp)} × 标准 × ${a.peopleCovered} 人 = ${yuan(a.amountFen)} 元，按保底发放。`,
        en: `The gap is below the floor of ${percent(a.floorShareBp)} of the standard × ${a.peopleCovered} = ${yuan(a.amountFen)} yuan: the floor is paid.`,
      };
    }
    case 'BENEFIT.GAP_PAID': {
      const a = entry.args;
      return {
        zh: `保底 ${percent(a.floorShareBp)} × 标准 × ${a.peopleCovered} 人 = ${yuan(a.amountFen)} 元，补差不低于保底，按补差发放。`,
        en: `Floor: ${percent(a.floorShareBp)} of the standard × ${a.peopleCovered} = ${yuan(a.amountFen)} yuan; the gap is not below it and is paid.`,
      };
    }
    case 'BENEFIT.BASE':
      return { zh: `基本保障金 ${yuan(entry.args.amountFen)} 元/月。`, en: `Base benefit: ${yuan(entry.args.amountFen)} yuan a month.` };
    case 'BENEFIT.TOP_UP': {
      const a = entry.args;
      const m = who(a);
      const cond = topUpConditionText(a.when);
      return {
        zh: `${m.zh}（${a.age}周岁）${cond.zh}，增发 标准 ${yuan(a.standardFen)} × ${percent(a.shareBp)} = ${yuan(a.amountFen)} 元。`,
        en: `${m.en} (aged ${a.age}), ${cond.en}: top-up of ${percent(a.shareBp)} of the standard ${yuan(a.standardFen)} = ${yuan(a.amountFen)} yuan.`,
      };
    }
    case 'BENEFIT.TOTAL': {
      const a = entry.args;
      return {
        zh: `月保障金合计 ${yuan(a.amountFen)} 元（基本 ${yuan(a.baseBenefitFen)} 元 + 增发 ${yuan(a.topUpsFen)} 元）。`,
        en: `Monthly benefit: ${yuan(a.amountFen)} yuan (base ${yuan(a.baseBenefitFen)} + top-ups ${yuan(a.topUpsFen)}).`,
      };
    }
    case 'SINGLE_PERSON.BENEFIT': {
      const a = entry.args;
      const m = who(a);
      return {
        zh: `${m.zh}按单人户保障：标准 ${yuan(a.standardFen)} × ${percent(a.benefitShareBp)} = ${yuan(a.baseBenefitFen)} 元，加本人增发 ${yuan(a.topUpsFen)} 元，合计 ${yuan(a.amountFen)} 元/月。`,
        en: `${m.en} as a single-person household: ${percent(a.benefitShareBp)} of the standard ${yuan(a.standardFen)} = ${yuan(a.baseBenefitFen)} plus own top-ups ${yuan(a.topUpsFen)} = ${yuan(a.amountFen)} yuan a month.`,
      };
    }
    default:
      return unknownCode(entry);
  }
}
