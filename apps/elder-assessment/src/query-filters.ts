import { DISTRICT_CODES, FieldProblem, isDistrictCode } from '@jiuzhu/common';

/** Which district or township a queue or a summary covers; a township must lie in the district given. */
export interface AreaFilter {
  districtCode?: string;
  townshipCode?: string;
}

export function areaFilter(districtCode: string | undefined, townshipCode: string | undefined, problems: FieldProblem[]): AreaFilter {
  if (districtCode !== undefined && !isDistrictCode(districtCode)) {
    problems.push({ field: 'districtCode', reason: `must be one of ${DISTRICT_CODES.join(', ')}` });
  }
  if (townshipCode !== undefined && !/^\d{9}$/.test(townshipCode)) problems.push({ field: 'townshipCode', reason: 'must be a 9-digit township code' });
  else if (townshipCode !== undefined && districtCode !== undefined && !townshipCode.startsWith(districtCode)) {
    problems.push({ field: 'townshipCode', reason: `must be a township of district ${districtCode} (begin with ${districtCode})` });
  }
  return { districtCode, townshipCode };
}

export function paging(limit: string, offset: string, problems: FieldProblem[]): { limit: number; offset: number } {
  const l = Number(limit);
  const o = Number(offset);
  if (!Number.isInteger(l) || l < 1 || l > 500) problems.push({ field: 'limit', reason: 'must be an integer 1-500' });
  if (!Number.isInteger(o) || o < 0) problems.push({ field: 'offset', reason: 'must be a non-negative integer' });
  return { limit: l, offset: o };
}
