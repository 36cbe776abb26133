import { LocalizedText } from '@jiuzhu/common';
// Values from the modules themselves, not the `@jiuzhu/common` index: the index re-exports through
// getters, and the assessment calls these for every member of every household.
import { DateNumber, dateNumberOf, LocalDate } from '@jiuzhu/common/local-date';
import { isFen } from '@jiuzhu/common/money';
import { normalizeResidentId, residentIdBirthDateNumber, ResidentIdProblem } from '@jiuzhu/common/resident-id';
import { DISTRICTS, isArea } from '../../parameters/domain/parameter';
import { AssessmentParameters } from '../../parameters/domain/resolve-parameters';
import { AssessmentError } from './decision';
import { Household } from './household';

function error(code: string, message: LocalizedText, field?: string): AssessmentError {
  return field === undefined ? { code, message } : { code, field, message };
}

/** Appends to the list of errors, creating it on the first: a valid household allocates none. */
function add(errors: AssessmentError[] | null, e: AssessmentError): AssessmentError[] {
  if (errors === null) return [e];
  errors.push(e);
  return errors;
}

/** Inserts at `index` (an error about the whole household, found after those about its members). */
function insert(errors: AssessmentError[] | null, index: number, e: AssessmentError): AssessmentError[] {
  if (errors === null) return [e];
  errors.splice(index, 0, e);
  return errors;
}

const ID_PROBLEM: Record<ResidentIdProblem, LocalizedText> = {
  format: { zh: '应为18位，前17位为数字，末位为数字或X', en: 'must be 18 characters: 17 digits and a digit or X' },
  check_digit: { zh: '校验码不符，请核对证件', en: 'the check character does not match; re-read the card' },
  birth_date: { zh: '出生日期不是有效日期', en: 'the birth date is not a real date' },
};

// Asked once per member, income and deduction of every household, so written as switches: with the
// interned strings the input normally carries, a miss or a hit is a few pointer comparisons, where a
// Set would hash. validate-household.spec.ts checks they accept exactly RELATIONS, INCOME_KINDS,
// DEDUCTION_KINDS and DISABILITY_KINDS.

/** The position of a relation in RELATIONS, or -1. */
export function relationCode(r: unknown): number {
  switch (r) {
    case 'applicant':
      return 0;
    case 'spouse':
      return 1;
    case 'child':
      return 2;
    case 'parent':
      return 3;
    case 'grandparent':
      return 4;
    case 'grandchild':
      return 5;
    case 'sibling':
      return 6;
    case 'other':
      return 7;
    default:
      return -1;
  }
}

export function isIncomeKind(k: unknown): boolean {
  switch (k) {
    case 'wage':
    case 'business':
    case 'property':
    case 'transfer':
    case 'other':
    case 'special_care_pension':
    case 'family_planning_reward':
    case 'scholarship':
    case 'bravery_award':
    case 'social_assistance':
    case 'basic_pension':
      return true;
    default:
      return false;
  }
}

export function isDeductionKind(k: unknown): boolean {
  return k === 'medical' || k === 'education' || k === 'rent' || k === 'employment';
}

/** The position of a disability kind in DISABILITY_KINDS, or -1. */
export function disabilityKindCode(k: unknown): number {
  switch (k) {
    case 'physical':
      return 0;
    case 'visual':
      return 1;
    case 'hearing':
      return 2;
    case 'speech':
      return 3;
    case 'intellectual':
      return 4;
    case 'mental':
      return 5;
    case 'multiple':
      return 6;
    default:
      return -1;
  }
}

/**
 * What the assessment needs to know of each member, read from the member object once, here: the
 * birth date from the ID number, the relation, the disability and a serious illness, as small
 * numbers in typed arrays (member i at index i). Members arrive with different sets of optional
 * fields, so every read of a member's property is a slow, megamorphic lookup; reading each once and
 * then indexing arrays is what keeps the rest of the assessment fast. Values are only meaningful
 * for a household that passed validation.
 */
