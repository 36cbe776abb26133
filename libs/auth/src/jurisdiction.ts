import { CITY, isDistrictCode, isTownshipCodeOf, Outcome, ruleViolation, succeed, violate } from '@jiuzhu/common';

/**
 * Where a member of staff may act: the city (640200: everything), one district or county (640202),
 * or one township or street (640202001: the district code and three digits, GB/T 10114). The city
 * contains its districts, a district its townships (issue 12).
 *
 * Jurisdiction is applied in SQL, in the repositories' queries, never as a filter on results
 * (a filter on results lets a count, a page size or a timing reveal cases the actor may not see):
 * repositories take `jurisdictionFilter(actor.jurisdiction)` and put it in their WHERE clause.
 */
export type JurisdictionLevel = 'city' | 'district' | 'township';

/** The level of a jurisdiction code of this city, or undefined when it is none. */
export function jurisdictionLevel(code: unknown): JurisdictionLevel | undefined {
  if (typeof code !== 'string') return undefined;
  if (code === CITY.code) return 'city';
  if (isDistrictCode(code)) return 'district';
  if (/^\d{9}$/.test(code) && isDistrictCode(code.slice(0, 6)) && isTownshipCodeOf(code.slice(0, 6), code)) return 'township';
  return undefined;
}

export function isJurisdictionCode(code: unknown): code is string {
  return jurisdictionLevel(code) !== undefined;
}

/**
 * Whether a case of `caseDistrict` (and `caseTownship`, when it has one) lies within the actor's
 * jurisdiction. A township-level actor sees only cases of their own township; a case without a
 * township is a district's, outside every township. An unknown code contains nothing.
 */
export function within(actorJurisdiction: string | null | undefined, caseDistrict: string, caseTownship?: string | null): boolean {
  switch (jurisdictionLevel(actorJurisdiction)) {
    case 'city':
      return isDistrictCode(caseDistrict);
    case 'district':
      return caseDistrict === actorJurisdiction;
    case 'township':
      return caseDistrict === actorJurisdiction!.slice(0, 6) && caseTownship === actorJurisdiction;
    default:
      return false;
  }
}

/**
 * The columns and values a repository's query must match for this jurisdiction: `{}` for the city,
 * `{ districtCode }` for a district, `{ districtCode, townshipCode }` for a township. Spread into a
 * TypeORM `where` whose entity names its columns so, or bind as SQL parameters:
 *
 * ```sql
 * WHERE ($1::text IS NULL OR district_code = $1) AND ($2::text IS NULL OR township_code = $2)
 * -- [f.districtCode ?? null, f.townshipCode ?? null]
 * ```
 *
 * Throws for an actor without a valid jurisdiction (a service token): the access guard refuses
 * such an actor on jurisdiction-scoped routes, so reaching here without one is a bug, and failing
 * is safer than a filter that matches everything.
 */
export function jurisdictionFilter(actorJurisdiction: string | null | undefined): JurisdictionFilter {
  const level = jurisdictionLevel(actorJurisdiction);
  const code = actorJurisdiction as string;
  if (level === 'city') return {};
  if (level === 'district') return { districtCode: code };
  if (level === 'township') return { districtCode: code.slice(0, 6), townshipCode: code };
  throw new Error(`no jurisdiction to scope a query by (${JSON.stringify(actorJurisdiction ?? null)})`);
}

export interface JurisdictionFilter {
  districtCode?: string;
  townshipCode?: string;
}

/**
 * A new record (a filing, an assessment) placed outside the actor's jurisdiction is refused with
 * 403 naming the field that places it. Existing records outside it are not refused here: the
 * repositories' SQL does not find them (404), so their existence is not revealed.
 */
export function placedWithin(actorJurisdiction: string | null | undefined, place: { districtCode: string; townshipCode?: string | null }, field: string): Outcome<void> {
  if (within(actorJurisdiction, place.districtCode, place.townshipCode)) return succeed(undefined);
  return violate(
    ruleViolation(
      'JURISDICTION.OUTSIDE',
      'forbidden',
      { zh: `该记录所在地不在您的辖区（${actorJurisdiction ?? '无'}）内。`, en: `This record is placed outside your jurisdiction (${actorJurisdiction ?? 'none'}).` },
      [{ field, reason: `must lie within the jurisdiction ${actorJurisdiction ?? '(none)'}` }],
    ),
  );
}
