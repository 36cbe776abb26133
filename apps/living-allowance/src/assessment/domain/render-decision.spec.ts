import { AssessmentParameters } from '../../parameters/domain/resolve-parameters';
import { assessHousehold } from './assess-household';
import { applicant, ASSESSED_ON, defaultParams, memberAged } from './assessment-inputs.fixtures';
import { Decision, DecisionView } from './decision';
import { Household } from './household';
import { renderDecision } from './render-decision';

/**
 * The assessment records its explanation as data; `renderDecision` words it. The words below are
 * those the assessment wrote itself before the change (taken from that version, line by line), so
 * these tests pin that a caseworker reads exactly what they read before.
 */

type Line = [step: string, zh: string, en: string, amountFen?: number];
type Rule = [code: string, passed: boolean, zh: string, en: string];

const lines = (ls: Line[]) => ls.map(([step, zh, en, amountFen]) => (amountFen === undefined ? { step, text: { zh, en } } : { step, text: { zh, en }, amountFen }));
const rules = (rs: Rule[]) => rs.map(([code, passed, zh, en]) => ({ code, passed, message: { zh, en } }));

function assess(household: Household, params: AssessmentParameters = defaultParams()): Decision {
  const r = assessHousehold(household, params, ASSESSED_ON);
  if (!r.ok) throw new Error(`expected a decision, got ${JSON.stringify(r.errors.map((e) => e.code))}`);
  return r.decision;
}

const member = (age: number, extra: Partial<Household['members'][number]>) => memberAged(age, ASSESSED_ON, extra);

/** Dibao: a counted wage and an excluded pension, a medical and an employment deduction, an elderly top-up. */
const dibao: Household = {
  districtCode: '640202',
  area: 'urban',
  members: [applicant(45), member(71, { relation: 'parent' })],
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

/** Low income: rent over its cap, an exempt vehicle, a grade-1 disabled spouse included as a single-person household. */
const lowIncome: Household = {
  districtCode: '640202',
  area: 'urban',
  members: [applicant(45), member(50, { relation: 'spouse', disability: { grade: 1, kind: 'physical' } }), member(8, { relation: 'child' })],
  incomes: [{ memberIndex: 0, kind: 'business', monthlyFen: 290000 }],
  deductions: [{ kind: 'rent', monthlyFen: 60000 }],
  assets: { moneyFen: 500000, homes: 1, housingAreaSqm: 90, vehicles: [{ exempt: true }] },
};

/** Neither: income above the band, and every property limit exceeded. */
const ineligible: Household = {
  districtCode: '640202',
  area: 'urban',
  members: [applicant(40), member(38, { relation: 'spouse' })],
  incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 400000 }],
  deductions: [],
  assets: { moneyFen: 6000000, homes: 2, housingAreaSqm: 120.5, vehicles: [{ exempt: false }] },
};

/** Dibao with deductions above income (net taken as 0), a household-wide claim, two top-up groups for one member. */
const netZero: Household = {
  districtCode: '640202',
  area: 'urban',
  members: [applicant(62, { seriousIllness: true }), member(12, { relation: 'grandchild' })],
  incomes: [{ memberIndex: 0, kind: 'transfer', monthlyFen: 30000 }],
  deductions: [{ kind: 'medical', monthlyFen: 90000 }],
  assets: { moneyFen: 0, homes: 0, housingAreaSqm: 0, vehicles: [] },
};

