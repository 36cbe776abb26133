import { compareLocalDate, isFen, isLocalDate, LocalDate, LocalizedText, normalizeResidentId, parseResidentId, ResidentIdProblem } from '@jiuzhu/common';
import { isArea, isDistrictCode } from '../../parameters/domain/parameter';
import { DEDUCTION_KINDS, INCOME_KINDS } from '../../parameters/domain/parameter-keys';
import { AssessmentParameters } from '../../parameters/domain/resolve-parameters';
import { AssessmentError } from './decision';
import { Household, RELATIONS } from './household';

function error(code: string, message: LocalizedText, field?: string): AssessmentError {
  return field === undefined ? { code, message } : { code, field, message };
}

const ID_PROBLEM: Record<ResidentIdProblem, LocalizedText> = {
  format: { zh: '应为18位，前17位为数字，末位为数字或X', en: 'must be 18 characters: 17 digits and a digit or X' },
  check_digit: { zh: '校验码不符，请核对证件', en: 'the check character does not match; re-read the card' },
  birth_date: { zh: '出生日期不是有效日期', en: 'the birth date is not a real date' },
};

const isIndex = (i: unknown, length: number): boolean => typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < length;

/**
 * Refuses input that cannot describe a real household, so that no decision is ever computed from
 * it. Shapes were checked at the HTTP edge; these are the semantic impossibilities. Messages never
 * repeat an ID number (glossary: never in events or logs).
 */
export function validateHousehold(household: Household, params: AssessmentParameters, on: LocalDate): AssessmentError[] {
  const errors: AssessmentError[] = [];
  if (!isLocalDate(on)) {
    return [error('ASSESSMENT.INVALID_DATE', { zh: '评估日期不是有效日期', en: 'The assessment date is not a calendar date.' })];
  }

  if (!isDistrictCode(household.districtCode)) {
    errors.push(
      error('HOUSEHOLD.UNKNOWN_DISTRICT', { zh: '区县代码不在本市范围内', en: 'The district code is not a district of this city.' }, 'districtCode'),
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
  if (members.length === 0) {
    errors.push(error('HOUSEHOLD.EMPTY', { zh: '家庭至少应有一名成员', en: 'The household has no members.' }, 'members'));
  } else {
    const applicants = members.filter((m) => m.relation === 'applicant').length;
    if (applicants === 0) {
      errors.push(error('HOUSEHOLD.NO_APPLICANT', { zh: '家庭成员中没有申请人', en: 'No member is the applicant.' }, 'members'));
    } else if (applicants > 1) {
      errors.push(
        error('HOUSEHOLD.MORE_THAN_ONE_APPLICANT', { zh: '一户只能有一名申请人', en: 'A household has exactly one applicant.' }, 'members'),
      );
    }
  }

  const seen = new Map<string, number>();
  members.forEach((m, i) => {
    if (!(RELATIONS as readonly string[]).includes(m.relation)) {
      errors.push(error('HOUSEHOLD.UNKNOWN_RELATION', { zh: '与申请人关系无效', en: 'Unknown relation to the applicant.' }, `members[${i}].relation`));
    }
    if (
      m.disability != null &&
      (![1, 2, 3, 4].includes(m.disability.grade) ||
        !['physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple'].includes(m.disability.kind))
    ) {
      errors.push(
        error('HOUSEHOLD.INVALID_DISABILITY', { zh: '残疾等级应为一至四级，类别应有效', en: 'Disability grade must be 1–4 with a known kind.' }, `members[${i}].disability`),
      );
    }
    const field = `members[${i}].idNumber`;
    const parsed = parseResidentId(typeof m.idNumber === 'string' ? m.idNumber.trim() : m.idNumber);
    if (!parsed.ok) {
      const p = ID_PROBLEM[parsed.reason];
      errors.push(error('HOUSEHOLD.INVALID_ID_NUMBER', { zh: `身份证号码无效：${p.zh}`, en: `Invalid resident ID number: ${p.en}.` }, field));
      return;
    }
    if (compareLocalDate(parsed.value.birthDate, on) > 0) {
      errors.push(
        error('HOUSEHOLD.MEMBER_BORN_AFTER_ASSESSMENT_DATE', { zh: '成员出生日期晚于评估日期', en: 'The member was born after the assessment date.' }, field),
      );
    }
    const canonical = normalizeResidentId(m.idNumber);
    const first = seen.get(canonical);
    if (first !== undefined) {
      errors.push(
        error(
          'HOUSEHOLD.DUPLICATE_ID_NUMBER',
          { zh: `与第${first + 1}位成员身份证号码重复`, en: `Same resident ID number as member ${first + 1}.` },
          field,
        ),
      );
    } else {
      seen.set(canonical, i);
    }
  });

  household.incomes.forEach((inc, i) => {
    if (!isIndex(inc.memberIndex, members.length)) {
      errors.push(
        error('HOUSEHOLD.INCOME_MEMBER_OUT_OF_RANGE', { zh: '收入对应的成员不存在', en: 'The income belongs to no member of the household.' }, `incomes[${i}].memberIndex`),
      );
    }
    if (!(INCOME_KINDS as readonly string[]).includes(inc.kind)) {
      errors.push(error('HOUSEHOLD.UNKNOWN_INCOME_KIND', { zh: '收入类别无效', en: 'Unknown income kind.' }, `incomes[${i}].kind`));
    }
    if (!isFen(inc.monthlyFen)) {
      errors.push(error('HOUSEHOLD.INVALID_AMOUNT', { zh: '金额应为非负整数（分）', en: 'Amounts are non-negative whole fen.' }, `incomes[${i}].monthlyFen`));
    }
  });

  household.deductions.forEach((d, i) => {
    if (!(DEDUCTION_KINDS as readonly string[]).includes(d.kind)) {
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
    } else if (!isIndex(d.memberIndex, members.length)) {
      errors.push(
        error('HOUSEHOLD.DEDUCTION_MEMBER_OUT_OF_RANGE', { zh: '扣减对应的成员不存在', en: 'The deduction belongs to no member of the household.' }, `deductions[${i}].memberIndex`),
      );
    }
    if (!isFen(d.monthlyFen)) {
      errors.push(error('HOUSEHOLD.INVALID_AMOUNT', { zh: '金额应为非负整数（分）', en: 'Amounts are non-negative whole fen.' }, `deductions[${i}].monthlyFen`));
    }
  });

  const a = household.assets;
  if (!isFen(a.moneyFen)) {
    errors.push(error('HOUSEHOLD.INVALID_AMOUNT', { zh: '金额应为非负整数（分）', en: 'Amounts are non-negative whole fen.' }, 'assets.moneyFen'));
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

  // Totals must stay exact integers; no real household comes near this, so it is refused, not rounded.
  const total = (xs: number[]) => xs.filter(isFen).reduce((s, x) => s + BigInt(x), 0n);
  const max = BigInt(Number.MAX_SAFE_INTEGER) / 100000n;
  if (total(household.incomes.map((x) => x.monthlyFen)) > max || total(household.deductions.map((x) => x.monthlyFen)) > max) {
    errors.push(error('HOUSEHOLD.AMOUNT_OUT_OF_RANGE', { zh: '金额超出可处理范围', en: 'Amounts are too large to be real.' }));
  }
  return errors;
}