export class MemberFacts {
  /** DateNumber of the birth date; -1 when the ID number is unreadable. */
  births = new Int32Array(0);
  /** Position in RELATIONS. */
  relations = new Uint8Array(0);
  /** Disability grade 1–4; 0 without a disability. */
  grades = new Uint8Array(0);
  /** Position in DISABILITY_KINDS (meaningful when `grades` is not 0). */
  kinds = new Uint8Array(0);
  /** 1 when seriously ill. */
  ill = new Uint8Array(0);

  constructor(capacity: number) {
    this.reserve(capacity);
  }

  /** Makes room for `size` members (keeping nothing: the facts are rewritten for every household). */
  reserve(size: number): void {
    if (this.births.length >= size) return;
    const n = Math.max(size, 2 * this.births.length, 16);
    this.births = new Int32Array(n);
    this.relations = new Uint8Array(n);
    this.grades = new Uint8Array(n);
    this.kinds = new Uint8Array(n);
    this.ill = new Uint8Array(n);
  }
}

/** `isDistrictCode` as a set: one hash lookup per household instead of `hasOwnProperty` on the table. */
const DISTRICT_CODES: ReadonlySet<unknown> = new Set(Object.keys(DISTRICTS));

/** A whole number in 0…length−1 (Number.isInteger is false for anything that is not a number). */
const isIndex = (i: unknown, length: number): boolean => Number.isInteger(i) && (i as number) >= 0 && (i as number) < length;

/**
 * Totals must stay exact integers; no real household comes near this, so it is refused, not
 * rounded. (⌊MAX_SAFE_INTEGER ÷ 100000⌋: room for any product the assessment forms with a total.)
 */
const MAX_TOTAL_FEN = Math.floor(Number.MAX_SAFE_INTEGER / 100000);

/**
 * Refuses input that cannot describe a real household, so that no decision is ever computed from
 * it. Shapes were checked at the HTTP edge; these are the semantic impossibilities. Messages never
 * repeat an ID number (glossary: never in events or logs).
 */
export function validateHousehold(household: Household, params: AssessmentParameters, on: LocalDate): AssessmentError[] {
  return checkHousehold(household, params, dateNumberOf(on), new MemberFacts(household.members.length)) ?? [];
}

/**
 * `validateHousehold` for the assessment: `on` already read as a DateNumber (-1 if not a date), what
 * the assessment needs of each member left in `facts` (which has room for every member; each ID
 * number and member field is read once, here), and null instead of an empty list when the household
 * is valid. Same checks, same codes, same order.
 */