const DIBAO_LINES: Line[] = [
  ['income.counted', '第1位成员（申请人）工资性收入 月均 1200.00 元，计入家庭收入。', 'member 1 (applicant): wage income of 1200.00 yuan a month is counted.', 120000],
  ['income.excluded', '第2位成员（父母）城乡居民基本养老保险基础养老金 月均 150.00 元，按规定不计入家庭收入。', 'member 2 (parent): residents\' basic pension of 150.00 yuan a month is not counted as household income.', 15000],
  ['income.total', '计入家庭收入合计 1200.00 元/月。', 'Counted income: 1200.00 yuan a month.', 120000],
  ['income.excluded_total', '不计入的收入合计 150.00 元/月。', 'Income not counted: 150.00 yuan a month.', 15000],
  ['deduction.claimed', '第2位成员（父母）申报自付医疗费用 200.00 元/月。', 'member 2 (parent): out-of-pocket medical costs of 200.00 yuan a month claimed.', 20000],
  ['deduction.allowed', '自付医疗费用扣减 200.00 元。', 'out-of-pocket medical costs: 200.00 yuan deducted.', 20000],
  ['deduction.claimed', '第1位成员（申请人）申报就业成本 300.00 元/月。', 'member 1 (applicant): employment costs of 300.00 yuan a month claimed.', 30000],
  ['deduction.employment', '第1位成员（申请人）就业成本：申报 300.00 元、工资收入 1200.00 元的 20%（240.00 元）、低保标准的 50%（390.00 元）中取最低，扣减 240.00 元。', 'member 1 (applicant): employment costs — the lowest of the claim 300.00, 20% of wages 1200.00 (240.00), 50% of the standard (390.00): 240.00 yuan deducted.', 24000],
  ['deduction.total', '扣减合计 440.00 元/月。', 'Deductions: 440.00 yuan a month.', 44000],
  ['net_income', '家庭月净收入 = 1200.00 − 440.00 = 760.00 元。', 'Net household income = 1200.00 − 440.00 = 760.00 yuan.', 76000],
  ['household_size', '共同生活的家庭成员 2 人。', 'Household size: 2.'],
  ['per_capita_income', '家庭人均月收入 = 760.00 ÷ 2 ≈ 380.00 元（四舍五入到分，仅供显示；比较按家庭总额精确计算）。', 'Per-capita income = 760.00 ÷ 2 ≈ 380.00 yuan (rounded for display; comparisons use exact totals).', 38000],
  ['standard', '低保标准 780.00 元/人·月。', 'Dibao standard: 780.00 yuan per person a month.', 78000],
  ['comparison.standard', '家庭月净收入 760.00 元，低于低保标准 780.00 元 × 2 人 = 1560.00 元（人均约 380.00 元），收入条件符合。', 'Net household income of 760.00 yuan a month is below the standard 780.00 × 2 = 1560.00 yuan (about 380.00 per person): the income condition is met.'],
  ['assets.money', '家庭货币财产 1000.00 元，未超过 36 个月 × 标准 780.00 元 × 2 人 = 56160.00 元。', 'Money assets of 1000.00 yuan do not exceed 36 months × standard 780.00 × 2 people = 56160.00 yuan.', 100000],
  ['assets.housing', '家庭住房 1 套，未超过 1 套。', 'The household owns 1 home(s), not more than 1.'],
  ['assets.vehicles', '家庭机动车 0 辆，其中生活或工作必需（豁免）0 辆、非豁免 0 辆，允许非豁免 0 辆，符合。', 'The household has 0 vehicle(s): 0 exempt (needed for living or work), 0 not exempt; 0 non-exempt allowed: within the limit.'],
  ['outcome', '结论：符合最低生活保障条件。', 'Outcome: eligible for the minimum living allowance (dibao).'],
  ['benefit.gap', '补差 = 标准 780.00 × 2 人 − 净收入 760.00 = 800.00 元。', 'Gap = standard 780.00 × 2 − net income 760.00 = 800.00 yuan.', 80000],
  ['benefit.floor', '保底 20% × 标准 × 2 人 = 312.00 元，补差不低于保底，按补差发放。', 'Floor: 20% of the standard × 2 = 312.00 yuan; the gap is not below it and is paid.', 31200],
  ['benefit.base', '基本保障金 800.00 元/月。', 'Base benefit: 800.00 yuan a month.', 80000],
  ['benefit.top_up', '第2位成员（父母）（71周岁）年满70周岁，增发 标准 780.00 × 20% = 156.00 元。', 'member 2 (parent) (aged 71), aged 70 or over: top-up of 20% of the standard 780.00 = 156.00 yuan.', 15600],
  ['benefit.total', '月保障金合计 956.00 元（基本 800.00 元 + 增发 156.00 元）。', 'Monthly benefit: 956.00 yuan (base 800.00 + top-ups 156.00).', 95600],
];

const DIBAO_RULES: Rule[] = [
  ['DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD', true, '家庭月净收入 760.00 元，低于低保标准 780.00 元 × 2 人 = 1560.00 元（人均约 380.00 元），收入条件符合。', 'Net household income of 760.00 yuan a month is below the standard 780.00 × 2 = 1560.00 yuan (about 380.00 per person): the income condition is met.'],
  ['DIBAO.ASSETS_MONEY_WITHIN_LIMIT', true, '家庭货币财产 1000.00 元，未超过 36 个月 × 标准 780.00 元 × 2 人 = 56160.00 元。', 'Money assets of 1000.00 yuan do not exceed 36 months × standard 780.00 × 2 people = 56160.00 yuan.'],
  ['DIBAO.HOUSING_WITHIN_LIMIT', true, '家庭住房 1 套，未超过 1 套。', 'The household owns 1 home(s), not more than 1.'],
  ['DIBAO.VEHICLES_WITHIN_LIMIT', true, '家庭机动车 0 辆，其中生活或工作必需（豁免）0 辆、非豁免 0 辆，允许非豁免 0 辆，符合。', 'The household has 0 vehicle(s): 0 exempt (needed for living or work), 0 not exempt; 0 non-exempt allowed: within the limit.'],
];

