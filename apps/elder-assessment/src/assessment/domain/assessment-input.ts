import { LocalDate, LocalizedText } from '@jiuzhu/common';

/**
 * Care-risk events (照护风险事件) GB/T 42195-2022 names: falls, choking, suicide or self-harm,
 * wandering off. Suicide attempts are recorded as `self_harm`.
 */
export const CARE_RISK_EVENT_KINDS = ['fall', 'choking', 'self_harm', 'wandering'] as const;
export type CareRiskEventKind = (typeof CARE_RISK_EVENT_KINDS)[number];

export const CARE_RISK_EVENT_NAMES: Readonly<Record<CareRiskEventKind, LocalizedText>> = {
  fall: { zh: '跌倒', en: 'fall' },
  choking: { zh: '噎食', en: 'choking' },
  self_harm: { zh: '自杀/自伤', en: 'self-harm' },
  wandering: { zh: '走失', en: 'wandering' },
};

export interface CareRiskEvent {
  kind: CareRiskEventKind;
  on: LocalDate;
}

/** Facts beyond the item scores that change the level (GB/T 42195-2022 level changes). */
export interface AssessmentConditions {
  coma: boolean;
  dementiaDiagnosed: boolean;
  psychiatricDisorderDiagnosed: boolean;
  careRiskEvents: CareRiskEvent[];
}

/** What the two assessors record: a score for each of the 26 items (keyed by item code), the conditions and the date. */
export interface ElderAssessmentInput {
  scores: Readonly<Record<string, number>>;
  conditions: AssessmentConditions;
  assessedOn: LocalDate;
}
