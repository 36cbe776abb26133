import { Area } from '../../parameters/domain/parameter';
import { AbilityLevel, DeductionKind, IncomeKind } from '../../parameters/domain/parameter-keys';

export type { Area } from '../../parameters/domain/parameter';
export type { DeductionKind, IncomeKind } from '../../parameters/domain/parameter-keys';
export { DEDUCTION_KINDS, INCOME_KINDS } from '../../parameters/domain/parameter-keys';

/**
 * The household as declared and verified for a dibao assessment (共同生活的家庭成员, 民发〔2021〕57号).
 * Shapes are validated at the HTTP edge; `assessHousehold` still refuses input that cannot describe
 * a real household (no applicant, an impossible ID number…) with error codes.
 */
export interface Household {
  districtCode: string;
  /** 乡镇/街道 of residence (9 digits, within the district): whose township reviews the case. */
  townshipCode?: string;
  area: Area;
  members: HouseholdMember[];
  incomes: Income[];
  deductions: Deduction[];
  assets: Assets;
}

export const RELATIONS = ['applicant', 'spouse', 'child', 'parent', 'grandparent', 'grandchild', 'sibling', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

export type DisabilityGrade = 1 | 2 | 3 | 4;
export const DISABILITY_KINDS = ['physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple'] as const;
export type DisabilityKind = (typeof DISABILITY_KINDS)[number];

export interface HouseholdMember {
  /** Resident ID number; the birth date used for ages comes from it. Never logged or published. */
  idNumber: string;
  relation: Relation;
  /** As certified on the disability card (残疾人证): grade 1 is the most severe. */
  disability?: { grade: DisabilityGrade; kind: DisabilityKind };
  /** A serious illness recognised under local rules (重病). */
  seriousIllness?: boolean;
  student?: boolean;
  ableToWork?: boolean;
  /**
   * The member's latest elder ability assessment on record, as the elder-assessment service
   * announced it. Never typed in by a caseworker: the service attaches it when the case is submitted
   * or reviewed, so the decision records the level it relied on.
   */
  abilityAssessment?: AbilityAssessmentFact;
  /**
   * The member is supported as a special-hardship person (特困人员) and an officer decided that the
   * household's dibao no longer covers them (hardship-conflicts). Never typed in by a caseworker:
   * the service attaches it to the document at the next decision (submission or review), so the
   * decision records whom it left out and why.
   */
  coverageExclusion?: CoverageExclusionFact;
}

/**
 * Why a member who lives in the household (and whose income still counts in it) is not among the
 * people the dibao covers: 民发〔2021〕43号 supports a special-hardship person on their own, so the
 * household's dibao must not pay for them a second time (policy.md §1 "people covered", §3).
 */
export interface CoverageExclusionFact {
  ground: 'special_hardship';
  /** The conflict record whose resolution decided it (GET /hardship-conflicts). */
  conflictId: string;
  /** The hardship-registry case the person is supported on. */
  hardshipCaseId: string;
}

export interface AbilityAssessmentFact {
  level: AbilityLevel;
  assessmentId: string;
  assessedOn: string;
}

/** Monthly average over the last 12 months, in fen, attributed to one member (0-based index). */
export interface Income {
  memberIndex: number;
  kind: IncomeKind;
  monthlyFen: number;
}

/**
 * A claimed deduction, monthly, in fen. Medical costs are out-of-pocket costs after insurance and
 * medical aid, averaged over 12 months. `memberIndex` is required for `employment` (the deduction
 * is tied to that member's wages) and optional otherwise.
 */
export interface Deduction {
  kind: DeductionKind;
  memberIndex?: number;
  monthlyFen: number;
}

export interface Assets {
  /** Cash, deposits, securities, insurance with a cash value… for the whole household. */
  moneyFen: number;
  homes: number;
  /** Total usable area of all homes. */
  housingAreaSqm: number;
  /** Exempt: needed for living or work (e.g. a disabled person's mobility vehicle). */
  vehicles: { exempt: boolean }[];
}