const LOWINCOME_LINES: Line[] = [
  ['income.counted', '第1位成员（申请人）经营净收入 月均 2900.00 元，计入家庭收入。', 'member 1 (applicant): net business income of 2900.00 yuan a month is counted.', 290000],
  ['income.total', '计入家庭收入合计 2900.00 元/月。', 'Counted income: 2900.00 yuan a month.', 290000],
  ['deduction.claimed', '家庭申报房租 600.00 元/月。', 'household: rent of 600.00 yuan a month claimed.', 60000],
  ['deduction.capped', '房租合计 600.00 元，超过每月上限 500.00 元，按上限扣减。', 'rent total 600.00 yuan, over the monthly cap of 500.00: the cap is deducted.', 50000],
  ['deduction.total', '扣减合计 500.00 元/月。', 'Deductions: 500.00 yuan a month.', 50000],
  ['net_income', '家庭月净收入 = 2900.00 − 500.00 = 2400.00 元。', 'Net household income = 2900.00 − 500.00 = 2400.00 yuan.', 240000],
  ['household_size', '共同生活的家庭成员 3 人。', 'Household size: 3.'],
  ['per_capita_income', '家庭人均月收入 = 2400.00 ÷ 3 ≈ 800.00 元（四舍五入到分，仅供显示；比较按家庭总额精确计算）。', 'Per-capita income = 2400.00 ÷ 3 ≈ 800.00 yuan (rounded for display; comparisons use exact totals).', 80000],
  ['standard', '低保标准 780.00 元/人·月。', 'Dibao standard: 780.00 yuan per person a month.', 78000],
  ['comparison.standard', '家庭月净收入 2400.00 元，不低于低保标准 780.00 元 × 3 人 = 2340.00 元（人均约 800.00 元）；人均收入须低于标准，收入条件不符合。', 'Net household income of 2400.00 yuan a month is not below the standard 780.00 × 3 = 2340.00 yuan (about 800.00 per person); per-capita income must be below the standard, so the income condition is not met.'],
  ['assets.money', '家庭货币财产 5000.00 元，未超过 36 个月 × 标准 780.00 元 × 3 人 = 84240.00 元。', 'Money assets of 5000.00 yuan do not exceed 36 months × standard 780.00 × 3 people = 84240.00 yuan.', 500000],
  ['assets.housing', '家庭住房 1 套，未超过 1 套。', 'The household owns 1 home(s), not more than 1.'],
  ['assets.vehicles', '家庭机动车 1 辆，其中生活或工作必需（豁免）1 辆、非豁免 0 辆，允许非豁免 0 辆，符合。', 'The household has 1 vehicle(s): 1 exempt (needed for living or work), 0 not exempt; 0 non-exempt allowed: within the limit.'],
  ['comparison.low_income_band', '家庭月净收入 2400.00 元，低于低收入认定线 780.00 元 × 1.5 倍 × 3 人 = 3510.00 元，收入条件符合低收入家庭认定。', 'Net household income of 2400.00 yuan a month is below the low-income line 780.00 × 1.5 × 3 = 3510.00 yuan: the household meets the low-income income condition.'],
  ['outcome', '结论：不符合低保条件，符合低收入家庭认定条件，纳入低收入人口数据库。', 'Outcome: not eligible for dibao; a low-income household, kept in the low-income database.'],
  ['single_person.check', '第1位成员（申请人）不符合单人户纳入条件（须为1、2级残疾、1、2、3级智力或精神残疾、重病）。', 'member 1 (applicant) does not qualify for single-person inclusion (requires disability grade 1/2, intellectual or mental disability grade 1/2/3, a serious illness).'],
  ['single_person.check', '第2位成员（配偶）持一级肢体残疾证，所在家庭为低收入家庭，可按单人户纳入低保。', 'member 2 (spouse) has a grade 1 physical disability and lives in a low-income household: may be covered as a single-person household.'],
  ['single_person.benefit', '第2位成员（配偶）按单人户保障：标准 780.00 × 100% = 780.00 元，加本人增发 156.00 元，合计 936.00 元/月。', 'member 2 (spouse) as a single-person household: 100% of the standard 780.00 = 780.00 plus own top-ups 156.00 = 936.00 yuan a month.', 93600],
  ['single_person.check', '第3位成员（子女）不符合单人户纳入条件（须为1、2级残疾、1、2、3级智力或精神残疾、重病）。', 'member 3 (child) does not qualify for single-person inclusion (requires disability grade 1/2, intellectual or mental disability grade 1/2/3, a serious illness).'],
];

