import { LocalizedText } from '@jiuzhu/common';
import { DateNumber, dateNumberOf, LocalDate } from '@jiuzhu/common/local-date';
import { isFen } from '@jiuzhu/common/money';
import { normalizeResidentId, residentIdBirthDateNumber, ResidentIdProblem } from '@jiuzhu/common/resident-id';
import { isArea, isDistrictCode } from '../../parameters/domain/parameter';
import { AssessmentParameters } from '../../parameters/domain/resolve-parameters';
import { AssessmentError } from './decision';
import { DEDUCTION_KINDS, DISABILITY_KINDS, Household, HouseholdMember, INCOME_KINDS, RELATIONS } from './household';

function error(code: string, message: LocalizedText, field?: string): AssessmentError {
  return field === undefined ? { code, message } : { code, field, message };
}

/** Whether `value` is one of the published words (the lists in household.ts and parameter-keys.ts). */
const isOneOf = (list: readonly string[], value: unknown): boolean => typeof value === 'string' && list.includes(value);

const ID_PROBLEM: Record<ResidentIdProblem, LocalizedText> = {
  format: { zh: '应为18位，前17位为数字，末位为数字或X', en: 'must be 18 characters: 17 digits and a digit or X' },
  check_digit: { zh: '校验码不符，请核对证件', en: 'the check character does not match; re-read the card' },
  birth_date: { zh: '出生日期不是有效日期', en: 'the birth date is not a real date' },
};

const INVALID_AMOUNT: LocalizedText = { zh: '金额应为非负整数（分）', en: 'Amounts are non-negative whole fen.' };

/** A whole number in 0…length−1 (Number.isInteger is false for anything that is not a number). */
const isIndex = (i: unknown, length: number): boolean => Number.isInteger(i) && (i as number) >= 0 && (i as number) < length;

/**
 * Totals must stay exact integers; no real household comes near this, so it is refused, not
 * rounded. (⌊MAX_SAFE_INTEGER ÷ 100000⌋: room for any product the assessment forms with a total.)
 */
const MAX_TOTAL_FEN = Math.floor(Number.MAX_SAFE_INTEGER / 100000);

/** The member's birth date read from the ID number (typed with surrounding blanks or not), or its problem. */
export function birthDateOf(member: HouseholdMember): DateNumber | ResidentIdProblem {
  const id: unknown = member.idNumber;
  return residentIdBirthDateNumber(typeof id === 'string' ? id.trim() : id);
}

/**
 * Refuses input that cannot describe a real household, so that no decision is ever computed from
 * it. Shapes were checked at the HTTP edge; these are the semantic impossibilities. Errors about the
 * household come first, then those of each member in order, then incomes, deductions and assets.
 * Messages never repeat an ID number (glossary: never in events or logs).
 */
