import { GLOBAL_SCOPE, LocalDate, ParameterVersion, versionIdOf } from '@jiuzhu/common';
import {
  BasicLivingValue,
  CareAllowanceValue,
  HardshipParameterKey,
  HardshipParameterValues,
  HARDSHIP_PARAMETER_SPECS,
  IncomeExclusionsValue,
  MinorContinuationValue,
  NoWorkAbilityValue,
  PlanTargetsValue,
  PropertyLimitsValue,
  SelfCareAbilityLevelsValue,
  SelfCareActivitiesValue,
  SupporterIncapacityValue,
  TimeLimitsValue,
  VisitIntervalsValue,
} from './parameter-keys';

/**
 * The catalog seeded into the embedded demo. Numbers marked 示例默认值 / illustrative are policy.md's
 * illustrative defaults, not published Ningxia figures; numbers marked 占位默认值 / placeholder are
 * ones the shared domain reference gives no number for at all, chosen here only so that the demo
 * runs. A bureau replaces either by publishing a new version with its own legal source.
 */

export const HARDSHIP_SEED_DATE: LocalDate = '2025-01-01';

export const MEASURES_43 = '民发〔2021〕43号《特困人员认定办法》';
const INTERIM = '《社会救助暂行办法》（国务院令第649号）';
const OPINION_14 = '《国务院关于进一步健全特困人员救助供养制度的意见》（国发〔2016〕14号）';
const CITY_PLAN = '石嘴山市2021–2025年公共服务规划 第六章';
const ELDER_STANDARD = 'GB/T 42195-2022《老年人能力评估规范》';
const DISABILITY_STANDARD = 'GB/T 26341-2010《残疾人残疾分类和分级》';
const ILLUSTRATIVE = '示例默认值，非宁夏公布标准 (illustrative demo default, not a published figure)';
const PLACEHOLDER = '占位默认值：共享政策参考未给出数值 (placeholder: the shared domain reference gives no number)';

function version<K extends HardshipParameterKey>(key: K, value: HardshipParameterValues[K], legalSource: string, note?: string): ParameterVersion<HardshipParameterValues[K]> {
  const v: ParameterVersion<HardshipParameterValues[K]> = {
    key,
    scope: GLOBAL_SCOPE,
    versionId: versionIdOf(key, GLOBAL_SCOPE, HARDSHIP_SEED_DATE),
    validFrom: HARDSHIP_SEED_DATE,
    value,
    unit: HARDSHIP_PARAMETER_SPECS[key].unit,
    legalSource,
  };
  return note === undefined ? v : { ...v, note };
}

export const DEFAULT_NO_WORK_ABILITY: NoWorkAbilityValue = {
  elderFromAge: 60,
  minorBelowAge: 18,
  disabilityGrades: { intellectual: [1, 2, 3], mental: [1, 2, 3], physical: [1, 2], visual: [1], hearing: [], speech: [] },
  provinceCases: [],
};

export const DEFAULT_INCOME_EXCLUSIONS: IncomeExclusionsValue = { kinds: ['basic_pension', 'medical_insurance', 'special_care_pension', 'old_age_allowance'] };

export const DEFAULT_PROPERTY_LIMITS: PropertyLimitsValue = { moneyMonthsOfStandard: 36, maxHomes: 1, nonExemptVehiclesAllowed: 0 };

export const DEFAULT_SUPPORTER_INCAPACITY: SupporterIncapacityValue = {
  dibaoRecipientFromAge: 60,
  lowIncomeFromAge: 70,
  lowIncomeBelowStandardBp: 15000,
  severeDisabilityGrades: [1, 2],
  intellectualOrMentalGrades: [1, 2, 3],
};

export const DEFAULT_SELF_CARE_ACTIVITIES: SelfCareActivitiesValue = { partlyLostFromActivities: 1, fullyLostFromActivities: 4 };

export const DEFAULT_SELF_CARE_ABILITY_LEVELS: SelfCareAbilityLevelsValue = {
  fromAge: 60,
  tiers: { intact: 'full', mild: 'partly_lost', moderate: 'partly_lost', severe: 'fully_lost', complete: 'fully_lost' },
};

export const DEFAULT_BASIC_LIVING: BasicLivingValue = { ratioOfDibaoStandardBp: 13000, rounding: 'fen_half_up' };

export const DEFAULT_CARE_ALLOWANCE: CareAllowanceValue = {
  home: { full: 10000, partly_lost: 30000, fully_lost: 60000 },
  institution: { full: 15000, partly_lost: 45000, fully_lost: 90000 },
};

export const DEFAULT_TIME_LIMITS: TimeLimitsValue = {
  investigationWorkingDays: 15,
  noticeCalendarDays: 7,
  confirmationWorkingDays: 15,
  refusalNoticeWorkingDays: 3,
  terminationNoticeCalendarDays: 7,
};

export const DEFAULT_MINOR_CONTINUATION: MinorContinuationValue = { inSchoolRecheckMonths: 12 };