const LOWINCOME_RULES: Rule[] = [
  ['DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD', false, '家庭月净收入 2400.00 元，不低于低保标准 780.00 元 × 3 人 = 2340.00 元（人均约 800.00 元）；人均收入须低于标准，收入条件不符合。', 'Net household income of 2400.00 yuan a month is not below the standard 780.00 × 3 = 2340.00 yuan (about 800.00 per person); per-capita income must be below the standard, so the income condition is not met.'],
  ['DIBAO.ASSETS_MONEY_WITHIN_LIMIT', true, '家庭货币财产 5000.00 元，未超过 36 个月 × 标准 780.00 元 × 3 人 = 84240.00 元。', 'Money assets of 5000.00 yuan do not exceed 36 months × standard 780.00 × 3 people = 84240.00 yuan.'],
  ['DIBAO.HOUSING_WITHIN_LIMIT', true, '家庭住房 1 套，未超过 1 套。', 'The household owns 1 home(s), not more than 1.'],
  ['DIBAO.VEHICLES_WITHIN_LIMIT', true, '家庭机动车 1 辆，其中生活或工作必需（豁免）1 辆、非豁免 0 辆，允许非豁免 0 辆，符合。', 'The household has 1 vehicle(s): 1 exempt (needed for living or work), 0 not exempt; 0 non-exempt allowed: within the limit.'],
  ['LOW_INCOME.PER_CAPITA_INCOME_BELOW_BAND', true, '家庭月净收入 2400.00 元，低于低收入认定线 780.00 元 × 1.5 倍 × 3 人 = 3510.00 元，收入条件符合低收入家庭认定。', 'Net household income of 2400.00 yuan a month is below the low-income line 780.00 × 1.5 × 3 = 3510.00 yuan: the household meets the low-income income condition.'],
  ['SINGLE_PERSON.QUALIFIES', false, '第1位成员（申请人）不符合单人户纳入条件（须为1、2级残疾、1、2、3级智力或精神残疾、重病）。', 'member 1 (applicant) does not qualify for single-person inclusion (requires disability grade 1/2, intellectual or mental disability grade 1/2/3, a serious illness).'],
  ['SINGLE_PERSON.QUALIFIES', true, '第2位成员（配偶）持一级肢体残疾证，所在家庭为低收入家庭，可按单人户纳入低保。', 'member 2 (spouse) has a grade 1 physical disability and lives in a low-income household: may be covered as a single-person household.'],
  ['SINGLE_PERSON.QUALIFIES', false, '第3位成员（子女）不符合单人户纳入条件（须为1、2级残疾、1、2、3级智力或精神残疾、重病）。', 'member 3 (child) does not qualify for single-person inclusion (requires disability grade 1/2, intellectual or mental disability grade 1/2/3, a serious illness).'],
];

