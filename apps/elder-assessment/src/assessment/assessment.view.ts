import { ageOn, compareLocalDate } from '@jiuzhu/common';
import { ABILITY_LEVEL_NAMES } from './domain/ability-level';
import { NEED_KIND_NAMES } from './domain/needs';
import { renderAssessment } from './domain/render-assessment';
import { SELF_CARE_ABILITY_NAMES } from './domain/self-care-ability';
import { AssessmentRow } from './assessment.repository';

/**
 * What the API returns for an assessment. Fields are listed one by one so a new column never leaks:
 * the ID number is shown masked only, and the birth date (which the masked number hides) only as the
 * age on the assessment date.
 */
export function toAssessmentView(r: AssessmentRow) {
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
export function toAssessmentListItem(r: AssessmentRow) {
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