export function validateHousehold(household: Household, params: AssessmentParameters, on: LocalDate): AssessmentError[] {
  const onDate = dateNumberOf(on);
  if (onDate < 0) {
    return [error('ASSESSMENT.INVALID_DATE', { zh: '评估日期不是有效日期', en: 'The assessment date is not a calendar date.' })];
  }
  const errors: AssessmentError[] = [];

  if (!isDistrictCode(household.districtCode)) {
    errors.push(error('HOUSEHOLD.UNKNOWN_DISTRICT', { zh: '区县代码不在本市范围内', en: 'The district code is not a district of this city.' }, 'districtCode'));
  }
  const township = household.townshipCode;
  if (township != null && !township.startsWith(household.districtCode)) {
    // A township belongs to its district: its code begins with the district's (GB/T 10114). The
    // township decides whose review queue a case is in, so a wrong one sends it to another district.
    errors.push(
      error(
        'HOUSEHOLD.TOWNSHIP_OUTSIDE_DISTRICT',
        { zh: `乡镇/街道不属于区县 ${household.districtCode}`, en: `must be a township of district ${household.districtCode} (begin with ${household.districtCode})` },
        'townshipCode',
      ),
    );
  }
  if (!isArea(household.area)) {
    errors.push(error('HOUSEHOLD.UNKNOWN_AREA', { zh: '城乡类别应为城市或农村', en: 'The area must be urban or rural.' }, 'area'));
  }
  if (household.districtCode !== params.districtCode || household.area !== params.area) {
    // Deciding with another district's standard would silently pay the wrong amount.
    errors.push(
      error('ASSESSMENT.PARAMETERS_DO_NOT_MATCH_HOUSEHOLD', {
        zh: '评估参数与家庭所在区县或城乡类别不一致',
        en: "The parameters are not those of the household's district and area.",
      }),
    );
  }

  const members = household.members;
  const size = members.length;
  const applicants = members.filter((m) => m.relation === 'applicant').length;
  if (size === 0) {
    errors.push(error('HOUSEHOLD.EMPTY', { zh: '家庭至少应有一名成员', en: 'The household has no members.' }, 'members'));
  } else if (applicants === 0) {
    errors.push(error('HOUSEHOLD.NO_APPLICANT', { zh: '家庭成员中没有申请人', en: 'No member is the applicant.' }, 'members'));
  } else if (applicants > 1) {
    errors.push(error('HOUSEHOLD.MORE_THAN_ONE_APPLICANT', { zh: '一户只能有一名申请人', en: 'A household has exactly one applicant.' }, 'members'));
  }

  /** Canonical ID number → position of the first member with that (valid) number. */
  const firstWithId = new Map<string, number>();
  members.forEach((m, i) => {
    if (!isOneOf(RELATIONS, m.relation)) {
      errors.push(error('HOUSEHOLD.UNKNOWN_RELATION', { zh: '与申请人关系无效', en: 'Unknown relation to the applicant.' }, `members[${i}].relation`));
    }
    const d = m.disability;
    if (d != null && !([1, 2, 3, 4].includes(d.grade) && isOneOf(DISABILITY_KINDS, d.kind))) {
      errors.push(
        error('HOUSEHOLD.INVALID_DISABILITY', { zh: '残疾等级应为一至四级，类别应有效', en: 'Disability grade must be 1–4 with a known kind.' }, `members[${i}].disability`),
      );
    }
    const birth = birthDateOf(m);
    if (typeof birth !== 'number') {
      const p = ID_PROBLEM[birth];
      errors.push(error('HOUSEHOLD.INVALID_ID_NUMBER', { zh: `身份证号码无效：${p.zh}`, en: `Invalid resident ID number: ${p.en}.` }, `members[${i}].idNumber`));
      return;
    }
    if (birth > onDate) {
      errors.push(
        error('HOUSEHOLD.MEMBER_BORN_AFTER_ASSESSMENT_DATE', { zh: '成员出生日期晚于评估日期', en: 'The member was born after the assessment date.' }, `members[${i}].idNumber`),
      );
    }
    const id = normalizeResidentId(m.idNumber);
    const j = firstWithId.get(id);
    if (j === undefined) {
      firstWithId.set(id, i);
    } else {
      errors.push(
        error('HOUSEHOLD.DUPLICATE_ID_NUMBER', { zh: `与第${j + 1}位成员身份证号码重复`, en: `Same resident ID number as member ${j + 1}.` }, `members[${i}].idNumber`),
      );
    }
  });

  // Exact while below MAX_TOTAL_FEN, and past it the float total never falls back under it.
  let incomeTotal = 0;
  household.incomes.forEach((inc, i) => {
    if (!isIndex(inc.memberIndex, size)) {
      errors.push(
        error('HOUSEHOLD.INCOME_MEMBER_OUT_OF_RANGE', { zh: '收入对应的成员不存在', en: 'The income belongs to no member of the household.' }, `incomes[${i}].memberIndex`),
      );
    }
    if (!isOneOf(INCOME_KINDS, inc.kind)) {
      errors.push(error('HOUSEHOLD.UNKNOWN_INCOME_KIND', { zh: '收入类别无效', en: 'Unknown income kind.' }, `incomes[${i}].kind`));
    }
    if (isFen(inc.monthlyFen)) incomeTotal += inc.monthlyFen;
    else errors.push(error('HOUSEHOLD.INVALID_AMOUNT', INVALID_AMOUNT, `incomes[${i}].monthlyFen`));
  });

  let deductionTotal = 0;
  household.deductions.forEach((d, i) => {
    if (!isOneOf(DEDUCTION_KINDS, d.kind)) {
      errors.push(error('HOUSEHOLD.UNKNOWN_DEDUCTION_KIND', { zh: '扣减类别无效', en: 'Unknown deduction kind.' }, `deductions[${i}].kind`));
    }
    if (d.memberIndex === undefined) {
      if (d.kind === 'employment') {
        errors.push(
          error(
            'HOUSEHOLD.EMPLOYMENT_DEDUCTION_WITHOUT_MEMBER',
            { zh: '就业成本扣减须指明就业成员', en: 'An employment deduction must name the employed member.' },
            `deductions[${i}].memberIndex`,
          ),
        );
      }
    } else if (!isIndex(d.memberIndex, size)) {
      errors.push(
        error('HOUSEHOLD.DEDUCTION_MEMBER_OUT_OF_RANGE', { zh: '扣减对应的成员不存在', en: 'The deduction belongs to no member of the household.' }, `deductions[${i}].memberIndex`),
      );
    }
    if (isFen(d.monthlyFen)) deductionTotal += d.monthlyFen;
    else errors.push(error('HOUSEHOLD.INVALID_AMOUNT', INVALID_AMOUNT, `deductions[${i}].monthlyFen`));
  });

  const a = household.assets;
  if (!isFen(a.moneyFen)) {
    errors.push(error('HOUSEHOLD.INVALID_AMOUNT', INVALID_AMOUNT, 'assets.moneyFen'));
  }
  if (!Number.isSafeInteger(a.homes) || a.homes < 0) {
    errors.push(error('HOUSEHOLD.INVALID_ASSETS', { zh: '住房套数应为非负整数', en: 'The number of homes is a non-negative integer.' }, 'assets.homes'));
  }
  if (typeof a.housingAreaSqm !== 'number' || !Number.isFinite(a.housingAreaSqm) || a.housingAreaSqm < 0) {
    errors.push(error('HOUSEHOLD.INVALID_ASSETS', { zh: '住房面积应为非负数', en: 'The housing area is a non-negative number.' }, 'assets.housingAreaSqm'));
  }
  if (!Array.isArray(a.vehicles)) {
    errors.push(error('HOUSEHOLD.INVALID_ASSETS', { zh: '机动车清单无效', en: 'The vehicle list is invalid.' }, 'assets.vehicles'));
  }

  if (incomeTotal > MAX_TOTAL_FEN || deductionTotal > MAX_TOTAL_FEN) {
    errors.push(error('HOUSEHOLD.AMOUNT_OUT_OF_RANGE', { zh: '金额超出可处理范围', en: 'Amounts are too large to be real.' }));
  }
  return errors;
}