const INELIGIBLE_LINES: Line[] = [
  ['income.counted', '第1位成员（申请人）工资性收入 月均 4000.00 元，计入家庭收入。', 'member 1 (applicant): wage income of 4000.00 yuan a month is counted.', 400000],
  ['income.total', '计入家庭收入合计 4000.00 元/月。', 'Counted income: 4000.00 yuan a month.', 400000],
  ['net_income', '家庭月净收入 = 4000.00 − 0.00 = 4000.00 元。', 'Net household income = 4000.00 − 0.00 = 4000.00 yuan.', 400000],
  ['household_size', '共同生活的家庭成员 2 人。', 'Household size: 2.'],
  ['per_capita_income', '家庭人均月收入 = 4000.00 ÷ 2 ≈ 2000.00 元（四舍五入到分，仅供显示；比较按家庭总额精确计算）。', 'Per-capita income = 4000.00 ÷ 2 ≈ 2000.00 yuan (rounded for display; comparisons use exact totals).', 200000],
  ['standard', '低保标准 780.00 元/人·月。', 'Dibao standard: 780.00 yuan per person a month.', 78000],
  ['comparison.standard', '家庭月净收入 4000.00 元，不低于低保标准 780.00 元 × 2 人 = 1560.00 元（人均约 2000.00 元）；人均收入须低于标准，收入条件不符合。', 'Net household income of 4000.00 yuan a month is not below the standard 780.00 × 2 = 1560.00 yuan (about 2000.00 per person); per-capita income must be below the standard, so the income condition is not met.'],
  ['assets.money', '家庭货币财产 60000.00 元，超过 36 个月 × 标准 780.00 元 × 2 人 = 56160.00 元，财产条件不符合。', 'Money assets of 60000.00 yuan exceed 36 months × standard 780.00 × 2 people = 56160.00 yuan: the property condition is not met.', 6000000],
  ['assets.housing', '家庭住房 2 套，总使用面积 120.5 ㎡ 超过人均 40 ㎡ × 2 人 = 80 ㎡，财产条件不符合。', 'The household owns 2 homes with a usable area of 120.5 m², more than 40 m² per person × 2 = 80 m²: the property condition is not met.'],
  ['assets.vehicles', '家庭机动车 1 辆，其中生活或工作必需（豁免）0 辆、非豁免 1 辆，允许非豁免 0 辆，财产条件不符合。', 'The household has 1 vehicle(s): 0 exempt (needed for living or work), 1 not exempt; 0 non-exempt allowed: the property condition is not met.'],
  ['comparison.low_income_band', '家庭月净收入 4000.00 元，未低于低收入认定线 780.00 元 × 1.5 倍 × 2 人 = 2340.00 元，不符合低收入家庭收入条件。', 'Net household income of 4000.00 yuan a month is not below the low-income line 780.00 × 1.5 × 2 = 2340.00 yuan: the low-income income condition is not met.'],
  ['outcome', '结论：不符合低保及低收入家庭条件。', 'Outcome: neither dibao nor low-income.'],
];

const INELIGIBLE_RULES: Rule[] = [
  ['DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD', false, '家庭月净收入 4000.00 元，不低于低保标准 780.00 元 × 2 人 = 1560.00 元（人均约 2000.00 元）；人均收入须低于标准，收入条件不符合。', 'Net household income of 4000.00 yuan a month is not below the standard 780.00 × 2 = 1560.00 yuan (about 2000.00 per person); per-capita income must be below the standard, so the income condition is not met.'],
  ['DIBAO.ASSETS_MONEY_WITHIN_LIMIT', false, '家庭货币财产 60000.00 元，超过 36 个月 × 标准 780.00 元 × 2 人 = 56160.00 元，财产条件不符合。', 'Money assets of 60000.00 yuan exceed 36 months × standard 780.00 × 2 people = 56160.00 yuan: the property condition is not met.'],
  ['DIBAO.HOUSING_WITHIN_LIMIT', false, '家庭住房 2 套，总使用面积 120.5 ㎡ 超过人均 40 ㎡ × 2 人 = 80 ㎡，财产条件不符合。', 'The household owns 2 homes with a usable area of 120.5 m², more than 40 m² per person × 2 = 80 m²: the property condition is not met.'],
  ['DIBAO.VEHICLES_WITHIN_LIMIT', false, '家庭机动车 1 辆，其中生活或工作必需（豁免）0 辆、非豁免 1 辆，允许非豁免 0 辆，财产条件不符合。', 'The household has 1 vehicle(s): 0 exempt (needed for living or work), 1 not exempt; 0 non-exempt allowed: the property condition is not met.'],
  ['LOW_INCOME.PER_CAPITA_INCOME_BELOW_BAND', false, '家庭月净收入 4000.00 元，未低于低收入认定线 780.00 元 × 1.5 倍 × 2 人 = 2340.00 元，不符合低收入家庭收入条件。', 'Net household income of 4000.00 yuan a month is not below the low-income line 780.00 × 1.5 × 2 = 2340.00 yuan: the low-income income condition is not met.'],
];

