import { addMonths, LocalDate } from '@jiuzhu/common';
import { ElderAssessmentParameters } from './assessment-parameters';

/**
 * Why an assessment was made (policy.md §5): the first one, a routine one, an immediate one after a
 * change in the person's condition, or a re-assessment after a disputed result.
 */
export const ASSESSMENT_REASONS = ['first', 'routine', 'immediate', 'dispute'] as const;
export type AssessmentReason = (typeof ASSESSMENT_REASONS)[number];

/**
 * The date the next routine assessment is due: the assessment date plus the routine interval in
 * force (`elder.reassessment-interval`, default 12 months), clamped to the end of a shorter month
 * (assessed on 29 February 2024 → due 28 February 2025).
 *
 * Every assessment restarts the clock, whatever its reason: an immediate or dispute re-assessment is
 * a full assessment of the person as they are now, so the next routine one is counted from it. The
 * reason is taken (and ignored) so that callers state it and a reader sees that it was considered.
 */
export function nextRoutineAssessmentDue(
  assessment: { assessedOn: LocalDate; reason: AssessmentReason },
  params: Pick<ElderAssessmentParameters, 'reassessmentInterval'>,
): LocalDate {
  return addMonths(assessment.assessedOn, params.reassessmentInterval.routineMonths);
}
