import { LocalDate } from '@jiuzhu/common';
import { GLOBAL_SCOPE, ParameterVersion, versionIdOf } from '../../parameters/domain/parameter';
import { PRICE_SUBSIDY_PARAMETER_KEYS, PRICE_SUBSIDY_PARAMETER_SPECS, PriceSubsidyTriggersValue } from './price-subsidy-parameters';

const SEED_DATE: LocalDate = '2025-01-01';

export const MECHANISM_2021 = '发改价格〔2021〕1553号《关于进一步健全社会救助和保障标准与物价上涨挂钩联动机制的通知》';

/** The national triggers of the 2021 rules; coverage of low-income households is off until the bureau decides otherwise. */
export const DEFAULT_PRICE_SUBSIDY_TRIGGERS: PriceSubsidyTriggersValue = {
  cpiTriggerBp: 350,
  foodCpiTriggerBp: 600,
  inclusive: true,
  covers: { dibao: true, specialHardship: true, lowIncome: false },
};

const key = PRICE_SUBSIDY_PARAMETER_KEYS.triggers;

export const DEFAULT_PRICE_SUBSIDY_PARAMETERS: ParameterVersion<PriceSubsidyTriggersValue>[] = [
  {
    key,
    scope: GLOBAL_SCOPE,
    versionId: versionIdOf(key, GLOBAL_SCOPE, SEED_DATE),
    validFrom: SEED_DATE,
    value: DEFAULT_PRICE_SUBSIDY_TRIGGERS,
    unit: PRICE_SUBSIDY_PARAMETER_SPECS[key].unit,
    legalSource:
      `${MECHANISM_2021}：CPI单月同比涨幅达到3.5%或CPI中的食品价格单月同比涨幅达到6%即启动（满足任一条件）。` +
      '各省可降低启动条件，不得提高；2022年9月至2023年3月（对应2022年8月至2023年2月物价指数）CPI启动条件阶段性降为3.0%。' +
      ' (CPI rise ≥ 3.5 % or food CPI rise ≥ 6 %; provinces may lower the triggers; 2022–23 temporarily 3.0 % CPI)',
    note:
      '低保对象、特困人员纳入；低收入（低保边缘）家庭是否纳入由地方决定，默认不纳入（示例默认值） ' +
      '(dibao and special-hardship persons covered; low-income households by local decision, off by default — illustrative)',
  },
];