const NETZERO_LINES: Line[] = [
  ['income.counted', '第1位成员（申请人）转移净收入 月均 300.00 元，计入家庭收入。', 'member 1 (applicant): net transfer income of 300.00 yuan a month is counted.', 30000],
  ['income.total', '计入家庭收入合计 300.00 元/月。', 'Counted income: 300.00 yuan a month.', 30000],
  ['deduction.claimed', '家庭申报自付医疗费用 900.00 元/月。', 'household: out-of-pocket medical costs of 900.00 yuan a month claimed.', 90000],
  ['deduction.allowed', '自付医疗费用扣减 900.00 元。', 'out-of-pocket medical costs: 900.00 yuan deducted.', 90000],
  ['deduction.total', '扣减合计 900.00 元/月。', 'Deductions: 900.00 yuan a month.', 90000],
  ['net_income', '扣减额超过计入收入，家庭月净收入按 0 元计。', 'Deductions exceed counted income: net household income is taken as 0.', 0],
  ['household_size', '共同生活的家庭成员 2 人。', 'Household size: 2.'],
  ['per_capita_income', '家庭人均月收入 = 0.00 ÷ 2 ≈ 0.00 元（四舍五入到分，仅供显示；比较按家庭总额精确计算）。', 'Per-capita income = 0.00 ÷ 2 ≈ 0.00 yuan (rounded for display; comparisons use exact totals).', 0],
  ['standard', '低保标准 780.00 元/人·月。', 'Dibao standard: 780.00 yuan per person a month.', 78000],
  ['comparison.standard', '家庭月净收入 0.00 元，低于低保标准 780.00 元 × 2 人 = 1560.00 元（人均约 0.00 元），收入条件符合。', 'Net household income of 0.00 yuan a month is below the standard 780.00 × 2 = 1560.00 yuan (about 0.00 per person): the income condition is met.'],
  ['assets.money', '家庭货币财产 0.00 元，未超过 36 个月 × 标准 780.00 元 × 2 人 = 56160.00 元。', 'Money assets of 0.00 yuan do not exceed 36 months × standard 780.00 × 2 people = 56160.00 yuan.', 0],
  ['assets.housing', '家庭住房 0 套，未超过 1 套。', 'The household owns 0 home(s), not more than 1.'],
  ['assets.vehicles', '家庭机动车 0 辆，其中生活或工作必需（豁免）0 辆、非豁免 0 辆，允许非豁免 0 辆，符合。', 'The household has 0 vehicle(s): 0 exempt (needed for living or work), 0 not exempt; 0 non-exempt allowed: within the limit.'],
  ['outcome', '结论：符合最低生活保障条件。', 'Outcome: eligible for the minimum living allowance (dibao).'],
  ['benefit.gap', '补差 = 标准 780.00 × 2 人 − 净收入 0.00 = 1560.00 元。', 'Gap = standard 780.00 × 2 − net income 0.00 = 1560.00 yuan.', 156000],
  ['benefit.floor', '保底 20% × 标准 × 2 人 = 312.00 元，补差不低于保底，按补差发放。', 'Floor: 20% of the standard × 2 = 312.00 yuan; the gap is not below it and is paid.', 31200],
  ['benefit.base', '基本保障金 1560.00 元/月。', 'Base benefit: 1560.00 yuan a month.', 156000],
  ['benefit.top_up', '第1位成员（申请人）（62周岁）年满60周岁，增发 标准 780.00 × 10% = 78.00 元。', 'member 1 (applicant) (aged 62), aged 60 or over: top-up of 10% of the standard 780.00 = 78.00 yuan.', 7800],
  ['benefit.top_up', '第1位成员（申请人）（62周岁）患重病，增发 标准 780.00 × 20% = 156.00 元。', 'member 1 (applicant) (aged 62), seriously ill: top-up of 20% of the standard 780.00 = 156.00 yuan.', 15600],
  ['benefit.top_up', '第2位成员（（外）孙子女）（12周岁）未满18周岁，增发 标准 780.00 × 10% = 78.00 元。', 'member 2 (grandchild) (aged 12), under 18: top-up of 10% of the standard 780.00 = 78.00 yuan.', 7800],
  ['benefit.total', '月保障金合计 1872.00 元（基本 1560.00 元 + 增发 312.00 元）。', 'Monthly benefit: 1872.00 yuan (base 1560.00 + top-ups 312.00).', 187200],
];

const NETZERO_RULES: Rule[] = [
  ['DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD', true, '家庭月净收入 0.00 元，低于低保标准 780.00 元 × 2 人 = 1560.00 元（人均约 0.00 元），收入条件符合。', 'Net household income of 0.00 yuan a month is below the standard 780.00 × 2 = 1560.00 yuan (about 0.00 per person): the income condition is met.'],
  ['DIBAO.ASSETS_MONEY_WITHIN_LIMIT', true, '家庭货币财产 0.00 元，未超过 36 个月 × 标准 780.00 元 × 2 人 = 56160.00 元。', 'Money assets of 0.00 yuan do not exceed 36 months × standard 780.00 × 2 people = 56160.00 yuan.'],
  ['DIBAO.HOUSING_WITHIN_LIMIT', true, '家庭住房 0 套，未超过 1 套。', 'The household owns 0 home(s), not more than 1.'],
  ['DIBAO.VEHICLES_WITHIN_LIMIT', true, '家庭机动车 0 辆，其中生活或工作必需（豁免）0 辆、非豁免 0 辆，允许非豁免 0 辆，符合。', 'The household has 0 vehicle(s): 0 exempt (needed for living or work), 0 not exempt; 0 non-exempt allowed: within the limit.'],
];

