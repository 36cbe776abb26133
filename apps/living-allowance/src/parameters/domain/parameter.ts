/**
 * Every number in the dibao rules is a parameter with an effective date, never a constant in code
 * (policy.md, opening note): standards are re-published each year, and property limits, top-up
 * shares and deduction caps differ by province and year. The shape, the scopes and the version ids
 * are shared by every service (libs/common), as are the districts (reference data) and the areas.
 */
export type { ParameterVersion, DistrictCode, Area } from '@jiuzhu/common';
export { DISTRICTS, DISTRICT_CODES, isDistrictCode, AREAS, AREA_NAMES, isArea, GLOBAL_SCOPE, districtAreaScope, parameterRef, versionIdOf } from '@jiuzhu/common';
