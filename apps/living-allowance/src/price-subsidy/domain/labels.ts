import { formatYuan, LocalizedText } from '@jiuzhu/common';

/** Words used in the price-subsidy rule messages and explanation lines. */

export type PriceSubsidyBasis = 'cpi' | 'food_cpi';

export const ASSISTANCE_CATEGORIES = ['dibao', 'special_hardship', 'low_income'] as const;
export type AssistanceCategory = (typeof ASSISTANCE_CATEGORIES)[number];

export function isAssistanceCategory(c: unknown): c is AssistanceCategory {
  return (ASSISTANCE_CATEGORIES as readonly unknown[]).includes(c);
}

export const INDEX_NAMES: Record<PriceSubsidyBasis, LocalizedText> = {
  cpi: { zh: '居民消费价格指数（CPI）', en: 'CPI' },
  food_cpi: { zh: 'CPI中的食品价格', en: 'food CPI' },
};

export const CATEGORY_NAMES: Record<AssistanceCategory, LocalizedText> = {
  dibao: { zh: '低保对象', en: 'dibao household' },
  special_hardship: { zh: '特困人员', en: 'special-hardship person' },
  low_income: { zh: '低收入（低保边缘）家庭', en: 'low-income (dibao-edge) household' },
};

/** `78000` → `780.00`. */
export const yuan = formatYuan;

/** A decimal with trailing zeros removed, sign-aware: (350, 100) → '3.5', (-80, 100) → '-0.8'. */
function decimal(value: number, per: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const whole = Math.floor(abs / per);
  const rest = abs % per;
  if (rest === 0) return `${sign}${whole}`;
  const digits = String(per).length - 1;
  return `${sign}${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** 350 bp → '3.5%', 349 → '3.49%', -80 → '-0.8%'. */
export function percent(bp: number): string {
  return `${decimal(bp, 100)}%`;
}

/** A year-on-year change read as a notice would: '上涨 3.5%' / '下降 0.8%' / '持平'. */
export function riseText(bp: number): LocalizedText {
  if (bp > 0) return { zh: `上涨 ${percent(bp)}`, en: `rose ${percent(bp)}` };
  if (bp < 0) return { zh: `下降 ${percent(-bp)}`, en: `fell ${percent(-bp)}` };
  return { zh: '持平', en: 'was unchanged' };
}

/**
 * An amount of fen × bp before rounding, in yuan with every significant decimal: 78001 × 370 bp →
 * '28.86037'. Shown beside the rounded amount so that an auditor can see the rounding.
 */
export function exactYuanOfShare(amountFen: number, shareBp: number): string {
  // fen × bp / 10000 = fen; / 100 more = yuan: the product is in millionths of a yuan.
  return decimal(Number(BigInt(amountFen) * BigInt(shareBp)), 1000000);
}