describe('renderDecision: the decision in words, as the caseworker has always read it', () => {
  it.each([
    ['dibao', dibao, DIBAO_LINES, DIBAO_RULES, ['DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD', 'DIBAO.ASSETS_MONEY_WITHIN_LIMIT', 'DIBAO.HOUSING_WITHIN_LIMIT', 'DIBAO.VEHICLES_WITHIN_LIMIT']],
    ['low_income', lowIncome, LOWINCOME_LINES, LOWINCOME_RULES, ['DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD', 'LOW_INCOME.PER_CAPITA_INCOME_BELOW_BAND', 'DIBAO.ASSETS_MONEY_WITHIN_LIMIT', 'DIBAO.HOUSING_WITHIN_LIMIT', 'DIBAO.VEHICLES_WITHIN_LIMIT']],
    ['ineligible', ineligible, INELIGIBLE_LINES, INELIGIBLE_RULES, ['DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD', 'DIBAO.ASSETS_MONEY_WITHIN_LIMIT', 'DIBAO.HOUSING_WITHIN_LIMIT', 'DIBAO.VEHICLES_WITHIN_LIMIT', 'LOW_INCOME.PER_CAPITA_INCOME_BELOW_BAND']],
    ['dibao', netZero, NETZERO_LINES, NETZERO_RULES, ['DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD', 'DIBAO.ASSETS_MONEY_WITHIN_LIMIT', 'DIBAO.HOUSING_WITHIN_LIMIT', 'DIBAO.VEHICLES_WITHIN_LIMIT']],
  ] as const)('words a %s household exactly as before, line by line (%#)', (outcome, household, expectedLines, expectedRules, reasonCodes) => {
    const d = assess(household);
    const view = renderDecision(d);

    expect(view.outcome).toBe(outcome);
    expect(view.explanation).toEqual(lines([...expectedLines]));
    expect(view.rules).toEqual(rules([...expectedRules]));
    // The reasons are the deciding rules, with the same words.
    expect(view.reasons).toEqual(reasonCodes.map((code) => view.rules.find((r) => r.code === code)));
  });

  it('changes nothing but the rules, the reasons and the explanation', () => {
    const d = assess(lowIncome);
    const { rules: _r, reasons: _s, explanation: _e, ...figures } = d;
    const view: DecisionView = renderDecision(d);

    expect(view).toEqual({ ...figures, rules: expect.any(Array), reasons: expect.any(Array), explanation: expect.any(Array) });
    expect(Object.keys(view)).toEqual(Object.keys(d));
  });

  it('reads the same from a stored decision (JSON) as from the one just made, every time', () => {
    const d = assess(dibao);
    const stored = JSON.parse(JSON.stringify(d)) as Decision;

    expect(renderDecision(stored)).toEqual(renderDecision(d));
    expect(renderDecision(d)).toEqual(renderDecision(d));
  });

  it('refuses to word a code it does not know rather than show blank text', () => {
    const d = assess(netZero);
    const unknown = { ...d, explanation: [...d.explanation, { step: 'future.step', code: 'FUTURE.CODE', args: {} }] } as unknown as Decision;

    expect(() => renderDecision(unknown)).toThrow(/FUTURE\.CODE/);
  });

  it('answers a decision stored with the one per-person gapFen with both gaps named, and no gapFen', () => {
    const { gapPerPersonFen, householdGapFen: _h, ...rest } = assess(dibao);
    const stored = { ...rest, gapFen: gapPerPersonFen } as unknown as Decision;

    const view = renderDecision(stored);

    expect(view).toEqual(renderDecision(assess(dibao)));
    expect(view).not.toHaveProperty('gapFen');
  });

  it('shows a decision stored with its words (before explanations were data) as it was stored', () => {
    const legacy = renderDecision(assess(netZero));

    expect(renderDecision(legacy as unknown as Decision)).toEqual(legacy);
  });
});

