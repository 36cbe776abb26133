/**
 * The administrative divisions the bureau serves (GB/T 2260 districts; policy.md "Administrative
 * divisions"): 石嘴山市 640200 and its three districts, each with the townships and streets
 * (乡镇/街道, 9-digit codes of GB/T 10114) seeded here. The one list every service, DTO and message
 * reads; a district written out anywhere else drifts from it.
 *
 * Townships are reference data of which only a few are seeded (policy.md: "seed a few; load the
 * rest from a file"), so a township code is checked by its form and its district (9 digits
 * beginning with the district code), not by membership in this list. The seeded names are to be
 * checked against the current 统计用区划代码 when the full list is loaded.
 */
export interface Township {
  /** 9 digits: the district code, then 0xx for a street (街道), 1xx for a town (镇), 2xx for a township (乡). */
  readonly code: string;
  readonly zh: string;
}

export interface District {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly townships: readonly Township[];
}

export const CITY = { code: '640200', zh: '石嘴山市', en: 'Shizuishan' } as const;

export const DISTRICT_CODES = ['640202', '640205', '640221'] as const;
export type DistrictCode = (typeof DISTRICT_CODES)[number];

export const DISTRICTS: Readonly<Record<DistrictCode, District>> = {
  '640202': { code: '640202', zh: '大武口区', en: 'Dawukou District', townships: [{ code: '640202001', zh: '长胜街道' }, { code: '640202002', zh: '朝阳街道' }] },
  '640205': { code: '640205', zh: '惠农区', en: 'Huinong District', townships: [{ code: '640205001', zh: '北街街道' }, { code: '640205002', zh: '南街街道' }] },
  '640221': { code: '640221', zh: '平罗县', en: 'Pingluo County', townships: [{ code: '640221100', zh: '城关镇' }, { code: '640221101', zh: '黄渠桥镇' }] },
};

export function isDistrictCode(code: unknown): code is DistrictCode {
  return typeof code === 'string' && (DISTRICT_CODES as readonly string[]).includes(code);
}

/** `640202 大武口区, 640205 惠农区, 640221 平罗县` — for a message that names the allowed districts. */
export const DISTRICT_CHOICES = DISTRICT_CODES.map((c) => `${c} ${DISTRICTS[c].zh}`).join(', ');

/** A township code of the form GB/T 10114 gives it (9 digits) lying in `districtCode`. */
export function isTownshipCodeOf(districtCode: string, townshipCode: unknown): boolean {
  return typeof townshipCode === 'string' && /^\d{9}$/.test(townshipCode) && townshipCode.startsWith(districtCode);
}

/** The seeded township of that code, if it is one. */
export function seededTownship(code: string): (Township & { districtCode: DistrictCode }) | undefined {
  for (const d of DISTRICT_CODES) {
    const t = DISTRICTS[d].townships.find((x) => x.code === code);
    if (t) return { ...t, districtCode: d };
  }
  return undefined;
}

/** Urban (城市) and rural (农村) residents: dibao standards and other values are set for each separately. */
export const AREAS = ['urban', 'rural'] as const;
export type Area = (typeof AREAS)[number];

export const AREA_NAMES: Readonly<Record<Area, { zh: string; en: string }>> = {
  urban: { zh: '城市', en: 'urban' },
  rural: { zh: '农村', en: 'rural' },
};

export function isArea(a: unknown): a is Area {
  return a === 'urban' || a === 'rural';
}
