import { ApiProperty } from '@nestjs/swagger';
import { ageOn, compareLocalDate } from '@jiuzhu/common';
import { LocalizedTextDoc, PARAMETER_VERSIONS_DOC } from '@jiuzhu/common/http';
import { ABILITY_LEVELS } from './domain/ability-level';
import { ASSESSMENT_STATUSES } from './domain/assessment-workflow';
import { ASSESSMENT_REASONS } from './domain/next-due';
import { NEED_KINDS } from './domain/needs';
import { SELF_CARE_ABILITIES } from './domain/self-care-ability';
import { ABILITY_LEVEL_NAMES } from './domain/ability-level';
import { NEED_KIND_NAMES } from './domain/needs';
import { renderAssessment } from './domain/render-assessment';
import { SELF_CARE_ABILITY_NAMES } from './domain/self-care-ability';
import { AssessmentRow } from './assessment.repository';

class NeedView {
  @ApiProperty({ enum: NEED_KINDS }) kind!: string;
  @ApiProperty({ type: LocalizedTextDoc }) name!: LocalizedTextDoc;
  @ApiProperty({ required: false }) note?: string;
}

class SubtotalView {
  @ApiProperty({ example: 'SELF_CARE' }) indicator!: string;
  @ApiProperty() score!: number;
  @ApiProperty() maxScore!: number;
}

class RaiseView {
  @ApiProperty({ example: 'ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER' }) code!: string;
  @ApiProperty({ enum: ABILITY_LEVELS }) from!: string;
  @ApiProperty({ enum: ABILITY_LEVELS }) to!: string;
  @ApiProperty({ description: 'levels actually added' }) levels!: number;
  @ApiProperty({ nullable: true, enum: ['cap', 'complete', 'coma'], type: String }) limitedBy!: string | null;
}

class ExplanationLineView {
  @ApiProperty({ example: 'level' }) step!: string;
  @ApiProperty({ example: 'ELDER.LEVEL.BY_TOTAL' }) code!: string;
  @ApiProperty({ type: LocalizedTextDoc }) text!: LocalizedTextDoc;
}

class AssessmentResultView {
  @ApiProperty({ description: 'sum of the 26 item scores' }) total!: number;
  @ApiProperty({ example: 90 }) maxTotal!: number;
  @ApiProperty({ enum: ABILITY_LEVELS, description: 'the level the total alone gives' }) preliminaryLevel!: string;
  @ApiProperty({ enum: ABILITY_LEVELS, description: 'after the raises' }) level!: string;
  @ApiProperty({ type: LocalizedTextDoc }) levelName!: LocalizedTextDoc;
  @ApiProperty({ enum: SELF_CARE_ABILITIES }) selfCareAbility!: string;
  @ApiProperty({ type: LocalizedTextDoc }) selfCareAbilityName!: LocalizedTextDoc;
  @ApiProperty({ type: [SubtotalView] }) subtotals!: SubtotalView[];
  @ApiProperty({ type: [RaiseView] }) raises!: RaiseView[];
  @ApiProperty(PARAMETER_VERSIONS_DOC) parameterVersions!: Readonly<Record<string, string>>;
  @ApiProperty({ type: [ExplanationLineView], description: 'the result line by line' }) explanation!: ExplanationLineView[];
}

class CareRiskEventView {
  @ApiProperty({ example: 'fall' }) kind!: string;
  @ApiProperty({ format: 'date' }) on!: string;
}

class ConditionsView {
  @ApiProperty() coma!: boolean;
  @ApiProperty() dementiaDiagnosed!: boolean;
  @ApiProperty() psychiatricDisorderDiagnosed!: boolean;
  @ApiProperty({ type: [CareRiskEventView] }) careRiskEvents!: CareRiskEventView[];
}

class DisputeView {
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty() reason!: string;
}

/** An assessment as the API answers it. */
export class AssessmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'keyed hash of the resident ID number (64 hex)' }) personRef!: string;
  @ApiProperty({ example: '640205********1235' }) maskedIdNumber!: string;
  @ApiProperty({ nullable: true, type: Number }) ageOnAssessment!: number | null;
  @ApiProperty({ example: '640205' }) districtCode!: string;
  @ApiProperty({ nullable: true, type: String, example: '640205001' }) townshipCode!: string | null;
  @ApiProperty({ enum: ASSESSMENT_REASONS }) reason!: string;
  @ApiProperty({ enum: ASSESSMENT_STATUSES }) status!: string;
  @ApiProperty({ type: [String], description: 'staff ids of the two assessors' }) assessors!: string[];
  @ApiProperty({ format: 'date' }) assessedOn!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'item code → score' }) scores!: Record<string, number>;
  @ApiProperty({ type: ConditionsView }) conditions!: ConditionsView;
  @ApiProperty({ type: [NeedView] }) needs!: NeedView[];
  @ApiProperty({ type: AssessmentResultView, nullable: true, description: 'null while a draft' }) result!: AssessmentResultView | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'the next routine assessment is due on this day' }) validUntil!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) supersedes!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) supersededBy!: string | null;
  @ApiProperty({ nullable: true, type: DisputeView }) dispute!: DisputeView | null;
  @ApiProperty({ nullable: true, type: String }) completedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() updatedBy!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** A line of a person's list of assessments. */