export const DEFAULT_VISIT_INTERVALS: VisitIntervalsValue = { full: 30, partly_lost: 14, fully_lost: 7 };

export const DEFAULT_PLAN_TARGETS: PlanTargetsValue = { concentratedCareMinBp: 5000, nursingBedRatioMinBp: 6000 };

export const DEFAULT_HARDSHIP_PARAMETERS: ParameterVersion[] = [
  version(
    'hardship.no-work-ability',
    DEFAULT_NO_WORK_ABILITY,
    `${MEASURES_43}（无劳动能力：60周岁以上；未满18周岁；一至三级智力、精神残疾，一至二级肢体残疾，一级视力残疾；省级规定的其他情形）; ${CITY_PLAN}（未成年人保障年龄由16周岁延长至18周岁）; 残疾分级依 ${DISABILITY_STANDARD}; 省级其他情形：${PLACEHOLDER}，默认无`,
    '宁夏未规定的其他情形未录入；省级发布后以新版本增加 (no province case entered; publish a new version to add them)',
  ),
  version('hardship.income.excluded-kinds', DEFAULT_INCOME_EXCLUSIONS, `${MEASURES_43}（城乡居民基本养老保险基础养老金、基本医疗保险等待遇、优待抚恤金、高龄津贴不计入收入）`),
  version(
    'hardship.property-limits',
    DEFAULT_PROPERTY_LIMITS,
    `${MEASURES_43}（财产状况符合当地特困人员财产状况规定）; 36个月、1套住房、0辆非豁免车辆为${PLACEHOLDER}（借用低保财产示例默认值，policy.md §1）`,
  ),
  version(
    'hardship.supporter-incapacity',
    DEFAULT_SUPPORTER_INCAPACITY,
    `${MEASURES_43}（法定义务人无履行义务能力：特困人员；60周岁以上的低保对象；70周岁以上且收入低的老年人；重度残疾人；无民事行为能力、被宣告失踪或在监狱服刑）; “收入低”取低保标准1.5倍以下为${PLACEHOLDER}（石嘴山低收入家庭认定线）; 重度残疾取一至二级、智力精神一至三级为本服务的理解（同 policy.md §1 单人户）`,
  ),
  version(
    'hardship.self-care.activities',
    DEFAULT_SELF_CARE_ACTIVITIES,
    `${MEASURES_43}（生活自理能力六项指标：自主吃饭、自主穿衣、自主上下床、自主如厕、室内行走、自主洗澡；六项全部达到为具备，3项以下（含3项）不能达到为部分丧失，4项以上（含4项）不能达到为完全丧失）`,
  ),
  version(
    'hardship.self-care.ability-levels',
    DEFAULT_SELF_CARE_ABILITY_LEVELS,
    `policy.md §5（老年人能力评估结果用于确定60周岁以上特困人员照料护理档次）; ${ELDER_STANDARD} 能力等级; 等级与自理档次的对应为${PLACEHOLDER}`,
    '能力完好→全自理；轻度、中度失能→半失能；重度、完全失能→全失能 (intact → full; mild, moderate → partly lost; severe, complete → fully lost)',
  ),
  version(
    'hardship.basic-living',
    DEFAULT_BASIC_LIVING,
    `${INTERIM}; ${OPINION_14}（基本生活标准）; policy.md §3（不低于低保标准的1.3倍）; 1.3倍为${ILLUSTRATIVE}; 按分四舍五入为${PLACEHOLDER}`,
  ),
  version(
    'hardship.care-allowance',
    DEFAULT_CARE_ALLOWANCE,
    `${OPINION_14}（照料护理标准按生活自理能力分档制定）; 分散供养每月100/300/600元为${ILLUSTRATIVE}（policy.md §3）; 集中供养每月150/450/900元为${PLACEHOLDER}（policy.md 只说明集中供养较高）`,
  ),
  version(
    'hardship.process.time-limits',
    DEFAULT_TIME_LIMITS,
    `${MEASURES_43}（乡镇自受理之日起15个工作日内调查核实；公示7天，未成年人不公示；县级15个工作日内确认；不予认定的3个工作日内书面告知；终止前公示7天）`,
  ),
  version(
    'hardship.minor-continuation',
    DEFAULT_MINOR_CONTINUATION,
    `${MEASURES_43}（年满18周岁仍在校就读的可继续享有救助供养）; 每12个月复核在读状况为${PLACEHOLDER}`,
  ),
  version(
    'hardship.visit-intervals',
    DEFAULT_VISIT_INTERVALS,
    `${CITY_PLAN}（对分散供养特困人员开展巡视探访）; 全自理30天、半失能14天、全失能7天为${PLACEHOLDER}`,
  ),
  version(
    'hardship.plan-targets',
    DEFAULT_PLAN_TARGETS,
    `${CITY_PLAN}（生活不能自理特困人员集中供养率不低于50%；护理型床位占比由2020年的30%提高到2025年的60%）`,
  ),
];