describe('the decision records its explanation as data', () => {
  it('keeps no prose: every line and verdict is a code with its numbers', () => {
    const d = assess(lowIncome);

    expect(JSON.stringify(d)).not.toMatch(/[\u4e00-\u9fff]/);
    for (const e of d.explanation) expect(Object.keys(e)).toEqual(['step', 'code', 'args']);
    for (const r of d.rules) expect(Object.keys(r)).toEqual(['code', 'passed', 'args']);
  });

  it('carries the amounts in fen, the members by position and relation, and the parameter values used', () => {
    const d = assess(dibao);

    expect(d.explanation.map((e) => e.code)).toEqual([
      'INCOME.COUNTED',
      'INCOME.EXCLUDED',
      'INCOME.TOTAL',
      'INCOME.EXCLUDED_TOTAL',
      'DEDUCTION.CLAIMED',
      'DEDUCTION.ALLOWED',
      'DEDUCTION.CLAIMED',
      'DEDUCTION.EMPLOYMENT',
      'DEDUCTION.TOTAL',
      'NET_INCOME',
      'HOUSEHOLD_SIZE',
      'PER_CAPITA_INCOME',
      'STANDARD',
      'DIBAO.PER_CAPITA_INCOME_BELOW_STANDARD',
      'DIBAO.ASSETS_MONEY_WITHIN_LIMIT',
      'DIBAO.HOUSING_WITHIN_LIMIT',
      'DIBAO.VEHICLES_WITHIN_LIMIT',
      'OUTCOME.DIBAO',
      'BENEFIT.GAP',
      'BENEFIT.GAP_PAID',
      'BENEFIT.BASE',
      'BENEFIT.TOP_UP',
      'BENEFIT.TOTAL',
    ]);
    expect(d.explanation[1].args).toEqual({ member: 1, relation: 'parent', kind: 'basic_pension', amountFen: 15000 });
    expect(d.explanation[7].args).toEqual({
      member: 0,
      relation: 'applicant',
      claimedFen: 30000,
      wageFen: 120000,
      wageShareBp: 2000,
      wageShareFen: 24000,
      capShareOfStandardBp: 5000,
      capFen: 39000,
      amountFen: 24000,
    });
    expect(d.explanation[9].args).toEqual({ countedIncomeFen: 120000, deductionsFen: 44000, amountFen: 76000 });
    expect(d.explanation[21].args).toEqual({
      member: 1,
      relation: 'parent',
      age: 71,
      code: 'TOP_UP.AGED_70',
      when: { minAge: 70 },
      shareBp: 2000,
      standardFen: 78000,
      amountFen: 15600,
    });
    expect(d.explanation[22].args).toEqual({ baseBenefitFen: 80000, topUpsFen: 15600, amountFen: 95600 });
  });

  it('states a rule once, as a verdict with its numbers, and lets the explanation refer to it', () => {
    const d = assess(ineligible);

    expect(d.rules[1]).toEqual({
      code: 'DIBAO.ASSETS_MONEY_WITHIN_LIMIT',
      passed: false,
      args: { moneyFen: 6000000, moneyMonthsOfStandard: 36, standardFen: 78000, householdSize: 2, limitFen: 5616000 },
    });
    expect(d.rules[2].args).toEqual({ homes: 2, maxHomes: 1, householdSize: 2, areaHundredths: 12050, areaPerPersonHundredths: 4000, limitHundredths: 8000 });
    expect(d.explanation.filter((e) => e.step.startsWith('assets.') || e.step.startsWith('comparison.')).map((e) => [e.step, e.args])).toEqual([
      ['comparison.standard', { rule: 0 }],
      ['assets.money', { rule: 1, amountFen: 6000000 }],
      ['assets.housing', { rule: 2 }],
      ['assets.vehicles', { rule: 3 }],
      ['comparison.low_income_band', { rule: 4 }],
    ]);
  });

  it('records a single-person check with the conditions in force, so a refusal can name them later', () => {
    const d = assess(lowIncome);

    expect(d.rules.slice(5).map((r) => [r.passed, r.args])).toEqual([
      [false, expect.objectContaining({ member: 0, relation: 'applicant', reason: null, disabilityGrades: [1, 2], intellectualOrMentalGrades: [1, 2, 3], seriousIllness: true })],
      [true, expect.objectContaining({ member: 1, relation: 'spouse', reason: 'SINGLE_PERSON.SEVERE_DISABILITY', disabilityGrade: 1, disabilityKind: 'physical' })],
      [false, expect.objectContaining({ member: 2, relation: 'child', reason: null })],
    ]);
    expect(d.explanation.find((e) => e.step === 'single_person.benefit')?.args).toEqual({
      member: 1,
      relation: 'spouse',
      standardFen: 78000,
      benefitShareBp: 10000,
      baseBenefitFen: 78000,
      topUpsFen: 15600,
      amountFen: 93600,
    });
  });
});