export function checkHousehold(household: Household, params: AssessmentParameters, on: DateNumber, facts: MemberFacts): AssessmentError[] | null {
  if (on < 0) {
    return [error('ASSESSMENT.INVALID_DATE', { zh: '评估日期不是有效日期', en: 'The assessment date is not a calendar date.' })];
  }
  let errors: AssessmentError[] | null = null;

  if (!DISTRICT_CODES.has(household.districtCode)) {
    errors = add(
      errors,
      error('HOUSEHOLD.UNKNOWN_DISTRICT', { zh: '区县代码不在本市范围内', en: 'The district code is not a district of this city.' }, 'districtCode'),
    );
  }
  const township = household.townshipCode;
  if (township != null && !township.startsWith(household.districtCode)) {
    // A township belongs to its district: its code begins with the district's (GB/T 10114). The
    // township decides whose review queue a case is in, so a wrong one sends it to another district.
    errors = add(
      errors,
      error(
        'HOUSEHOLD.TOWNSHIP_OUTSIDE_DISTRICT',
        { zh: `乡镇/街道不属于区县 ${household.districtCode}`, en: `must be a township of district ${household.districtCode} (begin with ${household.districtCode})` },
        'townshipCode',
      ),
    );
  }
  if (!isArea(household.area)) {
    errors = add(errors, error('HOUSEHOLD.UNKNOWN_AREA', { zh: '城乡类别应为城市或农村', en: 'The area must be urban or rural.' }, 'area'));
  }
  if (household.districtCode !== params.districtCode || household.area !== params.area) {
    // Deciding with another district's standard would silently pay the wrong amount.
    errors = add(
      errors,
      error('ASSESSMENT.PARAMETERS_DO_NOT_MATCH_HOUSEHOLD', {
        zh: '评估参数与家庭所在区县或城乡类别不一致',
        en: "The parameters are not those of the household's district and area.",
      }),
    );
  }

  const members = household.members;
  const size = members.length;
  // The household-level member errors come before those of single members; applicants are counted
  // in the same pass over the members, so that error is put in its place afterwards.
  const householdErrorsEnd = errors === null ? 0 : errors.length;
  let applicants = 0;
  const { births, relations, grades, kinds, ill } = facts;
  for (let i = 0; i < size; i++) {
    const m = members[i];
    const relation = relationCode(m.relation);
    relations[i] = relation;
    if (relation === 0) applicants++;
    else if (relation < 0) {
      errors = add(errors, error('HOUSEHOLD.UNKNOWN_RELATION', { zh: '与申请人关系无效', en: 'Unknown relation to the applicant.' }, `members[${i}].relation`));
    }
    const d = m.disability;
    grades[i] = 0;
    if (d != null) {
      const grade = d.grade;
      const kind = disabilityKindCode(d.kind);
      if ((grade === 1 || grade === 2 || grade === 3 || grade === 4) && kind >= 0) {
        grades[i] = grade;
        kinds[i] = kind;
      } else {
        errors = add(
          errors,
          error('HOUSEHOLD.INVALID_DISABILITY', { zh: '残疾等级应为一至四级，类别应有效', en: 'Disability grade must be 1–4 with a known kind.' }, `members[${i}].disability`),
        );
      }
    }
    ill[i] = m.seriousIllness === true ? 1 : 0;
    // Read as typed first: only a number that fails on its shape can change when its surrounding
    // blanks are removed (anything else is digits and X only), so only then is it trimmed (which
    // allocates) and read again.
    let birth = residentIdBirthDateNumber(m.idNumber);
    if (birth === 'format' && typeof m.idNumber === 'string') birth = residentIdBirthDateNumber(m.idNumber.trim());
    if (typeof birth !== 'number') {
      births[i] = -1;
      const p = ID_PROBLEM[birth];
      errors = add(errors, error('HOUSEHOLD.INVALID_ID_NUMBER', { zh: `身份证号码无效：${p.zh}`, en: `Invalid resident ID number: ${p.en}.` }, `members[${i}].idNumber`));
      continue;
    }
    births[i] = birth;
    if (birth > on) {
      errors = add(
        errors,
        error(
          'HOUSEHOLD.MEMBER_BORN_AFTER_ASSESSMENT_DATE',
          { zh: '成员出生日期晚于评估日期', en: 'The member was born after the assessment date.' },
          `members[${i}].idNumber`,
        ),
      );
    }
    // The same person twice. Two valid numbers can only be equal with the same birth date, so the
    // canonical forms (which allocate) are compared only then — almost never. The first earlier
    // member with a valid, equal number is the one named.
    for (let j = 0; j < i; j++) {
      if (births[j] !== birth || normalizeResidentId(members[j].idNumber) !== normalizeResidentId(m.idNumber)) continue;
      errors = add(
        errors,
        error('HOUSEHOLD.DUPLICATE_ID_NUMBER', { zh: `与第${j + 1}位成员身份证号码重复`, en: `Same resident ID number as member ${j + 1}.` }, `members[${i}].idNumber`),
      );
      break;
    }
  }

  if (size === 0) {
    errors = insert(errors, householdErrorsEnd, error('HOUSEHOLD.EMPTY', { zh: '家庭至少应有一名成员', en: 'The household has no members.' }, 'members'));
  } else if (applicants === 0) {
    errors = insert(errors, householdErrorsEnd, error('HOUSEHOLD.NO_APPLICANT', { zh: '家庭成员中没有申请人', en: 'No member is the applicant.' }, 'members'));
  } else if (applicants > 1) {
    errors = insert(
      errors,
      householdErrorsEnd,
      error('HOUSEHOLD.MORE_THAN_ONE_APPLICANT', { zh: '一户只能有一名申请人', en: 'A household has exactly one applicant.' }, 'members'),
    );
  }

  // Exact while below MAX_TOTAL_FEN, and past it the float total never falls back under it.
  let incomeTotal = 0;
  const incomes = household.incomes;
  for (let i = 0; i < incomes.length; i++) {
    const inc = incomes[i];
    if (!isIndex(inc.memberIndex, size)) {
      errors = add(
        errors,
        error('HOUSEHOLD.INCOME_MEMBER_OUT_OF_RANGE', { zh: '收入对应的成员不存在', en: 'The income belongs to no member of the household.' }, `incomes[${i}].memberIndex`),
      );
    }
    if (!isIncomeKind(inc.kind)) {
      errors = add(errors, error('HOUSEHOLD.UNKNOWN_INCOME_KIND', { zh: '收入类别无效', en: 'Unknown income kind.' }, `incomes[${i}].kind`));
    }
    if (isFen(inc.monthlyFen)) incomeTotal += inc.monthlyFen;
    else errors = add(errors, error('HOUSEHOLD.INVALID_AMOUNT', { zh: '金额应为非负整数（分）', en: 'Amounts are non-negative whole fen.' }, `incomes[${i}].monthlyFen`));
  }

  let deductionTotal = 0;
  const deductions = household.deductions;
  for (let i = 0; i < deductions.length; i++) {
    const d = deductions[i];
    if (!isDeductionKind(d.kind)) {
      errors = add(errors, error('HOUSEHOLD.UNKNOWN_DEDUCTION_KIND', { zh: '扣减类别无效', en: 'Unknown deduction kind.' }, `deductions[${i}].kind`));
    }
    if (d.memberIndex === undefined) {
      if (d.kind === 'employment') {
        errors = add(
          errors,
          error(
            'HOUSEHOLD.EMPLOYMENT_DEDUCTION_WITHOUT_MEMBER',
            { zh: '就业成本扣减须指明就业成员', en: 'An employment deduction must name the employed member.' },
            `deductions[${i}].memberIndex`,
          ),
        );
      }
    } else if (!isIndex(d.memberIndex, size)) {
      errors = add(
        errors,
        error('HOUSEHOLD.DEDUCTION_MEMBER_OUT_OF_RANGE', { zh: '扣减对应的成员不存在', en: 'The deduction belongs to no member of the household.' }, `deductions[${i}].memberIndex`),
      );
    }
    if (isFen(d.monthlyFen)) deductionTotal += d.monthlyFen;
    else errors = add(errors, error('HOUSEHOLD.INVALID_AMOUNT', { zh: '金额应为非负整数（分）', en: 'Amounts are non-negative whole fen.' }, `deductions[${i}].monthlyFen`));
  }

  const a = household.assets;
  if (!isFen(a.moneyFen)) {
    errors = add(errors, error('HOUSEHOLD.INVALID_AMOUNT', { zh: '金额应为非负整数（分）', en: 'Amounts are non-negative whole fen.' }, 'assets.moneyFen'));
  }
  if (!Number.isSafeInteger(a.homes) || a.homes < 0) {
    errors = add(errors, error('HOUSEHOLD.INVALID_ASSETS', { zh: '住房套数应为非负整数', en: 'The number of homes is a non-negative integer.' }, 'assets.homes'));
  }
  if (typeof a.housingAreaSqm !== 'number' || !Number.isFinite(a.housingAreaSqm) || a.housingAreaSqm < 0) {
    errors = add(errors, error('HOUSEHOLD.INVALID_ASSETS', { zh: '住房面积应为非负数', en: 'The housing area is a non-negative number.' }, 'assets.housingAreaSqm'));
  }
  if (!Array.isArray(a.vehicles)) {
    errors = add(errors, error('HOUSEHOLD.INVALID_ASSETS', { zh: '机动车清单无效', en: 'The vehicle list is invalid.' }, 'assets.vehicles'));
  }

  if (incomeTotal > MAX_TOTAL_FEN || deductionTotal > MAX_TOTAL_FEN) {
    errors = add(errors, error('HOUSEHOLD.AMOUNT_OUT_OF_RANGE', { zh: '金额超出可处理范围', en: 'Amounts are too large to be real.' }));
  }
  return errors;
}
