import { LocalDate } from '@jiuzhu/common';

/**
 * Every number in the dibao rules is a parameter with an effective date, never a constant in code
 * (policy.md, opening note): standards are re-published each year, and property limits, top-up
 * shares and deduction caps differ by province and year. The shape is shared by every service.
 */
export type { ParameterVersion } from '@jiuzhu/common';

/** Districts of 石嘴山市 (640200), GB/T 2260: the one reference list in libs/common. */
export { DISTRICTS, DISTRICT_CODES, isDistrictCode } from '@jiuzhu/common';
export type { DistrictCode } from '@jiuzhu/common';

/** Dibao standards are set separately for urban (城市) and rural (农村) residents. */
export const AREAS = ['urban', 'rural'] as const;
export type Area = (typeof AREAS)[number];

export const AREA_NAMES: Record<Area, { zh: string; en: string }> = {
  urban: { zh: '城市', en: 'urban' },
  rural: { zh: '农村', en: 'rural' },
};

export function isArea(a: unknown): a is Area {
  return a === 'urban' || a === 'rural';
}

export const GLOBAL_SCOPE = '';

/** The scope of a value set per district and area: `640202/urban`. */
export function districtAreaScope(districtCode: string, area: Area): string {
  return `${districtCode}/${area}`;
}

/** `key` for a city-wide value, `key/scope` otherwise — the keys of `versions` in a decision. */
export function parameterRef(key: string, scope: string): string {
  return scope === GLOBAL_SCOPE ? key : `${key}/${scope}`;
}

/** `dibao.standard/640202/urban@2025-01-01`. */
export function versionIdOf(key: string, scope: string, validFrom: LocalDate): string {
  return `${parameterRef(key, scope)}@${validFrom}`;
}
