import { LocalizedText } from '@jiuzhu/common';
// Values from the modules themselves, not the `@jiuzhu/common` index: the index re-exports through
// getters, and the assessment calls these for every member of every household.
import { DateNumber, dateNumberOf, LocalDate } from '@jiuzhu/common/local-date';
import { isFen } from '@jiuzhu/common/money';
import { normalizeResidentId, residentIdBirthDateNumber, ResidentIdProblem } from '@jiuzhu/common/resident-id';
import { isArea, isDistrictCode } from '../../parameters/domain/parameter';
import { DEDUCTION_KINDS, INCOME_KINDS } from '../../parameters/domain/parameter-keys';
import { AssessmentParameters } from '../../parameters/domain/resolve-parameters';
import { AssessmentError } from './decision';
import { Household, RELATIONS } from './household';

function error(code: string, message: LocalizedText, field?: string): AssessmentError {
  return field === undefined ? { code, message } : { code, field, message };
}

/** Appends to the list of errors, creating it on the first: a valid household allocates none. */
function add(errors: AssessmentError[] | null, e: AssessmentError): AssessmentError[] {
  if (errors === null) return [e];
  errors.push(e);
  return errors;
}

const ID_PROBLEM: Record<ResidentIdProblem, LocalizedText> = {
  format: { zh: '应为18位，前17位为数字，末位为数字或X', en: 'must be 18 characters: 17 digits and a digit or X' },
  check_digit: { zh: '校验码不符，请核对证件', en: 'the check character does not match; re-read the card' },
  birth_date: { zh: '出生日期不是有效日期', en: 'the birth date is not a real date' },
};

// Looked up once per member, income and deduction: module-level sets, not arrays rebuilt per call.
const RELATION_SET: ReadonlySet<unknown> = new Set(RELATIONS);
const INCOME_KIND_SET: ReadonlySet<unknown> = new Set(INCOME_KINDS);
const DEDUCTION_KIND_SET: ReadonlySet<unknown> = new Set(DEDUCTION_KINDS);
const DISABILITY_KIND_SET: ReadonlySet<unknown> = new Set(['physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple']);

const isGrade = (g: unknown): boolean => g === 1 || g === 2 || g === 3 || g === 4;

/** A whole number in 0…length−1 (Number.isInteger is false for anything that is not a number). */
const isIndex = (i: unknown, length: number): boolean => Number.isInteger(i) && (i as number) >= 0 && (i as number) < length;

/**
 * The ID number as it is checked: without surrounding blanks. Calls `trim` (which allocates) only
 * when the first or last character may be blank; a typed-in number rarely is.
 */
function trimmed(id: unknown): unknown {
  if (typeof id !== 'string' || id.length === 0) return id;
  const first = id.charCodeAt(0);
  const last = id.charCodeAt(id.length - 1);
  return first <= 32 || first >= 0x80 || last <= 32 || last >= 0x80 ? id.trim() : id;
}

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
  return checkHousehold(household, params, dateNumberOf(on), new Int32Array(household.members.length)) ?? [];
}

/**
 * `validateHousehold` for the assessment: `on` already read as a DateNumber (-1 if not a date), the
 * birth date of member i left in `births[i]` (-1 if unreadable; each ID number is read once, here;
 * `births` holds at least one slot per member), and null instead
 * of an empty list when the household is valid. Same checks, same codes, same order.
 */
export function checkHousehold(household: Household, params: AssessmentParameters, on: DateNumber, births: Int32Array): AssessmentError[] | null {
  if (on < 0) {
    return [error('ASSESSMENT.INVALID_DATE', { zh: '评估日期不是有效日期', en: 'The assessment date is not a calendar date.' })];
  }
  let errors: AssessmentError[] | null = null;

  if (!isDistrictCode(household.districtCode)) {
    errors = add(
      errors,
      error('HOUSEHOLD.UNKNOWN_DISTRICT', { zh: '区县代码不在本市范围内', en: 'The district code is not a district of this city.' }, 'districtCode'),
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
  if (size === 0) {
    errors = add(errors, error('HOUSEHOLD.EMPTY', { zh: '家庭至少应有一名成员', en: 'The household has no members.' }, 'members'));
  } else {
    let applicants = 0;
    for (let i = 0; i < size; i++) if (members[i].relation === 'applicant') applicants++;
    if (applicants === 0) {
      errors = add(errors, error('HOUSEHOLD.NO_APPLICANT', { zh: '家庭成员中没有申请人', en: 'No member is the applicant.' }, 'members'));
    } else if (applicants > 1) {
      errors = add(
        errors,
        error('HOUSEHOLD.MORE_THAN_ONE_APPLICANT', { zh: '一户只能有一名申请人', en: 'A household has exactly one applicant.' }, 'members'),
      );
    }
  }

  for (let i = 0; i < size; i++) {
    const m = members[i];
    if (!RELATION_SET.has(m.relation)) {
      errors = add(errors, error('HOUSEHOLD.UNKNOWN_RELATION', { zh: '与申请人关系无效', en: 'Unknown relation to the applicant.' }, `members[${i}].relation`));
    }
    const d = m.disability;
    if (d != null && !(isGrade(d.grade) && DISABILITY_KIND_SET.has(d.kind))) {
      errors = add(
        errors,
        error('HOUSEHOLD.INVALID_DISABILITY', { zh: '残疾等级应为一至四级，类别应有效', en: 'Disability grade must be 1–4 with a known kind.' }, `members[${i}].disability`),
      );
    }
    const birth = residentIdBirthDateNumber(trimmed(m.idNumber));
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
    if (!INCOME_KIND_SET.has(inc.kind)) {
      errors = add(errors, error('HOUSEHOLD.UNKNOWN_INCOME_KIND', { zh: '收入类别无效', en: 'Unknown income kind.' }, `incomes[${i}].kind`));
    }
    if (isFen(inc.monthlyFen)) incomeTotal += inc.monthlyFen;
    else errors = add(errors, error('HOUSEHOLD.INVALID_AMOUNT', { zh: '金额应为非负整数（分）', en: 'Amounts are non-negative whole fen.' }, `incomes[${i}].monthlyFen`));
  }

  let deductionTotal = 0;
  const deductions = household.deductions;
  for (let i = 0; i < deductions.length; i++) {
    const d = deductions[i];
    if (!DEDUCTION_KIND_SET.has(d.kind)) {
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
