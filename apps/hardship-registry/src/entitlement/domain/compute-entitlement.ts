import { LocalizedText, shareOfFen, sumFen } from '@jiuzhu/common';
import { BasicLivingRounding, HARDSHIP_PARAMETER_KEYS as K } from '../../parameters/domain/parameter-keys';
import { HardshipParameters } from '../../parameters/domain/resolve-parameters';
import { CARE_SETTING_NAMES, CareSetting, multipleText, SELF_CARE_ABILITY_NAMES, SelfCareAbility, yuan } from '../../persons/domain/vocabulary';
import { DIBAO_STANDARD_REF, DibaoStandard } from '../../standards/domain/dibao-standard';

/**
 * The monthly entitlement of a special-hardship person (救助供养标准): the basic living standard
 * (基本生活标准) plus the care allowance (照料护理标准), as 国发〔2016〕14号 divides it.
 * - Basic living standard = ratio × the local dibao standard (policy.md §3: at least 1.3 ×; the
 *   ratio is the parameter `hardship.basic-living`), rounded by the rule that parameter names.
 * - Care allowance by self-care tier and care setting (parameter `hardship.care-allowance`).
 */

export interface EntitlementLine {
  /** Stable step id: `standard`, `basic_living`, `care_allowance`, `total`. */
  step: 'standard' | 'basic_living' | 'care_allowance' | 'total';
  text: LocalizedText;
  amountFen: number;
}

export interface Entitlement {
  standardFen: number;
  ratioOfDibaoStandardBp: number;
  rounding: BasicLivingRounding;
  basicLivingFen: number;
  selfCare: SelfCareAbility;
  careSetting: CareSetting;
  careAllowanceFen: number;
  /** Basic living standard plus care allowance, per month. */
  monthlyFen: number;
  explanation: EntitlementLine[];
  /** The dibao standard's version and each parameter version used. */
  parameterVersions: Record<string, string>;
}

export interface EntitlementInput {
  standard: DibaoStandard;
  selfCare: SelfCareAbility;
  careSetting: CareSetting;
  params: Pick<HardshipParameters, 'basicLiving' | 'careAllowance' | 'versions'>;
}

/** The basic living standard from the exact product standard × ratio, rounded as the parameter says. */
export function basicLivingStandardFen(standardFen: number, ratioBp: number, rounding: BasicLivingRounding): number {
  switch (rounding) {
    case 'fen_half_up':
      return shareOfFen(standardFen, ratioBp);
    case 'yuan_up': {
      // Whole yuan, never below the multiple: ⌈standard × ratio ÷ (10000 × 100)⌉ × 100, in integers.
      const product = standardFen * ratioBp;
      if (!Number.isSafeInteger(product)) throw new RangeError('basicLivingStandardFen: product exceeds the safe integer range');
      return Math.ceil(product / 1_000_000) * 100;
    }
  }
}

/** standard × ratio in yuan, exactly (up to four more decimals than a fen), e.g. 78001 × 1.3 → "1014.013". */
function exactYuan(standardFen: number, ratioBp: number): string {
  const product = standardFen * ratioBp; // in units of 1/10000 fen
  const whole = Math.floor(product / 1_000_000);
  const fraction = String(product % 1_000_000).padStart(6, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${whole}.${fraction}`;
}

const ROUNDING_TEXT: Readonly<Record<BasicLivingRounding, LocalizedText>> = {
  fen_half_up: { zh: '按分四舍五入', en: 'rounded half up to the fen' },
  yuan_up: { zh: '向上取整到元', en: 'rounded up to the whole yuan' },
};

export function computeEntitlement({ standard, selfCare, careSetting, params }: EntitlementInput): Entitlement {
  const { ratioOfDibaoStandardBp: ratio, rounding } = params.basicLiving;
  const standardFen = standard.monthlyFen;
  const basicLivingFen = basicLivingStandardFen(standardFen, ratio, rounding);
  const careAllowanceFen = params.careAllowance[careSetting][selfCare];
  const monthlyFen = sumFen([basicLivingFen, careAllowanceFen]);
  const setting = CARE_SETTING_NAMES[careSetting];
  const tier = SELF_CARE_ABILITY_NAMES[selfCare];
  const r = ROUNDING_TEXT[rounding];
  const exact = exactYuan(standardFen, ratio);
  const explanation: EntitlementLine[] = [
    {
      step: 'standard',
      text: { zh: `当地低保标准每人每月 ${yuan(standardFen)} 元（${standard.versionId}）。`, en: `Local dibao standard: ${yuan(standardFen)} yuan per person a month (${standard.versionId}).` },
      amountFen: standardFen,
    },
    {
      step: 'basic_living',
      text: {
        zh: `基本生活标准 = ${yuan(standardFen)} 元 × ${multipleText(ratio)} = ${exact} 元，${r.zh}为 ${yuan(basicLivingFen)} 元。`,
        en: `Basic living standard = ${yuan(standardFen)} × ${multipleText(ratio)} = ${exact} yuan, ${r.en}: ${yuan(basicLivingFen)} yuan.`,
      },
      amountFen: basicLivingFen,
    },
    {
      step: 'care_allowance',
      text: { zh: `照料护理标准（${setting.zh}，${tier.zh}）${yuan(careAllowanceFen)} 元。`, en: `Care allowance (${setting.en}, ${tier.en}): ${yuan(careAllowanceFen)} yuan.` },
      amountFen: careAllowanceFen,
    },
    {
      step: 'total',
      text: {
        zh: `每月救助供养金 = ${yuan(basicLivingFen)} 元 + ${yuan(careAllowanceFen)} 元 = ${yuan(monthlyFen)} 元。`,
        en: `Monthly entitlement = ${yuan(basicLivingFen)} + ${yuan(careAllowanceFen)} = ${yuan(monthlyFen)} yuan.`,
      },
      amountFen: monthlyFen,
    },
  ];
  return {
    standardFen,
    ratioOfDibaoStandardBp: ratio,
    rounding,
    basicLivingFen,
    selfCare,
    careSetting,
    careAllowanceFen,
    monthlyFen,
    explanation,
    parameterVersions: { [DIBAO_STANDARD_REF]: standard.versionId, [K.basicLiving]: params.versions[K.basicLiving], [K.careAllowance]: params.versions[K.careAllowance] },
  };
}

/** Whether a recomputed entitlement changes what is paid (an `entitlement.changed` is due only then). */
export function entitlementChanged(before: Pick<Entitlement, 'monthlyFen' | 'basicLivingFen' | 'careAllowanceFen'> | null, after: Entitlement): boolean {
  return before === null || before.monthlyFen !== after.monthlyFen || before.basicLivingFen !== after.basicLivingFen || before.careAllowanceFen !== after.careAllowanceFen;
}
