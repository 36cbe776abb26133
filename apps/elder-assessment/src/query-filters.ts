import { DISTRICT_CODES, FieldProblem, isDistrictCode, isTownshipCodeOf } from '@jiuzhu/common';
import { AreaFilter } from './assessment/assessment.repository';

export type { AreaFilter };

/** Which district or township a queue or a summary covers; a township must lie in the district given. */
export function areaFilter(districtCode: string | undefined, townshipCode: string | undefined, problems: FieldProblem[]): AreaFilter {
  if (districtCode !== undefined && !isDistrictCode(districtCode)) {
    problems.push({ field: 'districtCode', reason: `must be one of ${DISTRICT_CODES.join(', ')}` });
  }
  if (townshipCode !== undefined && !/^\d{9}$/.test(townshipCode)) problems.push({ field: 'townshipCode', reason: 'must be a 9-digit township code' });
  else if (townshipCode !== undefined && districtCode !== undefined && !isTownshipCodeOf(districtCode, townshipCode)) {
    problems.push({ field: 'townshipCode', reason: `must be a township of district ${districtCode} (begin with ${districtCode})` });
  }
  return { districtCode, townshipCode };
}