export class AssessmentListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ASSESSMENT_STATUSES }) status!: string;
  @ApiProperty({ enum: ASSESSMENT_REASONS }) reason!: string;
  @ApiProperty({ format: 'date' }) assessedOn!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty({ nullable: true, type: String }) townshipCode!: string | null;
  @ApiProperty({ nullable: true, enum: ABILITY_LEVELS, type: String }) level!: string | null;
  @ApiProperty({ nullable: true, type: Number }) total!: number | null;
  @ApiProperty({ nullable: true, enum: SELF_CARE_ABILITIES, type: String }) selfCareAbility!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) validUntil!: string | null;
  @ApiProperty({ nullable: true, type: String }) supersedes!: string | null;
  @ApiProperty({ nullable: true, type: String }) supersededBy!: string | null;
  @ApiProperty() maskedIdNumber!: string;
  @ApiProperty() version!: number;
}

/**
 * What the API returns for an assessment. Fields are listed one by one so a new column never leaks:
 * the ID number is shown masked only, and the birth date (which the masked number hides) only as the
 * age on the assessment date.
 *
 * Masked for every role, the assessor too: this service keeps no full ID number (the assessment
 * needs the birth date and the person's reference, nothing more — issue 12, "stored only where the
 * case needs them"), so there is nothing for `idNumberFor` of libs/auth to show in full. The
 * assessor has the elder's card in hand at the visit; the search takes the number in the body.
 */
export function toAssessmentView(r: AssessmentRow): AssessmentView {
  const res = r.result;
  return {
    id: r.id,
    personRef: r.personRef,
    maskedIdNumber: r.maskedIdNumber,
    ageOnAssessment: compareLocalDate(r.assessedOn, r.birthDate) >= 0 ? ageOn(r.birthDate, r.assessedOn) : null,
    districtCode: r.districtCode,
    townshipCode: r.townshipCode,
    reason: r.reason,
    status: r.status,
    assessors: r.assessors,
    assessedOn: r.assessedOn,
    scores: r.scores,
    conditions: r.conditions,
    needs: r.needs.map((n) => ({ kind: n.kind, name: NEED_KIND_NAMES[n.kind], ...(n.note ? { note: n.note } : {}) })),
    // Stored as data; worded here, so a result reads the same years later whatever is in force today.
    result:
      res === null
        ? null
        : {
            total: res.total,
            maxTotal: res.maxTotal,
            preliminaryLevel: res.preliminaryLevel,
            level: res.finalLevel,
            levelName: ABILITY_LEVEL_NAMES[res.finalLevel],
            selfCareAbility: res.selfCare.ability,
            selfCareAbilityName: SELF_CARE_ABILITY_NAMES[res.selfCare.ability],
            subtotals: res.subtotals.map((s) => ({ indicator: s.indicator, score: s.score, maxScore: s.maxScore })),
            raises: res.raises.map((x) => ({ code: x.code, from: x.from, to: x.to, levels: x.levels, limitedBy: x.limitedBy })),
            parameterVersions: res.parameterVersions,
            explanation: renderAssessment(res),
          },
    validUntil: r.validUntil,
    supersedes: r.supersedes,
    supersededBy: r.supersededBy,
    dispute: r.dispute,
    completedBy: r.completedBy,
    completedAt: r.completedAt,
    version: r.version,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt,
  };
}

/** A line of a person's history: enough to pick an assessment, not the form. */
export function toAssessmentListItem(r: AssessmentRow): AssessmentListItem {
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    assessedOn: r.assessedOn,
    districtCode: r.districtCode,
    townshipCode: r.townshipCode,
    level: r.result?.finalLevel ?? null,
    total: r.result?.total ?? null,
    selfCareAbility: r.result?.selfCare.ability ?? null,
    validUntil: r.validUntil,
    supersedes: r.supersedes,
    supersededBy: r.supersededBy,
    maskedIdNumber: r.maskedIdNumber,
    version: r.version,
  };
}
