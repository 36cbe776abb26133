import { isDistrictCode, isTownshipCodeOf, LocalizedText, Outcome, ruleViolation, succeed, violate } from '@jiuzhu/common';
import type { BedKind } from '../../reports/domain/reports';
import type { CareSetting } from '../../persons/domain/vocabulary';

/**
 * Care institutions and their beds (集中供养, policy.md §3 "Care"): the county's special-hardship
 * support facility (特困人员供养服务机构, serving the whole district) or a township's elderly home
 * (敬老院), each with its beds, nursing-type (护理型床位) or ordinary. Institutions take those who
 * partly or fully lost self-care first; the share of nursing-type beds is measured against the plan
 * (60 % by 2025). A bed holds one person at a time; a bed taken out of service (retired) keeps its
 * history but takes nobody.
 */

export const INSTITUTION_KINDS = ['support_facility', 'elderly_home'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export const INSTITUTION_KIND_NAMES: Readonly<Record<InstitutionKind, LocalizedText>> = {
  support_facility: { zh: '特困人员供养服务机构', en: 'special-hardship support facility' },
  elderly_home: { zh: '敬老院', en: 'elderly home' },
};

export const BED_KINDS: readonly BedKind[] = ['nursing', 'ordinary'];

export const BED_KIND_NAMES: Readonly<Record<BedKind, LocalizedText>> = {
  nursing: { zh: '护理型床位', en: 'nursing-type bed' },
  ordinary: { zh: '普通床位', en: 'ordinary bed' },
};

/** A bed's code as the institution numbers it on the door: `A-101`, `3F-12`. */
export const BED_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/;

/** At most this many beds in one request (an institution registers its beds by building or floor). */
export const MAX_BEDS_PER_REQUEST = 500;

export interface NewBed {
  code: string;
  kind: BedKind;
}

export interface InstitutionRegistration {
  name: string;
  kind: InstitutionKind;
  districtCode: string;
  /** Absent for a county's facility, which serves every township of the district. */
  townshipCode: string | null;
  beds: readonly NewBed[];
}

/** A bed as a placement or a retirement sees it: in service or not, and who lies in it. */
export interface BedState {
  id: string;
  institutionId: string;
  code: string;
  retired: boolean;
  /** The case whose person is in the bed now, if any. */
  occupiedByCaseId: string | null;
}

type Refused = { ok: false; violation: ReturnType<typeof ruleViolation> };
const invalidField = (code: string, field: string, zh: string, reason: string): Refused => violate(ruleViolation(code, 'invalid', { zh, en: `${field} ${reason}.` }, [{ field, reason }]));
const conflict = (code: string, zh: string, en: string, field?: string): Refused => violate(ruleViolation(code, 'conflict', { zh, en }, field ? [{ field, reason: en }] : undefined));

/** The registration as it will be kept (name trimmed), or the first field that makes it wrong. */
export function registerInstitution(r: InstitutionRegistration): Outcome<InstitutionRegistration> {
  const name = r.name.trim();
  if (name.length === 0 || name.length > 100) return invalidField('HARDSHIP.INSTITUTION_NAME_INVALID', 'name', '机构名称须为1至100个字符', 'must be 1 to 100 characters');
  if (!isDistrictCode(r.districtCode)) return invalidField('HARDSHIP.DISTRICT_UNKNOWN', 'districtCode', '区县代码不属于本市', 'must be a district of the city');
  if (r.townshipCode !== null && !isTownshipCodeOf(r.districtCode, r.townshipCode)) {
    return invalidField('HARDSHIP.TOWNSHIP_OUTSIDE_DISTRICT', 'townshipCode', '乡镇（街道）必须属于所在区县', `must be a township of district ${r.districtCode}`);
  }
  const beds = bedsToAdd(r.beds, [], 'beds');
  if (!beds.ok) return beds;
  return succeed({ ...r, name, beds: beds.value });
}

/**
 * New beds of an institution: each code well-formed, none repeated in the request nor already used
 * by a bed in service there (a retired bed's code may be given again).
 */
export function bedsToAdd(beds: readonly NewBed[], codesInService: readonly string[], field = 'beds'): Outcome<NewBed[]> {
  if (beds.length > MAX_BEDS_PER_REQUEST) return invalidField('HARDSHIP.TOO_MANY_BEDS', field, `一次最多登记${MAX_BEDS_PER_REQUEST}张床位`, `must list at most ${MAX_BEDS_PER_REQUEST} beds`);
  const seen = new Set<string>();
  const inService = new Set(codesInService);
  for (const [i, b] of beds.entries()) {
    if (!BED_CODE.test(b.code)) return invalidField('HARDSHIP.BED_CODE_INVALID', `${field}[${i}].code`, '床位编号须为1至20位字母、数字或连字符', 'must be 1 to 20 letters, digits or hyphens');
    if (seen.has(b.code)) return invalidField('HARDSHIP.BED_CODE_REPEATED', `${field}[${i}].code`, `床位编号${b.code}重复`, `repeats ${b.code}`);
    if (inService.has(b.code)) return conflict('HARDSHIP.BED_CODE_TAKEN', `床位编号${b.code}已被在用床位使用`, `A bed in service already has the code ${b.code}.`, `${field}[${i}].code`);
    seen.add(b.code);
  }
  return succeed(beds.map((b) => ({ code: b.code, kind: b.kind })));
}

/** A bed is retired (撤销) only when empty: the person in it is moved first, so nobody loses their bed silently. */
export function retireBed(bed: BedState): Outcome<void> {
  if (bed.retired) return conflict('HARDSHIP.BED_RETIRED', `床位${bed.code}已撤销`, `Bed ${bed.code} is already retired.`);
  if (bed.occupiedByCaseId) return conflict('HARDSHIP.BED_OCCUPIED', `床位${bed.code}有人入住，须先为其调整床位`, `Bed ${bed.code} is occupied; move the person first.`);
  return succeed(undefined);
}

/**
 * A person may be placed in a bed in service that nobody else lies in. Their own bed is not
 * refused here: the case says that nothing changes (HARDSHIP.CARE_SETTING_UNCHANGED).
 */
export function bedTakes(bed: BedState, caseId: string): Outcome<void> {
  if (bed.retired) return conflict('HARDSHIP.BED_RETIRED', `床位${bed.code}已撤销，不能安排入住`, `Bed ${bed.code} is retired and takes nobody.`, 'placement.bedId');
  if (bed.occupiedByCaseId && bed.occupiedByCaseId !== caseId) {
    return conflict('HARDSHIP.BED_OCCUPIED', `床位${bed.code}已有人入住`, `Bed ${bed.code} is already occupied by another person.`, 'placement.bedId');
  }
  return succeed(undefined);
}

/** Why a care-setting period begins (and the one before it ends): the move from one setting to the next. */
export type MoveReason = 'placed' | 'transferred' | 'returned_home';

export function moveReason(from: CareSetting, to: CareSetting): MoveReason {
  if (to === 'home') return 'returned_home';
  return from === 'institution' ? 'transferred' : 'placed';
}
