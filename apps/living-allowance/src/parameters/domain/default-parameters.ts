import { LocalDate } from '@jiuzhu/common';
import { Area, AREAS, DISTRICTS, DistrictCode, districtAreaScope, GLOBAL_SCOPE, ParameterVersion, versionIdOf } from './parameter';
import {
  AssetLimitsValue,
  DeductionRulesValue,
  DibaoStandardValue,
  GradualExitValue,
  IncomeExclusionsValue,
  LowIncomeBandValue,
  ParameterKey,
  ParameterValues,
  PARAMETER_SPECS,
  PaymentValue,
  ReviewIntervalValue,
  SinglePersonInclusionValue,
  TopUpsValue,
} from './parameter-keys';

/**
 * The catalog seeded into the embedded demo. Numbers marked 示例默认值 / illustrative are NOT
 * published Ningxia figures (policy.md: "Values marked default are illustrative"); a bureau replaces
 * them by publishing a new version with its own legal source.
 */

const SEED_DATE: LocalDate = '2025-01-01';

const MEASURES = '民发〔2021〕57号《最低生活保障审核确认办法》';
const INTERIM = '《社会救助暂行办法》（国务院令第649号）';
const CITY_PLAN = '石嘴山市2021–2025年公共服务规划 第六章（二）';
const ILLUSTRATIVE = '示例默认值，非宁夏公布标准 (illustrative demo default, not a published figure)';

function version<K extends ParameterKey>(
  key: K,
  scope: string,
  value: ParameterValues[K],
  legalSource: string,
  note?: string,
): ParameterVersion<ParameterValues[K]> {
  const v: ParameterVersion<ParameterValues[K]> = {
    key,
    scope,
    versionId: versionIdOf(key, scope, SEED_DATE),
    validFrom: SEED_DATE,
    value,
    unit: PARAMETER_SPECS[key].unit,
    legalSource,
  };
  return note === undefined ? v : { ...v, note };
}

const DEMO_STANDARD_FEN: Record<Area, number> = { urban: 78000, rural: 56000 };

const standards = (Object.keys(DISTRICTS) as DistrictCode[]).flatMap((district) =>
  AREAS.map((area) =>
    version<'dibao.standard'>(
      'dibao.standard',
      districtAreaScope(district, area),
      { monthlyFen: DEMO_STANDARD_FEN[area] } satisfies DibaoStandardValue,
      `${INTERIM}（标准由地方人民政府确定、公布）; ${ILLUSTRATIVE}`,
      `${DISTRICTS[district].zh} ${area === 'urban' ? '城市' : '农村'}低保标准（示例）`,
    ),
  ),
);

const incomeExclusions: IncomeExclusionsValue = {
  kinds: [
    'special_care_pension',
    'family_planning_reward',
    'scholarship',
    'bravery_award',
    'social_assistance',
    'basic_pension',
  ],
};

const deductions: DeductionRulesValue = {
  medical: { allowed: true, monthlyCapFen: null },
  education: { allowed: true, monthlyCapFen: null },
  rent: { allowed: true, monthlyCapFen: 50000 },
  employment: { allowed: true, wageShareBp: 2000, capShareOfStandardBp: 5000 },
};

const assets: AssetLimitsValue = {
  moneyMonthsOfStandard: 36,
  maxHomes: 1,
  housingAreaPerPersonSqm: 40,
  nonExemptVehiclesAllowed: 0,
};

const topUps: TopUpsValue = {
  rules: [
    { code: 'TOP_UP.AGED_60', group: 'age', when: { minAge: 60 }, shareBp: 1000 },
    { code: 'TOP_UP.AGED_70', group: 'age', when: { minAge: 70 }, shareBp: 2000 },
    { code: 'TOP_UP.MINOR', group: 'age', when: { maxAgeExclusive: 18 }, shareBp: 1000 },
    { code: 'TOP_UP.SEVERE_DISABILITY', group: 'health', when: { disabilityGrades: [1, 2] }, shareBp: 2000 },
    { code: 'TOP_UP.SERIOUS_ILLNESS', group: 'health', when: { seriousIllness: true }, shareBp: 2000 },
    // Care needs proven by the elder ability assessment (policy.md §5 "Use of results": dibao top-ups
    // for severe disability); same group as disability and illness, so the highest one counts.
    { code: 'TOP_UP.SEVERE_LOSS_OF_ABILITY', group: 'health', when: { abilityLevels: ['severe', 'complete'] }, shareBp: 2000 },
  ],
};

const payment: PaymentValue = { mode: 'gap', floorShareBp: 2000 };
const lowIncomeBand: LowIncomeBandValue = { multiplierBp: 15000, strictBound: true };
const singlePersonInclusion: SinglePersonInclusionValue = {
  disabilityGrades: [1, 2],
  intellectualOrMentalGrades: [1, 2, 3],
  seriousIllness: true,
  benefitShareBp: 10000,
};
const gradualExit: GradualExitValue = { months: 6 };
const reviewInterval: ReviewIntervalValue = { stableMonths: 12, irregularMonths: 6 };

export const DEFAULT_PARAMETERS: ParameterVersion[] = [
  ...standards,
  version(
    'dibao.income.excluded-kinds',
    GLOBAL_SCOPE,
    incomeExclusions,
    `${MEASURES}（不计入家庭收入的项目）`,
    '城乡居民基本养老保险基础养老金仅在2021–2025年不计入；2026年起须发布新版本 (basic pension exclusion applies 2021–2025 only: publish a new version for 2026)',
  ),
  version(
    'dibao.deductions',
    GLOBAL_SCOPE,
    deductions,
    `${MEASURES}（刚性支出扣减、就业成本扣减）; 上限与比例为${ILLUSTRATIVE}`,
    '就业成本：工资收入的20%，每名就业成员不超过低保标准的50%；房租每月不超过500元 (illustrative)',
  ),
  version(
    'dibao.assets',
    GLOBAL_SCOPE,
    assets,
    `${MEASURES}（家庭财产状况认定）; 36个月与人均40㎡为${ILLUSTRATIVE}`,
  ),
  version(
    'dibao.top-ups',
    GLOBAL_SCOPE,
    topUps,
    `${CITY_PLAN}（提高老年人、未成年人、重度残疾人和重病患者救助水平）; 比例为${ILLUSTRATIVE}`,
    '同组取最高（70岁以上替代60岁以上），不同组相加 (highest within a group, groups add up)',
  ),
  version('dibao.payment', GLOBAL_SCOPE, payment, `${INTERIM}; ${MEASURES}（补差发放）; 保底20%为${ILLUSTRATIVE}`),
  version('low-income.band', GLOBAL_SCOPE, lowIncomeBand, `${CITY_PLAN}（低收入家庭按低保标准1.5倍认定）; 严格“低于”为默认`),
  version(
    'single-person.inclusion',
    GLOBAL_SCOPE,
    singlePersonInclusion,
    `${MEASURES}（单人户）; ${CITY_PLAN}; 待遇比例为${ILLUSTRATIVE}`,
    '单人户月保障金 = 标准 × 比例 + 本人增发 (benefit = share of the standard + own top-ups; illustrative)',
  ),
  version('dibao.gradual-exit', GLOBAL_SCOPE, gradualExit, `${MEASURES}（渐退期）; 6个月为${ILLUSTRATIVE}`),
  version('dibao.review-interval', GLOBAL_SCOPE, reviewInterval, `${MEASURES}（动态管理：定期复核）`),
];
